import { z } from 'zod';
import { ui } from '../../site/i18n/ui.ts';
import { formatDate } from '../../site/utils/format.ts';
import { addDays } from '../usage/report.ts';
import { DAILY_CAP, RECORD_WINDOW_DAYS, taskById, taskIds, type TaskId } from './tasks.ts';
import { outcomeIds } from './outcomes.ts';
import type { SignedInMember } from './member-auth.ts';
import { blank } from '../forms/fields.ts';

const DAY_MS = 86_400_000;
/** Vietnam has one time zone, UTC+7, no daylight saving: a member's "today" is this. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export function vietnamDay(now = Date.now()): string {
  return new Date(now + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** First day a member may record for today (today and the 7 days before it). */
export const earliestDay = (now = Date.now()) => addDays(vietnamDay(now), -RECORD_WINDOW_DAYS);

/** Whether an entry recorded at `createdAt` may still be edited or deleted by its member. */
const editableUntil = (createdAt: number) => createdAt + RECORD_WINDOW_DAYS * DAY_MS;

export const formMessages = {
  task: ui.member.errors.task,
  people: ui.member.errors.people(DAILY_CAP),
  day: ui.member.errors.day(RECORD_WINDOW_DAYS),
  village: ui.member.errors.village,
  outcome: ui.memberOutcome.error,
} as const;

/**
 * The "Ghi nhận hỗ trợ" form: task, people, day, village, and the optional
 * outcome (done, or one of the fixed reasons it stalled). Nothing else is
 * read from the request: there is no field about the citizens helped.
 */
export function assistFormSchema(
  now = Date.now(),
  /** Editing: the entry's own day stays acceptable even once it is out of the window. */
  keepDay?: string,
) {
  const today = vietnamDay(now);
  const earliest = earliestDay(now);
  return z.object({
    task: z.enum(taskIds, { error: formMessages.task }),
    people: z.preprocess(
      blank,
      z
        .string({ error: formMessages.people })
        .regex(/^\d{1,3}$/, formMessages.people)
        .transform(Number)
        .pipe(z.number().int().min(1, formMessages.people).max(DAILY_CAP, formMessages.people)),
    ),
    day: z.preprocess(
      (v) => blank(v) ?? today,
      z.iso.date(formMessages.day).refine((d) => d === keepDay || (d >= earliest && d <= today), formMessages.day),
    ),
    village: z.preprocess(
      blank,
      z
        .string()
        .regex(/^[1-9]\d{0,11}$/, formMessages.village)
        .transform(Number)
        .optional(),
    ),
    outcome: z.preprocess(blank, z.enum(outcomeIds, { error: formMessages.outcome }).optional()),
  });
}
export type AssistInput = z.infer<ReturnType<typeof assistFormSchema>>;
export type FieldErrors = Partial<Record<keyof AssistInput, string>>;

/** Villages a member may name: those of their team's commune. */
/** A commune's current villages (not removed by a later import), for the members' and the officials' forms. */
export async function villagesOfCommune(db: D1Database, communeCode: string | null): Promise<{ id: number; name: string }[]> {
  if (!communeCode) return [];
  const { results } = await db
    .prepare('SELECT id, name FROM villages WHERE commune_code = ? AND removed_at IS NULL ORDER BY name_folded')
    .bind(communeCode)
    .all<{ id: number; name: string }>();
  return results;
}

// Plain fields, not parameter properties: Node scripts (the demo seed) load this file with type stripping only.
export class CapExceeded extends Error {
  readonly already: number;
  readonly task: TaskId;
  readonly day: string;
  constructor(already: number, task: TaskId, day: string) {
    super('daily cap');
    this.already = already;
    this.task = task;
    this.day = day;
  }
}

/** The Vietnamese message for a refused entry over the daily cap. */
export function capMessage(err: CapExceeded): string {
  const label = taskById.get(err.task)?.label ?? err.task;
  return ui.member.errors.cap(DAILY_CAP, formatDate(err.day), err.already, label, Math.max(0, DAILY_CAP - err.already));
}

async function villageOk(db: D1Database, member: SignedInMember, village: number | undefined): Promise<boolean> {
  if (village === undefined) return true;
  if (!member.communeCode) return false;
  const row = await db
    .prepare('SELECT 1 AS ok FROM villages WHERE id = ? AND commune_code = ? AND removed_at IS NULL')
    .bind(village, member.communeCode)
    .first();
  return row !== null;
}

async function alreadyRecorded(db: D1Database, memberId: number, task: string, day: string, exceptId = 0): Promise<number> {
  const row = await db
    .prepare('SELECT coalesce(sum(people), 0) AS n FROM assists WHERE member_id = ? AND task = ? AND day = ? AND voided_at IS NULL AND id <> ?')
    .bind(memberId, task, day, exceptId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export class VillageNotInCommune extends Error {}

/**
 * Records an entry. The cap is checked inside the INSERT itself, so two
 * forms sent at once cannot together pass it.
 */
export async function recordAssist(db: D1Database, member: SignedInMember, input: AssistInput, now = Date.now()): Promise<number> {
  if (!(await villageOk(db, member, input.village))) throw new VillageNotInCommune();
  const row = await db
    .prepare(
      `INSERT INTO assists (member_id, team_id, province_code, commune_code, village_id, task, people, day, created_at, updated_at, outcome)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?11
       WHERE (SELECT coalesce(sum(people), 0) FROM assists WHERE member_id = ?1 AND task = ?6 AND day = ?8 AND voided_at IS NULL) + ?7 <= ?10
       RETURNING id`,
    )
    .bind(
      member.id,
      member.teamId,
      member.provinceCode,
      member.communeCode,
      input.village ?? member.villageId ?? null,
      input.task,
      input.people,
      input.day,
      now,
      DAILY_CAP,
      input.outcome ?? null,
    )
    .first<{ id: number }>();
  if (row) return row.id;
  throw new CapExceeded(await alreadyRecorded(db, member.id, input.task, input.day), input.task, input.day);
}

export interface OwnEntry {
  id: number;
  task: string;
  people: number;
  day: string;
  villageId: number | null;
  villageName: string | null;
  outcome: string | null;
  createdAt: number;
  voidedAt: number | null;
}

/** A member's recent entries, newest day first. */
export async function memberHistory(db: D1Database, memberId: number, limit = 60): Promise<OwnEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT a.id, a.task, a.people, a.day, a.village_id AS villageId, v.name AS villageName, a.outcome, a.created_at AS createdAt, a.voided_at AS voidedAt
       FROM assists a LEFT JOIN villages v ON v.id = a.village_id
       WHERE a.member_id = ? ORDER BY a.day DESC, a.id DESC LIMIT ?`,
    )
    .bind(memberId, limit)
    .all<OwnEntry>();
  return results;
}

/** One of the member's own entries, or null (someone else's entries do not exist for them). */
export async function ownEntry(db: D1Database, memberId: number, id: number): Promise<OwnEntry | null> {
  return db
    .prepare(
      `SELECT a.id, a.task, a.people, a.day, a.village_id AS villageId, v.name AS villageName, a.outcome, a.created_at AS createdAt, a.voided_at AS voidedAt
       FROM assists a LEFT JOIN villages v ON v.id = a.village_id WHERE a.id = ? AND a.member_id = ?`,
    )
    .bind(id, memberId)
    .first<OwnEntry>();
}

export const canChange = (entry: OwnEntry, now = Date.now()) => entry.voidedAt === null && now < editableUntil(entry.createdAt);

/** Edits an own entry still inside its window; the cap check excludes the entry itself. Returns false if the window closed meanwhile. */
export async function updateAssist(db: D1Database, member: SignedInMember, id: number, input: AssistInput, now = Date.now()): Promise<boolean> {
  if (!(await villageOk(db, member, input.village))) throw new VillageNotInCommune();
  const result = await db
    .prepare(
      `UPDATE assists SET task = ?1, people = ?2, day = ?3, village_id = ?4, updated_at = ?5, outcome = ?10
       WHERE id = ?6 AND member_id = ?7 AND voided_at IS NULL AND created_at > ?8
         AND (SELECT coalesce(sum(people), 0) FROM assists WHERE member_id = ?7 AND task = ?1 AND day = ?3 AND voided_at IS NULL AND id <> ?6) + ?2 <= ?9
       RETURNING id`,
    )
    .bind(
      input.task,
      input.people,
      input.day,
      input.village ?? member.villageId ?? null,
      now,
      id,
      member.id,
      now - RECORD_WINDOW_DAYS * DAY_MS,
      DAILY_CAP,
      input.outcome ?? null,
    )
    .first();
  // RETURNING, not meta.changes: D1 counts the triggers' writes to assist_province_days too.
  if (result) return true;
  const already = await alreadyRecorded(db, member.id, input.task, input.day, id);
  if (already + input.people > DAILY_CAP) throw new CapExceeded(already, input.task, input.day);
  return false;
}

/** Deletes an own entry still inside its window. */
export async function deleteAssist(db: D1Database, memberId: number, id: number, now = Date.now()): Promise<boolean> {
  const deleted = await db
    .prepare('DELETE FROM assists WHERE id = ? AND member_id = ? AND voided_at IS NULL AND created_at > ? RETURNING id')
    .bind(id, memberId, now - RECORD_WINDOW_DAYS * DAY_MS)
    .first();
  return deleted !== null;
}
