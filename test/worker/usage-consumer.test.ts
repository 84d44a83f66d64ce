import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../functions/index.ts';
import { writeUsageEvents } from '../../functions/usage/consumer.ts';
import type { UsageEvent } from '../../functions/usage/events.ts';
import { utcDay } from '../../functions/usage/visitor.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { usagePlaces } from './usage-helpers.ts';

// The queue consumer, called the way the Queues runtime calls it, on real D1.
// Each test uses its own guide (and, for direct writes, its own day) so counts
// never mix; batches through the real handler use today, as production does.

let seq = 0;
const hash = (n: number) => n.toString(16).padStart(64, '0');
const event = (over: Partial<UsageEvent> & { visitor: string }): UsageEvent => ({ day: '2026-01-05', guide: 'huong-dan-a', kind: 'view', member: '', ...over });

async function deliver(bodies: unknown[]) {
  const batch = createMessageBatch(
    'cam-nang-so-usage',
    bodies.map((body) => ({ id: `m${++seq}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

async function rows(day: string, guidePrefix = '') {
  const { results } = await env.DB.prepare(
    "SELECT guide, team_id AS teamId, member_code AS member, kind, count FROM usage_daily WHERE day = ? AND guide LIKE ? || '%' ORDER BY guide, kind, team_id, member_code",
  )
    .bind(day, guidePrefix)
    .all();
  return results;
}
const today = utcDay();

beforeAll(() => insertDirectoryFixture(env.DB));

describe('usage queue consumer', () => {
  it('aggregates a batch into one row per (day, guide, team, member, kind)', async () => {
    const day = today;
    const bodies = [
      ...Array.from({ length: 40 }, (_, i) => event({ day, guide: 't1-a', visitor: hash(1000 + i) })),
      ...Array.from({ length: 7 }, (_, i) => event({ day, guide: 't1-b', visitor: hash(2000 + i) })),
      ...Array.from({ length: 5 }, (_, i) =>
        event({ day, guide: 't1-a', kind: 'share_click', member: usagePlaces.teams.commune.member, visitor: hash(3000 + i) }),
      ),
    ];
    const result = await deliver(bodies);
    expect(result.outcome).toBe('ok');
    expect(await rows(day, 't1-')).toEqual([
      { guide: 't1-a', teamId: usagePlaces.teams.commune.id, member: usagePlaces.teams.commune.member, kind: 'share_click', count: 5 },
      { guide: 't1-a', teamId: 0, member: '', kind: 'view', count: 40 },
      { guide: 't1-b', teamId: 0, member: '', kind: 'view', count: 7 },
    ]);
  });

  it('counts a visitor once per guide, kind and day — within a batch, across batches, and when a batch is redelivered', async () => {
    const day = today;
    const guide = 't2';
    const first = [event({ day, guide, visitor: hash(1) }), event({ day, guide, visitor: hash(1) }), event({ day, guide, visitor: hash(2) })];
    await deliver(first);
    await deliver(first); // the Queues runtime may deliver a batch again
    await deliver([event({ day, guide, visitor: hash(2) }), event({ day, guide, visitor: hash(3) }), event({ day, guide: 't2-other', visitor: hash(3) })]);
    expect(await rows(day, 't2')).toEqual([
      { guide: 't2', teamId: 0, member: '', kind: 'view', count: 3 },
      { guide: 't2-other', teamId: 0, member: '', kind: 'view', count: 1 },
    ]);
    // One row per visitor and day, each guide and kind listed once.
    const seen = await env.DB.prepare('SELECT seen FROM visitor_days WHERE day = ? AND visitor_hash = ?').bind(day, hash(3)).all<{ seen: string }>();
    expect(seen.results).toEqual([{ seen: '|t2:view|t2-other:view|' }]);
  });

  it('counts only the first helpful answer of a visitor for a guide and day', async () => {
    const day = today;
    const guide = 't3';
    await deliver([event({ day, guide, kind: 'helpful_yes', visitor: hash(10) }), event({ day, guide, kind: 'helpful_no', visitor: hash(10) })]);
    await deliver([event({ day, guide, kind: 'helpful_no', visitor: hash(10) }), event({ day, guide, kind: 'helpful_no', visitor: hash(11) })]);
    expect(await rows(day, 't3')).toEqual([
      { guide: 't3', teamId: 0, member: '', kind: 'helpful_no', count: 1 },
      { guide: 't3', teamId: 0, member: '', kind: 'helpful_yes', count: 1 },
    ]);
  });

  it("attributes share clicks to the member's team, and unknown codes to nobody", async () => {
    const day = today;
    const guide = 't4';
    await deliver([
      event({ day, guide, kind: 'share_click', member: usagePlaces.teams.village.member, visitor: hash(20) }),
      event({ day, guide, kind: 'share_click', member: 'KHNGC099', visitor: hash(21) }),
      event({ day, guide, kind: 'share_click', member: '', visitor: hash(22) }),
      // Codes arrive in their stored form (the share-link route normalizes them); anything else is malformed.
      event({ day, guide, kind: 'share_click', member: usagePlaces.teams.village.member.toLowerCase(), visitor: hash(23) }),
    ]);
    expect(await rows(day, 't4')).toEqual([
      { guide: 't4', teamId: 0, member: '', kind: 'share_click', count: 2 },
      { guide: 't4', teamId: usagePlaces.teams.village.id, member: usagePlaces.teams.village.member, kind: 'share_click', count: 1 },
    ]);
  });

  it("writes any batch with two statements (one bound JSON parameter each), within D1's per-statement and per-invocation limits", async () => {
    const day = '2026-01-10';
    const bodies = Array.from({ length: 250 }, (_, i) =>
      event({
        day,
        guide: `t5-${i % 7}`,
        kind: i % 3 === 0 ? 'share_click' : 'view',
        member: i % 2 ? usagePlaces.teams.otherCommune.member : '',
        visitor: hash(5000 + i),
      }),
    );
    // Queue batches hold at most 100 messages, but the writer must not depend on it.
    const result = await writeUsageEvents(env.DB, bodies, day);
    expect(result.statements).toBe(2);
    const total = await env.DB.prepare("SELECT sum(count) AS n FROM usage_daily WHERE day = ? AND guide LIKE 't5-%'").bind(day).first<{ n: number }>();
    expect(total?.n).toBe(250);
    expect(result.keys).toBe((await rows(day, 't5-')).length);
  });

  it('never writes one row per event: rows written stay far below events for skewed traffic', async () => {
    const day = '2026-01-11';
    // 100 events: 20 visitors on one guide tapping 5 times each.
    const bodies = Array.from({ length: 100 }, (_, i) => event({ day, visitor: hash(7000 + (i % 20)) }));
    const result = await writeUsageEvents(env.DB, bodies, day);
    // 20 new visitor rows + one new aggregate row (and its index entry) + one national total, its month (migration 0020) and its day (0021).
    expect(result.rowsWritten).toBeLessThanOrEqual(25);
    const again = await writeUsageEvents(env.DB, bodies, day);
    expect(again.rowsWritten).toBe(0);
  });

  it('drops malformed messages instead of retrying them forever', async () => {
    const day = today;
    const result = await deliver([
      { day, guide: '../t7', kind: 'view', member: '', visitor: hash(1) },
      { day, guide: 't7', kind: 'like', member: '', visitor: hash(1) },
      { day, guide: 't7', kind: 'view', member: '', visitor: '1.2.3.4' },
      { day, guide: 't7', kind: 'view', member: '<script>', visitor: hash(1) },
      'not an object',
      event({ day, guide: 't7', visitor: hash(30) }),
    ]);
    expect(result.outcome).toBe('ok');
    expect(result.retryBatch.retry).toBe(false);
    expect(await rows(day, 't7')).toEqual([{ guide: 't7', teamId: 0, member: '', kind: 'view', count: 1 }]);
  });

  it('purges nothing inside a counting batch (the cron does, in bounded steps)', async () => {
    await env.DB.prepare(
      "INSERT INTO visitor_days (day, visitor_hash, seen) VALUES ('2025-12-01', ?1, '|t8:view|'), ('2025-12-31', ?1, '|t8:view|'), ('2026-01-01', ?1, '|t8:view|')",
    )
      .bind(hash(99))
      .run();
    const result = await writeUsageEvents(env.DB, [event({ day: '2026-01-02', guide: 't8', visitor: hash(40) })], '2026-01-02');
    expect(result.statements).toBe(2);
    const { results } = await env.DB.prepare("SELECT day FROM visitor_days WHERE day <= '2026-01-02' AND visitor_hash IN (?, ?) ORDER BY day")
      .bind(hash(99), hash(40))
      .all<{ day: string }>();
    expect(results.map((r) => r.day)).toEqual(['2025-12-01', '2025-12-31', '2026-01-01', '2026-01-02']);
  });

  it('costs one row per new visitor and day however many guides they open', async () => {
    const day = '2026-01-03';
    // One neighbour taps a member's link to three guides and opens each (6 events, 6 keys).
    const bodies = ['t9-a', 't9-b', 't9-c'].flatMap((guide) => [
      event({ day, guide, kind: 'share_click', member: usagePlaces.teams.commune.member, visitor: hash(60) }),
      event({ day, guide, kind: 'view', visitor: hash(60) }),
    ]);
    // Both preset windows (migration 0008) start on this day, whatever today's date.
    await env.DB.prepare('UPDATE usage_windows SET from_day = ?').bind(day).run();
    const result = await writeUsageEvents(env.DB, bodies, day);
    // 6 new aggregate rows × (row + team index) + 6 national totals + 1 visitor row = 19,
    // plus the triggers' share-click rollups: 3 guides of the province, the team's day
    // (1 row, written 3 times) and its two window totals (row + rank index, 3 times each),
    // the national totals' months and days (migrations 0020 and 0021: each national total
    // written twice more), and the province's months and days (0021: 3 more rows each).
    expect(result.rowsWritten).toBe(19 + 3 + 3 + 2 * 2 * 3 + 6 + 6 + 3 + 3);
    // The same visitor opening one more guide later: two new keys, the visitor row updated once.
    const later = await writeUsageEvents(env.DB, [event({ day, guide: 't9-d', visitor: hash(60) }), event({ day, guide: 't9-a', visitor: hash(60) })], day);
    expect(later.rowsWritten).toBe(6); // its row, index entry, national total, its month and day, and the visitor row
    const seen = await env.DB.prepare('SELECT seen FROM visitor_days WHERE day = ? AND visitor_hash = ?').bind(day, hash(60)).first<{ seen: string }>();
    expect(seen?.seen).toBe('|t9-a:share_click|t9-a:view|t9-b:share_click|t9-b:view|t9-c:share_click|t9-c:view|t9-d:view|');
  });

  it('writes nothing when any statement of the batch fails (one transaction), so the retry is clean', async () => {
    const day = '2026-01-14';
    const failing = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch') {
          return (statements: D1PreparedStatement[]) => target.batch([...statements, target.prepare('INSERT INTO no_such_table VALUES (1)')]);
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(writeUsageEvents(failing, [event({ day, visitor: hash(50) })], day)).rejects.toThrow();
    expect(await rows(day)).toEqual([]);
    const seen = await env.DB.prepare('SELECT count(*) AS n FROM visitor_days WHERE day = ?').bind(day).first<{ n: number }>();
    expect(seen?.n).toBe(0);
    // The retry then counts the event exactly once.
    await writeUsageEvents(env.DB, [event({ day, visitor: hash(50) })], day);
    expect(await rows(day)).toEqual([{ guide: 'huong-dan-a', teamId: 0, member: '', kind: 'view', count: 1 }]);
  });
});
