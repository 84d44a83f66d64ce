// Served shifts (issue 17, point 4): what reports count, and the (member, day)
// pairs that are activity days for the allowance sheet.
import type { Place } from '../auth/official.ts';

/** Served duty: a member marked served on a shift or session that was not cancelled (a = duty_assignments, e = duty_events). */
const servedDuty = `a.served_at IS NOT NULL AND e.status = 'planned'`;

/** Activity days (functions/assists/activity.ts): (member_id, day) of served duty of the members `members` selects, between ?1 and ?2. */
export const servedShiftDaysOfMembersSql = (members: string) =>
  `SELECT a.member_id, e.day FROM duty_assignments a JOIN duty_events e ON e.id = a.event_id
   WHERE a.member_id IN (${members}) AND ${servedDuty} AND e.day BETWEEN ?1 AND ?2`;

/**
 * SQL of the (member, day) pairs of served duty: a member marked served (by
 * themselves or an officer) on a shift or session that was not cancelled.
 * One row per member and day, however many shifts that day. Bind: province
 * code or null, commune code or null, from day, to day (YYYY-MM-DD, Vietnam time).
 * Exported as text so the allowance sheet's activity-day query can UNION it.
 */
export const servedShiftDaysSql = `SELECT DISTINCT a.member_id AS memberId, e.day AS day
  FROM duty_assignments a JOIN duty_events e ON e.id = a.event_id
  WHERE ${servedDuty}
    AND (?1 IS NULL OR e.province_code = ?1) AND (?2 IS NULL OR e.commune_code = ?2)
    AND e.day BETWEEN ?3 AND ?4`;

/** The (member, day) pairs of served shifts and sessions in a place and period: activity days. */
export async function servedShiftDays(db: D1Database, place: Place, period: { from: string; to: string }): Promise<{ memberId: number; day: string }[]> {
  const { results } = await db
    .prepare(`${servedShiftDaysSql} ORDER BY e.day, a.member_id`)
    .bind(place.provinceCode, place.communeCode, period.from, period.to)
    .all<{ memberId: number; day: string }>();
  return results;
}

export interface RosterCounts {
  communeCode: string;
  communeName: string;
  shiftsPlanned: number;
  shiftsServed: number;
  shiftsCancelled: number;
  sessionsPlanned: number;
  sessionsServed: number;
  sessionsCancelled: number;
}

/**
 * Per commune of a place, over a period: shifts and sessions planned (every
 * one not cancelled), served (at least one member marked it) and cancelled.
 */
export async function rosterCounts(db: D1Database, place: Place, period: { from: string; to: string }): Promise<RosterCounts[]> {
  const { results } = await db
    .prepare(
      `SELECT e.commune_code AS communeCode, c.name AS communeName,
         sum(e.kind = 'shift' AND e.status = 'planned') AS shiftsPlanned,
         sum(e.kind = 'shift' AND e.status = 'planned' AND s.served) AS shiftsServed,
         sum(e.kind = 'shift' AND e.status = 'cancelled') AS shiftsCancelled,
         sum(e.kind = 'session' AND e.status = 'planned') AS sessionsPlanned,
         sum(e.kind = 'session' AND e.status = 'planned' AND s.served) AS sessionsServed,
         sum(e.kind = 'session' AND e.status = 'cancelled') AS sessionsCancelled
       FROM duty_events e JOIN communes c ON c.code = e.commune_code
       LEFT JOIN (SELECT event_id, 1 AS served FROM duty_assignments WHERE served_at IS NOT NULL GROUP BY event_id) s ON s.event_id = e.id
       WHERE (?1 IS NULL OR e.province_code = ?1) AND (?2 IS NULL OR e.commune_code = ?2) AND e.day BETWEEN ?3 AND ?4
       GROUP BY e.commune_code ORDER BY c.name_folded LIMIT 5000`,
    )
    .bind(place.provinceCode, place.communeCode, period.from, period.to)
    .all<RosterCounts>();
  return results;
}
