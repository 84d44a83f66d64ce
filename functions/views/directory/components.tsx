// Pieces shared by the directory pages. Plain HTML, no script: the pages must
// work on any phone, with JavaScript off.
import type { FC } from 'hono/jsx';
import { ui } from '../../../site/i18n/ui.ts';
import type { Coverage } from '../../directory/coverage.ts';
import type { PublicMember, PublicTeam } from '../../directory/lookups.ts';
import { SEARCH_MAX_LENGTH } from '../../directory/search.ts';
import { FieldInput } from '../field.tsx';
import { formatDate, formatNumber } from '../../../site/utils/format.ts';
import { formatPhone, telHref } from './format.ts';

const t = ui.directory;

export const DIRECTORY_PATH = '/to-cong-nghe-so/';
export const provincePath = (code: string) => `${DIRECTORY_PATH}${code}/`;
export const communePath = (provinceCode: string, communeCode: string) => `${DIRECTORY_PATH}${provinceCode}/${communeCode}/`;
export const villageAnchor = (id: number) => `thon-${id}`;

/** "Đắk Lắk" (kind Tỉnh) → "Tỉnh Đắk Lắk"; names that already say what they are stay as they are. */
export function provinceTitle(p: { name: string; kind?: string }): string {
  return p.kind === 'Tỉnh' && !/^Tỉnh\s/.test(p.name) ? `Tỉnh ${p.name}` : p.name;
}

/** "662/968 thôn, tổ dân phố có tổ · 1.204 tổ · 7.000 thành viên" */
export const CoverageSummary: FC<{ coverage: Coverage }> = ({ coverage }) => (
  <ul class="coverage-summary">
    <li>
      <strong>{t.villagesCovered(formatNumber(coverage.villagesWithTeam), formatNumber(coverage.villages))}</strong>
    </li>
    <li>{t.teamsCount(formatNumber(coverage.teams.total))}</li>
    <li>{t.membersCount(formatNumber(coverage.members))}</li>
  </ul>
);

export const TeamsByLevel: FC<{ coverage: Coverage }> = ({ coverage }) => (
  <p class="coverage-levels">
    {t.teamsByLevel}:{' '}
    {(['province', 'commune', 'village', 'organisation'] as const).map((level) => `${t.levels[level]} ${formatNumber(coverage.teams[level])}`).join(' · ')}
  </p>
);

/**
 * A table of places (provinces or communes) with their coverage; every name
 * links to its page. On phones .table-stack turns each row into a block with
 * the column names written out.
 */
export const CoverageTable: FC<{ nameHeader: string; rows: { href: string; name: string; coverage: Coverage }[] }> = ({ nameHeader, rows }) => (
  <div class="table-wrap">
    <table class="table-stack coverage-table">
      <thead>
        <tr>
          <th scope="col">{nameHeader}</th>
          <th scope="col" class="number">
            {t.colVillagesWithTeam}
          </th>
          <th scope="col" class="number">
            {t.colTeams}
          </th>
          <th scope="col" class="number">
            {t.colMembers}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">
              <a href={r.href}>{r.name}</a>
            </th>
            <td class="number" data-label={t.colVillagesWithTeam}>
              {formatNumber(r.coverage.villagesWithTeam)}/{formatNumber(r.coverage.villages)}
            </td>
            <td class="number" data-label={t.colTeams}>
              {formatNumber(r.coverage.teams.total)}
            </td>
            <td class="number" data-label={t.colMembers}>
              {formatNumber(r.coverage.members)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/**
 * "Find your team": a plain GET form, so it works with JavaScript off. Named,
 * so it is told apart from the header's guide search (two search landmarks).
 */
export const SearchForm: FC<{ query?: string }> = ({ query }) => (
  // biome-ignore lint/a11y/useSemanticElements: <search> is too new for the cheap phones' browsers; role="search" is the landmark they know.
  <form class="directory-search" method="get" action={`${DIRECTORY_PATH}tim/`} role="search" aria-label={t.searchTitle}>
    <FieldInput
      id="directory-q"
      label={t.searchLabel}
      hint={t.searchHint}
      name="q"
      type="search"
      value={query ?? ''}
      required
      maxlength={SEARCH_MAX_LENGTH}
      autocomplete="off"
    />
    <button type="submit">{t.searchButton}</button>
  </form>
);

const MemberItem: FC<{ member: PublicMember }> = ({ member }) => (
  <li>
    <strong>{member.name}</strong>
    {' — '}
    {t.roles[member.role]}
    {member.position ? `, ${member.position}` : ''}
    {member.phone ? (
      <>
        {' · '}
        <a href={telHref(member.phone)} aria-label={`${t.callLabel(member.name)}: ${formatPhone(member.phone)}`}>
          {formatPhone(member.phone)}
        </a>
      </>
    ) : null}
  </li>
);

/** One team: name, founding decision, Zalo group button, members (leader first). */
export const TeamCard: FC<{ team: PublicTeam; headingLevel: 3 | 4 }> = ({ team, headingLevel }) => {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <article class="card team-card" id={`to-${team.id}`}>
      <Heading>{team.name}</Heading>
      {team.decisionNumber ? <p class="team-decision">{t.decision(team.decisionNumber, team.decisionDate ? formatDate(team.decisionDate) : '')}</p> : null}
      {team.zaloUrl ? (
        <p>
          <a class="button" href={team.zaloUrl} rel="noopener noreferrer">
            {t.zaloButton}
          </a>
        </p>
      ) : null}
      {team.members.length > 0 ? (
        <ul class="team-members" aria-label={t.membersHeading}>
          {team.members.map((m) => (
            <MemberItem member={m} />
          ))}
        </ul>
      ) : null}
    </article>
  );
};

/** A section of teams not tied to one village (province- or commune-level, organisations); nothing when there are none. */
export const TeamsSection: FC<{ id: string; heading: string; teams: PublicTeam[] }> = ({ id, heading, teams }) =>
  teams.length > 0 ? (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {teams.map((team) => (
        <TeamCard team={team} headingLevel={3} />
      ))}
    </section>
  ) : null;
