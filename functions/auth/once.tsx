import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { randomToken } from './crypto.ts';

/**
 * One-time form tokens (issue 16): a double tap, a resent form or the back
 * button never records the same thing twice. Every form that changes
 * something carries a fresh random token (<OnceField />, hidden field
 * `once`); `onceOnly` claims it in D1 before the route runs. The first POST
 * with a token goes through; another POST with the same token changes
 * nothing and lands where the first one did (its redirect: the page that says
 * what happened), or, while the first is still running or ended on a page of
 * its own, on a page that says the form was already sent.
 *
 * Separate from CSRF (functions/auth/csrf.tsx, hono/csrf in the members'
 * area), which says who may post; this says how often. The token is not a
 * secret: a made-up one only spends itself.
 */
export const onceFieldName = 'once';

const tokenPattern = /^[a-z2-7]{32}$/;
/** Claimed tokens are kept this long: a form older than that is refused as stale. */
const keepMs = 7 * 24 * 60 * 60 * 1000;
/** A repeat that arrives while the first submit is still running waits this long for its outcome. */
const waitForFirstMs = 3000;
const pollMs = 150;

/** The hidden field of a form that must be sent once; a new token on every render. */
export function OnceField() {
  return <input type="hidden" name={onceFieldName} value={randomToken()} />;
}

export type OncePages = {
  /** No token, or not one of ours: the form is from an old page. Nothing changed. */
  missing: (c: Context) => Response | Promise<Response>;
  /** The form was already sent and did not end on a redirect. Nothing changed this time. */
  repeated: (c: Context) => Response | Promise<Response>;
};

async function readToken(c: Context): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined;
  try {
    const field = (await c.req.parseBody())[onceFieldName];
    return typeof field === 'string' && tokenPattern.test(field) ? field : undefined;
  } catch {
    return undefined;
  }
}

const sameSitePath = (location: string | null) => (location?.startsWith('/') && !location.startsWith('//') ? location : null);

/**
 * Middleware for POST routes whose forms carry <OnceField />. A response of
 * 400 or more (a refused form, a failure) gives the token back, so the same
 * form can be corrected and sent again; a redirect is remembered for repeats.
 * `except`: paths whose POST records nothing (a preview), left to answer twice;
 * `exceptUnder`: path prefixes whose forms are once-only by a key of their own;
 * `letIn`: when it runs before the routes' guards, whether a guard let the
 * caller in. A request no guard let in (not signed in: a redirect to sign-in)
 * gives the token back, so a refused write leaves nothing behind and the same
 * form goes through once its sender has signed in again.
 */
export function onceOnly(
  pages: OncePages,
  options: { except?: readonly string[]; exceptUnder?: readonly string[]; letIn?: (c: Context) => boolean } = {},
): MiddlewareHandler<AppEnv> {
  const except = new Set(options.except ?? []);
  const exceptUnder = options.exceptUnder ?? [];
  return async (c, next) => {
    if (c.req.method !== 'POST' || except.has(c.req.path) || exceptUnder.some((prefix) => c.req.path.startsWith(prefix))) return next();
    const token = await readToken(c);
    if (!token) return pages.missing(c);
    const db = c.var.db;
    const now = Date.now();
    const claimed = await db.prepare('INSERT INTO form_once (token, at) VALUES (?, ?) ON CONFLICT (token) DO NOTHING').bind(token, now).run();
    if (claimed.meta.changes === 0) {
      // A repeat: wait briefly for the first submit's outcome (a double tap arrives while it runs).
      for (let waited = 0; ; waited += pollMs) {
        const row = await db.prepare('SELECT location FROM form_once WHERE token = ?').bind(token).first<{ location: string | null }>();
        // Gone: the first failed and gave it back; this one may try.
        if (!row) return onceOnly(pages, options)(c, next);
        if (row.location !== null) {
          const location = sameSitePath(row.location);
          return location ? c.redirect(location, 303) : pages.repeated(c);
        }
        if (waited >= waitForFirstMs) return pages.repeated(c);
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    }
    try {
      await next();
    } catch (error) {
      await db.prepare('DELETE FROM form_once WHERE token = ?').bind(token).run();
      throw error;
    }
    const status = c.res.status;
    if (status >= 400 || (options.letIn && !options.letIn(c))) {
      await db.prepare('DELETE FROM form_once WHERE token = ?').bind(token).run();
      return;
    }
    const location = status >= 300 && status < 400 ? sameSitePath(c.res.headers.get('location')) : null;
    // Remember the outcome for repeats ('' = ended on its own page); now and then, forget week-old tokens.
    const statements = [db.prepare('UPDATE form_once SET location = ? WHERE token = ?').bind(location ?? '', token)];
    if (Math.random() < 0.02) statements.push(db.prepare('DELETE FROM form_once WHERE at < ?').bind(now - keepMs));
    await db.batch(statements);
  };
}
