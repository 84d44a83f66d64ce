import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './env.ts';

/** The one shape of every API error: `{ "error": { "code", "message" } }`. */
export function apiError<S extends ContentfulStatusCode>(c: Context, status: S, code: string, message: string) {
  return c.json({ error: { code, message } }, status, { 'cache-control': 'no-store' });
}

/** The site's own 404 page (built by Astro), served with status 404. */
export async function notFoundPage(c: Context<AppEnv>) {
  const page = await c.env.ASSETS.fetch(new URL('/404.html', c.req.url));
  return new Response(page.body, {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
}
