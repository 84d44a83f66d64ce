import type { Context } from 'hono';

/**
 * The one trailing-slash rule: every page URL ends with "/". A GET or HEAD
 * that no route answered, for a page path without its slash (not /api/, not
 * a file name with an extension), is sent to the slash form, query kept.
 * Returns null when the rule does not apply.
 *
 * The Location is built from the request URL's pathname, which keeps the
 * client's percent-encoding: a decoded path (with CR, LF or NUL in it) never
 * reaches a header.
 */
export function redirectToSlashForm(c: Context): Response | null {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return null;
  const url = new URL(c.req.url);
  const path = url.pathname;
  if (path.endsWith('/') || path.startsWith('/api/') || /\.[A-Za-z0-9]+$/.test(path)) return null;
  return new Response(null, { status: 301, headers: { location: `${path}/${url.search}` } });
}
