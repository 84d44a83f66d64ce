import { ui } from '../../site/i18n/ui.ts';
import { guideUrl } from '../../site/utils/urls.ts';
import { type GuideUsage, lastWeeks, PRESET_WEEKS, type UsageReport, type UsageTotals } from '../usage/report.ts';
import { TrendChart, type TrendSeries } from './trend-chart.tsx';
import { Breadcrumbs } from './breadcrumbs.tsx';
import { formatDate, formatNumber } from '../../site/utils/format.ts';

export interface PlaceLink {
  href: string;
  label: string;
}

export interface UsageReportPageProps {
  report: UsageReport;
  heading: string;
  /** Path of this report page: the period form submits to it, the CSV link extends it. */
  path: string;
  /** Where this place sits: national → province → commune. */
  breadcrumbs: PlaceLink[];
  /** Reports one level down (provinces, or communes with teams). */
  places: { heading: string; links: PlaceLink[] } | null;
  /** The "Hỗ trợ người dân" section (functions/views/assists-report.tsx), shown after the period. */
  assists?: unknown;
}

/** Guides listed on the page; the CSV has them all. */
const GUIDES_ON_PAGE = 20;
const VIEWS_COLOR = '#1f5fbf';
const SHARES_COLOR = '#a8520a';

function count(n: number | null) {
  return n === null ? <span title={ui.usage.notMeasuredHere}>—</span> : formatNumber(n);
}

interface Measure {
  label: string;
  value: (counts: UsageTotals) => number | null;
}

/** The counts a report shows, in order: a place's report has share clicks only (views and helpful answers are national). */
function measuresOf(measuresViews: boolean): Measure[] {
  const shareClicks: Measure = { label: ui.usage.shareClicks, value: (c) => c.shareClicks };
  if (!measuresViews) return [shareClicks];
  return [
    { label: ui.usage.views, value: (c) => c.views },
    shareClicks,
    { label: ui.usage.helpfulYes, value: (c) => c.helpfulYes },
    { label: ui.usage.helpfulNo, value: (c) => c.helpfulNo },
  ];
}

function GuidesTable({ guides, columns }: { guides: GuideUsage[]; columns: Measure[] }) {
  if (guides.length === 0) return <p>{ui.usage.noData}</p>;
  return (
    <div class="table-wrap">
      <table class="table-stack">
        <thead>
          <tr>
            <th scope="col">{ui.usage.guideColumn}</th>
            {columns.map((col) => (
              <th scope="col" class="number">
                {col.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {guides.map((g) => (
            <tr>
              <td>
                <a href={guideUrl(g.slug)}>{g.title}</a>
              </td>
              {columns.map((col) => (
                <td class="number" data-label={col.label}>
                  {count(col.value(g))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The body of /thong-ke/, /thong-ke/<province>/ and /thong-ke/<province>/<commune>/. */
export function UsageReportPage({ report, heading, path, breadcrumbs, places, assists }: UsageReportPageProps) {
  const { period, totals, measuresViews } = report;
  const measures = measuresOf(measuresViews);
  const query = `from=${period.from}&to=${period.to}`;
  const series: TrendSeries[] = [
    ...(measuresViews ? [{ label: ui.usage.views, color: VIEWS_COLOR, value: (w: { views: number | null }) => w.views ?? 0 }] : []),
    { label: ui.usage.shareClicks, color: SHARES_COLOR, value: (w) => w.shareClicks },
  ];
  return (
    <div class="usage-report">
      <Breadcrumbs items={breadcrumbs} />
      <h1>{heading}</h1>

      <form method="get" action={path} class="usage-period">
        <fieldset>
          <legend>{ui.usage.periodLegend}</legend>
          <p class="field">
            <label for="tu-ngay">{ui.usage.from}</label>
            <br />
            <input id="tu-ngay" type="date" name="from" value={period.from} required />
          </p>
          <p class="field">
            <label for="den-ngay">{ui.usage.to}</label>
            <br />
            <input id="den-ngay" type="date" name="to" value={period.to} required />
          </p>
          <button type="submit">{ui.usage.show}</button>
        </fieldset>
      </form>
      <p class="usage-presets">
        {ui.usage.presetsLabel}{' '}
        {PRESET_WEEKS.map((weeks, i) => {
          const preset = lastWeeks(weeks);
          const current = preset.from === period.from && preset.to === period.to;
          return (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={`${path}?from=${preset.from}&to=${preset.to}`} aria-current={current ? 'true' : undefined}>
                {ui.usage.presetWeeks.replace('{weeks}', String(weeks))}
              </a>
            </>
          );
        })}
      </p>
      <p>{ui.usage.periodSummary.replace('{from}', formatDate(period.from)).replace('{to}', formatDate(period.to))}</p>
      {assists}

      <h2>{ui.usage.totalsHeading}</h2>
      <dl class="guide-meta usage-totals">
        {measures.map((m) => (
          <div>
            <dt>{m.label}</dt>
            <dd>{count(m.value(totals))}</dd>
          </div>
        ))}
      </dl>

      <h2>{ui.usage.guidesHeading}</h2>
      <GuidesTable guides={report.guides.slice(0, GUIDES_ON_PAGE)} columns={measures} />
      {report.guides.length > GUIDES_ON_PAGE ? (
        <p>{ui.usage.moreGuidesInCsv.replace('{shown}', String(GUIDES_ON_PAGE)).replace('{total}', String(report.guides.length))}</p>
      ) : null}
      <p>
        <a class="button button-secondary" href={`${path}?${query}&dinh-dang=csv`} download>
          {ui.usage.csvLink}
        </a>
      </p>

      <h2>{ui.usage.trendHeading}</h2>
      <TrendChart id="xu-huong" weeks={report.weeks} series={series} from={period.from} to={period.to} />

      <h2>{ui.usage.teamsHeading}</h2>
      {report.topTeams.length === 0 ? (
        <p>{ui.usage.noTeams}</p>
      ) : (
        <div class="table-wrap">
          <table class="table-stack">
            <thead>
              <tr>
                <th scope="col">{ui.usage.teamColumn}</th>
                <th scope="col">{ui.usage.placeColumn}</th>
                <th scope="col" class="number">
                  {ui.usage.shareClicks}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.topTeams.map((t) => (
                <tr>
                  <td>
                    <strong>{t.name}</strong>
                  </td>
                  <td data-label={ui.usage.placeColumn}>{t.commune ? `${t.commune}, ${t.province}` : t.province}</td>
                  <td class="number" data-label={ui.usage.shareClicks}>
                    {formatNumber(t.shareClicks)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {places && places.links.length > 0 ? (
        <details>
          <summary>{places.heading}</summary>
          <ul class="usage-places">
            {places.links.map((p) => (
              <li>
                <a href={`${p.href}?${query}`}>{p.label}</a>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <h2>{ui.usage.howHeading}</h2>
      <ul>
        <li>{ui.usage.howViews}</li>
        <li>{ui.usage.howNotCounted}</li>
        <li>{ui.usage.howLimits}</li>
        <li>{ui.usage.howShares}</li>
        <li>{ui.usage.howNational}</li>
      </ul>
    </div>
  );
}

/** The body of a report page asked for an impossible period. */
export function BadPeriod({ message, path }: { message: string; path: string }) {
  return (
    <div>
      <h1>{ui.usage.badPeriodTitle}</h1>
      <p>{message}</p>
      <p>
        <a href={path}>{ui.usage.badPeriodBack}</a>
      </p>
    </div>
  );
}
