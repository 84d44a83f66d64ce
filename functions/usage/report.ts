import { z } from 'zod';
import { ui } from '../../site/i18n/ui.ts';
import { byTitle, type GuideEntry } from '../guide-catalog.ts';
import { utcDay } from './visitor.ts';

/** Longest period one report covers (a leap year). */
export const MAX_REPORT_DAYS = 366;
/** Default period: the last twelve weeks, Monday to today. */
const DEFAULT_WEEKS = 12;

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
    z.string().regex(/^[1-9][0-9]{0,9}$/, ui.api.teamIdFormat).transform(Number).optional(),
  ),
  from: z.preprocess(blankToUndefined, z.iso.date(ui.api.fromFormat).optional()),
  to: z.preprocess(blankToUndefined, z.iso.date(ui.api.toFormat).optional()),
});
export type UsageQuery = z.infer<typeof usageQuerySchema>;

export class ReportInputError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayFromNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
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

/** The report period: both ends inclusive, from ≤ to, at most a year. */
export function resolvePeriod(query: Pick<UsageQuery, 'from' | 'to'>, today = utcDay()): Period {
  const to = query.to ?? today;
  const from = query.from ?? dayFromNumber(dayNumber(weekStart(to)) - 7 * (DEFAULT_WEEKS - 1));
  if (from > to) throw new ReportInputError(400, 'invalid_parameter', ui.api.periodOrder);
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
    const parent = province ?? (await db.prepare('SELECT code, name FROM provinces WHERE code = ?').bind(commune.provinceCode).first<{ code: string; name: string }>());
    if (!parent) throw notFound(says.communeProvince(commune.code));
    return { level: 'commune', province: parent, commune: { code: commune.code, name: commune.name } };
  }
  if (province) return { level: 'province', province };
  return { level: 'national' };
}

/**
 * SQL condition (on usage_daily AS u) and its parameters for a scope. Every
 * team below province level carries its commune (a village team too: the
 * directory import finds its village within that commune).
 */
function scopeFilter(scope: Scope): { sql: string; params: (string | number)[] } {
  switch (scope.level) {
    case 'national':
      return { sql: '', params: [] };
    case 'province':
      return { sql: 'AND u.team_id IN (SELECT id FROM teams WHERE province_code = ?)', params: [scope.province.code] };
    case 'commune':
      return { sql: 'AND u.team_id IN (SELECT id FROM teams WHERE commune_code = ?)', params: [scope.commune.code] };
    case 'team':
      return { sql: 'AND u.team_id = ?', params: [scope.team.id] };
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
}

export const TOP_TEAMS = 10;

export async function usageReport(
  db: D1Database,
  catalog: Map<string, GuideEntry>,
  scope: Scope,
  period: Period,
): Promise<UsageReport> {
  const filter = scopeFilter(scope);
  const measuresViews = scope.level === 'national';
  // Nationally, per-guide and weekly figures come from the national totals
  // (a few rows a day), not from every team's and member's rows.
  const source = measuresViews ? 'usage_national_daily' : 'usage_daily';
  const [guideRows, weekRows, teamRows] = await db.batch([
    db
      .prepare(
        `SELECT u.guide,
                sum(CASE WHEN u.kind = 'view' THEN u.count ELSE 0 END) AS views,
                sum(CASE WHEN u.kind = 'share_click' THEN u.count ELSE 0 END) AS shareClicks,
                sum(CASE WHEN u.kind = 'helpful_yes' THEN u.count ELSE 0 END) AS helpfulYes,
                sum(CASE WHEN u.kind = 'helpful_no' THEN u.count ELSE 0 END) AS helpfulNo
         FROM ${source} u WHERE u.day BETWEEN ? AND ? ${filter.sql}
         GROUP BY u.guide`,
      )
      .bind(period.from, period.to, ...filter.params),
    db
      .prepare(
        `SELECT date(u.day, '-' || ((CAST(strftime('%w', u.day) AS INTEGER) + 6) % 7) || ' days') AS week,
                sum(CASE WHEN u.kind = 'view' THEN u.count ELSE 0 END) AS views,
                sum(CASE WHEN u.kind = 'share_click' THEN u.count ELSE 0 END) AS shareClicks
         FROM ${source} u WHERE u.day BETWEEN ? AND ? ${filter.sql}
         GROUP BY week`,
      )
      .bind(period.from, period.to, ...filter.params),
    db
      .prepare(
        // Sum per team first, then join the teams' names: joining every
        // usage row to its team before grouping costs ten times more nationally.
        `SELECT t.id, t.name, p.name AS province, c.name AS commune, s.shareClicks
         FROM (SELECT u.team_id, sum(u.count) AS shareClicks FROM usage_daily u
               WHERE u.kind = 'share_click' AND u.team_id <> 0 AND u.day BETWEEN ? AND ? ${filter.sql}
               GROUP BY u.team_id) s
         JOIN teams t ON t.id = s.team_id
         JOIN provinces p ON p.code = t.province_code
         LEFT JOIN communes c ON c.code = t.commune_code
         ORDER BY s.shareClicks DESC, t.name LIMIT ${TOP_TEAMS}`,
      )
      .bind(period.from, period.to, ...filter.params),
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
    .sort(
      (a, b) =>
        (b.views ?? 0) - (a.views ?? 0) || b.shareClicks - a.shareClicks || byTitle.compare(a.title, b.title),
    );

  const total = (pick: (g: GuideUsage) => number | null) => guides.reduce((s, g) => s + (pick(g) ?? 0), 0);
  const totals: UsageTotals = {
    views: measuresViews ? total((g) => g.views) : null,
    shareClicks: total((g) => g.shareClicks),
    helpfulYes: measuresViews ? total((g) => g.helpfulYes) : null,
    helpfulNo: measuresViews ? total((g) => g.helpfulNo) : null,
  };

  // Every week of the period, including the quiet ones, so the chart's gaps are real.
  const byWeek = new Map(((weekRows?.results ?? []) as { week: string; views: number; shareClicks: number }[]).map((r) => [r.week, r]));
  const weeks: WeekUsage[] = [];
  for (let w = dayNumber(weekStart(period.from)); w <= dayNumber(period.to); w += 7) {
    const week = dayFromNumber(w);
    const row = byWeek.get(week);
    weeks.push({ week, views: measuresViews ? (row?.views ?? 0) : null, shareClicks: row?.shareClicks ?? 0 });
  }

  const topTeams = (teamRows?.results ?? []) as TeamUsage[];
  return { scope, period, measuresViews, guides, totals, weeks, topTeams };
}
