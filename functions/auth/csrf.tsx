import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import { constantTimeEqual, randomToken } from './crypto.ts';
import { cookieName, cookieOptions, csrfTokenOfSession, sessionCookie, sessionKindOf } from './cookies.ts';
import { guardDeclaration } from './guard.ts';
import { forbiddenPage } from './pages.tsx';

/**
 * The one CSRF rule (issue 22) of the officials' and members' areas, for every
 * state-changing request whatever its body (form, multipart, JSON, none):
 * 1. it comes from this site: an Origin of another site, or a Sec-Fetch-Site
 *    other than same-origin, is refused;
 * 2. it carries the token (form field `csrf`, or header `x-csrf-token`):
 *    with a session, the token bound to it (derived from its secret: a new
 *    one at every sign-in); before one (sign-in, invitation forms), a random
 *    token in an HttpOnly, SameSite=Lax cookie (`__Host-` on https), double-submitted.
 * Refused: 403 (JSON under /api/), nothing changed. The one exception to 2 is a
 * route declared `anyone(why, { credentialInPath: true })`: a member's sign-in
 * link, whose unguessable path is itself the secret and whose page sets no cookie.
 */
export const csrfFieldName = 'csrf';
const csrfCookie = 'cns_csrf';
const tokenPattern = /^[a-z2-7]{32}$/;

/** The token a request of this area must carry: bound to its session if it has one. */
function expectedToken(c: Context): string | undefined {
  const session = sessionCookie.read(c, sessionKindOf(c.req.path));
  if (session) return csrfTokenOfSession(session);
  const cookie = getCookie(c, cookieName(c, csrfCookie));
  return cookie && tokenPattern.test(cookie) ? cookie : undefined;
}

/** The token to put in a form (sets the pre-session cookie the first time). */
export function csrfToken(c: Context): string {
  const expected = expectedToken(c);
  if (expected) return expected;
  const token = randomToken();
  setCookie(c, cookieName(c, csrfCookie), token, cookieOptions(c));
  return token;
}

/** At sign-in: the CSRF cookie becomes the token bound to the new session (scripts read it from there). */
export function rotateCsrfToken(c: Context, sessionToken: string): void {
  setCookie(c, cookieName(c, csrfCookie), csrfTokenOfSession(sessionToken), cookieOptions(c));
}

/** The hidden input every POST form carries. */
export function CsrfField({ token, form }: { token: string /** The id of the form it belongs to, when placed outside it. */; form?: string }) {
  return <input type="hidden" name={csrfFieldName} value={token} form={form} />;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether an unsafe request comes from another site: a Sec-Fetch-Site other
 * than same-origin, or an Origin of another site. Origin "null" is what
 * browsers send from a page with Referrer-Policy: no-referrer (the member
 * pages) as well as from a sandboxed frame: it passes only when the browser
 * also says same-origin.
 */
export function isCrossSite(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return true;
  const origin = c.req.header('origin');
  if (origin === undefined || origin === new URL(c.req.url).origin) return false;
  return !(origin === 'null' && site === 'same-origin');
}

async function sentToken(c: Context): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token');
  if (header !== undefined) return header;
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined;
  try {
    const field = (await c.req.parseBody())[csrfFieldName];
    return typeof field === 'string' ? field : undefined;
  } catch {
    return undefined;
  }
}

const credentialInPath = (c: Context) =>
  matchedRoutes(c).some(({ handler }) => {
    const declaration = guardDeclaration(handler);
    return declaration?.who === 'anyone' && declaration.credentialInPath === true;
  });

/**
 * Middleware of each session area: refuses unsafe requests that break the
 * rule; `refused` answers in the area's own way (default: the officials' 403).
 */
export function csrfRule(refused: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    if (isCrossSite(c)) return refused(c);
    if (!credentialInPath(c)) {
      const expected = expectedToken(c);
      const sent = await sentToken(c);
      if (!expected || !sent || !constantTimeEqual(expected, sent)) return refused(c);
    }
    return next();
  };
}

/** The officials' areas (/quan-tri/, /api/admin/): 403 page, or 403 JSON under /api/. */
export const requireCsrf: MiddlewareHandler = csrfRule((c) => forbiddenPage(c, 'csrf'));
