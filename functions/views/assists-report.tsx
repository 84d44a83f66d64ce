import { ui } from '../../site/i18n/ui.ts';
import type { AssistReport, AssistWeek, SeriesKey } from '../assists/report.ts';
import { seriesKeys } from '../assists/report.ts';
import { seriesLabel } from '../assists/tables.ts';
import { TrendChart, type TrendSeries } from './trend-chart.tsx';
import { formatDate, formatNumber, formatPercent } from '../../site/utils/format.ts';

const a = ui.assists;

/** One colour per indicator, each ≥ 3:1 against white (graphics contrast). */
const SERIES_COLORS: Record<SeriesKey, string> = {
  vneid: '#1f5fbf',
  'dich-vu-cong': '#a8520a',
  'thanh-toan': '#1d6b35',
  'suc-khoe': '#a1221b',
  'an-toan': '#6b3fa0',
  'kinh-doanh': '#0b6e75',
  khac: '#5d6670',
};

const confirmedColumn = ui.confirm.confirmedColumn;

function PeopleTable({
  nameHeader,
  extraHeader = a.placeColumn,
  rows,
}: {
  nameHeader: string;
  extraHeader?: string;
  rows: { name: string; extra?: string; people: number; confirmed: number }[];
}) {
  const withExtra = rows.some((r) => r.extra !== undefined);
  return (
    <div class="table-wrap">
      <table class="table-stack">
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            {withExtra && <th scope="col">{extraHeader}</th>}
            <th scope="col" class="number">
              {a.peopleColumn}
            </th>
            <th scope="col" class="number">
              {confirmedColumn}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.name}</td>
              {withExtra && <td data-label={extraHeader}>{r.extra}</td>}
              <td class="number" data-label={a.peopleColumn}>
                {formatNumber(r.people)}
              </td>
              <td class="number" data-label={confirmedColumn}>
                {formatNumber(r.confirmed)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "Hỗ trợ người dân" on the report pages: what members recorded, labelled
 * as such and kept apart from page views. `downloads` is the report path
 * with its period query, extended with the format.
 */
export function AssistsSection({
  report,
  placeHeading,
  downloadBase,
  national,
  filter,
}: {
  report: AssistReport;
  placeHeading: string;
  downloadBase: string;
  national: boolean;
  /** Officials' pages: the link that switches between all recorded help and confirmed help only. */
  filter?: { href: string };
}) {
  const { period } = report;
  const series: TrendSeries<AssistWeek>[] = seriesKeys.map((k) => ({ label: seriesLabel(k), color: SERIES_COLORS[k], value: (w) => w.people[k] }));
  const usedTasks = report.tasks.filter((t) => t.people > 0);
  return (
    <section class="assists-report" aria-labelledby="ho-tro-nguoi-dan">
      <h2 id="ho-tro-nguoi-dan">{a.heading}</h2>
      <p class="notice">{a.whatCounted}</p>
      <p>{ui.confirm.confirmedNote}</p>
      {report.confirmedOnly && (
        <p class="notice notice-success" role="status">
          {ui.confirm.filterOn}
        </p>
      )}
      {filter && (
        <p>
          <a href={filter.href}>{report.confirmedOnly ? ui.confirm.filterShowAll : ui.confirm.filterShowConfirmed}</a>
        </p>
      )}
      <dl class="guide-meta usage-totals">
        <div>
          <dt>{a.totalPeople}</dt>
          <dd>{formatNumber(report.total)}</dd>
        </div>
        <div>
          <dt>{ui.confirm.confirmedTotal}</dt>
          <dd>{formatNumber(report.confirmed)}</dd>
        </div>
      </dl>
      {report.total === 0 ? (
        <p>{a.noData}</p>
      ) : (
        <>
          <h3>{a.byTask}</h3>
          <PeopleTable nameHeader={a.taskColumn} rows={usedTasks.map((t) => ({ name: t.label, people: t.people, confirmed: t.confirmed }))} />
          <h3>{a.weeklyHeading}</h3>
          <TrendChart
            id="ho-tro-theo-tuan"
            weeks={report.weeks}
            series={series}
            from={period.from}
            to={period.to}
            title={a.weeklyHeading}
            describe={a.weeklyDescription}
            stacked
          />
          {report.places && report.places.length > 0 && (
            <>
              <h3>{`${a.byPlaceHeading}: ${placeHeading}`}</h3>
              <PeopleTable
                nameHeader={a.placeColumn}
                rows={report.places.map((p) => ({ name: p.name || a.noPlace, people: p.people, confirmed: p.confirmed }))}
              />
            </>
          )}
          {report.teams && report.teams.length > 0 && (
            <>
              <h3>{a.byTeamHeading}</h3>
              <PeopleTable
                nameHeader={a.teamColumn}
                rows={report.teams.map((t) => ({ name: t.name, extra: t.place, people: t.people, confirmed: t.confirmed }))}
              />
            </>
          )}
          {report.members && report.members.length > 0 && (
            <>
              <h3>{a.byMemberHeading}</h3>
              <PeopleTable
                nameHeader={a.memberColumn}
                extraHeader={a.teamColumn}
                rows={report.members.map((m) => ({ name: m.name, extra: m.team, people: m.people, confirmed: m.confirmed }))}
              />
            </>
          )}
        </>
      )}
      <h3>{a.targetsHeading}</h3>
      {report.targets.length === 0 ? (
        <p>{a.noTargets}</p>
      ) : (
        <>
          <p>{a.targetsNote.replace('{to}', formatDate(period.to))}</p>
          <div class="table-wrap">
            <table class="table-stack">
              <thead>
                <tr>
                  <th scope="col">{a.indicatorColumn}</th>
                  <th scope="col" class="number">
                    {a.progressColumn}
                  </th>
                  <th scope="col" class="number">
                    {a.targetColumn}
                  </th>
                  <th scope="col">{a.shareColumn}</th>
                </tr>
              </thead>
              <tbody>
                {report.targets.map((t) => (
                  <tr>
                    <td>{t.label}</td>
                    <td class="number" data-label={a.progressColumn}>
                      {formatNumber(t.progress)}
                    </td>
                    <td class="number" data-label={a.targetColumn}>
                      {formatNumber(t.target)}
                    </td>
                    <td data-label={a.shareColumn}>
                      <progress
                        max={t.target}
                        value={Math.min(t.progress, t.target)}
                        aria-label={`${t.label}: ${a.ofTarget(formatPercent(t.progress, t.target))}`}
                      ></progress>{' '}
                      {a.ofTarget(formatPercent(t.progress, t.target))}
                      {t.denominator ? <>; {a.ofDenominator(formatPercent(t.progress, t.denominator), formatNumber(t.denominator))}</> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {national ? <p>{a.nationalTargetsNote}</p> : null}
        </>
      )}
      <p>
        <a class="button button-secondary" href={`${downloadBase}&dinh-dang=ho-tro-csv`} download>
          {a.csvLink}
        </a>{' '}
        <a class="button button-secondary" href={`${downloadBase}&dinh-dang=ho-tro-xlsx`} download>
          {a.xlsxLink}
        </a>
      </p>
    </section>
  );
}
