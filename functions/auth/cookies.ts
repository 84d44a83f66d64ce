import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The one cookie module (issue 22): officials' and members' session cookies,
 * the CSRF cookie and the D1 bookmark share one set of attributes and one
 * naming rule. Sessions themselves live in the one session core,
 * functions/auth/session-core.ts, configured by functions/auth/session.ts
 * (officials) and functions/assists/member-auth.ts (members).
 */

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:';

/** `__Host-` on https: the cookie cannot be set by a subdomain nor for another path. */
export function cookieName(c: Context, base: string): string {
  return isHttps(c) ? `__Host-${base}` : base;
}

/** The one set of cookie attributes: official and member sessions, the CSRF token, the D1 bookmark. */
export function cookieOptions(c: Context, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: isHttps(c),
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export type SessionKind = 'official' | 'member';
export const sessionCookieBase: Record<SessionKind, string> = { official: 'cns_session', member: 'thanh_vien' };

/** Read, write and clear the session cookie of officials or members (random token; the table keeps its SHA-256). */
export const sessionCookie = {
  read: (c: Context, kind: SessionKind): string | undefined => getCookie(c, cookieName(c, sessionCookieBase[kind])),
  write: (c: Context, kind: SessionKind, token: string, maxAgeSeconds: number) =>
    setCookie(c, cookieName(c, sessionCookieBase[kind]), token, cookieOptions(c, maxAgeSeconds)),
  clear: (c: Context, kind: SessionKind) => deleteCookie(c, cookieName(c, sessionCookieBase[kind]), cookieOptions(c)),
};

/** The session whose area a path belongs to: members' under /thanh-vien/, officials' elsewhere. */
export const sessionKindOf = (path: string): SessionKind => (path.startsWith('/thanh-vien/') ? 'member' : 'official');

/**
 * The CSRF token bound to a session: derived from its secret token (one-way),
 * so every sign-in (a new session) rotates it and it is worthless with
 * another session. 32 base32 characters, like the pre-session random token.
 */
export function csrfTokenOfSession(sessionToken: string): string {
  return encodeBase32LowerCaseNoPadding(createHash('sha256').update(`csrf\0${sessionToken}`).digest().subarray(0, 20));
}
