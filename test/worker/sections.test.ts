// Every route the app registers lies inside a declared section (functions/sections.ts),
// so once deployed the Worker, not the static assets, answers it; and each section
// that reads D1 gets its session, the others do not.
import { env, SELF } from 'cloudflare:test';
import { beforeAll } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { startEarlyInLimiterWindow } from './admin-helpers.ts';
import { describe, expect, it } from 'vitest';
import { app } from '../../functions/index.ts';
import { sections } from '../../functions/sections.ts';
import { d1Session } from '../../functions/middleware/d1-session.ts';
import { cacheAssistsReports, cacheDirectoryReads, cacheUsageReports } from '../../functions/middleware/edge-cache.ts';
import { limitExpensiveReads } from '../../functions/middleware/limit-reads.ts';

const inSection = (path: string) => sections.some((s) => path === s.root || path.startsWith(`${s.root}/`));

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

describe('section registry and the app', () => {
  it('every registered route is inside a section', () => {
    const routes = [...new Set(app.routes.map((r) => r.path))].filter((p) => p !== '*' && p !== '/*');
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((p) => !inSection(p))).toEqual([]);
  });

  it('index.ts builds its middleware from the registry: a D1 session exactly where a section reads D1, caches and limits on their paths', () => {
    const mounted = (path: string, handler: unknown) => app.routes.some((r) => r.method === 'ALL' && r.path === path && r.handler === handler);
    for (const section of sections) {
      expect({ root: section.root, d1Session: mounted(`${section.root}/*`, d1Session) }).toEqual({ root: section.root, d1Session: section.d1Session });
      for (const { path, cache, limit } of section.paths ?? []) {
        if (cache) expect(mounted(path, { directory: cacheDirectoryReads, usage: cacheUsageReports, assists: cacheAssistsReports }[cache])).toBe(true);
        expect({ path, limited: mounted(path, limitExpensiveReads) }).toEqual({ path, limited: limit === 'expensive-reads' });
      }
    }
  });

  it('/api/assists is cached: a second read is a hit, and an entry recorded since makes it a miss that shows it', async () => {
    const url = 'http://localhost/api/assists?from=2026-01-01&to=2026-12-31';
    await (await SELF.fetch(url)).arrayBuffer();
    const hit = await SELF.fetch(url);
    expect(hit.headers.get('x-edge-cache')).toBe('hit');
    await hit.body?.cancel();
    await env.DB.prepare(
      "INSERT INTO assists (member_id, team_id, province_code, commune_code, task, people, day, created_at, updated_at) VALUES (1, 1, '66', '24169', 'khac', 3, '2026-03-02', 0, 0)",
    ).run();
    const after = await SELF.fetch(url);
    expect(after.headers.get('x-edge-cache')).toBe('miss');
    expect(((await after.json()) as { total: number }).total).toBe(3);
  });

  it('/api/assists is limited per address like /api/usage, an IPv6 address counting as its /64: over the limit, 429 JSON', async () => {
    // READ_RATE_LIMITER: 120 a minute, in windows aligned to the clock; ~130 requests take ~10 s.
    await startEarlyInLimiterWindow(60, 30_000);
    let last: Response | undefined;
    // A new address of the same /64 for every request: one network, one counter.
    for (let i = 0; i < 130; i++) {
      // A new period each time: cache hits cost nothing and are never limited.
      const month = `2026-0${1 + Math.floor(i / 28)}`;
      last = await SELF.fetch(`http://localhost/api/assists?from=${month}-01&to=${month}-${String((i % 28) + 1).padStart(2, '0')}`, {
        headers: { 'cf-connecting-ip': `2001:db8:77:1:${(i + 1).toString(16)}::1` },
      });
      if (last.status === 429) break;
      await last.body?.cancel();
    }
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toBe('60');
    expect(((await last!.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // The next /64 is another network, with its own counter.
    const neighbour = await SELF.fetch('http://localhost/api/assists?from=2026-03-01&to=2026-03-31', { headers: { 'cf-connecting-ip': '2001:db8:77:2::1' } });
    expect(neighbour.status).toBe(200);
  }, 60_000);
});
