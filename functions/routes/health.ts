import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const health = new Hono<AppEnv>().get('/', async (c) => {
  // One trivial query proves the database binding answers, not just the isolate.
  const row = await c.env.DB.prepare('select 1 as ok').first<{ ok: number }>();
  return c.json({ status: row?.ok === 1 ? 'ok' : 'degraded' }, 200, { 'cache-control': 'no-store' });
});
