// The directory's server-rendered pages (the <main> part; renderInShell adds
// the site's header, footer and CSS).
import { ui } from '../../../site/i18n/ui.ts';
import type { Coverage } from '../../directory/coverage.ts';
import type { CommuneDirectory, ProvinceDirectory, ProvinceSummary } from '../../directory/lookups.ts';
import type { CommuneHit, TeamHit, VillageHit } from '../../directory/search.ts';
import {
  communePath,
  CoverageSummary,
  CoverageTable,
  DIRECTORY_PATH,
  provincePath,
  provinceTitle,
  SearchForm,
  TeamCard,
  TeamsByLevel,
  TeamsSection,
  villageAnchor,
} from './components.tsx';
import { Breadcrumbs } from '../breadcrumbs.tsx';
import { raw } from 'hono/html';
import { NextDutyLine, type NextDuty } from '../roster.tsx';

const t = ui.directory;
const directoryCrumb = { href: DIRECTORY_PATH, label: t.title };

export function indexPage(data: { provinces: ProvinceSummary[]; national: Coverage }) {
  return (
    <>
      <Breadcrumbs />
      <h1>{t.title}</h1>
      <p class="lead">{t.indexIntro}</p>
      <section aria-labelledby="tim-to">
        <h2 id="tim-to">{t.searchHeading}</h2>
        <SearchForm />
      </section>
      <section aria-labelledby="ca-nuoc">
        <h2 id="ca-nuoc">{t.nationalHeading}</h2>
        <CoverageSummary coverage={data.national} />
        <TeamsByLevel coverage={data.national} />
      </section>
      <section aria-labelledby="cac-tinh">
        <h2 id="cac-tinh">{t.provincesHeading}</h2>
        <CoverageTable
          nameHeader={t.colProvince}
          rows={data.provinces.map((p) => ({ href: provincePath(p.code), name: provinceTitle(p), coverage: p.coverage }))}
        />
      </section>
    </>
  ).toString();
}

export function provincePage(province: ProvinceDirectory) {
  const title = provinceTitle(province);
  return (
    <>
      <Breadcrumbs items={[directoryCrumb]} />
      <h1>{title}</h1>
      <CoverageSummary coverage={province.coverage} />
      <TeamsByLevel coverage={province.coverage} />
      <TeamsSection id="to-cap-tinh" heading={t.provinceTeamsHeading} teams={province.teams} />
      <section aria-labelledby="cac-xa">
        <h2 id="cac-xa">{t.communesHeading}</h2>
        {province.communes.length > 0 ? (
          <CoverageTable
            nameHeader={t.colCommune}
            rows={province.communes.map((c) => ({ href: communePath(province.code, c.code), name: c.name, coverage: c.coverage }))}
          />
        ) : (
          <p>{t.noCommuneData}</p>
        )}
      </section>
      <section aria-labelledby="tim-to">
        <h2 id="tim-to">{t.searchHeading}</h2>
        <SearchForm />
      </section>
    </>
  ).toString();
}

/** `schedule`: the commune's shifts and sessions block (views/roster.tsx), already rendered. */
export function communePage(commune: CommuneDirectory, schedule = '') {
  const provinceName = provinceTitle(commune.province);
  const withTeams = commune.villages.filter((v) => v.teams.length > 0);
  const withoutTeams = commune.villages.filter((v) => v.teams.length === 0);
  return (
    <>
      <Breadcrumbs items={[directoryCrumb, { href: provincePath(commune.province.code), label: provinceName }]} />
      <h1>{commune.name}</h1>
      <p class="lead">{provinceName}</p>
      <CoverageSummary coverage={commune.coverage} />
      {raw(schedule)}
      <TeamsSection id="to-cap-xa" heading={t.communeTeamsHeading} teams={commune.teams} />
      <section aria-labelledby="cac-thon">
        <h2 id="cac-thon">{t.villagesHeading}</h2>
        {commune.villages.length === 0 ? <p>{t.noVillages}</p> : null}
        {withTeams.map((v) => (
          <section class="village" id={villageAnchor(v.id)} aria-labelledby={`${villageAnchor(v.id)}-ten`}>
            <h3 id={`${villageAnchor(v.id)}-ten`}>{v.name}</h3>
            {v.teams.map((team) => (
              <TeamCard team={team} headingLevel={4} />
            ))}
          </section>
        ))}
        {withoutTeams.length > 0 ? (
          <>
            <h3>{t.villagesWithoutTeam}</h3>
            <ul class="villages-without-team">
              {withoutTeams.map((v) => (
                <li id={villageAnchor(v.id)}>{v.name}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  ).toString();
}

export type SearchOutcome =
  | { kind: 'empty' }
  | { kind: 'message'; message: string }
  | { kind: 'results'; communes: CommuneHit[]; villages: VillageHit[]; teams: TeamHit[]; nextDuty?: Map<string, NextDuty> };

export function searchPage(query: string, outcome: SearchOutcome) {
  return (
    <>
      <Breadcrumbs items={[directoryCrumb]} />
      <h1>{t.searchTitle}</h1>
      <SearchForm query={query} />
      {outcome.kind === 'empty' ? <p>{t.searchEmpty}</p> : null}
      {outcome.kind === 'message' ? (
        <p class="notice notice-warning" role="status">
          {outcome.message}
        </p>
      ) : null}
      {outcome.kind === 'results' ? (
        <section aria-labelledby="ket-qua">
          <h2 id="ket-qua">{t.searchResultsFor(query)}</h2>
          {outcome.communes.length === 0 && outcome.villages.length === 0 && outcome.teams.length === 0 ? (
            <p class="notice" role="status">
              {t.searchNoResult}
            </p>
          ) : null}
          {outcome.communes.length > 0 ? (
            <>
              <h3>{t.searchCommunes}</h3>
              <ul class="search-results">
                {outcome.communes.map((c) => (
                  <li>
                    <a href={communePath(c.provinceCode, c.code)}>{c.name}</a>, {provinceTitle({ name: c.provinceName, kind: c.provinceKind })}
                    <NextDutyLine duty={outcome.nextDuty?.get(c.code)} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {outcome.villages.length > 0 ? (
            <>
              <h3>{t.searchVillages}</h3>
              <ul class="search-results">
                {outcome.villages.map((v) => (
                  <li>
                    <a href={`${communePath(v.provinceCode, v.communeCode)}#${villageAnchor(v.id)}`}>{v.name}</a>, {v.communeName},{' '}
                    {provinceTitle({ name: v.provinceName, kind: v.provinceKind })} — {v.hasTeam ? t.searchHasTeam : t.noTeamYet}
                    <NextDutyLine duty={outcome.nextDuty?.get(v.communeCode)} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {outcome.teams.length > 0 ? (
            <>
              <h3>{ui.directoryGuideSearch.teams}</h3>
              <ul class="search-results team-results">
                {outcome.teams.map((team) => (
                  <li>
                    <a href={`${team.communeCode ? communePath(team.provinceCode, team.communeCode) : provincePath(team.provinceCode)}#to-${team.id}`}>
                      {team.name}
                    </a>
                    , {team.communeName ? `${team.communeName}, ` : ''}
                    {provinceTitle({ name: team.provinceName, kind: team.provinceKind })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>
            {ui.directoryGuideSearch.lead} <a href={`/tim-kiem/?${new URLSearchParams({ q: query })}`}>{ui.directoryGuideSearch.link(query)}</a>
          </p>
        </section>
      ) : null}
    </>
  ).toString();
}
