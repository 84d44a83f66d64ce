import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { Context } from 'hono';
import { sessionCookie, type SessionKind } from './cookies.ts';
import { sha256Hex } from './crypto.ts';

/**
 * The one session store (issue 22) of officials and members. A session is a
 * row keyed by the SHA-256 of a random token that only the browser's cookie
 * holds, so a copy of the database opens nothing. What differs between the
 * kinds is configuration (a SessionPolicy): the table, the lifetimes, and how
 * the principal (the official, the member) is read and whether it may still
 * hold a session. Hand-written on purpose: this is the design Lucia's authors
 * now document in place of their deprecated library (lucia-auth.com), a few
 * statements over @oslojs/encoding and Web Crypto; no package does less.
 *
 * Expiry: a row's `expires_at` is the one deadline, kept at the earlier of
 * - idle: the last use + `idleMs` (sliding; renewed at most once per
 *   `renewAfterMs` to keep D1 writes rare), and
 * - absolute: `created_at` + `absoluteMs` (never renewed past it; checked at
 *   read time too).
 */

export type SessionExpiry =
  | { idleMs: number; renewAfterMs: number; absoluteMs?: number }
  | { idleMs?: undefined; renewAfterMs?: undefined; absoluteMs: number };

/** The session's own times, read beside the principal's columns. */
export interface SessionTimes {
  createdAt: number;
  expiresAt: number;
}

export interface SessionPolicy<P, Row = Record<string, unknown>> {
  /** Which session cookie (functions/auth/cookies.ts). */
  kind: SessionKind;
  table: string;
  /** The column keeping the token's SHA-256 (hex). */
  idColumn: string;
  /** The column naming whose session it is. */
  principalColumn: string;
  expiry: SessionExpiry;
  principal: {
    /** Columns read beside the session row `s` (no `createdAt`/`expiresAt` aliases), and the joins they need. */
    columns: string;
    joins: string;
    /** What a live session carries; undefined if its principal may no longer hold one (disabled, removed, too late). */
    of(row: Row & SessionTimes, now: number): P | undefined;
  };
  /** Cookies that live and die with the session cookie. */
  clearWith?(c: Context): void;
}

/** Any kind's policy, where only its table, columns and cookie matter. */
type AnySessionPolicy = SessionPolicy<unknown, never>;

/** A live session: its id (the token's SHA-256), its times, and what its policy's `principal.of` gave. */
export type Session<P> = P & { id: string; createdAt: number; expiresAt: number };

/** A session just written (or about to be, in the caller's batch): its token goes to the cookie, never to D1. */
export interface OpenedSession {
  token: string;
  id: string;
  openedAt: number;
  expiresAt: number;
}

/** A secret for a cookie or a link: 32 random bytes, base64url (43 characters). */
export function newSecretToken(): string {
  return encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * What a session token looks like: refused before touching D1 otherwise.
 * 43 characters today; 32 are officials' base32 tokens minted before this core, still live.
 */
const tokenShape = /^[A-Za-z0-9_-]{32,43}$/;

/** The session id of a token, or undefined for anything not shaped like one. */
export async function sessionIdOf(token: string | undefined): Promise<string | undefined> {
  return token !== undefined && tokenShape.test(token) ? sha256Hex(token) : undefined;
}

/** The deadline of a session created at `createdAt` and used at `now`. */
function deadline(expiry: SessionExpiry, createdAt: number, now: number): number {
  return Math.min(expiry.idleMs === undefined ? Infinity : now + expiry.idleMs, expiry.absoluteMs === undefined ? Infinity : createdAt + expiry.absoluteMs);
}

type Bindable = string | number | null;

/**
 * A new session for a principal, as a statement the caller runs or puts in its
 * batch. The principal is an id, or a one-column query (`SELECT … AS id`) so the
 * session is written only if that row exists in the same transaction (a member's
 * link consumed by the same batch). `columns` are the policy's own (officials'
 * `two_factor_verified`).
 */
export async function openSession(
  db: D1Database,
  policy: AnySessionPolicy,
  principal: number | { select: string; binds: Bindable[] },
  options: { now?: number; columns?: Record<string, Bindable> } = {},
): Promise<OpenedSession & { statement: D1PreparedStatement }> {
  const openedAt = options.now ?? Date.now();
  const token = newSecretToken();
  const id = await sha256Hex(token);
  const expiresAt = deadline(policy.expiry, openedAt, openedAt);
  const extra = Object.entries(options.columns ?? {});
  const source = typeof principal === 'number' ? { select: 'SELECT ? AS id', binds: [principal] } : principal;
  const statement = db
    .prepare(
      `INSERT INTO ${policy.table} (${policy.idColumn}, ${policy.principalColumn}, created_at, expires_at${extra.map(([name]) => `, ${name}`).join('')})
       SELECT ?, p.id, ?, ?${extra.map(() => ', ?').join('')} FROM (${source.select}) AS p`,
    )
    .bind(id, openedAt, expiresAt, ...extra.map(([, value]) => value), ...source.binds);
  return { token, id, openedAt, expiresAt, statement };
}

function writeCookie(c: Context, policy: AnySessionPolicy, token: string, expiresAt: number, now: number): void {
  sessionCookie.write(c, policy.kind, token, Math.floor((expiresAt - now) / 1000));
}

/** The cookie of a session just opened: it lasts as long as the session. */
export function setSessionCookie(c: Context, policy: AnySessionPolicy, opened: OpenedSession): void {
  writeCookie(c, policy, opened.token, opened.expiresAt, opened.openedAt);
}

export function clearSessionCookie(c: Context, policy: AnySessionPolicy): void {
  sessionCookie.clear(c, policy.kind);
  policy.clearWith?.(c);
}

/** Opens a session for a principal and sets its cookie. */
export async function startSession(
  c: Context,
  db: D1Database,
  policy: AnySessionPolicy,
  principalId: number,
  columns?: Record<string, Bindable>,
): Promise<OpenedSession> {
  const { statement, ...opened } = await openSession(db, policy, principalId, { columns });
  await statement.run();
  setSessionCookie(c, policy, opened);
  return opened;
}

export type SessionLookup<P> =
  | { state: 'live'; session: Session<P> /** The new deadline, when the session is due for renewal. */; renewTo?: number }
  | { state: 'ended'; id: string }
  | { state: 'unknown' };

/** What a token opens at `now`: read only (no renewal, no clean-up), for pages that must not write. */
export async function findSession<P, Row>(
  db: D1Database,
  policy: SessionPolicy<P, Row>,
  token: string | undefined,
  now = Date.now(),
): Promise<SessionLookup<P>> {
  const id = await sessionIdOf(token);
  if (!id) return { state: 'unknown' };
  const row = await db
    .prepare(
      `SELECT s.created_at AS createdAt, s.expires_at AS expiresAt, ${policy.principal.columns}
       FROM ${policy.table} s ${policy.principal.joins} WHERE s.${policy.idColumn} = ?`,
    )
    .bind(id)
    .first<Row & SessionTimes>();
  if (!row) return { state: 'unknown' };
  const { idleMs, renewAfterMs, absoluteMs } = policy.expiry;
  const inTime = row.expiresAt > now && (absoluteMs === undefined || row.createdAt + absoluteMs > now);
  const principal = inTime ? policy.principal.of(row, now) : undefined;
  if (principal === undefined) return { state: 'ended', id };
  const session = { ...principal, id, createdAt: row.createdAt, expiresAt: row.expiresAt };
  const renewTo = idleMs !== undefined && row.expiresAt - now < idleMs - renewAfterMs ? deadline(policy.expiry, row.createdAt, now) : undefined;
  return renewTo !== undefined && renewTo > row.expiresAt ? { state: 'live', session, renewTo } : { state: 'live', session };
}

/** The session whose token the request's cookie holds, without writing anything: for public pages. */
export async function peekSession<P, Row>(c: Context, db: D1Database, policy: SessionPolicy<P, Row>): Promise<Session<P> | undefined> {
  const found = await findSession(db, policy, sessionCookie.read(c, policy.kind));
  return found.state === 'live' ? found.session : undefined;
}

/**
 * The session of the request's cookie, renewed when due (row and cookie).
 * Anything else ends: an expired session's row is deleted, and a cookie that
 * opens nothing is cleared.
 */
export async function currentSession<P, Row>(c: Context, db: D1Database, policy: SessionPolicy<P, Row>, now = Date.now()): Promise<Session<P> | undefined> {
  const token = sessionCookie.read(c, policy.kind);
  if (token === undefined) return undefined;
  const found = await findSession(db, policy, token, now);
  if (found.state !== 'live') {
    if (found.state === 'ended') await endSessionStatement(db, policy, found.id).run();
    clearSessionCookie(c, policy);
    return undefined;
  }
  if (found.renewTo === undefined) return found.session;
  await db.prepare(`UPDATE ${policy.table} SET expires_at = ? WHERE ${policy.idColumn} = ?`).bind(found.renewTo, found.session.id).run();
  writeCookie(c, policy, token, found.renewTo, now);
  return { ...found.session, expiresAt: found.renewTo };
}

/** The id of the session the request's cookie names, live or not (to end it). */
export const cookieSessionId = (c: Context, policy: AnySessionPolicy) => sessionIdOf(sessionCookie.read(c, policy.kind));

export function endSessionStatement(db: D1Database, policy: AnySessionPolicy, id: string): D1PreparedStatement {
  return db.prepare(`DELETE FROM ${policy.table} WHERE ${policy.idColumn} = ?`).bind(id);
}

/** Signing out: the cookie's session ends, whatever its state, and the cookie goes. */
export async function endCurrentSession(c: Context, db: D1Database, policy: AnySessionPolicy): Promise<void> {
  const id = await cookieSessionId(c, policy);
  if (id) await endSessionStatement(db, policy, id).run();
  clearSessionCookie(c, policy);
}

/** Every session of a principal ends (sign out everywhere, disabling, removal), but `except` (the one in use) if given. */
export function endAllSessionsStatement(db: D1Database, policy: AnySessionPolicy, principalId: number, except?: string): D1PreparedStatement {
  return except === undefined
    ? db.prepare(`DELETE FROM ${policy.table} WHERE ${policy.principalColumn} = ?`).bind(principalId)
    : db.prepare(`DELETE FROM ${policy.table} WHERE ${policy.principalColumn} = ? AND ${policy.idColumn} <> ?`).bind(principalId, except);
}

/** A principal's live sessions, newest first (the officials' security page lists them). */
export async function liveSessions(
  db: D1Database,
  policy: AnySessionPolicy,
  principalId: number,
  now = Date.now(),
): Promise<({ id: string } & SessionTimes)[]> {
  const { results } = await db
    .prepare(
      `SELECT ${policy.idColumn} AS id, created_at AS createdAt, expires_at AS expiresAt FROM ${policy.table}
       WHERE ${policy.principalColumn} = ? AND expires_at > ? ORDER BY created_at DESC LIMIT 50`,
    )
    .bind(principalId, now)
    .all<{ id: string } & SessionTimes>();
  return results;
}
