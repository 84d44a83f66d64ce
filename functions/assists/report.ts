import { ui } from '../../site/i18n/ui.ts';
import type { Period, Scope } from '../usage/report.ts';
import { addDays, mondaysOf } from '../usage/report.ts';
import { type IndicatorId, indicators, type TaskId, taskById, tasks } from './tasks.ts';

/**
 * "Hỗ trợ người dân": people helped, as members recorded them (voided entries
 * left out), and how many of them confirmed it on their own phones (issue 23).
 * National, province and commune figures come from the rollups of migration
 * 0017 (kept by triggers in the same transaction as every write): a scope's
 * days and tasks for the weeks, and for any sum over a period its full months
 * plus the days of its ragged ends, so no query reads more than a few thousand
 * rows whatever the level or period (issue 20 point 3). A team's figures
 * read its entries through their covering index (a team's year is a few
 * hundred entries). Confirmed counts sit beside
 * people in the same rows, so they cost no extra read.
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

/** The rollup key of a scope ('' the nation, 'p' || province, 'c' || commune); null for a team (read from its entries). */
function rollupScope(scope: Scope): string | null {
  switch (scope.level) {
    case 'national':
      return '';
    case 'province':
      return `p${scope.province.code}`;
    case 'commune':
      return `c${scope.commune.code}`;
    case 'team':
      return null;
  }
}

/** A team's entries (not voided), through assists_team_idx. */
const teamEntries = (scope: Extract<Scope, { level: 'team' }>) => ({ where: 'a.team_id = ? AND a.voided_at IS NULL', params: [scope.team.id] });

/** The Monday of a row's `day` (ISO weeks, as weekStart): SQLite's 'weekday 1' moves forward to a Monday, so from six days back. */
const WEEK_OF_DAY = `date(day, '-6 days', 'weekday 1')`;

const monthOf = (day: string) => day.slice(0, 7);
const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;

/**
 * A period as full months plus the days of its ragged ends (at most about 60):
 * ranges for BETWEEN, an empty range where there is nothing to read.
 */
export function monthSpan(period: Period): { months: [string, string]; days: [string, string][] } {
  const firstFull = period.from === firstOfMonth(period.from) ? period.from : firstOfMonth(addDays(firstOfMonth(period.from), 31));
  const lastFull = addDays(period.to, 1) === firstOfMonth(addDays(period.to, 1)) ? period.to : addDays(firstOfMonth(period.to), -1);
  if (firstFull > lastFull)
    return {
      months: ['9', '0'],
      days: [
        [period.from, period.to],
        ['9', '0'],
      ],
    };
  return {
    months: [monthOf(firstFull), monthOf(lastFull)],
    days: [
      [period.from, addDays(firstFull, -1)],
      [addDays(lastFull, 1), period.to],
    ],
  };
}

/**
 * Rows of a day and a month rollup (same columns) over a period, keyed by `where`:
 * the full months from the months table, the ragged ends from the days table.
 */
function spanned(
  table: 'assist_scope' | 'assist_part',
  columns: string,
  where: string,
  params: (string | number)[],
  period: Period,
): { sql: string; params: (string | number)[] } {
  const span = monthSpan(period);
  return {
    sql: `SELECT ${columns} FROM ${table}_months WHERE ${where} AND month BETWEEN ? AND ?
          UNION ALL SELECT ${columns} FROM ${table}_days WHERE ${where} AND day BETWEEN ? AND ?
          UNION ALL SELECT ${columns} FROM ${table}_days WHERE ${where} AND day BETWEEN ? AND ?`,
    params: [...params, ...span.months, ...params, ...span.days[0]!, ...params, ...span.days[1]!],
  };
}

/** Everything before a day: whole months before its month, then its month's days before it. */
function before(table: 'assist_scope', columns: string, where: string, params: (string | number)[], day: string) {
  return {
    sql: `SELECT ${columns} FROM ${table}_months WHERE ${where} AND month < ?
          UNION ALL SELECT ${columns} FROM ${table}_days WHERE ${where} AND day >= ? AND day < ?`,
    params: [...params, monthOf(day), ...params, firstOfMonth(day), day],
  };
}

const seriesOf = (task: string): SeriesKey => taskById.get(task)?.indicator ?? 'khac';
export const seriesKeys: SeriesKey[] = [...indicators.map((i) => i.id), 'khac'];
const emptySeries = () => Object.fromEntries(seriesKeys.map((k) => [k, 0])) as Record<SeriesKey, number>;

/** Just the per-task totals: what GET /api/assists returns. */
export async function assistTotals(db: D1Database, scope: Scope, period: Period): Promise<AssistTotals> {
  const { results } = await totalsStatement(db, scope, period).all<{ task: string; people: number; confirmed: number }>();
  return totalsFrom(results);
}

function totalsStatement(db: D1Database, scope: Scope, period: Period): D1PreparedStatement {
  const totals = (rows: string) => `SELECT task, sum(people) AS people, sum(confirmed) AS confirmed FROM ${rows} GROUP BY task`;
  if (scope.level === 'team') {
    const e = teamEntries(scope);
    return db.prepare(totals(`assists a WHERE ${e.where} AND a.day BETWEEN ? AND ?`)).bind(...e.params, period.from, period.to);
  }
  const q = spanned('assist_scope', 'task, people, confirmed', 'scope = ?', [rollupScope(scope)!], period);
  return db.prepare(totals(`(${q.sql})`)).bind(...q.params);
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

type AssistReportOptions = { withMembers?: boolean; confirmedOnly?: boolean };

export async function assistReport(db: D1Database, scope: Scope, period: Period, options: AssistReportOptions = {}): Promise<AssistReport> {
  const query = assistReportQuery(db, scope, period, options);
  return query.read(await db.batch(query.statements));
}

/**
 * A report's statements and how to read their results, apart: batched alone
 * (assistReport) or riding along with another report's batch (the usage
 * report pages: one D1 round trip for both).
 */
export function assistReportQuery(
  db: D1Database,
  scope: Scope,
  period: Period,
  options: AssistReportOptions = {},
): { statements: D1PreparedStatement[]; read: (results: D1Result[]) => AssistReport } {
  const confirmedOnly = options.confirmedOnly === true;
  const m: Measure = confirmedOnly ? 'confirmed' : 'people';
  const key = rollupScope(scope);
  // The scope's weeks and tasks (at most 53 × 12 rows out of 366 × 12 read):
  // task totals and weeks are summed here. Progress towards
  // targets counts everything recorded up to the period's end: the period
  // plus what came before it (whole months, then the days of the first month).
  const e = scope.level === 'team' ? teamEntries(scope) : null;
  const earlier = key === null ? null : before('assist_scope', `task, ${m} AS people`, 'scope = ?', [key], period.from);
  const statements: D1PreparedStatement[] = [
    e
      ? db
          .prepare(
            `SELECT ${WEEK_OF_DAY} AS week, task, sum(a.${m}) AS people, sum(a.confirmed) AS confirmed FROM assists a WHERE ${e.where} AND a.day BETWEEN ? AND ? GROUP BY week, task`,
          )
          .bind(...e.params, period.from, period.to)
      : db
          .prepare(
            `SELECT ${WEEK_OF_DAY} AS week, task, sum(${m}) AS people, sum(confirmed) AS confirmed FROM assist_scope_days WHERE scope = ? AND day BETWEEN ? AND ? GROUP BY week, task`,
          )
          .bind(key, period.from, period.to),
    e
      ? db.prepare(`SELECT task, sum(a.${m}) AS people FROM assists a WHERE ${e.where} AND a.day < ? GROUP BY task`).bind(...e.params, period.from)
      : db.prepare(`SELECT task, sum(people) AS people FROM (${earlier!.sql}) GROUP BY task`).bind(...earlier!.params),
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
  const at = { places: places ? placesAt : null, teams: teams ? teamsAt : null, members: members ? membersAt : null };
  return { statements, read: (results) => readAssistReport(results, period, confirmedOnly, at) };
}

/** What assistReportQuery's statements returned, as the report. */
function readAssistReport(
  results: D1Result[],
  period: Period,
  confirmedOnly: boolean,
  /** Where the optional lists' results are, if they were asked for. */
  at: { places: number | null; teams: number | null; members: number | null },
): AssistReport {
  const rows = <T>(i: number) => (results[i]?.results ?? []) as T[];

  const weekly = rows<{ week: string; task: string; people: number; confirmed: number }>(0);
  const periodByTask = new Map<string, number>();
  const confirmedByTask = new Map<string, number>();
  const byWeek = new Map<string, Record<SeriesKey, number>>();
  for (const r of weekly) {
    periodByTask.set(r.task, (periodByTask.get(r.task) ?? 0) + r.people);
    confirmedByTask.set(r.task, (confirmedByTask.get(r.task) ?? 0) + r.confirmed);
    const week = byWeek.get(r.week) ?? emptySeries();
    week[seriesOf(r.task)] += r.people;
    byWeek.set(r.week, week);
  }
  const {
    tasks: taskList,
    total,
    confirmed,
  } = totalsFrom([...periodByTask].map(([task, people]) => ({ task, people, confirmed: confirmedByTask.get(task) ?? 0 })));
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
    places: at.places === null ? null : counted(rows<PlacePeople>(at.places)),
    teams: at.teams === null ? null : counted(rows<TeamPeople>(at.teams)),
    members: at.members === null ? null : counted(rows<MemberPeople>(at.members)),
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
      return db.prepare(`SELECT indicator, target, denominator FROM assist_targets WHERE province_code = ? AND commune_code = ''`).bind(scope.province.code);
    case 'commune':
      return db
        .prepare(`SELECT indicator, target, denominator FROM assist_targets WHERE province_code = ? AND commune_code = ?`)
        .bind(scope.province.code, scope.commune.code);
    case 'team':
      return db.prepare(`SELECT indicator, target, denominator FROM assist_targets WHERE 0`);
  }
}

/**
 * One scope's parts of a kind over the period (from the part rollups), with
 * people counted by the measure; parts whose entries were all voided left out.
 */
function partsOver(scope: Exclude<Scope, { level: 'team' }>, kind: 'p' | 'c' | 'v' | 't' | 'm', period: Period, m: Measure) {
  const q = spanned('assist_part', 'part, people, confirmed', 'scope = ? AND kind = ?', [rollupScope(scope)!, kind], period);
  return {
    sql: `SELECT part, sum(${m}) AS people, sum(confirmed) AS confirmed FROM (${q.sql}) GROUP BY part HAVING sum(people) > 0`,
    params: q.params,
  };
}

function placesStatement(db: D1Database, scope: Scope, period: Period, m: Measure): D1PreparedStatement | null {
  switch (scope.level) {
    case 'national': {
      const q = partsOver(scope, 'p', period, m);
      return db
        .prepare(
          `SELECT s.part AS code, p.name, s.people, s.confirmed FROM (${q.sql}) s JOIN provinces p ON p.code = s.part
           ORDER BY s.people DESC, p.name`,
        )
        .bind(...q.params);
    }
    case 'province': {
      const q = partsOver(scope, 'c', period, m);
      return db
        .prepare(
          `SELECT s.part AS code, coalesce(c.name, ?) AS name, s.people, s.confirmed FROM (${q.sql}) s LEFT JOIN communes c ON c.code = s.part
           ORDER BY s.people DESC, name`,
        )
        .bind(ui.assists.provinceLevel, ...q.params);
    }
    case 'commune': {
      const q = partsOver(scope, 'v', period, m);
      return db
        .prepare(
          `SELECT s.part AS code, coalesce(v.name, '') AS name, s.people, s.confirmed FROM (${q.sql}) s LEFT JOIN villages v ON v.id = CAST(s.part AS INTEGER)
           ORDER BY s.people DESC, name`,
        )
        .bind(...q.params);
    }
    case 'team':
      return null;
  }
}

/** The most active teams: a province's or commune's from the part rollups, a team's own from its entries. */
function teamsStatement(db: D1Database, scope: Exclude<Scope, { level: 'national' }>, period: Period, m: Measure): D1PreparedStatement {
  const top =
    scope.level === 'team'
      ? {
          sql: `SELECT a.team_id AS part, sum(a.${m}) AS people, sum(a.confirmed) AS confirmed FROM assists a WHERE ${teamEntries(scope).where} AND a.day BETWEEN ? AND ? GROUP BY a.team_id`,
          params: [...teamEntries(scope).params, period.from, period.to],
        }
      : partsOver(scope, 't', period, m);
  return db
    .prepare(
      `SELECT t.id, t.name, trim(coalesce(v.name || ', ', '') || coalesce(c.name, p.name)) AS place, s.people, s.confirmed
       FROM (${top.sql} ORDER BY people DESC LIMIT ${TOP_TEAMS}) s
       JOIN teams t ON t.id = CAST(s.part AS INTEGER) JOIN provinces p ON p.code = t.province_code
       LEFT JOIN communes c ON c.code = t.commune_code LEFT JOIN villages v ON v.id = t.village_id
       ORDER BY s.people DESC, t.name`,
    )
    .bind(...top.params);
}

function membersStatement(db: D1Database, scope: Exclude<Scope, { level: 'national' }>, period: Period, m: Measure): D1PreparedStatement {
  const top =
    scope.level === 'team'
      ? {
          sql: `SELECT a.member_id AS part, sum(a.${m}) AS people, sum(a.confirmed) AS confirmed FROM assists a WHERE ${teamEntries(scope).where} AND a.day BETWEEN ? AND ? GROUP BY a.member_id`,
          params: [...teamEntries(scope).params, period.from, period.to],
        }
      : partsOver(scope, 'm', period, m);
  return db
    .prepare(
      `SELECT mb.full_name AS name, t.name AS team, s.people, s.confirmed
       FROM (${top.sql} ORDER BY people DESC LIMIT ${TOP_MEMBERS}) s
       JOIN members mb ON mb.id = CAST(s.part AS INTEGER) JOIN teams t ON t.id = mb.team_id
       ORDER BY s.people DESC, mb.full_name`,
    )
    .bind(...top.params);
}
