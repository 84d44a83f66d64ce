// Shifts and sessions of a commune (issue 17): what the public pages, the
// feed, the poster, the API and the officials' and members' pages read.
import { and, between, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { members } from '../../db/schema/directory.ts';
import { dutyAssignments, dutyEvents, type DutyKind } from '../../db/schema/rosters.ts';
import { publishedPhone } from '../directory/lookups.ts';
import { taskIds } from '../assists/tasks.ts';
import { addDays, vietnamDay, vietnamTime } from './dates.ts';

/** What citizens and the API see: "served" once a member on duty marked it so. */
export type ScheduleStatus = 'planned' | 'cancelled' | 'served';

export interface ScheduleMember {
  id: number;
  code: string;
  /** As the directory shows it. */
  name: string;
  /** Only with the member's consent (publishedPhone), as everywhere. */
  phone: string | null;
  cannotCome: boolean;
  served: boolean;
}

export interface ScheduleItem {
  id: number;
  kind: DutyKind;
  day: string;
  startTime: string;
  endTime: string;
  place: string;
  villageId: number | null;
  villageName: string | null;
  topics: string[];
  status: ScheduleStatus;
  movedFrom: string | null;
  members: ScheduleMember[];
}

/** Rows read for one commune's range at most: a range is at most MAX_RANGE_DAYS, so this is far above any real roster. */
const MAX_ITEMS = 600;

const knownTopics = new Set<string>(taskIds);
function parseTopics(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string' && knownTopics.has(t)) : [];
  } catch {
    return [];
  }
}

/** A duty_events row as read: the item before its topics are parsed and its members joined. */
interface EventRow extends Omit<ScheduleItem, 'topics' | 'status' | 'members'> {
  topics: string;
  status: 'planned' | 'cancelled';
}

/**
 * A commune's shifts and sessions from `from` to `to` (inclusive days), with
 * the members on duty. `audience: 'public'` leaves out members removed from
 * the directory and those who said they cannot come; officials also see past
 * events' removed members (they served then), but a removed member is gone
 * from every event from today on.
 */
export async function communeSchedule(
  db: D1Database,
  communeCode: string,
  range: { from: string; to: string },
  audience: 'public' | 'official',
  now = Date.now(),
): Promise<ScheduleItem[]> {
  const today = vietnamDay(now);
  const [events, assigned] = await Promise.all([
    db
      .prepare(
        `SELECT e.id, e.kind, e.day, e.start_time AS startTime, e.end_time AS endTime, e.place, e.village_id AS villageId,
                v.name AS villageName, e.topics, e.status, e.moved_from AS movedFrom
         FROM duty_events e LEFT JOIN villages v ON v.id = e.village_id
         WHERE e.commune_code = ? AND e.day BETWEEN ? AND ? ORDER BY e.day, e.start_time, e.id LIMIT ${MAX_ITEMS}`,
      )
      .bind(communeCode, range.from, range.to)
      .all<EventRow>(),
    drizzle(db)
      .select({
        eventId: dutyAssignments.eventId,
        id: members.id,
        code: members.code,
        name: members.fullName,
        phone: publishedPhone,
        removedAt: members.removedAt,
        cannotComeAt: dutyAssignments.cannotComeAt,
        servedAt: dutyAssignments.servedAt,
        day: dutyEvents.day,
      })
      .from(dutyAssignments)
      .innerJoin(dutyEvents, eq(dutyEvents.id, dutyAssignments.eventId))
      .innerJoin(members, eq(members.id, dutyAssignments.memberId))
      .where(and(eq(dutyEvents.communeCode, communeCode), between(dutyEvents.day, range.from, range.to)))
      .orderBy(members.nameFolded),
  ]);
  const byEvent = new Map<number, ScheduleMember[]>();
  for (const row of assigned) {
    if (row.removedAt !== null && (audience === 'public' || row.day >= today)) continue;
    if (audience === 'public' && row.cannotComeAt !== null) continue;
    let list = byEvent.get(row.eventId);
    if (!list) {
      list = [];
      byEvent.set(row.eventId, list);
    }
    list.push({ id: row.id, code: row.code, name: row.name, phone: row.phone, cannotCome: row.cannotComeAt !== null, served: row.servedAt !== null });
  }
  return events.results.map((e) => {
    const people = byEvent.get(e.id) ?? [];
    const status: ScheduleStatus = e.status === 'cancelled' ? 'cancelled' : people.some((m) => m.served) ? 'served' : 'planned';
    return { ...e, topics: parseTopics(e.topics), status, members: people };
  });
}

/**
 * "Hôm nay": today's items, those on duty now (several desks may be staffed
 * at once) and, when none is, the next one (not cancelled, not over).
 */
export function todayOf(items: ScheduleItem[], now = Date.now()): { today: ScheduleItem[]; onNow: Set<ScheduleItem>; next: ScheduleItem | undefined } {
  const day = vietnamDay(now);
  const time = vietnamTime(now);
  const today = items.filter((i) => i.day === day);
  const open = today.filter((i) => i.status !== 'cancelled' && i.endTime > time);
  const onNow = new Set(open.filter((i) => i.startTime <= time));
  return { today, onNow, next: onNow.size === 0 ? open[0] : undefined };
}

/** What the public pages show: from today for two weeks. */
export const PUBLIC_DAYS = 14;
export function publicRange(now = Date.now()): { from: string; to: string } {
  const from = vietnamDay(now);
  return { from, to: addDays(from, PUBLIC_DAYS - 1) };
}

/** A member's own shifts and sessions (from a week ago on), for the member area. */
export async function memberSchedule(db: D1Database, memberId: number, now = Date.now()) {
  const { results } = await db
    .prepare(
      `SELECT e.id, e.kind, e.day, e.start_time AS startTime, e.end_time AS endTime, e.place, e.status, v.name AS villageName,
              a.cannot_come_at AS cannotComeAt, a.served_at AS servedAt
       FROM duty_assignments a JOIN duty_events e ON e.id = a.event_id LEFT JOIN villages v ON v.id = e.village_id
       WHERE a.member_id = ? AND e.day >= ? ORDER BY e.day, e.start_time LIMIT 60`,
    )
    .bind(memberId, addDays(vietnamDay(now), -7))
    .all<{
      id: number;
      kind: DutyKind;
      day: string;
      startTime: string;
      endTime: string;
      place: string;
      status: 'planned' | 'cancelled';
      villageName: string | null;
      cannotComeAt: number | null;
      servedAt: number | null;
    }>();
  return results;
}

/** Next sessions and shifts of several communes (for "find your team" results): today's first, then the next, per commune. */
export async function nextByCommune(db: D1Database, communeCodes: string[], now = Date.now()): Promise<Map<string, EventRow & { communeCode: string }>> {
  const next = new Map<string, EventRow & { communeCode: string }>();
  if (communeCodes.length === 0) return next;
  const { from, to } = publicRange(now);
  const time = vietnamTime(now);
  const { results } = await db
    .prepare(
      `SELECT e.commune_code AS communeCode, e.id, e.kind, e.day, e.start_time AS startTime, e.end_time AS endTime, e.place,
              e.village_id AS villageId, v.name AS villageName, e.topics, e.status, e.moved_from AS movedFrom
       FROM duty_events e LEFT JOIN villages v ON v.id = e.village_id
       WHERE e.commune_code IN (SELECT value FROM json_each(?1)) AND e.day BETWEEN ?2 AND ?3 AND e.status = 'planned'
         AND (e.day > ?2 OR e.end_time > ?4)
       ORDER BY e.day, e.start_time LIMIT 200`,
    )
    .bind(JSON.stringify(communeCodes.slice(0, 50)), from, to, time)
    .all<EventRow & { communeCode: string }>();
  for (const row of results) if (!next.has(row.communeCode)) next.set(row.communeCode, row);
  return next;
}
