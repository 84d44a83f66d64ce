import { generateMemberCode, normalizeMemberCode } from '../directory/member-code.ts';
import { vietnamDay } from './entries.ts';

/**
 * Citizens confirm the help they got (issue 23). The member shows a code (QR
 * code of /xac-nhan/<code>/, or typed at /xac-nhan/); the citizen's own phone
 * opens it and presses one button. Nothing about the citizen is asked or kept:
 * a confirmation row holds the salted daily visitor hash (as usage counting
 * does) only so that one phone confirms an entry once.
 *
 * The rules live in SQL, in the statement that writes: a code confirms only
 * its own entry, until it expires, while the entry is not voided, at most
 * `people` times, each visitor once. Two presses at once cannot pass them.
 */

/** A code is shown while the citizen is still there: 30 minutes is plenty, and keeps a leaked code short-lived. */
export const CONFIRMATION_CODE_TTL_MS = 30 * 60_000;

/**
 * Codes have the shape of members' public codes (8 Crockford base32
 * characters, 40 random bits): people already type those, the same
 * normaliser forgives O/0 and I/L/1, and 2^40 codes cannot be guessed within
 * the per-address rate limit while a few thousand are live.
 */
export const normalizeConfirmationCode = normalizeMemberCode;

export const confirmationPath = (code: string) => `/xac-nhan/${code}/`;
export const confirmationUrl = (origin: string, code: string) => `${origin}${confirmationPath(code)}`;
/** "K7Q2 MZ20": two groups of four, easier to read out and type. */
export const groupedCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

export interface MemberConfirmationCode {
  code: string;
  expiresAt: number;
  task: string;
  people: number;
  confirmed: number;
}

/** The code of one of the member's own entries, if one was made (read only). */
export async function memberConfirmationCode(db: D1Database, memberId: number, assistId: number): Promise<MemberConfirmationCode | null> {
  return db
    .prepare(
      `SELECT k.code, k.expires_at AS expiresAt, a.task, a.people, a.confirmed
       FROM assist_confirmation_codes k JOIN assists a ON a.id = k.assist_id WHERE k.assist_id = ? AND a.member_id = ?`,
    )
    .bind(assistId, memberId)
    .first<MemberConfirmationCode>();
}

/**
 * Makes the entry's one code, if the entry is the member's, not voided and has
 * no code yet. Idempotent: a second press (or two at once) keeps the first
 * code. Returns whether the entry has a code now.
 */
export async function makeConfirmationCode(db: D1Database, memberId: number, assistId: number, now = Date.now()): Promise<boolean> {
  // 40 random bits: a clash with a live code is a one-in-a-billion event, so one retry settles it.
  for (let attempt = 0; attempt < 2; attempt++) {
    await db
      .prepare(
        `INSERT OR IGNORE INTO assist_confirmation_codes (code, assist_id, created_at, expires_at)
         SELECT ?1, id, ?2, ?3 FROM assists WHERE id = ?4 AND member_id = ?5 AND voided_at IS NULL`,
      )
      .bind(generateMemberCode(), now, now + CONFIRMATION_CODE_TTL_MS, assistId, memberId)
      .run();
    if (await memberConfirmationCode(db, memberId, assistId)) return true;
    const entry = await db.prepare('SELECT 1 AS ok FROM assists WHERE id = ? AND member_id = ? AND voided_at IS NULL').bind(assistId, memberId).first();
    if (!entry) return false;
  }
  return false;
}

export type CodeState = 'valid' | 'unknown' | 'expired' | 'voided' | 'full';

export interface CodeView {
  state: CodeState;
  /** Set unless the code is unknown. */
  entry?: { id: number; memberId: number; task: string; people: number; confirmed: number; teamName: string; place: string };
}

/** What a code's page shows (read only: previewers open these links too). */
export async function inspectConfirmationCode(db: D1Database, code: string, now = Date.now()): Promise<CodeView> {
  const row = await db
    .prepare(
      `SELECT a.id, a.member_id AS memberId, a.task, a.people, a.confirmed, a.voided_at AS voidedAt, k.expires_at AS expiresAt,
              t.name AS teamName, trim(coalesce(c.name || ', ', '') || p.name) AS place
       FROM assist_confirmation_codes k JOIN assists a ON a.id = k.assist_id JOIN teams t ON t.id = a.team_id
       JOIN provinces p ON p.code = a.province_code LEFT JOIN communes c ON c.code = a.commune_code
       WHERE k.code = ?`,
    )
    .bind(code)
    .first<{
      id: number;
      memberId: number;
      task: string;
      people: number;
      confirmed: number;
      voidedAt: number | null;
      expiresAt: number;
      teamName: string;
      place: string;
    }>();
  if (!row) return { state: 'unknown' };
  const { voidedAt, expiresAt, ...entry } = row;
  const state: CodeState = voidedAt !== null ? 'voided' : expiresAt <= now ? 'expired' : entry.confirmed >= entry.people ? 'full' : 'valid';
  return { state, entry };
}

/** Whether this visitor has confirmed the code's entry (read only). */
export async function hasConfirmed(db: D1Database, code: string, visitor: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS ok FROM assist_confirmation_codes k JOIN assist_confirmations c ON c.assist_id = k.assist_id WHERE k.code = ? AND c.visitor = ?')
    .bind(code, visitor)
    .first();
  return row !== null;
}

export type ConfirmOutcome = { ok: true } | { ok: false; state: Exclude<CodeState, 'valid'> | 'already' };

/** One confirmation by one visitor, all rules checked in the INSERT itself; else why not. */
export async function confirmAssist(db: D1Database, code: string, visitor: string, now = Date.now()): Promise<ConfirmOutcome> {
  const row = await db
    .prepare(
      `INSERT INTO assist_confirmations (assist_id, visitor, day, confirmed_at)
       SELECT a.id, ?2, ?3, ?4 FROM assist_confirmation_codes k JOIN assists a ON a.id = k.assist_id
       WHERE k.code = ?1 AND k.expires_at > ?4 AND a.voided_at IS NULL AND a.confirmed < a.people
       ON CONFLICT (assist_id, visitor) DO NOTHING
       RETURNING id`,
    )
    .bind(code, visitor, vietnamDay(now), now)
    .first();
  if (row) return { ok: true };
  if (await hasConfirmed(db, code, visitor)) return { ok: false, state: 'already' };
  const { state } = await inspectConfirmationCode(db, code, now);
  // Valid a moment ago, yet the insert wrote nothing: the last place went to someone else.
  return { ok: false, state: state === 'valid' ? 'full' : state };
}
