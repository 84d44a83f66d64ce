import type { Env } from '../env.ts';
import { type UsageEvent, usageEventSchema } from './events.ts';
import { utcDay } from './visitor.ts';

/** D1 allows 100 bound parameters per statement; each statement below uses at most 6 besides the hashes. */
const HASHES_PER_STATEMENT = 90;

/** Helpful yes and no share one "seen" kind: a visitor's first answer of the day is the one counted. */
function seenKind(kind: UsageEvent['kind']): string {
  return kind === 'helpful_yes' || kind === 'helpful_no' ? 'helpful' : kind;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function placeholders(from: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `(?${from + i})`).join(', ');
}

/**
 * Adds, to the key's daily count, how many of `hashes` were not seen yet today.
 * The NOT EXISTS runs before the batch's visitor_seen inserts, in the same
 * transaction, so "new" means "new before this batch".
 */
const UPSERT_NEW_VISITORS = (hashCount: number) => `
INSERT INTO usage_daily (day, guide, team_id, member_code, kind, count)
SELECT ?1, ?2, ?3, ?4, ?5, n FROM (
  SELECT count(*) AS n FROM (VALUES ${placeholders(7, hashCount)}) AS fresh
  WHERE NOT EXISTS (
    SELECT 1 FROM visitor_seen AS s
    WHERE s.day = ?1 AND s.guide = ?2 AND s.kind = ?6 AND s.visitor_hash = fresh.column1
  )
) WHERE n > 0
ON CONFLICT (day, guide, team_id, member_code, kind) DO UPDATE SET count = count + excluded.count`;

const REMEMBER_VISITORS = (hashCount: number) => `
INSERT OR IGNORE INTO visitor_seen (day, guide, kind, visitor_hash)
SELECT ?1, ?2, ?3, column1 FROM (VALUES ${placeholders(4, hashCount)})`;

export interface WriteResult {
  events: number;
  /** Aggregate keys (day, guide, team, member, kind) touched by this batch. */
  keys: number;
  statements: number;
  /** Sum of D1's meta.rows_written over the batch: what D1 bills. */
  rowsWritten: number;
}

/**
 * Each known member code, by its upper-case form, with its stored spelling and
 * team. Codes are generated upper-case (db/directory/member-code.ts) but may
 * reach a link typed or lower-cased; both spellings are looked up with the
 * unique index (a NOCASE comparison could not use it).
 */
async function membersByCode(db: D1Database, codes: string[]): Promise<Map<string, { code: string; teamId: number }>> {
  const members = new Map<string, { code: string; teamId: number }>();
  const spellings = [...new Set(codes.flatMap((code) => [code, code.toUpperCase()]))];
  for (const part of chunks(spellings, 100)) {
    const { results } = await db
      .prepare(`SELECT code, team_id FROM members WHERE code IN (${part.map(() => '?').join(', ')})`)
      .bind(...part)
      .all<{ code: string; team_id: number }>();
    for (const row of results) members.set(row.code.toUpperCase(), { code: row.code, teamId: row.team_id });
  }
  return members;
}

/**
 * Writes a batch of events with ONE D1 batch() — one transaction: an upsert per
 * distinct aggregate key (not per event) counting only visitors not seen today,
 * then the batch's new visitor hashes into visitor_seen, then the hashes of
 * days before yesterday out. Redelivered messages are therefore never counted twice, and a
 * failed batch writes nothing (the queue retries it whole).
 */
export async function writeUsageEvents(db: D1Database, events: UsageEvent[], today = utcDay()): Promise<WriteResult> {
  const memberCodes = [...new Set(events.map((e) => e.member).filter((m) => m !== ''))];
  const memberOf = await membersByCode(db, memberCodes);

  // One visitor counts once per guide, kind and day: keep each one's first event.
  const firstEvents = new Map<string, UsageEvent>();
  for (const event of events) {
    const key = [event.day, event.guide, seenKind(event.kind), event.visitor].join('|');
    if (!firstEvents.has(key)) firstEvents.set(key, event);
  }

  const byKey = new Map<string, { day: string; guide: string; teamId: number; member: string; kind: UsageEvent['kind']; hashes: string[] }>();
  const bySeen = new Map<string, { day: string; guide: string; kind: string; hashes: string[] }>();
  for (const event of firstEvents.values()) {
    const known = event.member === '' ? undefined : memberOf.get(event.member.toUpperCase());
    // An unknown member code is counted, but as not attributed: only real codes are stored.
    const teamId = known?.teamId;
    const member = known?.code ?? '';
    const aggregateKey = [event.day, event.guide, teamId ?? 0, member, event.kind].join('|');
    let group = byKey.get(aggregateKey);
    if (!group) byKey.set(aggregateKey, (group = { day: event.day, guide: event.guide, teamId: teamId ?? 0, member, kind: event.kind, hashes: [] }));
    group.hashes.push(event.visitor);

    const seenKey = [event.day, event.guide, seenKind(event.kind)].join('|');
    let seen = bySeen.get(seenKey);
    if (!seen) bySeen.set(seenKey, (seen = { day: event.day, guide: event.guide, kind: seenKind(event.kind), hashes: [] }));
    seen.hashes.push(event.visitor);
  }

  const statements: D1PreparedStatement[] = [];
  for (const g of byKey.values()) {
    for (const part of chunks(g.hashes, HASHES_PER_STATEMENT)) {
      statements.push(
        db.prepare(UPSERT_NEW_VISITORS(part.length)).bind(g.day, g.guide, g.teamId, g.member, g.kind, seenKind(g.kind), ...part),
      );
    }
  }
  for (const s of bySeen.values()) {
    for (const part of chunks(s.hashes, HASHES_PER_STATEMENT)) {
      statements.push(db.prepare(REMEMBER_VISITORS(part.length)).bind(s.day, s.guide, s.kind, ...part));
    }
  }
  // Hashes of past days are useless once their salt is gone (dailySalt deletes
  // it): forget them. Yesterday's are kept until tomorrow so that a batch
  // redelivered just after midnight is still recognised.
  statements.push(db.prepare("DELETE FROM visitor_seen WHERE day < date(?, '-1 day')").bind(today));

  const results = await db.batch(statements);
  const rowsWritten = results.reduce((sum, r) => sum + (r.meta.rows_written ?? 0), 0);
  return { events: events.length, keys: byKey.size, statements: statements.length, rowsWritten };
}

/**
 * The queue consumer. Malformed messages are dropped (logged), never retried
 * forever; if the D1 batch fails the handler throws and the queue redelivers
 * the whole batch.
 */
export async function consumeUsageBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const events: UsageEvent[] = [];
  let dropped = 0;
  for (const message of batch.messages) {
    const parsed = usageEventSchema.safeParse(message.body);
    if (parsed.success) events.push(parsed.data);
    else dropped++;
  }
  const result = events.length > 0 ? await writeUsageEvents(env.DB, events) : { events: 0, keys: 0, statements: 0, rowsWritten: 0 };
  // One structured line per batch: observability in production, and the bench reads it.
  console.log(JSON.stringify({ usageBatch: { messages: batch.messages.length, dropped, ...result } }));
}
