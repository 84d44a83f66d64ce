// Writes to rosters (issue 17). Each change is one D1 batch (one transaction)
// with its audit entry and the directory version bump, so the public pages
// (cached per directory version) show it from the moment it commits, and no
// change is ever without its audit entry.
import type { PlanInput } from './form-schemas.ts';
import type { FormErrors } from '../forms/read-form.ts';
import { ui } from '../../site/i18n/ui.ts';
import { bumpDirectoryVersion } from '../directory/directory-changed.ts';
import { auditStatement, type AuditEntry } from '../auth/audit.ts';
import type { Official, Place } from '../auth/official.ts';
import { ruleDays, vietnamDay } from './dates.ts';
import type { DutyKind } from '../../db/schema/rosters.ts';

const t = ui.roster.errors;

export type { FormErrors } from '../forms/read-form.ts';
export type { PlanInput } from './form-schemas.ts';

/** The dates one planning form makes: its day alone, or a repeating rule's days from it. */
export function planDays(input: Pick<PlanInput, 'day' | 'repeat' | 'weeks'>): string[] {
  return input.repeat.length === 0 ? [input.day] : ruleDays(input.day, input.repeat, input.weeks);
}

/** Members who may be put on duty in a commune: current members of its teams. */
export async function communeMembers(db: D1Database, communeCode: string): Promise<{ id: number; fullName: string; teamName: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT m.id, m.full_name AS fullName, t.name AS teamName FROM members m JOIN teams t ON t.id = m.team_id
       WHERE t.commune_code = ? AND t.active = 1 AND t.removed_at IS NULL AND m.removed_at IS NULL
       ORDER BY t.name_folded, m.name_folded LIMIT 500`,
    )
    .bind(communeCode)
    .all<{ id: number; fullName: string; teamName: string }>();
  return results;
}

export class PlanRefused extends Error {
  readonly errors: FormErrors;
  constructor(errors: FormErrors) {
    super('plan refused');
    this.errors = errors;
  }
}

const placeOf = (communeCode: string, provinceCode: string): Place => ({ provinceCode, communeCode });

/**
 * Plans one form's shifts or sessions. Members and village must belong to the
 * commune (checked here, on the server). Returns the plan's id and how many
 * it made; a form sent twice (same form key) plans nothing more and returns
 * the first plan (the unique form key fails the second batch whole).
 */
export async function planDuty(
  db: D1Database,
  official: Pick<Official, 'id' | 'username'>,
  commune: { provinceCode: string; communeCode: string },
  kind: DutyKind,
  input: PlanInput,
  now = Date.now(),
): Promise<{ planId: number; count: number; repeated: boolean }> {
  const existing = await planByKey(db, input['form-key']);
  if (existing) return { ...existing, repeated: true };
  const allowed = new Set((await communeMembers(db, commune.communeCode)).map((m) => m.id));
  if (input.members.some((id) => !allowed.has(id))) throw new PlanRefused({ members: t.members });
  if (kind === 'shift' && input.members.length === 0) throw new PlanRefused({ members: t.membersRequired });
  if (input.village !== undefined) {
    const village = await db
      .prepare('SELECT 1 FROM villages WHERE id = ? AND commune_code = ? AND removed_at IS NULL')
      .bind(input.village, commune.communeCode)
      .first();
    if (!village) throw new PlanRefused({ village: t.village });
  }
  const days = planDays(input);
  const key = input['form-key'];
  const topics = JSON.stringify(kind === 'session' ? [...new Set(input.topics)] : []);
  const memberIds = JSON.stringify([...new Set(input.members)]);
  const planIdSql = '(SELECT id FROM duty_plans WHERE form_key = ?)';
  const statements: D1PreparedStatement[] = [
    db
      .prepare(
        `INSERT INTO duty_plans (form_key, province_code, commune_code, kind, weekdays, first_day, last_day, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(key, commune.provinceCode, commune.communeCode, kind, input.repeat.join(','), days[0]!, days.at(-1)!, official.username, now),
    auditStatement(
      db,
      {
        actor: official,
        action: kind === 'shift' ? 'roster.shift.plan' : 'roster.session.plan',
        place: placeOf(commune.communeCode, commune.provinceCode),
        subjectOfLastInsert: 'duty_plan',
        after: {
          days,
          start: input.start,
          end: input.end,
          place: input.place,
          village: input.village ?? null,
          members: input.members,
          topics: JSON.parse(topics),
        },
      },
      now,
    ),
    ...days.map((d) =>
      db
        .prepare(
          `INSERT INTO duty_events (plan_id, kind, province_code, commune_code, day, start_time, end_time, place, village_id, topics, created_at, updated_at)
           VALUES (${planIdSql}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(key, kind, commune.provinceCode, commune.communeCode, d, input.start, input.end, input.place, input.village ?? null, topics, now, now),
    ),
    db
      .prepare(
        `INSERT INTO duty_assignments (event_id, member_id)
         SELECT e.id, j.value FROM duty_events e, json_each(?) j WHERE e.plan_id = ${planIdSql}`,
      )
      .bind(memberIds, key),
    bumpDirectoryVersion(db, now),
  ];
  try {
    await db.batch(statements);
  } catch (err) {
    // Two taps at once: the second batch fails on the unique form key, whole.
    const first = await planByKey(db, key);
    if (first) return { ...first, repeated: true };
    throw err;
  }
  const made = await planByKey(db, key);
  return { ...made!, repeated: false };
}

async function planByKey(db: D1Database, key: string): Promise<{ planId: number; count: number } | null> {
  const row = await db
    .prepare('SELECT p.id AS planId, (SELECT count(*) FROM duty_events e WHERE e.plan_id = p.id) AS count FROM duty_plans p WHERE p.form_key = ?')
    .bind(key)
    .first<{ planId: number; count: number }>();
  return row;
}

export interface DutyEvent {
  id: number;
  kind: DutyKind;
  provinceCode: string;
  communeCode: string;
  day: string;
  startTime: string;
  endTime: string;
  place: string;
  status: 'planned' | 'cancelled';
}

export async function dutyEventById(db: D1Database, id: number): Promise<DutyEvent | null> {
  return db
    .prepare(
      `SELECT id, kind, province_code AS provinceCode, commune_code AS communeCode, day, start_time AS startTime, end_time AS endTime, place, status
       FROM duty_events WHERE id = ?`,
    )
    .bind(id)
    .first<DutyEvent>();
}

const audit = (db: D1Database, event: DutyEvent, entry: Omit<AuditEntry, 'place' | 'subject'>, now: number) =>
  auditStatement(db, { ...entry, place: placeOf(event.communeCode, event.provinceCode), subject: `duty_event:${event.id}`, onlyIfChanged: true }, now);

/** Moves one shift or session (not a cancelled one). False when nothing changed. */
export async function moveDuty(
  db: D1Database,
  official: Pick<Official, 'id' | 'username'>,
  event: DutyEvent,
  to: { day: string; start: string; end: string; place: string },
  now = Date.now(),
): Promise<boolean> {
  const same = event.day === to.day && event.startTime === to.start && event.endTime === to.end && event.place === to.place;
  if (same || event.status !== 'planned') return false;
  const [update] = await db.batch([
    db
      .prepare(
        `UPDATE duty_events SET day = ?, start_time = ?, end_time = ?, place = ?, moved_from = day || ' ' || start_time, updated_at = ?
         WHERE id = ? AND status = 'planned' AND day = ? AND start_time = ? AND end_time = ? AND place = ?`,
      )
      .bind(to.day, to.start, to.end, to.place, now, event.id, event.day, event.startTime, event.endTime, event.place),
    audit(
      db,
      event,
      { actor: official, action: 'roster.move', before: { day: event.day, start: event.startTime, end: event.endTime, place: event.place }, after: to },
      now,
    ),
    bumpDirectoryVersion(db, now),
  ]);
  return (update?.meta.changes ?? 0) === 1;
}

/** Cancels one shift or session; citizens see it as cancelled. False if it already was. */
export async function cancelDuty(db: D1Database, official: Pick<Official, 'id' | 'username'>, event: DutyEvent, now = Date.now()): Promise<boolean> {
  if (event.status !== 'planned') return false;
  const [update] = await db.batch([
    db.prepare(`UPDATE duty_events SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'planned'`).bind(now, event.id),
    audit(db, event, { actor: official, action: 'roster.cancel', before: { status: 'planned' }, after: { status: 'cancelled' } }, now),
    bumpDirectoryVersion(db, now),
  ]);
  return (update?.meta.changes ?? 0) === 1;
}

/**
 * Marks a member's duty as served, by the member or an officer: only for a
 * shift that is not cancelled and has begun (today or earlier). Idempotent.
 */
export async function markServed(
  db: D1Database,
  actor: Pick<Official, 'id' | 'username'> | { memberCode: string },
  event: DutyEvent,
  memberId: number,
  now = Date.now(),
): Promise<boolean> {
  if (event.status !== 'planned' || event.day > vietnamDay(now)) return false;
  const by = 'memberCode' in actor ? 'member' : `official:${actor.username}`;
  const [update] = await db.batch([
    db
      .prepare('UPDATE duty_assignments SET served_at = ?, served_by = ? WHERE event_id = ? AND member_id = ? AND served_at IS NULL')
      .bind(now, by, event.id, memberId),
    audit(db, event, { actor: 'memberCode' in actor ? `member:${actor.memberCode}` : actor, action: 'roster.served', after: { member: memberId } }, now),
    bumpDirectoryVersion(db, now),
  ]);
  return (update?.meta.changes ?? 0) === 1;
}

/** A member says they cannot come to a shift that has not passed; the officer sees it. Idempotent. */
export async function markCannotCome(db: D1Database, member: { id: number; code: string }, event: DutyEvent, now = Date.now()): Promise<boolean> {
  if (event.status !== 'planned' || event.day < vietnamDay(now)) return false;
  const [update] = await db.batch([
    db
      .prepare('UPDATE duty_assignments SET cannot_come_at = ? WHERE event_id = ? AND member_id = ? AND cannot_come_at IS NULL AND served_at IS NULL')
      .bind(now, event.id, member.id),
    audit(db, event, { actor: `member:${member.code}`, action: 'roster.cannot_come', after: { member: member.id } }, now),
    bumpDirectoryVersion(db, now),
  ]);
  return (update?.meta.changes ?? 0) === 1;
}
