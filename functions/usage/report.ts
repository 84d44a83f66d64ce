import { z } from 'zod';
import { ui } from '../../site/i18n/ui.ts';
import { formatDate } from '../../site/utils/format.ts';
import { byTitle, type GuideEntry } from '../guide-catalog.ts';
import { utcDay } from './visitor.ts';

/** Longest period one report covers (a leap year). */
export const MAX_REPORT_DAYS = 366;
/** Default period: the last twelve weeks, Monday to today. */
export const DEFAULT_WEEKS = 12;
/** The periods the report page offers in one tap (weeks, Monday to today); usage_windows keeps their teams' totals. */
export const PRESET_WEEKS = [DEFAULT_WEEKS, 52] as const;

/** A province or commune code as reports take it (checked against the directory afterwards). */
export const placeCode = z.string().regex(/^[0-9A-Za-z]{1,12}$/, ui.api.placeCodeFormat);
// Empty form fields (`?from=&to=`) mean "not given".
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** Query of GET /api/usage and of the /thong-ke/ pages (which take the place from the path). */
export const usageQuerySchema = z.object({
  province: z.preprocess(blankToUndefined, placeCode.optional()),
  commune: z.preprocess(blankToUndefined, placeCode.optional()),
  team: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/, ui.api.teamIdFormat)
      .transform(Number)
      .optional(),
  ),
  from: z.preprocess(blankToUndefined, z.iso.date(ui.api.fromFormat).optional()),
  to: z.preprocess(blankToUndefined, z.iso.date(ui.api.toFormat).optional()),
});
export type UsageQuery = z.infer<typeof usageQuerySchema>;

export class ReportInputError extends Error {
  readonly status: 400 | 404;
  readonly code: string;
  // Plain fields, not parameter properties: scripts import this module under Node's type stripping.
  constructor(status: 400 | 404, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayFromNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** A day (YYYY-MM-DD) moved by whole days, in UTC. */
export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

/** Monday of the ISO week a day is in. */
export function weekStart(day: string): string {
  const n = dayNumber(day);
  const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
  return dayFromNumber(n - weekday);
}

export interface Period {
  from: string;
  to: string;
}

/** Most weeks a period of MAX_REPORT_DAYS touches. */
const MAX_REPORT_WEEKS = Math.ceil(MAX_REPORT_DAYS / 7) + 1;

/**
 * The Monday of every week a period touches, first to last (the weeks of a
 * report's chart). Counted as day numbers, never by comparing strings, and
 * never more than a report's longest period has: no input makes it loop.
 */
export function mondaysOf(period: Period): string[] {
  const first = dayNumber(weekStart(period.from));
  const weeks = Math.floor((dayNumber(period.to) - first) / 7) + 1;
  if (!Number.isInteger(weeks) || weeks > MAX_REPORT_WEEKS) throw new RangeError(`period ${period.from}–${period.to} is not a report period`);
  return Array.from({ length: Math.max(weeks, 0) }, (_, i) => dayFromNumber(first + 7 * i));
}

/** The last `weeks` weeks up to `to`: from the Monday (weeks − 1) weeks before to's own Monday. */
export function lastWeeks(weeks: number, to = utcDay()): Period {
  return { from: addDays(weekStart(to), -7 * (weeks - 1)), to };
}

/** First day a report may cover: before the teams' programme began, nothing was counted. */
export const EARLIEST_REPORT_DAY = '2020-01-01';
/** Last day a report may cover: a year ahead of today (a period being planned), never year 9999. */
export const latestReportDay = (today = utcDay()) => addDays(today, MAX_REPORT_DAYS);

/** The report period: both ends inclusive, within the reporting window, from ≤ to, at most a year. */
export function resolvePeriod(query: Pick<UsageQuery, 'from' | 'to'>, today = utcDay()): Period {
  const earliest = dayNumber(EARLIEST_REPORT_DAY);
  const latest = dayNumber(latestReportDay(today));
  const inWindow = (day: string | undefined) => day === undefined || (dayNumber(day) >= earliest && dayNumber(day) <= latest);
  if (!inWindow(query.from) || !inWindow(query.to)) {
    throw new ReportInputError(400, 'invalid_parameter', ui.badInput.periodOutOfRange(formatDate(EARLIEST_REPORT_DAY), formatDate(latestReportDay(today))));
  }
  const to = query.to ?? today;
  const from = query.from ?? lastWeeks(DEFAULT_WEEKS, to).from;
  if (dayNumber(from) > dayNumber(to)) throw new ReportInputError(400, 'invalid_parameter', ui.api.periodOrder);
  if (dayNumber(to) - dayNumber(from) + 1 > MAX_REPORT_DAYS) {
    throw new ReportInputError(400, 'invalid_parameter', ui.api.periodTooLong);
  }
  return { from, to };
}

export type Scope =
  | { level: 'national' }
  | { level: 'province'; province: { code: string; name: string } }
  | {
      level: 'commune';
      province: { code: string; name: string };
      commune: { code: string; name: string };
    }
  | {
      level: 'team';
      province: { code: string; name: string };
      commune: { code: string; name: string } | null;
      team: { id: number; name: string };
    };

/** The place a report covers, in words (headings, spreadsheet cells). */
export function scopeName(scope: Scope): string {
  switch (scope.level) {
    case 'national':
      return ui.usage.nationalLink;
    case 'province':
      return scope.province.name;
    case 'commune':
      return `${scope.commune.name}, ${scope.province.name}`;
    case 'team':
      return scope.team.name;
  }
}

/** Resolves the place filters against the directory; anything unknown (or not inside the province given) is a 404. */
export async function resolveScope(db: D1Database, query: Pick<UsageQuery, 'province' | 'commune' | 'team'>): Promise<Scope> {
  const notFound = (message: string) => new ReportInputError(404, 'not_found', message);
  const says = ui.api.reportPlaceNotFound;
  const province = query.province
    ? await db.prepare('SELECT code, name FROM provinces WHERE code = ?').bind(query.province).first<{ code: string; name: string }>()
    : null;
  if (query.province && !province) throw notFound(says.province(query.province));

  const commune = query.commune
    ? await db
        .prepare('SELECT code, name, province_code AS provinceCode FROM communes WHERE code = ?')
        .bind(query.commune)
        .first<{ code: string; name: string; provinceCode: string }>()
    : null;
  if (query.commune && (!commune || (province && commune.provinceCode !== province.code))) {
    throw notFound(says.commune(query.commune, province?.name));
  }

  if (query.team !== undefined) {
    const team = await db
      .prepare(
        `SELECT t.id, t.name, t.province_code AS provinceCode, p.name AS provinceName,
                t.commune_code AS communeCode, c.name AS communeName
         FROM teams t JOIN provinces p ON p.code = t.province_code
         LEFT JOIN communes c ON c.code = t.commune_code
         WHERE t.id = ?`,
      )
      .bind(query.team)
      .first<{ id: number; name: string; provinceCode: string; provinceName: string; communeCode: string | null; communeName: string | null }>();
    if (!team || (province && team.provinceCode !== province.code) || (commune && team.communeCode !== commune.code)) {
      throw notFound(says.team(query.team));
    }
    return {
      level: 'team',
      province: { code: team.provinceCode, name: team.provinceName },
      commune: team.communeCode && team.communeName ? { code: team.communeCode, name: team.communeName } : null,
      team: { id: team.id, name: team.name },
    };
  }
  if (commune) {
    const parent =
      province ?? (await db.prepare('SELECT code, name FROM provinces WHERE code = ?').bind(commune.provinceCode).first<{ code: string; name: string }>());
    if (!parent) throw notFound(says.communeProvince(commune.code));
    return { level: 'commune', province: parent, commune: { code: commune.code, name: commune.name } };
  }
  if (province) return { level: 'province', province };
  return { level: 'national' };
}

/**
 * Which of usage_daily's rows belong to a commune's or a team's report (?3 is
 * the place). Every team below province level carries its commune (a village
 * team too: the directory import finds its village within that commune).
 */
function teamsOfPlace(scope: Extract<Scope, { level: 'commune' | 'team' }>): { sql: string; params: (string | number)[] } {
  return scope.level === 'commune'
    ? { sql: 'team_id IN (SELECT id FROM teams WHERE commune_code = ?3)', params: [scope.commune.code] }
    : { sql: 'team_id = ?3', params: [scope.team.id] };
}

/**
 * The rows a report sums, as (day, guide, views, shareClicks, helpfulYes,
 * helpfulNo) for a scope; ?1 and ?2 are the period's ends, ?3 the place.
 * Nationally they come from the national totals, in a province from its
 * share-click rollup (migration 0008), both a row per day and guide; a
 * commune's or a team's from usage_daily through the teams index.
 */
function usageRows(scope: Scope): { sql: string; params: (string | number)[] } {
  switch (scope.level) {
    case 'national':
      return {
        sql: `SELECT day, guide, views, share_clicks AS shareClicks, helpful_yes AS helpfulYes, helpful_no AS helpfulNo
              FROM usage_national_daily WHERE day BETWEEN ?1 AND ?2`,
        params: [],
      };
    case 'province':
      return {
        sql: `SELECT day, guide, 0 AS views, count AS shareClicks, 0 AS helpfulYes, 0 AS helpfulNo
              FROM usage_province_daily WHERE province_code = ?3 AND day BETWEEN ?1 AND ?2`,
        params: [scope.province.code],
      };
    default: {
      const teams = teamsOfPlace(scope);
      return {
        sql: `SELECT day, guide, 0 AS views, CASE WHEN kind = 'share_click' THEN count ELSE 0 END AS shareClicks, 0 AS helpfulYes, 0 AS helpfulNo
              FROM usage_daily WHERE day BETWEEN ?1 AND ?2 AND ${teams.sql}`,
        params: teams.params,
      };
    }
  }
}

/**
 * Share clicks per team over the period, as (team_id, shareClicks), for a
 * scope; same parameters as usageRows. A province reads its rollup by team
 * and day (one key range); the country sums usage_daily — a year of every
 * team's rows, which is why periods near a preset read running totals instead
 * (anchorOf).
 */
function teamClicks(scope: Scope): { sql: string; params: (string | number)[] } {
  if (scope.level === 'province') {
    return {
      sql: 'SELECT team_id, sum(count) AS shareClicks FROM usage_team_daily WHERE province_code = ?3 AND day BETWEEN ?1 AND ?2 GROUP BY team_id',
      params: [scope.province.code],
    };
  }
  const teams = scope.level === 'national' ? { sql: 'team_id <> 0', params: [] } : teamsOfPlace(scope);
  return {
    sql: `SELECT team_id, sum(count) AS shareClicks FROM usage_daily WHERE day BETWEEN ?1 AND ?2 AND kind = 'share_click' AND ${teams.sql} GROUP BY team_id`,
    params: teams.params,
  };
}

/** How far a period may start from a window's first day for the window to serve it (days summed on top or taken off). */
const MAX_ANCHOR_DAYS = 31;

/**
 * The running totals (usage_team_window) nearest to this period, if it starts
 * within MAX_ANCHOR_DAYS of a window's first day (one the Cron Trigger has
 * already moved to this week: functions/usage/windows.ts) and ends today —
 * nationally, within MAX_ANCHOR_DAYS before today. A period's clicks are then
 * the window's, plus the days before the window (period starts earlier) or
 * minus its first days (period starts later), minus the days after its end.
 */
async function anchorOf(db: D1Database, scope: Scope, period: Period, today: string): Promise<{ name: string; fromDay: string } | null> {
  const endsNearToday = scope.level === 'national' ? period.to <= today && dayNumber(today) - dayNumber(period.to) <= MAX_ANCHOR_DAYS : period.to === today;
  if (!endsNearToday || (scope.level !== 'national' && scope.level !== 'province')) return null;
  const { results } = await db.prepare('SELECT name, from_day AS fromDay FROM usage_windows').all<{ name: string; fromDay: string }>();
  const distance = (w: { fromDay: string }) => Math.abs(dayNumber(w.fromDay) - dayNumber(period.from));
  // A window the period starts on or after only loses days: the cheap case (windows.ts WINDOW_LEAD_WEEKS).
  const after = (w: { fromDay: string }) => (w.fromDay <= period.from ? 0 : 1);
  const nearest = results.filter((w) => distance(w) <= MAX_ANCHOR_DAYS).sort((a, b) => after(a) - after(b) || distance(a) - distance(b))[0];
  return nearest ?? null;
}

/**
 * A province's share clicks per team over a period, from the nearest window:
 * its teams' running totals (teams of the province now) with the days between
 * the window's first day and the period's added or taken off (?1 window,
 * ?2 province, ?3 +1 or −1, ?4 and ?5 those days).
 */
function provinceClicksFromWindow(anchor: { name: string; fromDay: string }, period: Period, province: string): { sql: string; params: (string | number)[] } {
  const earlier = period.from < anchor.fromDay;
  const [deltaFrom, deltaTo] = earlier ? [period.from, addDays(anchor.fromDay, -1)] : [anchor.fromDay, addDays(period.from, -1)];
  return {
    sql: `SELECT team_id, sum(c) AS shareClicks FROM (
            SELECT w.team_id, w.count AS c FROM teams t JOIN usage_team_window w ON w.window_name = ?1 AND w.team_id = t.id WHERE t.province_code = ?2
            UNION ALL
            SELECT team_id, ?3 * count FROM usage_team_daily WHERE province_code = ?2 AND day BETWEEN ?4 AND ?5)
          GROUP BY team_id HAVING sum(c) > 0`,
    params: [anchor.name, province, earlier ? 1 : -1, deltaFrom, deltaTo],
  };
}

/** How many teams a report ranks. */
export const TOP_TEAMS = 10;

/** Names and places of the top teams; ties in clicks go by name, then id, whichever way the clicks were summed. */
const TOP_TEAMS_SELECT = `SELECT t.id, t.name, p.name AS province, c.name AS commune, s.shareClicks
  FROM ranked s JOIN teams t ON t.id = s.team_id
  JOIN provinces p ON p.code = t.province_code
  LEFT JOIN communes c ON c.code = t.commune_code
  ORDER BY s.shareClicks DESC, t.name, t.id LIMIT ${TOP_TEAMS}`;

/**
 * The window's teams whose totals a national ranking checks first to bound
 * the tenth place (nationalClicksFromWindow): enough that the tenth of them is
 * close to the true tenth, few enough to cost nothing.
 */
const HEAD_TEAMS = 100;

/**
 * A team's share clicks on the days between a window's first day and the
 * period's (?2 to ?3), through usage_daily's team index: cheap per team,
 * which is why only the candidates below get it.
 */
const EDGE_CLICKS = `coalesce((SELECT sum(u.count) FROM usage_daily u
  WHERE u.team_id = w.team_id AND u.day BETWEEN ?2 AND ?3 AND u.kind = 'share_click'), 0)`;
/** The same for the days after the period's end (?6), which the window holds and the period does not. */
const TAIL_CLICKS = `coalesce((SELECT sum(u.count) FROM usage_daily u
  WHERE u.team_id = w.team_id AND u.day > ?6 AND u.kind = 'share_click'), 0)`;

/**
 * The country's share clicks per team over a period that starts near a
 * window's first day and ends near today (anchorOf), without summing every
 * team's rows: a team's clicks are its window total minus the days the period
 * leaves out (it starts later, or ends before today) or plus the days it adds
 * (it starts earlier), and only teams that can reach the top are read.
 *
 * The tenth best total among the window's HEAD_TEAMS best teams is at most
 * the true tenth (`tenth`). A team left out of the window's first days has at
 * most its window total, so one whose window total is under `tenth` cannot
 * rank; with days added, a team gains at most the most any team clicked on
 * those days (`edgeMax`), so the cut is `tenth − edgeMax` (and a team with no
 * window total at all has at most `edgeMax` < `tenth`). Every team that can
 * reach the tenth place, ties included, is summed exactly: the ranking is
 * the one summing usage_daily gives. If the cut is not above 0 the bound says
 * nothing and the caller sums instead (null).
 */
async function nationalClicksFromWindow(
  db: D1Database,
  anchor: { name: string; fromDay: string },
  period: Period,
  today: string,
): Promise<{ sql: string; params: (string | number)[] } | null> {
  const earlier = period.from < anchor.fromDay;
  const [edgeFrom, edgeTo] = earlier ? [period.from, addDays(anchor.fromDay, -1)] : [anchor.fromDay, addDays(period.from, -1)];
  const sign = earlier ? 1 : -1;
  // Days after the period's end only take clicks off: the bounds below hold as they are.
  const tail = period.to < today;
  const clicks = `w.count + ?4 * ${EDGE_CLICKS}${tail ? ` - ${TAIL_CLICKS}` : ''}`;
  const bound = await db
    .prepare(
      `WITH head AS (SELECT f FROM (
                       SELECT ${clicks} AS f FROM usage_team_window w JOIN teams t ON t.id = w.team_id
                       WHERE w.window_name = ?1 ORDER BY w.count DESC LIMIT ${HEAD_TEAMS})
                     WHERE f > 0 ORDER BY f DESC LIMIT ${TOP_TEAMS})
       SELECT (SELECT min(f) FROM head) AS tenth, (SELECT count(*) FROM head) AS teams,
              CASE WHEN ?4 > 0 THEN (SELECT max(c) FROM (SELECT sum(count) AS c FROM usage_daily
                WHERE day BETWEEN ?2 AND ?3 AND kind = 'share_click' AND team_id <> 0 GROUP BY team_id)) ELSE 0 END AS edgeMax`,
    )
    .bind(...[anchor.name, edgeFrom, edgeTo, sign], ...(tail ? [0, period.to] : []))
    .first<{ tenth: number | null; teams: number; edgeMax: number | null }>();
  if (!bound || bound.tenth === null || bound.teams < TOP_TEAMS) return null;
  const cut = bound.tenth - (bound.edgeMax ?? 0);
  if (cut <= 0) return null;
  return {
    sql: `SELECT team_id, shareClicks FROM (
            SELECT w.team_id, ${clicks} AS shareClicks FROM usage_team_window w
            WHERE w.window_name = ?1 AND w.count >= ?5)
          WHERE shareClicks > 0`,
    params: [anchor.name, edgeFrom, edgeTo, sign, cut, ...(tail ? [period.to] : [])],
  };
}

/**
 * Views and helpful answers are counted without following a citizen from a
 * share link to the page, so they are known only nationally; in a place's
 * report they are null ("not measured here"), never a misleading 0.
 */
export interface GuideUsage {
  slug: string;
  title: string;
  views: number | null;
  shareClicks: number;
  helpfulYes: number | null;
  helpfulNo: number | null;
}
export type UsageTotals = Omit<GuideUsage, 'slug' | 'title'>;

export interface WeekUsage {
  /** Monday of the week (YYYY-MM-DD). */
  week: string;
  views: number | null;
  shareClicks: number;
}

export interface TeamUsage {
  id: number;
  name: string;
  province: string;
  commune: string | null;
  shareClicks: number;
}

export interface UsageReport {
  scope: Scope;
  period: Period;
  /** Whether views and helpful answers are part of this report (national only). */
  measuresViews: boolean;
  guides: GuideUsage[];
  totals: UsageTotals;
  weeks: WeekUsage[];
  topTeams: TeamUsage[];
  /** What computing it cost inside D1 (ms, as D1 reports it): the edge cache paces refreshes by it (COMPUTE_COST_HEADER). */
  d1Ms: number;
}

export async function usageReport(db: D1Database, catalog: Map<string, GuideEntry>, scope: Scope, period: Period, today = utcDay()): Promise<UsageReport> {
  const rows = usageRows(scope);
  const measuresViews = scope.level === 'national';
  const params = [period.from, period.to, ...rows.params];
  const anchor = await anchorOf(db, scope, period, today);
  const summed = teamClicks(scope);
  // Nationally, a period that is exactly a window reads the ranking index;
  // one starting near it reads the teams that can reach the top (both exact).
  const window = anchor && scope.level === 'national' && anchor.fromDay === period.from && period.to === today ? anchor.name : null;
  const nearWindow = anchor && scope.level === 'national' && !window ? await nationalClicksFromWindow(db, anchor, period, today) : null;
  const clicks =
    anchor && scope.level === 'province'
      ? provinceClicksFromWindow(anchor, period, scope.province.code)
      : (nearWindow ?? { sql: summed.sql, params: [period.from, period.to, ...summed.params] });
  const topTeamsQuery = window
    ? db
        .prepare(
          // The index gives the tenth team's total; every team tied with it is
          // read too, so ties break by name exactly as when summing.
          `WITH ranked AS (
             SELECT team_id, count AS shareClicks FROM usage_team_window
             WHERE window_name = ?1 AND count > 0 AND count >= (
               SELECT min(count) FROM (SELECT w.count FROM usage_team_window w JOIN teams t ON t.id = w.team_id
                                      WHERE w.window_name = ?1 AND w.count > 0 ORDER BY w.count DESC LIMIT ${TOP_TEAMS})))
           ${TOP_TEAMS_SELECT}`,
        )
        .bind(window)
    : db.prepare(`WITH ranked AS (${clicks.sql}) ${TOP_TEAMS_SELECT}`).bind(...clicks.params);
  const [guideRows, dayRows, teamRows] = await db.batch([
    db
      .prepare(
        `SELECT guide, sum(views) AS views, sum(shareClicks) AS shareClicks, sum(helpfulYes) AS helpfulYes, sum(helpfulNo) AS helpfulNo
         FROM (${rows.sql}) GROUP BY guide`,
      )
      .bind(...params),
    // By day (at most 366 rows, in key order): the weeks are summed below,
    // cheaper than computing each row's Monday in SQL.
    db.prepare(`SELECT day, sum(views) AS views, sum(shareClicks) AS shareClicks FROM (${rows.sql}) GROUP BY day`).bind(...params),
    topTeamsQuery,
  ]);

  type Counts = { views: number; shareClicks: number; helpfulYes: number; helpfulNo: number };
  const guides: GuideUsage[] = ((guideRows?.results ?? []) as (Counts & { guide: string })[])
    .map((r) => ({
      slug: r.guide,
      title: catalog.get(r.guide)?.title ?? r.guide,
      views: measuresViews ? r.views : null,
      shareClicks: r.shareClicks,
      helpfulYes: measuresViews ? r.helpfulYes : null,
      helpfulNo: measuresViews ? r.helpfulNo : null,
    }))
    .filter((g) => g.shareClicks > 0 || (g.views ?? 0) + (g.helpfulYes ?? 0) + (g.helpfulNo ?? 0) > 0)
    .sort((a, b) => (b.views ?? 0) - (a.views ?? 0) || b.shareClicks - a.shareClicks || byTitle.compare(a.title, b.title));

  const total = (pick: (g: GuideUsage) => number | null) => guides.reduce((s, g) => s + (pick(g) ?? 0), 0);
  const totals: UsageTotals = {
    views: measuresViews ? total((g) => g.views) : null,
    shareClicks: total((g) => g.shareClicks),
    helpfulYes: measuresViews ? total((g) => g.helpfulYes) : null,
    helpfulNo: measuresViews ? total((g) => g.helpfulNo) : null,
  };

  // Every week of the period, including the quiet ones, so the chart's gaps are real.
  const byWeek = new Map<string, { views: number; shareClicks: number }>();
  for (const r of (dayRows?.results ?? []) as { day: string; views: number; shareClicks: number }[]) {
    const week = weekStart(r.day);
    const sum = byWeek.get(week) ?? { views: 0, shareClicks: 0 };
    byWeek.set(week, { views: sum.views + r.views, shareClicks: sum.shareClicks + r.shareClicks });
  }
  const weeks: WeekUsage[] = mondaysOf(period).map((week) => {
    const row = byWeek.get(week);
    return { week, views: measuresViews ? (row?.views ?? 0) : null, shareClicks: row?.shareClicks ?? 0 };
  });

  const topTeams = (teamRows?.results ?? []) as TeamUsage[];
  const d1Ms = [guideRows, dayRows, teamRows].reduce((sum, r) => sum + (r?.meta.duration ?? 0), 0);
  return { scope, period, measuresViews, guides, totals, weeks, topTeams, d1Ms };
}
