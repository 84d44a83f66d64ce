// "Bản đồ điểm nghẽn" (issue 23, point 3): why help stalls, per province or
// commune, from the outcome members add to their entries. Read from the
// partial index assists_outcome_idx (only entries with an outcome).
import { ui } from '../../site/i18n/ui.ts';
import type { Cell } from '../sheets/xlsx.ts';
import type { Period } from '../usage/report.ts';
import { mondaysOf, weekStart } from '../usage/report.ts';
import type { OfficialView } from './official-actions.ts';
import { DONE, type StallReasonId, stallReasonById, stallReasonIds, stallReasons } from './outcomes.ts';

export interface ReasonTotal {
  id: StallReasonId;
  label: string;
  owner: string;
  /** People whose help stalled for this reason. */
  people: number;
  /** Entries saying so. */
  entries: number;
}

export interface StallWeek {
  week: string;
  people: Record<StallReasonId, number>;
}

export interface StallPlace {
  code: string;
  name: string;
  people: Record<StallReasonId, number>;
  total: number;
}

export interface StallReport {
  period: Period;
  reasons: ReasonTotal[];
  /** People whose help was recorded as done. */
  done: number;
  stalled: number;
  weeks: StallWeek[];
  /** A province's communes (and its teams without commune); null for a commune. */
  places: StallPlace[] | null;
}

/** Where a view's entries are, on alias `a` (province first: the index leads with it). */
export function viewEntries(view: OfficialView & { provinceTeamsOnly?: boolean }): { sql: string; params: string[] } {
  if (view.communeCode) return { sql: 'a.province_code = ? AND a.commune_code = ?', params: [view.provinceCode ?? '', view.communeCode] };
  if (view.provinceCode && view.provinceTeamsOnly) return { sql: 'a.province_code = ? AND a.commune_code IS NULL', params: [view.provinceCode] };
  if (view.provinceCode) return { sql: 'a.province_code = ?', params: [view.provinceCode] };
  return { sql: '1 = 1', params: [] };
}

const emptyReasons = () => Object.fromEntries(stallReasonIds.map((id) => [id, 0])) as Record<StallReasonId, number>;

export async function stallReport(db: D1Database, view: OfficialView & { provinceTeamsOnly?: boolean }, period: Period): Promise<StallReport> {
  const where = viewEntries(view);
  const statements = [
    db
      .prepare(
        `SELECT a.day, a.outcome, sum(a.people) AS people, count(*) AS entries FROM assists a
         WHERE ${where.sql} AND a.voided_at IS NULL AND a.outcome IS NOT NULL AND a.day BETWEEN ? AND ? GROUP BY a.day, a.outcome`,
      )
      .bind(...where.params, period.from, period.to),
  ];
  const byPlace = view.provinceCode && !view.communeCode && !view.provinceTeamsOnly;
  if (byPlace) {
    statements.push(
      db
        .prepare(
          `SELECT coalesce(a.commune_code, '') AS code, coalesce(c.name, ?) AS name, a.outcome, sum(a.people) AS people
           FROM assists a LEFT JOIN communes c ON c.code = a.commune_code
           WHERE a.province_code = ? AND a.voided_at IS NULL AND a.outcome IS NOT NULL AND a.outcome <> ? AND a.day BETWEEN ? AND ?
           GROUP BY a.commune_code, a.outcome`,
        )
        .bind(ui.assists.provinceLevel, view.provinceCode, DONE, period.from, period.to),
    );
  }
  const [daily, places] = await db.batch(statements);

  const totals = new Map<string, { people: number; entries: number }>();
  const weeks = new Map<string, Record<StallReasonId, number>>();
  let done = 0;
  for (const r of (daily?.results ?? []) as { day: string; outcome: string; people: number; entries: number }[]) {
    if (r.outcome === DONE) {
      done += r.people;
      continue;
    }
    if (!stallReasonById.has(r.outcome)) continue;
    const t = totals.get(r.outcome) ?? { people: 0, entries: 0 };
    t.people += r.people;
    t.entries += r.entries;
    totals.set(r.outcome, t);
    const monday = weekStart(r.day);
    const week = weeks.get(monday) ?? emptyReasons();
    week[r.outcome as StallReasonId] += r.people;
    weeks.set(monday, week);
  }
  const reasons = stallReasons.map((r) => ({
    id: r.id,
    label: r.label,
    owner: r.owner,
    people: totals.get(r.id)?.people ?? 0,
    entries: totals.get(r.id)?.entries ?? 0,
  }));

  let placeList: StallPlace[] | null = null;
  if (byPlace) {
    const map = new Map<string, StallPlace>();
    for (const r of (places?.results ?? []) as { code: string; name: string; outcome: string; people: number }[]) {
      if (!stallReasonById.has(r.outcome)) continue;
      const p = map.get(r.code) ?? { code: r.code, name: r.name, people: emptyReasons(), total: 0 };
      p.people[r.outcome as StallReasonId] += r.people;
      p.total += r.people;
      map.set(r.code, p);
    }
    placeList = [...map.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'vi'));
  }
  return {
    period,
    reasons,
    done,
    stalled: reasons.reduce((s, r) => s + r.people, 0),
    weeks: mondaysOf(period).map((week) => ({ week, people: weeks.get(week) ?? emptyReasons() })),
    places: placeList,
  };
}

/**
 * The CSV a commune or province sends to whoever owns a problem (police,
 * telecom, bank): one row per reason for the place, then, for a province, one
 * row per commune and reason. Counts only; nothing about any citizen.
 */
export function stallRows(report: StallReport, place: string): Cell[][] {
  const s = ui.stalls;
  const { from, to } = report.period;
  const rows: Cell[][] = [s.csvHeader.slice()];
  for (const r of report.reasons) rows.push([r.id, r.label, r.owner, r.people, r.entries, place, from, to]);
  for (const p of report.places ?? []) {
    for (const r of stallReasons) if (p.people[r.id] > 0) rows.push([r.id, r.label, r.owner, p.people[r.id], null, p.name, from, to]);
  }
  return rows;
}
