import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomToken, sha256Hex } from './crypto.ts';
import { cookieName, cookieOptions } from './cookies.ts';

/**
 * Known devices (OWASP's "device cookies"): a browser that signed in to an
 * account gets a random token in an HttpOnly cookie, its SHA-256 kept in
 * official_devices. Anyone can make an account hit its attempt limit (five
 * wrong passwords a minute); a sign-in from a known device of that account
 * is still checked, so the attack locks out only the attacker. Client and
 * address limits still apply to it, and two-step sign-in still follows.
 */
const deviceCookie = 'cns_device';
export const KNOWN_DEVICE_TTL_MS = 180 * 24 * 3_600_000;
const tokenShape = /^[a-z2-7]{32}$/;

/** After a correct password: this browser is a known device of the account. */
export async function rememberDevice(c: Context, db: D1Database, officialId: number, now = Date.now()): Promise<void> {
  const existing = getCookie(c, cookieName(c, deviceCookie));
  const token = existing && tokenShape.test(existing) ? existing : randomToken();
  await db.batch([
    db.prepare('DELETE FROM official_devices WHERE official_id = ? AND expires_at <= ?').bind(officialId, now),
    db
      .prepare('INSERT OR REPLACE INTO official_devices (token_hash, official_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .bind(await sha256Hex(`${officialId}:${token}`), officialId, now, now + KNOWN_DEVICE_TTL_MS),
  ]);
  setCookie(c, cookieName(c, deviceCookie), token, cookieOptions(c, KNOWN_DEVICE_TTL_MS / 1000));
}

/** Whether this browser signed in to the account named `username` before (and not too long ago). */
export async function isKnownDevice(c: Context, db: D1Database, username: string, now = Date.now()): Promise<boolean> {
  const token = getCookie(c, cookieName(c, deviceCookie));
  if (!token || !tokenShape.test(token)) return false;
  const account = await db.prepare('SELECT id FROM officials WHERE username = ?').bind(username).first<{ id: number }>();
  if (!account) return false;
  const device = await db
    .prepare('SELECT 1 AS known FROM official_devices WHERE token_hash = ? AND official_id = ? AND expires_at > ?')
    .bind(await sha256Hex(`${account.id}:${token}`), account.id, now)
    .first<{ known: number }>();
  return device !== null;
}
