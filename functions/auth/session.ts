import type { Context } from 'hono';
import { sessionCookie } from './cookies.ts';
import { rotateCsrfToken } from './csrf.tsx';
import type { OfficialRole } from '../../db/schema/officials.ts';
import { randomToken, sha256Hex } from './crypto.ts';
import type { Official } from './official.ts';

/**
 * Server-side sessions in D1 (table official_sessions): the cookie holds a
 * random token, the table its SHA-256. Sliding expiry: a session lives 7 days
 * from its last use (renewed at most once a day, to keep D1 writes rare).
 */
const sessionLifetimeMs = 7 * 24 * 60 * 60 * 1000;
const renewAfterMs = 24 * 60 * 60 * 1000;
/** Between password and second step: the code must come within this time. */
const secondStepWithinMs = 10 * 60 * 1000;

export interface OfficialSession {
  id: string;
  official: Official;
  expiresAt: number;
  /** False between password and second step for an official with two-step sign-in. */
  twoFactorVerified: boolean;
}

export { cookieName, cookieOptions } from './cookies.ts';



/** A new session's cookie, and the CSRF token rotated to the one bound to it. */
function startSessionCookies(c: Context, token: string): void {
  sessionCookie.write(c, 'official', token, sessionLifetimeMs / 1000);
  rotateCsrfToken(c, token);
}

export async function createSession(c: Context, db: D1Database, officialId: number, twoFactorVerified: boolean): Promise<void> {
  const token = randomToken();
  const now = Date.now();
  await db
    .prepare('INSERT INTO official_sessions (id, official_id, created_at, expires_at, two_factor_verified) VALUES (?, ?, ?, ?, ?)')
    .bind(await sha256Hex(token), officialId, now, now + sessionLifetimeMs, twoFactorVerified ? 1 : 0)
    .run();
  startSessionCookies(c, token);
}

interface SessionRow {
  id: string;
  created_at: number;
  expires_at: number;
  two_factor_verified: number;
  official_id: number;
  username: string;
  display_name: string;
  role: OfficialRole;
  province_code: string | null;
  commune_code: string | null;
  totp_enabled_at: number | null;
  disabled_at: number | null;
}

/** The session of the request's cookie, renewed when due; undefined if none, expired or disabled. */
export async function readSession(c: Context, db: D1Database): Promise<OfficialSession | undefined> {
  const token = sessionCookie.read(c, 'official');
  if (!token || token.length > 64) return undefined;
  const id = await sha256Hex(token);
  const row = await db
    .prepare(
      `SELECT s.id, s.created_at, s.expires_at, s.two_factor_verified, o.id AS official_id, o.username, o.display_name, o.role,
              o.province_code, o.commune_code, o.totp_enabled_at, o.disabled_at
       FROM official_sessions s JOIN officials o ON o.id = s.official_id WHERE s.id = ?`,
    )
    .bind(id)
    .first<SessionRow>();
  if (!row) return undefined;
  const now = Date.now();
  const secondStepLate = row.two_factor_verified === 0 && row.totp_enabled_at !== null && now - row.created_at > secondStepWithinMs;
  if (row.expires_at <= now || row.disabled_at !== null || secondStepLate) {
    await db.prepare('DELETE FROM official_sessions WHERE id = ?').bind(id).run();
    sessionCookie.clear(c, 'official');
    return undefined;
  }
  let expiresAt = row.expires_at;
  if (expiresAt - now < sessionLifetimeMs - renewAfterMs) {
    expiresAt = now + sessionLifetimeMs;
    await db.prepare('UPDATE official_sessions SET expires_at = ? WHERE id = ?').bind(expiresAt, id).run();
    sessionCookie.write(c, 'official', token, sessionLifetimeMs / 1000);
  }
  return {
    id,
    expiresAt,
    twoFactorVerified: row.two_factor_verified === 1,
    official: {
      id: row.official_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      provinceCode: row.province_code,
      communeCode: row.commune_code,
      twoFactorEnabled: row.totp_enabled_at !== null,
    },
  };
}

export async function endSession(c: Context, db: D1Database, sessionId: string): Promise<void> {
  await db.prepare('DELETE FROM official_sessions WHERE id = ?').bind(sessionId).run();
  sessionCookie.clear(c, 'official');
}

/** Statement ending every session of an official (sign out everywhere, disabling). */
export function endAllSessionsStatement(db: D1Database, officialId: number): D1PreparedStatement {
  return db.prepare('DELETE FROM official_sessions WHERE official_id = ?').bind(officialId);
}
