import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { cookieOptions } from '../auth/cookies.ts';
import type { AppEnv } from '../env.ts';

/**
 * D1 read replication (Sessions API). Every request gets a session, `c.var.db`:
 * reads go to the nearest replica ('first-unconstrained'), unless the browser
 * holds a bookmark — the point in the database's history its own last write
 * reached — in which case the session only reads from a copy at least that
 * recent. So an official who just saved a change sees it on the next page,
 * even if that page is served from a replica that lags by a second.
 *
 * After a successful POST in the admin or member area, the middleware stores
 * the session's bookmark in a cookie; it lives minutes (replicas catch up in
 * well under that), holds no personal data, and is refreshed while present. Citizens, who never write, never get it.
 */
export const BOOKMARK_COOKIE = 'd1-bookmark';
const BOOKMARK_MAX_AGE_S = 300;
/** What D1 bookmarks look like (hex groups and dashes); anything else a client sends is ignored. */
const bookmarkPattern = /^[0-9a-f]{1,32}(?:-[0-9a-f]{1,64}){1,7}$/i;

export const d1Session: MiddlewareHandler<AppEnv> = async (c, next) => {
  const sent = getCookie(c, BOOKMARK_COOKIE);
  const bookmark = sent !== undefined && bookmarkPattern.test(sent) ? sent : undefined;
  const session = c.env.DB.withSession(bookmark ?? 'first-unconstrained');
  c.set('dbSession', session);
  // A session offers prepare() and batch(): all that drizzle and the app's queries use.
  c.set('db', session as unknown as D1Database);
  await next();
  // Officials and members write with a form's POST: their browser keeps the
  // bookmark so the page they are sent to next shows what they just saved.
  // A refused POST (4xx) wrote nothing and gets nothing.
  const wrote = c.req.method === 'POST' && writerArea.test(c.req.path) && c.res.status < 400;
  if (bookmark !== undefined || wrote) rememberBookmark(c);
};

/** Where signed-in people write (the admin and member areas); citizens never get a bookmark. */
const writerArea = /^\/(?:quan-tri|thanh-vien)(?:\/|$)/;

/**
 * After a write: stores the session's bookmark in a cookie, so this browser's
 * next reads see at least that write (writes always go to the primary).
 */
function rememberBookmark(c: Context<AppEnv>): void {
  const latest = c.var.dbSession?.getBookmark();
  if (!latest) return;
  setCookie(c, BOOKMARK_COOKIE, latest, cookieOptions(c, BOOKMARK_MAX_AGE_S));
}
