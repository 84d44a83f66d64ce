import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { constantTimeEqual, randomToken } from './crypto.ts';
import { cookieName, cookieOptions } from './session.ts';
import { forbiddenPage } from './pages.tsx';

/**
 * CSRF protection for every state-changing form (double-submit token): a
 * random token in an HttpOnly, SameSite=Lax cookie (`__Host-` on https) and
 * the same token in the form's hidden field `csrf`. A POST whose field does
 * not match the cookie, or whose Origin is another site, gets 403 and
 * changes nothing. The sign-in and invitation forms carry it too.
 */
const csrfFieldName = 'csrf';
const csrfCookie = 'cns_csrf';

/** The token to put in a form (sets the cookie the first time). */
export function csrfToken(c: Context): string {
  const name = cookieName(c, csrfCookie);
  const existing = getCookie(c, name);
  if (existing && /^[a-z2-7]{32}$/.test(existing)) return existing;
  const token = randomToken();
  setCookie(c, name, token, cookieOptions(c));
  return token;
}

/** The hidden input every POST form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={csrfFieldName} value={token} />;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Middleware: rejects unsafe requests without a matching token with 403 (JSON under /api/). */
export const requireCsrf: MiddlewareHandler = async (c, next) => {
  if (safeMethods.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  const cookie = getCookie(c, cookieName(c, csrfCookie));
  let sent = c.req.header('x-csrf-token');
  if (sent === undefined) {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      try {
        const body = await c.req.parseBody();
        const field = body[csrfFieldName];
        sent = typeof field === 'string' ? field : undefined;
      } catch {
        sent = undefined;
      }
    }
  }
  const sameOrigin = origin === undefined || origin === new URL(c.req.url).origin;
  if (!sameOrigin || !cookie || !sent || !constantTimeEqual(cookie, sent)) return forbiddenPage(c, 'csrf');
  return next();
};
