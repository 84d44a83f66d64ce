import { ui } from '../../site/i18n/ui.ts';
import type { Period, Scope } from '../usage/report.ts';
import { mondaysOf, weekStart } from '../usage/report.ts';
import { type IndicatorId, indicators, type TaskId, taskById, tasks } from './tasks.ts';

/**
 * "Hỗ trợ người dân": people helped, as members recorded them (voided entries
 * left out), and how many of them confirmed it on their own phones (issue 23).
 * National and province figures come from assist_province_days (kept by
 * triggers), commune and team figures from the entries through their covering
 * indexes: every query reads an index range, never a table. Confirmed counts
 * sit beside people in the same rows (the `confirmed` columns, kept by
 * triggers too), so they cost no extra read.
 */

export interface TaskPeople {
  id: TaskId;
  label: string;
  people: number;
  /** People who confirmed (each confirmation counts one person). */
  confirmed: number;
}

/** "other" collects tasks tied to no indicator. */
export type SeriesKey = IndicatorId | 'khac';

export interface AssistWeek {
  /** Monday of the week. */
  week: string;
  people: Record<SeriesKey, number>;
}

export interface PlacePeople {
  code: string;
  name: string;
  people: number;
  confirmed: number;
}

export interface TeamPeople {
  id: number;
  name: string;
  place: string;
  people: number;
  confirmed: number;
}

export interface MemberPeople {
  name: string;
  team: string;
  people: number;
  confirmed: number;
}

export interface TargetProgress {
  indicator: IndicatorId;
  label: string;
  target: number;
  denominator: number | null;
  /** People helped for the indicator's tasks, all recorded entries up to the period's end. */
  progress: number;
}

export interface AssistReport {
  period: Period;
  /** Officials' filter: every "people" figure below counts only people who confirmed. */
  confirmedOnly: boolean;
  tasks: TaskPeople[];
  total: number;
  confirmed: number;
  weeks: AssistWeek[];
  /** One level down: provinces (national), communes (province), villages (commune); null for a team. */
  places: PlacePeople[] | null;
  /** Teams with most people helped (not at national level). */
  teams: TeamPeople[] | null;
  /** Only for officials of the scope: null on public pages. */
  members: MemberPeople[] | null;
  targets: TargetProgress[];
}

export const TOP_TEAMS = 20;
const TOP_MEMBERS = 50;

/** Where the scope's figures come from, as a FROM + WHERE fragment with its parameters. */
function source(scope: Scope): { from: string; where: string; params: (string | number)[] } {
  switch (scope.level) {
    case 'national':
      return { from: 'assist_province_days', where: '1 = 1', params: [] };
    case 'province':
      return { from: 'assist_province_days', where: 'province_code = ?', params: [scope.province.code] };
    case 'commune':
      return { from: 'assists', where: 'commune_code = ? AND voided_at IS NULL', params: [scope.commune.code] };
    case 'team':
      return { from: 'assists', where: 'team_id = ? AND voided_at IS NULL', params: [scope.team.id] };
  }
}

/** The entries of a scope below national (raw rows, for breakdowns by commune, village, team, member). */
function entriesOf(scope: Exclude<Scope, { level: 'national' }>): { where: string; params: (string | number)[] } {
  switch (scope.level) {
    case 'province':
      return { where: 'a.province_code = ? AND a.voided_at IS NULL', params: [scope.province.code] };
    case 'commune':
      return { where: 'a.commune_code = ? AND a.voided_at IS NULL', params: [scope.commune.code] };
    case 'team':
      return { where: 'a.team_id = ? AND a.voided_at IS NULL', params: [scope.team.id] };
  }
}

const seriesOf = (task: string): SeriesKey => taskById.get(task)?.indicator ?? 'khac';
export const seriesKeys: SeriesKey[] = [...indicators.map((i) => i.id), 'khac'];
const emptySeries = () => Object.fromEntries(seriesKeys.map((k) => [k, 0])) as Record<SeriesKey, number>;

/** Just the per-task totals: what GET /api/assists returns. */
export async function assistTotals(db: D1Database, scope: Scope, period: Period): Promise<AssistTotals> {
  const src = source(scope);
  const { results } = await db
    .prepare(`SELECT task, sum(people) AS people, sum(confirmed) AS confirmed FROM ${src.from} WHERE ${src.where} AND day BETWEEN ? AND ? GROUP BY task`)
    .bind(...src.params, period.from, period.to)
    .all<{ task: string; people: number; confirmed: number }>();
  return totalsFrom(results);
}

export interface AssistTotals {
  tasks: TaskPeople[];
  total: number;
  confirmed: number;
}

function totalsFrom(rows: { task: string; people: number; confirmed: number }[]): AssistTotals {
  const byTask = new Map(rows.map((r) => [r.task, r]));
  const list = tasks.map((t) => ({ id: t.id, label: t.label, people: byTask.get(t.id)?.people ?? 0, confirmed: byTask.get(t.id)?.confirmed ?? 0 }));
  return { tasks: list, total: list.reduce((s, t) => s + t.people, 0), confirmed: list.reduce((s, t) => s + t.confirmed, 0) };
}

/** The column a report counts: people recorded, or (officials' filter) people who confirmed. */
type Measure = 'people' | 'confirmed';

export async function assistReport(
  db: D1Database,
  scope: Scope,
  period: Period,
  options: { withMembers?: boolean; confirmedOnly?: boolean } = {},
): Promise<AssistReport> {
  const src = source(scope);
  const confirmedOnly = options.confirmedOnly === true;
  const m: Measure = confirmedOnly ? 'confirmed' : 'people';
  // One pass over the period, per day and task (at most 366 × 12 rows out):
  // task totals and weeks are summed here, with no date arithmetic per entry.
  const statements: D1PreparedStatement[] = [
    db
      .prepare(`SELECT day, task, sum(${m}) AS people, sum(confirmed) AS confirmed FROM ${src.from} WHERE ${src.where} AND day BETWEEN ? AND ? GROUP BY day, task`)
      .bind(...src.params, period.from, period.to),
    // Progress towards targets counts everything recorded up to the period's end: the period plus what came before it.
    db.prepare(`SELECT task, sum(${m}) AS people FROM ${src.from} WHERE ${src.where} AND day < ? GROUP BY task`).bind(...src.params, period.from),
    targetsStatement(db, scope),
  ];
  const placesAt = statements.length;
  const places = placesStatement(db, scope, period, m);
  if (places) statements.push(places);
  const teamsAt = statements.length;
  const teams = scope.level === 'national' ? null : teamsStatement(db, scope, period, m);
  if (teams) statements.push(teams);
  const membersAt = statements.length;
  const members = options.withMembers && scope.level !== 'national' ? membersStatement(db, scope, period, m) : null;
  if (members) statements.push(members);

  const results = await db.batch(statements);
  const rows = <T,>(i: number) => (results[i]?.results ?? []) as T[];

  const daily = rows<{ day: string; task: string; people: number; confirmed: number }>(0);
  const periodByTask = new Map<string, number>();
  const confirmedByTask = new Map<string, number>();
  const byWeek = new Map<string, Record<SeriesKey, number>>();
  for (const r of daily) {
    periodByTask.set(r.task, (periodByTask.get(r.task) ?? 0) + r.people);
    confirmedByTask.set(r.task, (confirmedByTask.get(r.task) ?? 0) + r.confirmed);
    const monday = weekStart(r.day);
    const week = byWeek.get(monday) ?? emptySeries();
    week[seriesOf(r.task)] += r.people;
    byWeek.set(monday, week);
  }
  const { tasks: taskList, total, confirmed } = totalsFrom([...periodByTask].map(([task, people]) => ({ task, people, confirmed: confirmedByTask.get(task) ?? 0 })));
  const weeks: AssistWeek[] = mondaysOf(period).map((week) => ({ week, people: byWeek.get(week) ?? emptySeries() }));

  const progressBySeries = emptySeries();
  for (const r of rows<{ task: string; people: number }>(1)) progressBySeries[seriesOf(r.task)] += r.people;
  for (const [task, people] of periodByTask) progressBySeries[seriesOf(task)] += people;
  const targets = rows<{ indicator: string; target: number; denominator: number | null }>(2).flatMap((r) => {
    const indicator = indicators.find((i) => i.id === r.indicator);
    return indicator
      ? [{ indicator: indicator.id, label: indicator.label, target: r.target, denominator: r.denominator, progress: progressBySeries[indicator.id] }]
      : [];
  });

  // Filtered to confirmed help, places, teams and members nobody confirmed are left out.
  const counted = <T extends { people: number }>(list: T[]) => (confirmedOnly ? list.filter((r) => r.people > 0) : list);
  return {
    period,
    confirmedOnly,
    tasks: taskList,
    total,
    confirmed,
    weeks,
    places: places ? counted(rows<PlacePeople>(placesAt)) : null,
    teams: teams ? counted(rows<TeamPeople>(teamsAt)) : null,
    members: members ? counted(rows<MemberPeople>(membersAt)) : null,
    targets: targets.sort((a, b) => indicators.findIndex((i) => i.id === a.indicator) - indicators.findIndex((i) => i.id === b.indicator)),
  };
}

/**
 * Targets of the scope: a province's own, a commune's own; nationally the
 * sum of the provinces' (with a denominator only if every province gave one).
 */
function targetsStatement(db: D1Database, scope: Scope): D1PreparedStatement {
  switch (scope.level) {
    case 'national':
      return db.prepare(
        `SELECT indicator, sum(target) AS target, CASE WHEN count(denominator) = count(*) THEN sum(denominator) END AS denominator
         FROM assist_targets WHERE commune_code = '' GROUP BY indicator`,
      );
    case 'province':
      return db
        .prepare(`SELECT indicator, target, denominator FROM assist_targets WHERE province_code = ? AND commune_code = ''`)
        .bind(scope.province.code);
    case 'commune':
      return db
        .prepare(`SELECT indicator, target, denominator FROM assist_targets WHERE province_code = ? AND commune_code = ?`)
        .bind(scope.province.code, scope.commune.code);
    case 'team':
      return db.prepare(`SELECT indicator, target, denominator FROM assist_targets WHERE 0`);
  }
}

function placesStatement(db: D1Database, scope: Scope, period: Period, m: Measure): D1PreparedStatement | null {
  switch (scope.level) {
    case 'national':
      return db
        .prepare(
          `SELECT d.province_code AS code, p.name, sum(d.${m}) AS people, sum(d.confirmed) AS confirmed FROM assist_province_days d JOIN provinces p ON p.code = d.province_code
           WHERE d.day BETWEEN ? AND ? GROUP BY d.province_code HAVING people > 0 ORDER BY people DESC, p.name`,
        )
        .bind(period.from, period.to);
    case 'province':
      return db
        .prepare(
          `SELECT coalesce(a.commune_code, '') AS code, coalesce(c.name, ?) AS name, sum(a.${m}) AS people, sum(a.confirmed) AS confirmed
           FROM assists a LEFT JOIN communes c ON c.code = a.commune_code
           WHERE a.province_code = ? AND a.voided_at IS NULL AND a.day BETWEEN ? AND ? GROUP BY a.commune_code ORDER BY people DESC, name`,
        )
        .bind(ui.assists.provinceLevel, scope.province.code, period.from, period.to);
    case 'commune':
      return db
        .prepare(
          `SELECT coalesce(CAST(a.village_id AS TEXT), '') AS code, coalesce(v.name, '') AS name, sum(a.${m}) AS people, sum(a.confirmed) AS confirmed
           FROM assists a LEFT JOIN villages v ON v.id = a.village_id
           WHERE a.commune_code = ? AND a.voided_at IS NULL AND a.day BETWEEN ? AND ? GROUP BY a.village_id ORDER BY people DESC, name`,
        )
        .bind(scope.commune.code, period.from, period.to);
    case 'team':
      return null;
  }
}

function teamsStatement(db: D1Database, scope: Exclude<Scope, { level: 'national' }>, period: Period, m: Measure): D1PreparedStatement {
  const e = entriesOf(scope);
  return db
    .prepare(
      `SELECT t.id, t.name, trim(coalesce(v.name || ', ', '') || coalesce(c.name, p.name)) AS place, s.people, s.confirmed
       FROM (SELECT a.team_id, sum(a.${m}) AS people, sum(a.confirmed) AS confirmed FROM assists a WHERE ${e.where} AND a.day BETWEEN ? AND ?
             GROUP BY a.team_id ORDER BY people DESC LIMIT ${TOP_TEAMS}) s
       JOIN teams t ON t.id = s.team_id JOIN provinces p ON p.code = t.province_code
       LEFT JOIN communes c ON c.code = t.commune_code LEFT JOIN villages v ON v.id = t.village_id
       ORDER BY s.people DESC, t.name`,
    )
    .bind(...e.params, period.from, period.to);
}

function membersStatement(db: D1Database, scope: Exclude<Scope, { level: 'national' }>, period: Period, m: Measure): D1PreparedStatement {
  const e = entriesOf(scope);
  return db
    .prepare(
      `SELECT mb.full_name AS name, t.name AS team, s.people, s.confirmed
       FROM (SELECT a.member_id, a.team_id, sum(a.${m}) AS people, sum(a.confirmed) AS confirmed FROM assists a WHERE ${e.where} AND a.day BETWEEN ? AND ?
             GROUP BY a.member_id ORDER BY people DESC LIMIT ${TOP_MEMBERS}) s
       JOIN members mb ON mb.id = s.member_id JOIN teams t ON t.id = s.team_id
       ORDER BY s.people DESC, mb.full_name`,
    )
    .bind(...e.params, period.from, period.to);
}
