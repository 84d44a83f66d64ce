import { createScheduledController, env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../functions/index.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';

// Issue 21, point 8 (the parts not in issue 22's session work): HEAD answers
// of cached reports carried the internal x-compute-ms header, and staging rows
// of an import killed midway stayed until someone uploaded again.

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

describe('HEAD of cached reports', () => {
  it.each(['/api/usage?from=2026-03-01&to=2026-03-31', '/thong-ke/?from=2026-03-01&to=2026-03-31', '/thong-ke/66/?from=2026-03-01&to=2026-03-31'])(
    '%s answers without x-compute-ms, like its GET',
    async (path) => {
      for (const method of ['HEAD', 'GET', 'HEAD']) {
        const res = await SELF.fetch(`http://localhost${path}`, { method });
        await res.arrayBuffer();
        expect(res.status, method).toBe(200);
        expect(res.headers.get('x-compute-ms'), method).toBeNull();
      }
    },
  );
});

describe('the cron cleans abandoned import staging', () => {
  it('removes chunks older than a day, an import killed midway included, and keeps fresh previews', async () => {
    const now = Date.UTC(2026, 5, 1, 0, 10);
    const insert = env.DB.prepare('INSERT INTO directory_import_chunks (import_id, chunk_no, kind, rows, created_at) VALUES (?, ?, ?, ?, ?)');
    const old = now - 25 * 3_600_000;
    // Killed midway: the meta and one chunk staged, the rest never written.
    const rows = [insert.bind('killed', 0, 'meta', 'H4sI', old), insert.bind('killed', 1, 'team', '[]', old)];
    for (let i = 0; i < 450; i++) rows.push(insert.bind('unconfirmed', i, 'member', '[]', old));
    rows.push(insert.bind('fresh', 0, 'meta', 'H4sI', now - 3_600_000));
    await env.DB.batch(rows);
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: '*/10 * * * *' }), env);
    const left = await env.DB.prepare('SELECT DISTINCT import_id AS id FROM directory_import_chunks ORDER BY id').all<{ id: string }>();
    expect(left.results.map((r) => r.id)).toEqual(['fresh']);
  });
});
