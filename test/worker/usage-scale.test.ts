import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, SELF } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../functions/index.ts';
import { oldestCountedDay, QUEUE_RETENTION_DAYS, USAGE_DEAD_LETTER_QUEUE, writeUsageEvents } from '../../functions/usage/consumer.ts';
import type { UsageEvent } from '../../functions/usage/events.ts';
import { PURGE_STEP_ROWS, purgeUsageState } from '../../functions/usage/purge.ts';
import { clientNetwork, utcDay } from '../../functions/usage/visitor.ts';
import { COMPUTE_COST_HEADER, REFRESH_COST_RATIO, refreshAfterMs, USAGE_REPORT_REFRESH_S } from '../../functions/middleware/edge-cache.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { browserHeaders, countOf, newBrowserUserAgent, someGuide, waitForCount } from './usage-helpers.ts';

// Counting that survives the queue and resists inflation (issue 10).

const hash = (n: number) => n.toString(16).padStart(64, '0');
const event = (over: Partial<UsageEvent> & { visitor: string }): UsageEvent => ({ day: utcDay(), guide: 'scale-a', kind: 'view', member: '', ...over });
const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
async function count(day: string, guide: string, kind = 'view') {
  const row = await env.DB.prepare('SELECT coalesce(sum(count), 0) AS n FROM usage_daily WHERE day = ? AND guide = ? AND kind = ?')
    .bind(day, guide, kind)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
let seq = 0;
async function deliver(queue: string, bodies: unknown[]) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body) => ({ id: `s${++seq}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

beforeAll(() => insertDirectoryFixture(env.DB));
afterEach(() => vi.restoreAllMocks());

describe('late and redelivered batches', () => {
  it('a batch redelivered on day 3 (after the cron ran) is not counted again', async () => {
    const day1 = '2026-03-02';
    const events = [event({ day: day1, guide: 'scale-redeliver', visitor: hash(1) }), event({ day: day1, guide: 'scale-redeliver', visitor: hash(2) })];
    await writeUsageEvents(env.DB, events, day1);
    expect(await count(day1, 'scale-redeliver')).toBe(2);
    // Day 3: the cron has purged what it may, then the queue delivers the same batch again.
    const day3 = addDays(day1, 2);
    await purgeUsageState(env.DB, day3);
    const again = await writeUsageEvents(env.DB, events, day3);
    expect(again.tooOld).toBe(0);
    expect(again.rowsWritten).toBe(0);
    expect(await count(day1, 'scale-redeliver')).toBe(2);
    // Still recognised on the last day of the queue's retention.
    const lastDay = addDays(day1, QUEUE_RETENTION_DAYS);
    await purgeUsageState(env.DB, lastDay);
    await writeUsageEvents(env.DB, events, lastDay);
    expect(await count(day1, 'scale-redeliver')).toBe(2);
  });

  it('refuses events older than the dedupe window instead of counting them against purged rows', async () => {
    const day1 = '2026-03-10';
    const late = addDays(day1, QUEUE_RETENTION_DAYS + 1);
    expect(oldestCountedDay(late) > day1).toBe(true);
    await purgeUsageState(env.DB, late);
    const result = await writeUsageEvents(
      env.DB,
      [event({ day: day1, guide: 'scale-late', visitor: hash(3) }), event({ day: late, guide: 'scale-late', visitor: hash(3) })],
      late,
    );
    expect(result.tooOld).toBe(1);
    expect(await count(day1, 'scale-late')).toBe(0);
    expect(await count(late, 'scale-late')).toBe(1);
  });
});

describe('dead-letter queue', () => {
  it('alerts in the logs and counts a dead-lettered batch once, even if it had been partly counted', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const today = utcDay();
    const bodies = [event({ guide: 'scale-dlq', visitor: hash(10) }), event({ guide: 'scale-dlq', visitor: hash(11) }), 'garbage'];
    await deliver('cam-nang-so-usage', bodies.slice(0, 1));
    const result = await deliver(USAGE_DEAD_LETTER_QUEUE, bodies);
    expect(result.outcome).toBe('ok');
    const alert = errors.mock.calls.map((args) => String(args[0])).find((line) => line.includes('usageDeadLetter'));
    expect(alert).toBeDefined();
    expect(JSON.parse(alert!)).toEqual({ usageDeadLetter: { alert: true, messages: 3, dropped: 1, days: [today] } });
    expect(await count(today, 'scale-dlq')).toBe(2);
    await deliver(USAGE_DEAD_LETTER_QUEUE, bodies);
    expect(await count(today, 'scale-dlq')).toBe(2);
  });

  it('lets the dead-letter queue retry when D1 fails, still alerting', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = {
      ...env,
      DB: {
        prepare: () => {
          throw new Error('D1 down');
        },
        batch: () => Promise.reject(new Error('D1 down')),
      } as unknown as D1Database,
    };
    const batch = createMessageBatch(USAGE_DEAD_LETTER_QUEUE, [
      { id: 'dead-1', timestamp: new Date(), attempts: 1, body: event({ guide: 'scale-dlq2', visitor: hash(12) }) },
    ]);
    await expect(worker.queue(batch, broken)).rejects.toThrow('D1 down');
    expect(errors.mock.calls.some((args) => String(args[0]).includes('"usageDeadLetter"'))).toBe(true);
  });
});

describe('cron purge', () => {
  it('deletes old salts and visitor rows older than the retention window, keeps the rest', async () => {
    const today = '2027-06-20';
    const days = Array.from({ length: 8 }, (_, i) => addDays(today, -i));
    await env.DB.batch(
      days.flatMap((day, i) => [
        env.DB.prepare('INSERT OR REPLACE INTO visitor_salts (day, salt) VALUES (?, ?)').bind(day, hash(500 + i)),
        env.DB.prepare("INSERT OR REPLACE INTO visitor_days (day, visitor_hash, seen) VALUES (?, ?, '|x:view|')").bind(day, hash(600 + i)),
      ]),
    );
    const logs = vi.spyOn(console, 'log').mockImplementation(() => {});
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(`${today}T00:10:00Z`), cron: '*/10 * * * *' }), env);
    const line = logs.mock.calls.map((a) => String(a[0])).find((l) => l.includes('usagePurge'));
    expect(JSON.parse(line!).usagePurge.done).toBe(true);
    const salts = (await env.DB.prepare('SELECT day FROM visitor_salts WHERE day BETWEEN ? AND ? ORDER BY day').bind(days.at(-1), today).all<{ day: string }>())
      .results;
    expect(salts.map((r) => r.day)).toEqual([today]);
    const kept = (
      await env.DB.prepare('SELECT day FROM visitor_days WHERE day BETWEEN ? AND ? ORDER BY day DESC').bind(days.at(-1), today).all<{ day: string }>()
    ).results;
    expect(kept.map((r) => r.day)).toEqual(days.slice(0, QUEUE_RETENTION_DAYS + 1));
  });

  it('works in bounded steps and says when it has not finished', async () => {
    const today = '2028-01-10';
    const old = '2027-12-01';
    const total = PURGE_STEP_ROWS * 2 + 123;
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
       INSERT INTO visitor_days (day, visitor_hash, seen) SELECT ?2, printf('%064x', i), '|x:view|' FROM n`,
    )
      .bind(total, old)
      .run();
    // Old rows other tests of this file left behind are purged too.
    const oldRows = await env.DB.prepare('SELECT count(*) AS n FROM visitor_days WHERE day < ?').bind(oldestCountedDay(today)).first<{ n: number }>();
    const others = oldRows!.n - total;
    const first = await purgeUsageState(env.DB, today, 2);
    expect(first).toMatchObject({ visitorRows: PURGE_STEP_ROWS * 2, steps: 2, done: false });
    const second = await purgeUsageState(env.DB, today, 2);
    expect(second).toMatchObject({ visitorRows: 123 + others, steps: 1, done: true });
    const left = await env.DB.prepare('SELECT count(*) AS n FROM visitor_days WHERE day = ?').bind(old).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

describe('address-level limit', () => {
  it('keys IPv4 by address and IPv6 by its /64', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('2001:db8:a:b:1:2:3:4')).toBe('2001:db8:a:b::/64');
    expect(clientNetwork('2001:0db8:000a:000b::ffff')).toBe('2001:db8:a:b::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('2001:db8:a:c::1')).not.toBe(clientNetwork('2001:db8:a:b::1'));
  });

  it('rotating user agents from one address stops counting after 300 a minute; another address still counts', async () => {
    const left = 60 - new Date().getUTCSeconds();
    if (left < 25) await new Promise((r) => setTimeout(r, left * 1000 + 500));
    const { slug } = await someGuide();
    const before = await countOf(slug, 'share_click', 0);
    const tap = (ip: string) =>
      SELF.fetch(`http://localhost/g/${slug}/`, { headers: browserHeaders(newBrowserUserAgent(), { 'cf-connecting-ip': ip }), redirect: 'manual' });
    for (let i = 0; i < 320; i++) expect((await tap('198.51.100.77')).status).toBe(302);
    expect(await waitForCount(slug, 'share_click', before + 300, 0, 15_000)).toBe(before + 300);
    // A different address (a different person) is still counted, and nothing more arrived from the first.
    expect((await tap('198.51.100.78')).status).toBe(302);
    expect(await waitForCount(slug, 'share_click', before + 301, 0)).toBe(before + 301);
    await new Promise((r) => setTimeout(r, 500));
    expect(await countOf(slug, 'share_click', 0)).toBe(before + 301);
  }, 120_000);
});

describe('revalidated guide views (304)', () => {
  it('count as a view once per visitor and day, like a 200', async () => {
    const { slug } = await someGuide();
    const page = await SELF.fetch(`http://localhost/huong-dan/${slug}/`, { headers: { accept: 'text/html' } });
    const etag = page.headers.get('etag');
    await page.arrayBuffer();
    expect(etag).toBeTruthy();
    const before = await countOf(slug, 'view');
    const ua = newBrowserUserAgent();
    const revalidate = () =>
      SELF.fetch(`http://localhost/huong-dan/${slug}/`, { headers: browserHeaders(ua, { 'if-none-match': etag!, 'cf-connecting-ip': '198.51.100.90' }) });
    const res = await revalidate();
    expect(res.status).toBe(304);
    expect(await waitForCount(slug, 'view', before + 1)).toBe(before + 1);
    // The same reader reloading: not counted again. A previewer revalidating: never counted.
    expect((await revalidate()).status).toBe(304);
    const bot = await SELF.fetch(`http://localhost/huong-dan/${slug}/`, { headers: { 'user-agent': 'Zalo', 'if-none-match': etag!, accept: '*/*' } });
    expect(bot.status).toBe(304);
    const marker = newBrowserUserAgent();
    await SELF.fetch(`http://localhost/huong-dan/${slug}/`, { headers: browserHeaders(marker, { 'cf-connecting-ip': '198.51.100.91' }) });
    expect(await waitForCount(slug, 'view', before + 2)).toBe(before + 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await countOf(slug, 'view')).toBe(before + 2);
  });
});

describe('national totals (usage_national_daily)', () => {
  it('always equal the sum of usage_daily per day and guide, each kind in its column, redeliveries included', async () => {
    const day = '2026-04-01';
    const bodies = Array.from({ length: 60 }, (_, i) =>
      event({ day, guide: `scale-nat-${i % 3}`, kind: i % 4 === 0 ? 'share_click' : 'view', visitor: hash(900 + (i % 25)) }),
    );
    await writeUsageEvents(env.DB, bodies.slice(0, 40), day);
    await writeUsageEvents(env.DB, bodies, day);
    await writeUsageEvents(env.DB, bodies, day);
    const national = (
      await env.DB.prepare(
        `SELECT day, guide, views, share_clicks AS shareClicks, helpful_yes AS helpfulYes, helpful_no AS helpfulNo
         FROM usage_national_daily WHERE guide LIKE 'scale-%' ORDER BY day, guide`,
      ).all()
    ).results;
    const summed = (
      await env.DB.prepare(
        `SELECT day, guide, sum(CASE WHEN kind = 'view' THEN count ELSE 0 END) AS views, sum(CASE WHEN kind = 'share_click' THEN count ELSE 0 END) AS shareClicks,
                sum(CASE WHEN kind = 'helpful_yes' THEN count ELSE 0 END) AS helpfulYes, sum(CASE WHEN kind = 'helpful_no' THEN count ELSE 0 END) AS helpfulNo
         FROM usage_daily WHERE guide LIKE 'scale-%' GROUP BY day, guide ORDER BY day, guide`,
      ).all()
    ).results;
    expect(national.length).toBeGreaterThan(2);
    expect(national.some((r) => (r.views as number) > 0 && (r.shareClicks as number) > 0)).toBe(true);
    expect(national).toEqual(summed);
  });
});

describe('usage reports from the edge cache', () => {
  it('serve the cached report, then a stale one at once while it is recomputed in the background', async () => {
    const url = 'http://localhost/api/usage?from=2026-05-01&to=2026-05-31';
    const views = async () => {
      const res = await SELF.fetch(url, { headers: { 'cf-connecting-ip': '198.51.100.120' } });
      return { cache: res.headers.get('x-edge-cache'), views: (await res.json<{ totals: { views: number } }>()).totals.views };
    };
    const add = (n: number) =>
      env.DB.prepare(
        "INSERT INTO usage_daily (day, guide, team_id, member_code, kind, count) VALUES ('2026-05-10', 'scale-swr', 0, '', 'view', ?) ON CONFLICT DO UPDATE SET count = count + excluded.count",
      )
        .bind(n)
        .run();
    await add(5);
    expect(await views()).toEqual({ cache: 'miss', views: 5 });
    await add(7);
    expect(await views()).toEqual({ cache: 'hit', views: 5 });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + USAGE_REPORT_REFRESH_S * 1000 + 1000);
      // Stale: still answered from the cache at once, and recomputed behind it.
      expect(await views()).toEqual({ cache: 'hit', views: 5 });
      let latest = await views();
      for (let i = 0; i < 50 && latest.views !== 12; i++) {
        await new Promise((r) => setTimeout(r, 50));
        latest = await views();
      }
      expect(latest).toEqual({ cache: 'hit', views: 12 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('refreshing expensive reports', () => {
  it('waits REFRESH_COST_RATIO times what the cached report cost before recomputing it', async () => {
    const url = 'http://localhost/api/usage?from=2026-06-01&to=2026-06-30';
    const views = async () => {
      const res = await SELF.fetch(url, { headers: { 'cf-connecting-ip': '198.51.100.121' } });
      expect(res.headers.get(COMPUTE_COST_HEADER)).toBeNull(); // kept with the cached copy, never sent
      return (await res.json<{ totals: { views: number } }>()).totals.views;
    };
    const add = (n: number) =>
      env.DB.prepare(
        "INSERT INTO usage_daily (day, guide, team_id, member_code, kind, count) VALUES ('2026-06-10', 'scale-cost', 0, '', 'view', ?) ON CONFLICT DO UPDATE SET count = count + excluded.count",
      )
        .bind(n)
        .run();
    await add(5);
    expect(await views()).toBe(5);
    // The stored copy, aged and marked as costly (what a custom national year costs).
    const cache = (caches as unknown as { default: Cache }).default;
    const deployment = (env as { CF_VERSION_METADATA?: { id: string } }).CF_VERSION_METADATA?.id ?? 'dev';
    const key = new Request(`${url}&__v=usage-${deployment}`);
    const age = async (ageMs: number, computeMs: number) => {
      const stored = await cache.match(key);
      expect(stored, 'the report is in the edge cache under its key').toBeDefined();
      // What the route reported from D1's own timing (meta.duration), not the wall clock.
      expect(stored!.headers.get(COMPUTE_COST_HEADER)).toMatch(/^\d+(\.\d+)?$/);
      const copy = new Response(await stored!.arrayBuffer(), stored);
      copy.headers.set('x-stored-at', String(Date.now() - ageMs));
      copy.headers.set(COMPUTE_COST_HEADER, String(computeMs));
      await cache.put(key, copy);
    };
    await add(7);
    await age(refreshAfterMs(USAGE_REPORT_REFRESH_S, 400) - 5000, 400); // stale for a cheap report, not for this one
    expect(await views()).toBe(5);
    await new Promise((r) => setTimeout(r, 300));
    expect(await views()).toBe(5);
    await age(refreshAfterMs(USAGE_REPORT_REFRESH_S, 400) + 1000, 400);
    let latest = await views();
    for (let i = 0; i < 50 && latest !== 12; i++) {
      await new Promise((r) => setTimeout(r, 50));
      latest = await views();
    }
    expect(latest).toBe(12);
    expect(refreshAfterMs(USAGE_REPORT_REFRESH_S, 10)).toBe(USAGE_REPORT_REFRESH_S * 1000);
    expect(refreshAfterMs(USAGE_REPORT_REFRESH_S, 400)).toBe(400 * REFRESH_COST_RATIO);
  });
});

describe('reports say what the counts resist', () => {
  it('the usage report explains the address limit and what it cannot stop', async () => {
    const html = await (await SELF.fetch('http://localhost/thong-ke/')).text();
    expect(html).toContain('tối đa 300 lượt một phút');
    expect(html).toContain('Không chống được');
  });
});
