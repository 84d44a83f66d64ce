import type { Env } from '../env.ts';
import { type UsageEvent, usageEventSchema } from './events.ts';
import { addDays } from './report.ts';
import { utcDay } from './visitor.ts';

/**
 * The queue keeps a message at most 4 days (Cloudflare Queues' default
 * retention; DEPLOY.md creates the queue with it). Visitor rows are kept as
 * long (purge.ts), so a batch redelivered or delivered late on any day of that
 * window finds its visitors already counted; an event older than the window
 * (only possible if the retention were raised) is refused, never counted
 * against rows already purged.
 */
export const QUEUE_RETENTION_DAYS = 4;

/** The oldest day whose events are still counted (and whose visitor rows are kept), for `today`. */
export function oldestCountedDay(today: string): string {
  return addDays(today, -QUEUE_RETENTION_DAYS);
}

/** Helpful yes and no share one "seen" kind: a visitor's first answer of the day is the one counted. */
function seenKind(kind: UsageEvent['kind']): string {
  return kind === 'helpful_yes' || kind === 'helpful_no' ? 'helpful' : kind;
}

/** What visitor_days.seen lists for a (guide, kind): "|<guide>:<kind>|" (slugs and kinds never contain ":" or "|"). */
function seenToken(guide: string, kind: UsageEvent['kind']): string {
  return `|${guide}:${seenKind(kind)}|`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/*
 * The batch's rows travel as ONE bound JSON parameter (json_each), so each
 * statement below serves the whole batch: no 100-parameter chunking, and two
 * writing statements per batch whatever its size (D1 allows 50 queries per
 * invocation on the free plan). The totals reports read (national, per
 * province, per team) follow usage_daily through its triggers (migration 0008).
 */

/** Events of ?1 (see ADD_NEW_VISITORS) whose visitor was not yet counted for that guide and kind that day. */
const NOT_YET_COUNTED = `WHERE NOT EXISTS (
  SELECT 1 FROM visitor_days AS v
  WHERE v.day = json_extract(e.value, '$[0]')
    AND v.visitor_hash = json_extract(e.value, '$[6]')
    AND instr(v.seen, json_extract(e.value, '$[5]')) > 0
)`;

/**
 * Adds to each (day, guide, team, member, kind) the number of the batch's
 * visitors not yet counted for that guide and kind today — one row written
 * per distinct key, never per event. ?1 = [[day, guide, teamId, member, kind,
 * token, visitorHash], …] with one entry per visitor, guide and kind. Runs
 * before the visitor_days upsert of the same transaction, so "not yet counted"
 * means "before this batch".
 */
const ADD_NEW_VISITORS = `
INSERT INTO usage_daily (day, guide, team_id, member_code, kind, count)
SELECT json_extract(e.value, '$[0]'), json_extract(e.value, '$[1]'), json_extract(e.value, '$[2]'),
       json_extract(e.value, '$[3]'), json_extract(e.value, '$[4]'), count(*)
FROM json_each(?1) AS e
${NOT_YET_COUNTED}
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (day, guide, team_id, member_code, kind) DO UPDATE SET count = count + excluded.count`;

/** The tokens of a seen list "|a|b|" as rows of json_each (tokens are [a-z0-9:_-], safe inside JSON strings). */
const TOKENS_OF_EXCLUDED = `json_each('["' || replace(substr(excluded.seen, 2, length(excluded.seen) - 2), '|', '","') || '"]')`;

/**
 * Records what each visitor of the batch was counted for: a new row
 * (day, hash, "|a|b|"), or the tokens the row lacks appended — never a
 * duplicate, and no write at all when nothing is new (a repeat tap, a
 * redelivered batch). ?1 = [[day, visitorHash, seen], …], one per visitor.
 */
const REMEMBER_VISITORS = `
INSERT INTO visitor_days (day, visitor_hash, seen)
SELECT json_extract(r.value, '$[0]'), json_extract(r.value, '$[1]'), json_extract(r.value, '$[2]')
FROM json_each(?1) AS r WHERE true
ON CONFLICT (day, visitor_hash) DO UPDATE SET seen = visitor_days.seen || (
  SELECT group_concat(t.value || '|', '') FROM ${TOKENS_OF_EXCLUDED} AS t
  WHERE instr(visitor_days.seen, '|' || t.value || '|') = 0
)
WHERE EXISTS (SELECT 1 FROM ${TOKENS_OF_EXCLUDED} AS t WHERE instr(visitor_days.seen, '|' || t.value || '|') = 0)`;

export interface WriteResult {
  events: number;
  /** Aggregate keys (day, guide, team, member, kind) touched by this batch. */
  keys: number;
  statements: number;
  /** Sum of D1's meta.rows_written over the batch: what D1 bills. */
  rowsWritten: number;
  /** The same, per statement: aggregate upserts (usage_daily with its triggers' totals and rollups), visitor_days upserts. */
  rowsWrittenBy: { aggregates: number; visitors: number };
  /** Events older than the dedupe window (QUEUE_RETENTION_DAYS), refused. */
  tooOld: number;
}

/**
 * Each known member code with its team; a member removed from the directory
 * no longer brings clicks to a team (counted, not attributed). Codes arrive in their stored form
 * (the share-link route normalizes what people type; the event schema
 * rejects anything else), so the unique index answers directly.
 */
async function teamsByMemberCode(db: D1Database, codes: string[]): Promise<Map<string, number>> {
  const teams = new Map<string, number>();
  for (const part of chunks(codes, 100)) {
    const { results } = await db
      .prepare(`SELECT code, team_id FROM members WHERE removed_at IS NULL AND code IN (${part.map(() => '?').join(', ')})`)
      .bind(...part)
      .all<{ code: string; team_id: number }>();
    for (const row of results) teams.set(row.code, row.team_id);
  }
  return teams;
}

/**
 * Writes a batch of events with ONE D1 batch() — one transaction: an upsert per
 * distinct aggregate key (not per event) counting only visitors not counted
 * for it that day, then one upsert per visitor recording what they were
 * counted for (visitor_days: one row per visitor and day). Redelivered
 * messages are therefore never counted twice, and a failed batch writes
 * nothing (the queue retries it whole). Nothing is purged here: that is the
 * cron's job (purge.ts), so a counting batch stays small and quick.
 */
export async function writeUsageEvents(db: D1Database, allEvents: UsageEvent[], today = utcDay()): Promise<WriteResult> {
  const oldest = oldestCountedDay(today);
  const events = allEvents.filter((e) => e.day >= oldest);
  const tooOld = allEvents.length - events.length;
  if (events.length === 0) {
    return { events: allEvents.length, keys: 0, statements: 0, rowsWritten: 0, rowsWrittenBy: { aggregates: 0, visitors: 0 }, tooOld };
  }
  const memberCodes = [...new Set(events.map((e) => e.member).filter((m) => m !== ''))];
  const teamOf = await teamsByMemberCode(db, memberCodes);

  // One visitor counts once per guide, kind and day: keep each one's first event.
  const firstEvents = new Map<string, UsageEvent>();
  for (const event of events) {
    const key = [event.day, event.guide, seenKind(event.kind), event.visitor].join('|');
    if (!firstEvents.has(key)) firstEvents.set(key, event);
  }

  const counted: [string, string, number, string, UsageEvent['kind'], string, string][] = [];
  const keys = new Set<string>();
  const byVisitor = new Map<string, { day: string; visitor: string; tokens: string[] }>();
  for (const event of firstEvents.values()) {
    // An unknown member code is counted, but as not attributed: only real codes are stored.
    const teamId = teamOf.get(event.member) ?? 0;
    const member = teamId === 0 ? '' : event.member;
    const token = seenToken(event.guide, event.kind);
    counted.push([event.day, event.guide, teamId, member, event.kind, token, event.visitor]);
    keys.add([event.day, event.guide, teamId, member, event.kind].join('|'));

    const visitorKey = `${event.day}|${event.visitor}`;
    let visitor = byVisitor.get(visitorKey);
    if (!visitor) {
      visitor = { day: event.day, visitor: event.visitor, tokens: [] };
      byVisitor.set(visitorKey, visitor);
    }
    visitor.tokens.push(token.slice(1, -1));
  }
  const visitors = [...byVisitor.values()].map((v) => [v.day, v.visitor, `|${v.tokens.join('|')}|`]);

  const statements = [db.prepare(ADD_NEW_VISITORS).bind(JSON.stringify(counted)), db.prepare(REMEMBER_VISITORS).bind(JSON.stringify(visitors))];

  const results = await db.batch(statements);
  // usage_daily's triggers (migration 0008) write the national totals and the share-click rollups in the same statement.
  const [aggregates = 0, visitorRows = 0] = results.map((r) => r.meta.rows_written ?? 0);
  return {
    events: allEvents.length,
    keys: keys.size,
    statements: statements.length,
    rowsWritten: aggregates + visitorRows,
    rowsWrittenBy: { aggregates, visitors: visitorRows },
    tooOld,
  };
}

/** The dead-letter queue (wrangler.toml): batches that failed every retry of the usage queue end there. */
export const USAGE_DEAD_LETTER_QUEUE = 'cam-nang-so-usage-dlq';

function parseEvents(batch: MessageBatch<unknown>): { events: UsageEvent[]; dropped: number } {
  const events: UsageEvent[] = [];
  let dropped = 0;
  for (const message of batch.messages) {
    const parsed = usageEventSchema.safeParse(message.body);
    if (parsed.success) events.push(parsed.data);
    else dropped++;
  }
  return { events, dropped };
}

/**
 * The queue consumer. Malformed messages are dropped (logged), never retried
 * forever; if the D1 batch fails the handler throws and the queue redelivers
 * the whole batch; after max_retries it goes to the dead-letter queue.
 */
export async function consumeUsageBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === USAGE_DEAD_LETTER_QUEUE) return consumeDeadLetters(batch, env);
  const { events, dropped } = parseEvents(batch);
  const result = await writeUsageEvents(env.DB, events);
  // One structured line per batch: observability in production, and the bench reads it.
  console.log(JSON.stringify({ usageBatch: { messages: batch.messages.length, dropped, ...result } }));
}

/**
 * Dead letters: a batch the usage queue could not write in max_retries
 * attempts. Each is an alert in the logs (Workers Logs: search for
 * "usageDeadLetter"; DEPLOY.md sets up the notification), then one more
 * attempt to count it — safe, because a visitor already counted is never
 * counted again. If that fails too, the dead-letter queue retries it and
 * finally drops it; the alert says how many events were at stake.
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const { events, dropped } = parseEvents(batch);
  const days = [...new Set(events.map((e) => e.day))].sort();
  console.error(JSON.stringify({ usageDeadLetter: { alert: true, messages: batch.messages.length, dropped, days } }));
  const result = await writeUsageEvents(env.DB, events);
  console.log(JSON.stringify({ usageDeadLetterRecovered: { messages: batch.messages.length, ...result } }));
}
