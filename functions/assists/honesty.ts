// Honesty checks (issue 23, point 5): entries that deserve a second look,
// each with its reasons. Computed when an official opens the list; nothing
// is hidden, changed or voided automatically: the official marks an entry
// as checked (audited) or voids it (audited, official-actions.ts).
import { auditStatement } from '../auth/audit.ts';
import type { Official } from '../auth/official.ts';
import type { Period } from '../usage/report.ts';
import type { OfficialView, ScopedEntry } from './official-actions.ts';
import { viewEntries } from './stalls.ts';
import { DAILY_CAP } from './tasks.ts';

/** Why an entry is listed. */
export type CheckReason = 'burst' | 'always-cap' | 'above-team' | 'one-visitor';

/** "Many people within minutes": two or more of one member's entries created within this window… */
export const BURST_WINDOW_MS = 10 * 60_000;
/** …adding up to at least this many people. */
export const BURST_PEOPLE = 20;
/** "Always at the cap": at least this many (task, day) totals, every one at DAILY_CAP. */
export const CAP_DAYS = 3;
/** "Far above the team's usual": this many times the average of the team's other entries in the period… */
export const ABOVE_FACTOR = 3;
/** …for an entry of at least this many people, in a team with at least ABOVE_MIN_ENTRIES entries. */
export const ABOVE_MIN_PEOPLE = 10;
export const ABOVE_MIN_ENTRIES = 5;
/** "Confirmations all from one visitor": a member's entries of one day confirmed by one phone, at least this many entries. */
export const ONE_VISITOR_ENTRIES = 2;
/** Entries listed at most (newest first). */
export const CHECK_LIMIT = 200;

export interface FlaggedEntry extends Omit<ScopedEntry, 'provinceCode' | 'communeCode' | 'voidedBy' | 'outcome'> {
  createdAt: number;
  confirmed: number;
  checkedBy: string | null;
  checkedAt: number | null;
  reasons: CheckReason[];
}

/** Entries of a view and period that deserve a second look, newest first. */
export async function flaggedEntries(db: D1Database, view: OfficialView & { provinceTeamsOnly?: boolean }, period: Period): Promise<FlaggedEntry[]> {
  const w = viewEntries(view);
  const inPeriod = `${w.sql} AND a.voided_at IS NULL AND a.day BETWEEN ? AND ?`;
  const bind = [...w.params, period.from, period.to];
  const [burst, cap, above, visitor] = await db.batch([
    // Sum of the member's people recorded within ±BURST_WINDOW_MS of each entry (window over created_at).
    db
      .prepare(
        `SELECT id FROM (SELECT a.id, sum(a.people) OVER near AS people, count(*) OVER near AS entries
         FROM assists a WHERE ${inPeriod}
         WINDOW near AS (PARTITION BY a.member_id ORDER BY a.created_at RANGE BETWEEN ${BURST_WINDOW_MS} PRECEDING AND ${BURST_WINDOW_MS} FOLLOWING))
         WHERE entries >= 2 AND people >= ${BURST_PEOPLE}`,
      )
      .bind(...bind),
    db
      .prepare(
        `SELECT a.id FROM assists a WHERE ${inPeriod} AND a.member_id IN (
           SELECT member_id FROM (SELECT a.member_id, sum(a.people) AS total FROM assists a WHERE ${inPeriod} GROUP BY a.member_id, a.task, a.day)
           GROUP BY member_id HAVING count(*) >= ${CAP_DAYS} AND min(total) >= ${DAILY_CAP})`,
      )
      .bind(...bind, ...bind),
    db
      .prepare(
        `SELECT id FROM (SELECT a.id, a.people, count(*) OVER t AS n, sum(a.people) OVER t AS total FROM assists a WHERE ${inPeriod} WINDOW t AS (PARTITION BY a.team_id))
         WHERE n >= ${ABOVE_MIN_ENTRIES} AND people >= ${ABOVE_MIN_PEOPLE} AND people > ${ABOVE_FACTOR} * (total - people) * 1.0 / (n - 1)`,
      )
      .bind(...bind),
    db
      .prepare(
        `WITH c AS (SELECT a.id, a.member_id, k.day, k.visitor FROM assist_confirmations k JOIN assists a ON a.id = k.assist_id WHERE ${inPeriod}),
              g AS (SELECT member_id, day FROM c GROUP BY member_id, day HAVING count(DISTINCT id) >= ${ONE_VISITOR_ENTRIES} AND count(DISTINCT visitor) = 1)
         SELECT DISTINCT c.id FROM c JOIN g ON g.member_id = c.member_id AND g.day = c.day`,
      )
      .bind(...bind),
  ]);
  const reasons = new Map<number, CheckReason[]>();
  const add = (rows: unknown[] | undefined, reason: CheckReason) => {
    for (const { id } of (rows ?? []) as { id: number }[]) reasons.set(id, [...(reasons.get(id) ?? []), reason]);
  };
  add(burst?.results, 'burst');
  add(cap?.results, 'always-cap');
  add(above?.results, 'above-team');
  add(visitor?.results, 'one-visitor');
  if (reasons.size === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT a.id, m.full_name AS memberName, t.name AS teamName, a.task, a.people, a.day, a.created_at AS createdAt, a.voided_at AS voidedAt,
              (SELECT count(*) FROM assist_confirmations k WHERE k.assist_id = a.id) AS confirmed, ch.checked_by AS checkedBy, ch.checked_at AS checkedAt
       FROM assists a JOIN members m ON m.id = a.member_id JOIN teams t ON t.id = a.team_id LEFT JOIN assist_checks ch ON ch.assist_id = a.id
       WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.day DESC, a.created_at DESC LIMIT ${CHECK_LIMIT}`,
    )
    .bind(JSON.stringify([...reasons.keys()]))
    .all<Omit<FlaggedEntry, 'reasons'>>();
  return results.map((r) => ({ ...r, reasons: reasons.get(r.id) ?? [] }));
}

/** Marks an entry as checked, with its audit entry, in one batch; false if it was already checked. */
export async function markChecked(
  db: D1Database,
  official: Official,
  entry: { id: number; provinceCode: string; communeCode: string | null },
  now = Date.now(),
): Promise<boolean> {
  const already = await db.prepare('SELECT 1 AS x FROM assist_checks WHERE assist_id = ?').bind(entry.id).first();
  if (already) return false;
  const [inserted] = await db.batch([
    db
      .prepare('INSERT INTO assist_checks (assist_id, checked_by, checked_at) VALUES (?, ?, ?) ON CONFLICT (assist_id) DO NOTHING RETURNING assist_id')
      .bind(entry.id, official.username, now),
    auditStatement(
      db,
      {
        actor: official,
        action: 'assist.check',
        // A second tap racing the first changes nothing: no second entry either.
        onlyIfChanged: true,
        place: { provinceCode: entry.provinceCode, communeCode: entry.communeCode },
        subject: `assist:${entry.id}`,
        after: { checked: true },
      },
      now,
    ),
  ]);
  return (inserted?.results.length ?? 0) === 1;
}
