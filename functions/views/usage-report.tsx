import { ui } from '../../site/i18n/ui.ts';
import type { GuideUsage, UsageReport } from '../usage/report.ts';
import { TrendChart, type TrendSeries } from './trend-chart.tsx';
import { formatDay, formatNumber } from './usage-format.ts';

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
}

/** Guides listed on the page; the CSV has them all. */
const GUIDES_ON_PAGE = 20;
const VIEWS_COLOR = '#1f5fbf';
const SHARES_COLOR = '#a8520a';

function count(n: number | null) {
  return n === null ? <span title={ui.usage.notMeasuredHere}>—</span> : formatNumber(n);
}

function GuidesTable({ guides, measuresViews }: { guides: GuideUsage[]; measuresViews: boolean }) {
  if (guides.length === 0) return <p>{ui.usage.noData}</p>;
  const columns: { label: string; value: (g: GuideUsage) => number | null }[] = [
    ...(measuresViews ? [{ label: ui.usage.views, value: (g: GuideUsage) => g.views }] : []),
    { label: ui.usage.shareClicks, value: (g) => g.shareClicks },
    ...(measuresViews
      ? [
          { label: ui.usage.helpfulYes, value: (g: GuideUsage) => g.helpfulYes },
          { label: ui.usage.helpfulNo, value: (g: GuideUsage) => g.helpfulNo },
        ]
      : []),
  ];
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
                <a href={`/huong-dan/${g.slug}/`}>{g.title}</a>
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
export function UsageReportPage({ report, heading, path, breadcrumbs, places }: UsageReportPageProps) {
  const { period, totals, measuresViews } = report;
  const query = `from=${period.from}&to=${period.to}`;
  const series: TrendSeries[] = [
    ...(measuresViews ? [{ label: ui.usage.views, color: VIEWS_COLOR, value: (w: { views: number | null }) => w.views ?? 0 }] : []),
    { label: ui.usage.shareClicks, color: SHARES_COLOR, value: (w) => w.shareClicks },
  ];
  return (
    <div class="usage-report">
      <nav class="breadcrumbs" aria-label={ui.breadcrumbs.label}>
        <ol>
          {[{ href: '/', label: ui.breadcrumbs.home }, ...breadcrumbs].map((b) => (
            <li>
              <a href={b.href}>{b.label}</a>
            </li>
          ))}
        </ol>
      </nav>
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
      <p>{ui.usage.periodSummary.replace('{from}', formatDay(period.from)).replace('{to}', formatDay(period.to))}</p>

      <h2>{ui.usage.totalsHeading}</h2>
      <dl class="guide-meta usage-totals">
        {measuresViews ? (
          <div>
            <dt>{ui.usage.views}</dt>
            <dd>{count(totals.views)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{ui.usage.shareClicks}</dt>
          <dd>{count(totals.shareClicks)}</dd>
        </div>
        {measuresViews ? (
          <div>
            <dt>{ui.usage.helpfulYes}</dt>
            <dd>{count(totals.helpfulYes)}</dd>
          </div>
        ) : null}
        {measuresViews ? (
          <div>
            <dt>{ui.usage.helpfulNo}</dt>
            <dd>{count(totals.helpfulNo)}</dd>
          </div>
        ) : null}
      </dl>

      <h2>{ui.usage.guidesHeading}</h2>
      <GuidesTable guides={report.guides.slice(0, GUIDES_ON_PAGE)} measuresViews={measuresViews} />
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
