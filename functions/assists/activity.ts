// Activity days and the allowance sheet (issue 23, point 4): who was active
// on which days of a month, what the province pays for it, per commune.
import { ui } from '../../site/i18n/ui.ts';
import { auditStatement } from '../auth/audit.ts';
import type { Official } from '../auth/official.ts';
import { formatNumber } from '../../site/utils/format.ts';
import type { Cell, Sheet } from '../sheets/xlsx.ts';
import { currentMemberSql } from './member-auth.ts';
import type { OfficialView } from './official-actions.ts';
import { alertPassedOnDaysSql } from '../alerts/alerts.ts';
import { servedShiftDaysOfMembersSql } from '../roster/served.ts';

/**
 * Where activity days come from. Each source selects (member_id, day) rows
 * for the members of the subquery `members` (ids), with ?1 = first day and
 * ?2 = last day (YYYY-MM-DD) of the period. memberActivityDaysSql keeps
 * distinct (member, day) pairs, so a day counts once however many entries or
 * sources say so.
 *
 * Each source is one line here and nowhere else.
 */
const activityDaySources: ((members: string) => string)[] = [
  // A day with at least one recorded assist that no official voided (issue 9).
  (members) => `SELECT member_id, day FROM assists WHERE member_id IN (${members}) AND day BETWEEN ?1 AND ?2 AND voided_at IS NULL`,
  // A shift or session served, not cancelled (issue 17).
  servedShiftDaysOfMembersSql,
  // A scam alert passed on: the day first marked and the day last marked (issue 18).
  alertPassedOnDaysSql,
];

/**
 * The one definition of a member's activity days: distinct (member_id, day)
 * rows of the members selected by `members` between ?1 and ?2. Everything
 * that counts or pays activity days reads this.
 */
export const memberActivityDaysSql = (members: string) =>
  `SELECT DISTINCT member_id, day FROM (${activityDaySources.map((source) => source(members)).join('\nUNION ALL\n')})`;

/** A member's activity days of a period (YYYY-MM-DD, ascending). */
export async function memberActivityDays(db: D1Database, memberId: number, from: string, to: string): Promise<string[]> {
  const { results } = await db
    .prepare(`SELECT day FROM (${memberActivityDaysSql('?3')}) ORDER BY day`)
    .bind(from, to, memberId)
    .all<{ day: string }>();
  return results.map((r) => r.day);
}

// ——— Rates ———

export interface Rates {
  perMemberDay: number | null;
  perTeamMonth: number | null;
}

/** Rates a province set from a month on (until a later month's); both null: no payment from that month. */
export interface RatesFrom extends Rates {
  fromMonth: string;
  setBy: string;
  updatedAt: number;
}

/** YYYY-MM of a month. */
export const monthPattern = /^(20[2-9]\d)-(0[1-9]|1[0-2])$/;

/** A province's rates, latest month first. */
export async function ratesHistory(db: D1Database, provinceCode: string): Promise<RatesFrom[]> {
  const { results } = await db
    .prepare(
      `SELECT from_month AS fromMonth, per_member_day AS perMemberDay, per_team_month AS perTeamMonth, set_by AS setBy, updated_at AS updatedAt
       FROM assist_rates WHERE province_code = ? ORDER BY from_month DESC`,
    )
    .bind(provinceCode)
    .all<RatesFrom>();
  return results;
}

/** The statement reading the rates in force in a month: the latest set from that month or before. */
const ratesInForce = (db: D1Database, provinceCode: string, month: string) =>
  db
    .prepare(
      'SELECT per_member_day AS perMemberDay, per_team_month AS perTeamMonth FROM assist_rates WHERE province_code = ? AND from_month <= ? ORDER BY from_month DESC LIMIT 1',
    )
    .bind(provinceCode, month);

/** Saves a province's rates from a month on, with their audit entry, in one batch; false when nothing changed. */
export async function saveRates(db: D1Database, official: Official, provinceCode: string, fromMonth: string, rates: Rates, now = Date.now()): Promise<boolean> {
  const before = await db
    .prepare('SELECT per_member_day AS perMemberDay, per_team_month AS perTeamMonth FROM assist_rates WHERE province_code = ? AND from_month = ?')
    .bind(provinceCode, fromMonth)
    .first<Rates>();
  if (before && before.perMemberDay === rates.perMemberDay && before.perTeamMonth === rates.perTeamMonth) return false;
  await db.batch([
    db
      .prepare(
        `INSERT INTO assist_rates (province_code, from_month, per_member_day, per_team_month, set_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (province_code, from_month) DO UPDATE SET per_member_day = excluded.per_member_day, per_team_month = excluded.per_team_month,
           set_by = excluded.set_by, updated_at = excluded.updated_at`,
      )
      .bind(provinceCode, fromMonth, rates.perMemberDay, rates.perTeamMonth, official.username, now),
    auditStatement(
      db,
      {
        actor: official,
        action: 'assist.rate.set',
        place: { provinceCode, communeCode: null },
        subject: `rates:${provinceCode}:${fromMonth}`,
        before: before ?? null,
        after: rates,
      },
      now,
    ),
  ]);
  return true;
}

// ——— The allowance sheet ———

/** The first and last day of a month (YYYY-MM). */
export function monthDays(month: string): { from: string; to: string; days: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(days).padStart(2, '0')}`, days };
}

export interface AllowanceRow {
  memberId: number;
  name: string;
  teamId: number;
  team: string;
  /** Days of the month (1–31) the member was active. */
  days: number[];
  people: number;
  confirmed: number;
  /** days × rate per member day; null without that rate. */
  amount: number | null;
}

export interface AllowanceTeam {
  id: number;
  name: string;
  active: boolean;
  /** The per-team monthly rate for a team active that month; null without that rate. */
  amount: number | null;
}

export interface AllowanceSheet {
  /** '' for a province's teams without commune. */
  communeCode: string;
  communeName: string;
  rows: AllowanceRow[];
  teams: AllowanceTeam[];
  totals: { days: number; people: number; confirmed: number; amount: number | null };
}

export interface AllowanceSheets {
  month: string;
  provinceCode: string;
  provinceName: string;
  rates: Rates;
  sheets: AllowanceSheet[];
}

/** Current members of a view's teams, as an SQL subquery of ids bound at ?3 (and ?4). */
function membersOf(view: OfficialView & { provinceTeamsOnly?: boolean }): { sql: string; params: string[] } {
  const current = currentMemberSql('m', 't');
  if (view.communeCode)
    return { sql: `SELECT m.id FROM members m JOIN teams t ON t.id = m.team_id WHERE t.commune_code = ?3 AND ${current}`, params: [view.communeCode] };
  const provinceOnly = view.provinceTeamsOnly ? ' AND t.commune_code IS NULL' : '';
  return {
    sql: `SELECT m.id FROM members m JOIN teams t ON t.id = m.team_id WHERE t.province_code = ?3${provinceOnly} AND ${current}`,
    params: [view.provinceCode!],
  };
}

/**
 * A month's allowance sheets of a view (one commune, or every commune of a
 * province and its teams without commune): each current member, their team,
 * their activity days (memberActivityDaysSql), people they recorded, how many
 * citizens confirmed, and the amounts where the province set rates.
 */
export async function allowanceSheets(db: D1Database, view: OfficialView & { provinceTeamsOnly?: boolean }, month: string): Promise<AllowanceSheets> {
  const provinceCode = view.provinceCode!;
  const { from, to } = monthDays(month);
  const members = membersOf(view);
  const current = currentMemberSql('m', 't');
  const placeWhere = view.communeCode ? 't.commune_code = ?3' : `t.province_code = ?3${view.provinceTeamsOnly ? ' AND t.commune_code IS NULL' : ''}`;
  // Every statement binds ?1 = from, ?2 = to, ?3 = the place (SQLite allows unused numbered parameters).
  const [list, activity, help, rateRow, province] = await db.batch([
    db
      .prepare(
        `SELECT m.id AS memberId, m.full_name AS name, t.id AS teamId, t.name AS team, coalesce(t.commune_code, '') AS communeCode, coalesce(c.name, '') AS communeName
         FROM members m JOIN teams t ON t.id = m.team_id LEFT JOIN communes c ON c.code = t.commune_code
         WHERE ${placeWhere} AND ${current}
         ORDER BY c.name_folded IS NULL, c.name_folded, t.name_folded, m.name_folded`,
      )
      .bind(from, to, ...members.params),
    db.prepare(`SELECT member_id AS memberId, day FROM (${memberActivityDaysSql(members.sql)}) ORDER BY member_id, day`).bind(from, to, ...members.params),
    db
      .prepare(
        `SELECT a.member_id AS memberId, sum(a.people) AS people,
                sum((SELECT count(*) FROM assist_confirmations k WHERE k.assist_id = a.id)) AS confirmed
         FROM assists a WHERE a.member_id IN (${members.sql}) AND a.day BETWEEN ?1 AND ?2 AND a.voided_at IS NULL GROUP BY a.member_id`,
      )
      .bind(from, to, ...members.params),
    ratesInForce(db, provinceCode, month),
    db.prepare('SELECT name FROM provinces WHERE code = ?').bind(provinceCode),
  ]);
  const rates = ((rateRow?.results ?? [])[0] as Rates | undefined) ?? { perMemberDay: null, perTeamMonth: null };
  const daysOf = new Map<number, number[]>();
  for (const r of (activity?.results ?? []) as { memberId: number; day: string }[]) {
    const list = daysOf.get(r.memberId) ?? [];
    list.push(Number(r.day.slice(8, 10)));
    daysOf.set(r.memberId, list);
  }
  const helpOf = new Map(((help?.results ?? []) as { memberId: number; people: number; confirmed: number }[]).map((r) => [r.memberId, r]));

  const sheets = new Map<string, AllowanceSheet & { teamMap: Map<number, AllowanceTeam> }>();
  for (const m of (list?.results ?? []) as { memberId: number; name: string; teamId: number; team: string; communeCode: string; communeName: string }[]) {
    const sheet: AllowanceSheet & { teamMap: Map<number, AllowanceTeam> } = sheets.get(m.communeCode) ?? {
      communeCode: m.communeCode,
      communeName: m.communeName || ui.assistsAdmin.provinceTeams,
      rows: [],
      teams: [],
      teamMap: new Map(),
      totals: { days: 0, people: 0, confirmed: 0, amount: null },
    };
    sheets.set(m.communeCode, sheet);
    const days = daysOf.get(m.memberId) ?? [];
    const h = helpOf.get(m.memberId);
    sheet.rows.push({
      memberId: m.memberId,
      name: m.name,
      teamId: m.teamId,
      team: m.team,
      days,
      people: h?.people ?? 0,
      confirmed: h?.confirmed ?? 0,
      amount: rates.perMemberDay === null ? null : days.length * rates.perMemberDay,
    });
    const team = sheet.teamMap.get(m.teamId) ?? { id: m.teamId, name: m.team, active: false, amount: null };
    team.active ||= days.length > 0;
    sheet.teamMap.set(m.teamId, team);
  }
  const out: AllowanceSheet[] = [];
  for (const { teamMap, ...sheet } of sheets.values()) {
    sheet.teams = [...teamMap.values()].map((t) => ({ ...t, amount: rates.perTeamMonth === null ? null : t.active ? rates.perTeamMonth : 0 }));
    const sum = (values: (number | null)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
    const anyRate = rates.perMemberDay !== null || rates.perTeamMonth !== null;
    sheet.totals = {
      days: sum(sheet.rows.map((r) => r.days.length)),
      people: sum(sheet.rows.map((r) => r.people)),
      confirmed: sum(sheet.rows.map((r) => r.confirmed)),
      amount: anyRate ? sum(sheet.rows.map((r) => r.amount)) + sum(sheet.teams.map((t) => t.amount)) : null,
    };
    out.push(sheet);
  }
  return { month, provinceCode, provinceName: ((province?.results ?? [])[0] as { name: string } | undefined)?.name ?? provinceCode, rates, sheets: out };
}

/** The audit entry of a sheet shown for printing or downloaded (issue 23: every download is logged). */
export function allowanceDownloadAudit(
  db: D1Database,
  official: Official,
  view: OfficialView & { provinceTeamsOnly?: boolean },
  month: string,
  format: 'print' | 'xlsx',
) {
  return auditStatement(db, {
    actor: official,
    action: 'allowance.download',
    place: { provinceCode: view.provinceCode, communeCode: view.communeCode },
    subject: `allowance:${view.communeCode ?? (view.provinceTeamsOnly ? `${view.provinceCode}:tinh` : view.provinceCode)}:${month}`,
    after: { format, month },
  });
}

/** "03/2026" for "2026-03". */
export const monthLabel = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

/** The sheets as an XLSX workbook: one worksheet per commune, the same columns and totals as the printed sheet. */
export function allowanceWorkbook(data: AllowanceSheets): Sheet[] {
  const a = ui.allowance;
  const withAmount = data.rates.perMemberDay !== null || data.rates.perTeamMonth !== null;
  return data.sheets.map((sheet, i) => {
    const rows: Cell[][] = [
      [a.noColumn, a.memberColumn, a.teamColumn, a.datesColumn, a.daysColumn, a.peopleColumn, a.confirmedColumn, ...(withAmount ? [a.amountColumn] : [])],
      ...sheet.rows.map((r, n) => [n + 1, r.name, r.team, r.days.join(', '), r.days.length, r.people, r.confirmed, ...(withAmount ? [r.amount] : [])]),
    ];
    if (withAmount) for (const t of sheet.teams) if (t.amount !== null) rows.push([null, a.teamAmountRow(t.name), null, null, null, null, null, t.amount]);
    rows.push([null, a.totalRow, null, null, sheet.totals.days, sheet.totals.people, sheet.totals.confirmed, ...(withAmount ? [sheet.totals.amount] : [])]);
    rows.push([], [a.heading(monthLabel(data.month))], [a.place(sheet.communeName, data.provinceName)]);
    rows.push([
      a.ratesLine(
        data.rates.perMemberDay === null ? a.noRate : `${formatNumber(data.rates.perMemberDay)} đ`,
        data.rates.perTeamMonth === null ? a.noRate : `${formatNumber(data.rates.perTeamMonth)} đ`,
      ),
    ]);
    rows.push([], [a.signMaker, null, a.signAccountant, null, a.signChair]);
    // Sheet names must be unique: the commune code keeps two communes of the same name apart.
    return { name: `${sheet.communeCode || `tinh-${i}`} ${sheet.communeName}`, rows };
  });
}
