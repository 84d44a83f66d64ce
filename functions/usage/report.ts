import { z } from 'zod';
import { ui } from '../../site/i18n/ui.ts';
import { formatDate } from '../../site/utils/format.ts';
import { byTitle, type GuideEntry } from '../guide-catalog.ts';
import { nationalTeamClicks, nationalTeamClicksStatements, TeamClicks, type TeamClicksRow, teamsAtOrAbovePlace } from './team-totals.ts';
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

/** The first day of the month a day is in. */
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

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
 * A commune's or a team's rows, as (day, guide, views, shareClicks,
 * helpfulYes, helpfulNo); ?1 and ?2 are the period's ends, ?3 the place:
 * its usage_daily rows through the teams index (views and helpful answers are
 * not measured below the country: 0 here, null in the report).
 */
function placeRows(scope: Extract<Scope, { level: 'commune' | 'team' }>): { sql: string; params: (string | number)[] } {
  const teams = teamsOfPlace(scope);
  return {
    sql: `SELECT day, guide, 0 AS views, CASE WHEN kind = 'share_click' THEN count ELSE 0 END AS shareClicks, 0 AS helpfulYes, 0 AS helpfulNo
          FROM usage_daily WHERE day BETWEEN ?1 AND ?2 AND ${teams.sql}`,
    params: teams.params,
  };
}

/**
 * The rollups of the country and of a province (migrations 0008, 0020, 0021):
 * counts per day and guide, per month and guide, and per day (every guide
 * together); `place` filters a province's rows (?1).
 */
const ROLLUPS = {
  national: {
    monthly: 'usage_national_monthly',
    daily: 'usage_national_daily',
    days: 'usage_national_days',
    guideColumns: 'guide, views, share_clicks AS shareClicks, helpful_yes AS helpfulYes, helpful_no AS helpfulNo',
    dayColumns: 'day, views, share_clicks AS shareClicks',
    place: '',
  },
  province: {
    monthly: 'usage_province_monthly',
    daily: 'usage_province_daily',
    days: 'usage_province_days',
    guideColumns: 'guide, 0 AS views, count AS shareClicks, 0 AS helpfulYes, 0 AS helpfulNo',
    dayColumns: 'day, 0 AS views, count AS shareClicks',
    place: 'province_code = ?1 AND ',
  },
} as const;

/** A period's whole months (YYYY-MM, none when from > to) and the days before and after them (an empty range when none). */
function monthsAndEnds(period: Period): { months: [string, string]; head: [string, string]; tail: [string, string] } {
  const none: [string, string] = ['9999-12-31', '0000-01-01'];
  // The first day of the first month starting inside the period, and the last of the last month ending inside it.
  const firstMonthStart = period.from === monthStart(period.from) ? period.from : monthStart(addDays(monthStart(period.from), 31));
  const afterTo = addDays(period.to, 1);
  const lastMonthEnd = afterTo === monthStart(afterTo) ? period.to : addDays(monthStart(period.to), -1);
  if (firstMonthStart > lastMonthEnd) return { months: ['9999-12', '0000-01'], head: [period.from, period.to], tail: none };
  return {
    months: [firstMonthStart.slice(0, 7), lastMonthEnd.slice(0, 7)],
    head: period.from < firstMonthStart ? [period.from, addDays(firstMonthStart, -1)] : none,
    tail: lastMonthEnd < period.to ? [addDays(lastMonthEnd, 1), period.to] : none,
  };
}

const GUIDE_SUMS = 'SELECT guide, sum(views) AS views, sum(shareClicks) AS shareClicks, sum(helpfulYes) AS helpfulYes, sum(helpfulNo) AS helpfulNo';

/**
 * A report's guides and its days (at most 366 rows, in key order: the weeks
 * are summed by the caller). The country and a province read their whole
 * months and their days from the rollups (a year: about 12 rows per guide and
 * 366 day rows, not 366 × every guide); a commune or a team its usage_daily rows.
 */
function guideAndDayStatements(db: D1Database, scope: Scope, period: Period): [D1PreparedStatement, D1PreparedStatement] {
  if (scope.level === 'commune' || scope.level === 'team') {
    const rows = placeRows(scope);
    const params = [period.from, period.to, ...rows.params];
    return [
      db.prepare(`${GUIDE_SUMS} FROM (${rows.sql}) GROUP BY guide`).bind(...params),
      db.prepare(`SELECT day, sum(views) AS views, sum(shareClicks) AS shareClicks FROM (${rows.sql}) GROUP BY day`).bind(...params),
    ];
  }
  const r = ROLLUPS[scope.level];
  // ?1: the province; bound nationally too (and unread), so the other parameters keep their numbers.
  const place = scope.level === 'province' ? scope.province.code : '';
  const { months, head, tail } = monthsAndEnds(period);
  return [
    db
      .prepare(
        `${GUIDE_SUMS} FROM (
           SELECT ${r.guideColumns} FROM ${r.monthly} WHERE ${r.place}month BETWEEN ?2 AND ?3
           UNION ALL SELECT ${r.guideColumns} FROM ${r.daily} WHERE ${r.place}day BETWEEN ?4 AND ?5
           UNION ALL SELECT ${r.guideColumns} FROM ${r.daily} WHERE ${r.place}day BETWEEN ?6 AND ?7)
         GROUP BY guide`,
      )
      .bind(place, ...months, ...head, ...tail),
    db.prepare(`SELECT ${r.dayColumns} FROM ${r.days} WHERE ${r.place}day BETWEEN ?2 AND ?3`).bind(place, period.from, period.to),
  ];
}

/**
 * Share clicks per team over the period, as (team_id, shareClicks), for a
 * place below the country (the country subtracts stored running totals:
 * team-totals.ts); ?1 and ?2 are the period's ends, ?3 the place. A province reads its rollup
 * by team and day (one key range), or its nearest window (nearestWindow); a
 * commune or a team sums its usage_daily rows through the teams index.
 */
function teamClicks(scope: Exclude<Scope, { level: 'national' }>): { sql: string; params: (string | number)[] } {
  if (scope.level === 'province') {
    return {
      sql: 'SELECT team_id, sum(count) AS shareClicks FROM usage_team_daily WHERE province_code = ?3 AND day BETWEEN ?1 AND ?2 GROUP BY team_id',
      params: [scope.province.code],
    };
  }
  const teams = teamsOfPlace(scope);
  return {
    sql: `SELECT team_id, sum(count) AS shareClicks FROM usage_daily WHERE day BETWEEN ?1 AND ?2 AND kind = 'share_click' AND ${teams.sql} GROUP BY team_id`,
    params: teams.params,
  };
}

/** How far a period may start from a window's first day for the window to serve it (days summed on top or taken off). */
const MAX_ANCHOR_DAYS = 31;

interface UsageWindow {
  name: string;
  fromDay: string;
}

/**
 * How long an isolate uses the windows it last read without reading them
 * first. The Cron Trigger moves them once a week, and every report that uses
 * one checks it in the same batch (placeReportRows), so a window moved since
 * only costs that report a second pass, with the windows read afresh.
 *
 * The rows are kept, not the read's promise (as KeptPerIsolate keeps build
 * outputs): the read is one request's D1 I/O, and in workerd a later request
 * awaiting it can stall for seconds (the fuzz suite's province reports took
 * 8 s when it was shared).
 */
const WINDOWS_TTL_MS = 10 * 60_000;
let knownWindows: { at: number; windows: UsageWindow[] } | undefined;

async function usageWindows(db: D1Database, fresh: boolean): Promise<UsageWindow[]> {
  const now = Date.now();
  if (!fresh && knownWindows && now - knownWindows.at <= WINDOWS_TTL_MS) return knownWindows.windows;
  const { results } = await db.prepare('SELECT name, from_day AS fromDay FROM usage_windows').all<UsageWindow>();
  knownWindows = { at: now, windows: results };
  return results;
}

/**
 * The running totals (usage_team_window) nearest to a province's period, if
 * it ends today and starts within MAX_ANCHOR_DAYS of a window's first day (one
 * the Cron Trigger has already moved to this week: functions/usage/windows.ts).
 * The period's clicks are then the window's, plus the days before the window
 * (period starts earlier) or minus its first days (period starts later).
 */
function nearestWindow(windows: UsageWindow[], period: Period): UsageWindow | null {
  const distance = (w: UsageWindow) => Math.abs(dayNumber(w.fromDay) - dayNumber(period.from));
  return windows.filter((w) => distance(w) <= MAX_ANCHOR_DAYS).sort((a, b) => distance(a) - distance(b))[0] ?? null;
}

/**
 * A province's share clicks per team over a period, from the nearest window:
 * its teams' running totals (teams of the province now) with the days between
 * the window's first day and the period's added or taken off (?1 window,
 * ?2 province, ?3 +1 or −1, ?4 and ?5 those days).
 */
function provinceClicksFromWindow(anchor: UsageWindow, period: Period, province: string): { sql: string; params: (string | number)[] } {
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
 * A report's rows: its guides, days and top teams, what its teams cost D1,
 * and the results of the statements that rode along in its first batch.
 */
type ReportRows = [guides: D1Result | undefined, days: D1Result | undefined, topTeams: TeamUsage[], teamsD1Ms: number, alongside: D1Result[]];

/** The ranked teams' names and places, read with the clicks given as `[teamId, clicks]`. */
const rankedTeams = (db: D1Database, teams: [number, number][]) =>
  db
    .prepare(
      `WITH ranked AS (SELECT json_extract(value, '$[0]') AS team_id, json_extract(value, '$[1]') AS shareClicks FROM json_each(?1)) ${TOP_TEAMS_SELECT}`,
    )
    .bind(JSON.stringify(teams));

/**
 * A place's rows: its guides and days, and its top teams from its province's
 * nearest window or rollup, or its usage_daily rows (teamClicks), in one
 * batch. A province's windows are the ones this isolate last read
 * (usageWindows); the batch reads the chosen window's first day again, and
 * if the Cron Trigger has moved it since, the rows are read once more with
 * the windows read afresh (`windows: 'fresh'`), then without any.
 */
async function placeReportRows(
  db: D1Database,
  byGuideAndDay: D1PreparedStatement[],
  alongside: D1PreparedStatement[],
  scope: Exclude<Scope, { level: 'national' }>,
  period: Period,
  today: string,
  windows: 'known' | 'fresh' | 'none' = 'known',
): Promise<ReportRows> {
  const anchor =
    // A period ending after today (Vietnam's today, ahead of UTC's in the evening) holds every click since its start too.
    scope.level === 'province' && period.to >= today && windows !== 'none' ? nearestWindow(await usageWindows(db, windows === 'fresh'), period) : null;
  const summed = teamClicks(scope);
  const clicks =
    anchor && scope.level === 'province'
      ? provinceClicksFromWindow(anchor, period, scope.province.code)
      : { sql: summed.sql, params: [period.from, period.to, ...summed.params] };
  const [guides, days, ...rest] = await db.batch([
    ...byGuideAndDay,
    ...alongside,
    db.prepare(`WITH ranked AS (${clicks.sql}) ${TOP_TEAMS_SELECT}`).bind(...clicks.params),
    ...(anchor ? [db.prepare('SELECT from_day AS fromDay FROM usage_windows WHERE name = ?').bind(anchor.name)] : []),
  ]);
  const [teams, check] = rest.slice(alongside.length);
  if (anchor && (check?.results[0] as Partial<UsageWindow> | undefined)?.fromDay !== anchor.fromDay) {
    return placeReportRows(db, byGuideAndDay, alongside, scope, period, today, windows === 'known' ? 'fresh' : 'none');
  }
  return [guides, days, (teams?.results ?? []) as TeamUsage[], teams?.meta.duration ?? 0, rest.slice(0, alongside.length)];
}

/**
 * The country's rows: guides, days and every team's clicks in one batch (the
 * stored running totals: team-totals.ts), the ranking made in the Worker, then
 * the top teams' names. Teams since deleted from the directory drop out of
 * that join: the cut widens until ten places are filled or no team is left.
 */
async function nationalReportRows(db: D1Database, byGuideAndDay: D1PreparedStatement[], alongside: D1PreparedStatement[], period: Period): Promise<ReportRows> {
  const [guides, days, ...rest] = await db.batch([...byGuideAndDay, ...alongside, ...nationalTeamClicksStatements(db, period)]);
  const teamResults = rest.slice(alongside.length);
  let teamsD1Ms = teamResults.reduce((sum, r) => sum + r.meta.duration, 0);
  let clicks = nationalTeamClicks(period, teamResults as D1Result<TeamClicksRow>[]);
  if (!clicks) {
    // Stored rows that do not fit together (never seen; see nationalTeamClicks): sum the period's days instead.
    const summed = await db
      .prepare("SELECT team_id, sum(count) AS c FROM usage_daily WHERE day BETWEEN ?1 AND ?2 AND kind = 'share_click' AND team_id <> 0 GROUP BY team_id")
      .bind(period.from, period.to)
      .all<{ team_id: number; c: number }>();
    clicks = new TeamClicks();
    for (const row of summed.results) clicks.add(row.team_id, row.c);
    teamsD1Ms += summed.meta.duration;
  }
  let places = TOP_TEAMS;
  for (;;) {
    const ranked = teamsAtOrAbovePlace(clicks, places);
    const named = await rankedTeams(db, ranked.teams).all<TeamUsage>();
    teamsD1Ms += named.meta.duration;
    if (named.results.length >= TOP_TEAMS || ranked.complete) return [guides, days, named.results, teamsD1Ms, rest.slice(0, alongside.length)];
    places *= 2;
  }
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
  return (await usageReportWith(db, catalog, scope, period, [], today)).report;
}

/**
 * The usage report with other statements riding along in its first batch
 * (the report pages' "Hỗ trợ người dân" section and place links: one D1
 * round trip for all of them), and their results.
 */
export async function usageReportWith(
  db: D1Database,
  catalog: Map<string, GuideEntry>,
  scope: Scope,
  period: Period,
  alongside: D1PreparedStatement[],
  today = utcDay(),
): Promise<{ report: UsageReport; alongside: D1Result[] }> {
  const measuresViews = scope.level === 'national';
  const byGuideAndDay = guideAndDayStatements(db, scope, period);
  const [guideRows, dayRows, topTeams, teamsD1Ms, alongsideResults] =
    scope.level === 'national'
      ? await nationalReportRows(db, byGuideAndDay, alongside, period)
      : await placeReportRows(db, byGuideAndDay, alongside, scope, period, today);

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

  const d1Ms = [guideRows, dayRows].reduce((sum, r) => sum + (r?.meta.duration ?? 0), teamsD1Ms);
  return { report: { scope, period, measuresViews, guides, totals, weeks, topTeams, d1Ms }, alongside: alongsideResults };
}
