import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Env } from '../env.ts';
import { apiError } from '../errors.ts';
import { mustUseTwoFactor, type Official } from './official.ts';
import { forbiddenPage } from './pages.tsx';
import { officialSessions, type OfficialSession } from './session.ts';
import { currentSession } from './session-core.ts';
import type { Scope } from './guard.ts';

/** Hono env of every admin route: `c.get('official')` is the signed-in official. */
export type AdminEnv = {
  Bindings: Env;
  /** `scope`: the place the route's guard checked (functions/auth/guard.ts); unset when its row does not exist. */
  Variables: AppEnv['Variables'] & { official: Official; session: OfficialSession; scope?: Scope };
};

export const signInPath = '/quan-tri/dang-nhap';
export const twoStepPath = '/quan-tri/hai-buoc';

/** Longer return addresses are dropped: no admin page has one, and they would only bloat a header. */
export const MAX_RETURN_PATH = 512;

/**
 * Where to go back after signing in: only a path inside the admin area,
 * without backslashes or control characters (CR, LF, NUL must never reach a
 * Location header), and not over-long.
 */
export function safeNext(path: string | undefined): string {
  return path && path.length <= MAX_RETURN_PATH && /^\/quan-tri\/[^\\\u0000-\u001f\u007f]*$/.test(path) ? path : '/quan-tri/';
}

function notSignedIn(c: Context, pending: boolean): Response {
  if (c.req.path.startsWith('/api/')) return apiError(c, 401, 'unauthorized', 'Cần đăng nhập.');
  if (pending) return c.redirect(twoStepPath, 303);
  const back = c.req.path + (new URL(c.req.url).search || '');
  const next = c.req.method === 'GET' && back.length <= MAX_RETURN_PATH ? `?tiep=${encodeURIComponent(back)}` : '';
  return c.redirect(signInPath + next, 303);
}

/** Sets `official` and `session` from the request's session; else the answer for someone not signed in. */
export async function signInOfficial(c: Context<AdminEnv>): Promise<Response | undefined> {
  const session = await currentSession(c, c.var.db, officialSessions);
  if (!session) return notSignedIn(c, false);
  if (session.official.twoFactorEnabled && !session.twoFactorVerified) return notSignedIn(c, true);
  c.set('session', session);
  c.set('official', session.official);
  return undefined;
}

/** National and province admins' unsafe requests before two-step sign-in is on: the 403 to send. */
export function twoFactorMissing(c: Context<AdminEnv>): Response | Promise<Response> | undefined {
  const official = c.get('official');
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && mustUseTwoFactor(official) && !official.twoFactorEnabled) return forbiddenPage(c, 'two_factor');
  return undefined;
}

/** Admin pages and API answers are private: never stored by a cache or the browser. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'private, no-store');
};
