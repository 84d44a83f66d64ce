import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { ok } from './openapi.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Máy chủ và cơ sở dữ liệu có trả lời không',
  responses: { 200: ok(z.object({ status: z.enum(['ok', 'degraded']) }), 'Trạng thái') },
});

export const health = new OpenAPIHono<AppEnv>().openapi(healthRoute, async (c) => {
  // One trivial query proves the database binding answers, not just the isolate.
  const row = await c.env.DB.prepare('select 1 as ok').first<{ ok: number }>();
  return c.json({ status: row?.ok === 1 ? ('ok' as const) : ('degraded' as const) }, 200, { 'cache-control': 'no-store' });
});
