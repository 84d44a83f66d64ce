import type { Context } from 'hono';
import { sha256Hex } from '../auth/crypto.ts';
import { deleteCookie, setCookie } from 'hono/cookie';
import { cookieOptions, sessionCookieBase } from '../auth/cookies.ts';
import { endAllSessionsStatement, newSecretToken, openSession, type OpenedSession, type SessionPolicy } from '../auth/session-core.ts';

/**
 * Members sign in without a password (issue 9): an official (or the CLI)
 * issues a personal link; its page's POST opens a 180-day session on that
 * phone, in the one session core (functions/auth/session-core.ts). Tokens are
 * 256 random bits; only their SHA-256 is stored, so a copy of the database
 * opens nothing. Hand-written on purpose: a member has no
 * password, e-mail or username, so an auth library's flows (better-auth's
 * magic link needs an e-mail) would be bent around a one-table token check.
 */

const DAY_MS = 86_400_000;
/** A link waits this long to be opened (sent in a Zalo chat, opened the next evening). */
export const SIGN_IN_LINK_TTL_MS = 7 * DAY_MS;
/** A phone stays signed in this long. */
export const MEMBER_SESSION_TTL_MS = 180 * DAY_MS;
/** The member session cookie's name on http (`__Host-` is prefixed on https). */
export const MEMBER_COOKIE = sessionCookieBase.member;

const SIGN_IN_PATH = '/thanh-vien/dang-nhap/';

/**
 * SQL condition "member `m` (joined to their team `t`) may still sign in and
 * record": the one definition, read on every session check, so removing or
 * deactivating a member or their team ends their sessions at once.
 */
export const currentMemberSql = (m: string, t: string) => `${m}.removed_at IS NULL AND ${t}.active = 1 AND ${t}.removed_at IS NULL`;

/** What a link's token (session-core's newSecretToken) looks like: refuse anything else before touching D1. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
const isTokenShaped = (token: string) => tokenPattern.test(token);

export function signInUrl(origin: string, token: string): string {
  return `${origin}${SIGN_IN_PATH}${token}`;
}

/**
 * A new sign-in link for a member. Earlier unused links of the member are
 * revoked in the same transaction: a member has at most one live link.
 */
export async function issueSignInLink(
  db: D1Database,
  memberId: number,
  issuedBy: string,
  now = Date.now(),
  /** The official's audit entry, written in the same transaction as the link. */
  audit?: (expiresAt: number) => D1PreparedStatement,
): Promise<{ token: string; expiresAt: number }> {
  const token = newSecretToken();
  const expiresAt = now + SIGN_IN_LINK_TTL_MS;
  await db.batch([
    db.prepare('UPDATE member_sign_in_links SET revoked_at = ? WHERE member_id = ? AND used_at IS NULL AND revoked_at IS NULL').bind(now, memberId),
    db
      .prepare('INSERT INTO member_sign_in_links (member_id, token_hash, created_at, expires_at, issued_by) VALUES (?, ?, ?, ?, ?)')
      .bind(memberId, await sha256Hex(token), now, expiresAt, issuedBy),
    ...(audit ? [audit(expiresAt)] : []),
  ]);
  return { token, expiresAt };
}

export type LinkState = 'valid' | 'used' | 'expired' | 'revoked' | 'inactive' | 'unknown';

/** What a link's page shows (read only: a GET, and previewers fetch it). */
export async function inspectSignInLink(db: D1Database, token: string, now = Date.now()): Promise<{ state: LinkState; memberName?: string }> {
  if (!isTokenShaped(token)) return { state: 'unknown' };
  const row = await db
    .prepare(
      `SELECT l.used_at AS usedAt, l.revoked_at AS revokedAt, l.expires_at AS expiresAt, m.full_name AS memberName,
              (${currentMemberSql('m', 't')}) AS current
       FROM member_sign_in_links l JOIN members m ON m.id = l.member_id JOIN teams t ON t.id = m.team_id
       WHERE l.token_hash = ?`,
    )
    .bind(await sha256Hex(token))
    .first<{ usedAt: number | null; revokedAt: number | null; expiresAt: number; memberName: string; current: number }>();
  if (!row) return { state: 'unknown' };
  // "No longer active" first: removal also revokes the links (migration 0010), and the member should read why.
  const state: LinkState = !row.current
    ? 'inactive'
    : row.revokedAt !== null
      ? 'revoked'
      : row.usedAt !== null
        ? 'used'
        : row.expiresAt <= now
          ? 'expired'
          : 'valid';
  return { state, memberName: row.memberName };
}

/**
 * Consumes a link and opens a session, in one transaction: the link is
 * marked used only if it is live and its member current, and the session is
 * written only for the link just consumed. Returns the session (for its
 * cookie), or the reason it failed.
 */
export async function consumeSignInLink(
  db: D1Database,
  token: string,
  now = Date.now(),
): Promise<{ ok: true; session: OpenedSession } | { ok: false; state: LinkState }> {
  if (!isTokenShaped(token)) return { ok: false, state: 'unknown' };
  const linkHash = await sha256Hex(token);
  const { statement, ...session } = await openSession(
    db,
    memberSessions,
    { select: 'SELECT member_id AS id FROM member_sign_in_links WHERE token_hash = ? AND used_at = ?', binds: [linkHash, now] },
    { now },
  );
  const [consumed] = await db.batch([
    db
      .prepare(
        `UPDATE member_sign_in_links SET used_at = ?1
         WHERE token_hash = ?2 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?1
           AND EXISTS (SELECT 1 FROM members m JOIN teams t ON t.id = m.team_id
                       WHERE m.id = member_sign_in_links.member_id AND ${currentMemberSql('m', 't')})
         RETURNING member_id`,
      )
      .bind(now, linkHash),
    statement,
  ]);
  if ((consumed?.results.length ?? 0) === 1) return { ok: true, session };
  const { state } = await inspectSignInLink(db, token, now);
  return { ok: false, state: state === 'valid' ? 'used' : state };
}

/** The signed-in member, with what the member area needs about their team. */
export interface SignedInMember {
  id: number;
  code: string;
  fullName: string;
  teamId: number;
  teamName: string;
  provinceCode: string;
  communeCode: string | null;
  villageId: number | null;
}

/** Members' sessions: 180 days from sign-in, not renewed; they end at once when the member or team stops being current. */
export const memberSessions: SessionPolicy<{ member: SignedInMember }, SignedInMember & { current: number }> = {
  kind: 'member',
  table: 'member_sessions',
  idColumn: 'token_hash',
  principalColumn: 'member_id',
  expiry: { absoluteMs: MEMBER_SESSION_TTL_MS },
  principal: {
    columns: `m.id, m.code, m.full_name AS fullName, t.id AS teamId, t.name AS teamName, t.province_code AS provinceCode,
              t.commune_code AS communeCode, t.village_id AS villageId, (${currentMemberSql('m', 't')}) AS current`,
    joins: 'JOIN members m ON m.id = s.member_id JOIN teams t ON t.id = m.team_id',
    of: ({ current, createdAt: _created, expiresAt: _expires, ...member }) => (current ? { member } : undefined),
  },
  clearWith: (c) => deleteCookie(c, MEMBER_CODE_COOKIE, { ...cookieOptions(c), httpOnly: false }),
};

/** Officials' "revoke": every unused link and every session of the member, at once. */
export async function revokeMemberAccess(
  db: D1Database,
  memberId: number,
  now = Date.now(),
  /** The official's audit entry (given what is revoked), written in the same transaction. */
  audit?: (revoked: { links: number; sessions: number }) => D1PreparedStatement,
): Promise<{ links: number; sessions: number }> {
  const open = 'FROM member_sign_in_links WHERE member_id = ?1 AND used_at IS NULL AND revoked_at IS NULL';
  const revoked = (await db
    .prepare(`SELECT (SELECT count(*) ${open}) AS links, (SELECT count(*) FROM member_sessions WHERE member_id = ?1) AS sessions`)
    .bind(memberId)
    .first<{ links: number; sessions: number }>()) ?? { links: 0, sessions: 0 };
  await db.batch([
    db.prepare(`UPDATE member_sign_in_links SET revoked_at = ?2 WHERE member_id = ?1 AND used_at IS NULL AND revoked_at IS NULL`).bind(memberId, now),
    endAllSessionsStatement(db, memberSessions, memberId),
    ...(audit ? [audit(revoked)] : []),
  ]);
  return revoked;
}

/**
 * The signed-in member's public code, readable by the guide pages' scripts
 * (issue 16): their share buttons, copied links and handout QR then carry it
 * with no typing. Not a credential (the code is printed on every personal
 * link); set while the session lives, cleared with it.
 */
export const MEMBER_CODE_COOKIE = 'ma_thanh_vien';

export function setMemberCodeCookie(c: Context, code: string): void {
  setCookie(c, MEMBER_CODE_COOKIE, code, { ...cookieOptions(c, MEMBER_SESSION_TTL_MS / 1000), httpOnly: false });
}
