import type { Context } from 'hono';
import { rotateCsrfToken } from './csrf.tsx';
import type { OfficialRole } from '../../db/schema/officials.ts';
import type { Official } from './official.ts';
import { startSession, type Session, type SessionPolicy } from './session-core.ts';

/**
 * Officials' sessions (table official_sessions) in the one session core
 * (./session-core.ts). Sliding expiry: a session lives 7 days from its last
 * use, renewed at most once a day to keep D1 writes rare.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
/** Between password and second step: the code must come within this time. */
const secondStepWithinMs = 10 * 60 * 1000;

export type OfficialSession = Session<{
  official: Official;
  /** False between password and second step for an official with two-step sign-in. */
  twoFactorVerified: boolean;
}>;

interface OfficialRow {
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

export const officialSessions: SessionPolicy<Omit<OfficialSession, 'id' | 'createdAt' | 'expiresAt'>, OfficialRow> = {
  kind: 'official',
  table: 'official_sessions',
  idColumn: 'id',
  principalColumn: 'official_id',
  expiry: { idleMs: 7 * DAY_MS, renewAfterMs: DAY_MS },
  principal: {
    columns: `s.two_factor_verified, o.id AS official_id, o.username, o.display_name, o.role,
              o.province_code, o.commune_code, o.totp_enabled_at, o.disabled_at`,
    joins: 'JOIN officials o ON o.id = s.official_id',
    of: (row, now) => {
      const secondStepLate = row.two_factor_verified === 0 && row.totp_enabled_at !== null && now - row.createdAt > secondStepWithinMs;
      if (row.disabled_at !== null || secondStepLate) return undefined;
      return {
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
    },
  },
};

/** Signing an official in: a new session and cookie, and the CSRF token rotated to the one bound to it. */
export async function startOfficialSession(c: Context, db: D1Database, officialId: number, twoFactorVerified: boolean): Promise<void> {
  const opened = await startSession(c, db, officialSessions, officialId, { two_factor_verified: twoFactorVerified ? 1 : 0 });
  rotateCsrfToken(c, opened.token);
}

/** The session in use has just proven the second factor. */
export function secondStepDoneStatement(db: D1Database, sessionId: string): D1PreparedStatement {
  return db.prepare('UPDATE official_sessions SET two_factor_verified = 1 WHERE id = ?').bind(sessionId);
}
