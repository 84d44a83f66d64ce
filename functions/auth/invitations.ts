import type { OfficialRole } from '../../db/schema/officials.ts';
import { auditStatement } from './audit.ts';
import { randomToken, sha256Hex } from './crypto.ts';
import type { Official } from './official.ts';

const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export interface InvitationRequest {
  role: OfficialRole;
  provinceCode: string | null;
  communeCode: string | null;
  displayName: string;
}

export const invitationPath = (token: string) => `/quan-tri/moi/${token}`;

/**
 * Statements creating an invitation (with its audit entry) and the one-time
 * token for its URL. Only the token's hash is stored.
 */
export async function invitationStatements(
  db: D1Database,
  invitation: InvitationRequest,
  by: Official | 'cli',
  now = Date.now(),
): Promise<{ token: string; statements: D1PreparedStatement[] }> {
  const token = randomToken();
  const tokenHash = await sha256Hex(token);
  const expiresAt = now + invitationLifetimeMs;
  return {
    token,
    statements: [
      db
        .prepare(
          `INSERT INTO invitations (token_hash, role, province_code, commune_code, display_name, created_by, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(tokenHash, invitation.role, invitation.provinceCode, invitation.communeCode, invitation.displayName, by === 'cli' ? null : by.id, now, expiresAt),
      auditStatement(
        db,
        {
          actor: by,
          action: 'invitation.create',
          place: { provinceCode: invitation.provinceCode, communeCode: invitation.communeCode },
          subjectOfLastInsert: 'invitation',
          after: { role: invitation.role, displayName: invitation.displayName, expiresAt: new Date(expiresAt).toISOString() },
        },
        now,
      ),
    ],
  };
}

export interface OpenInvitation {
  id: number;
  role: OfficialRole;
  provinceCode: string | null;
  communeCode: string | null;
  displayName: string;
  expiresAt: number;
  usedAt: number | null;
  revokedAt: number | null;
}

/** The invitation of a URL token, whatever its state (the page explains used/expired/revoked). */
export async function findInvitation(db: D1Database, token: string): Promise<OpenInvitation | undefined> {
  if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
  const row = await db
    .prepare(
      `SELECT id, role, province_code AS provinceCode, commune_code AS communeCode, display_name AS displayName,
              expires_at AS expiresAt, used_at AS usedAt, revoked_at AS revokedAt
       FROM invitations WHERE token_hash = ?`,
    )
    .bind(await sha256Hex(token))
    .first<OpenInvitation>();
  return row ?? undefined;
}

export function invitationState(invitation: OpenInvitation, now = Date.now()): 'open' | 'used' | 'revoked' | 'expired' {
  if (invitation.usedAt !== null) return 'used';
  if (invitation.revokedAt !== null) return 'revoked';
  if (invitation.expiresAt <= now) return 'expired';
  return 'open';
}

/**
 * Creates the account of an open invitation and marks it used, in one
 * transaction; the WHERE clauses make a second POST (or a race) create
 * nothing. Returns the new official's id, or undefined if the invitation was
 * no longer open. Throws on a taken username (unique index).
 */
export async function consumeInvitation(
  db: D1Database,
  invitationId: number,
  account: { username: string; passwordHash: string },
  now = Date.now(),
): Promise<number | undefined> {
  const open = 'id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?';
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO officials (username, display_name, role, province_code, commune_code, password_hash, created_at, invited_by)
         SELECT ?, display_name, role, province_code, commune_code, ?, ?, created_by FROM invitations WHERE ${open}`,
      )
      .bind(account.username, account.passwordHash, now, invitationId, now),
    db
      .prepare(`UPDATE invitations SET used_at = ?, official_id = (SELECT id FROM officials WHERE username = ?) WHERE ${open}`)
      .bind(now, account.username, invitationId, now),
    db
      .prepare(
        `INSERT INTO audit_log (at, official_id, actor, action, province_code, commune_code, subject, after_json)
         SELECT ?, o.id, o.username, 'invitation.accept', o.province_code, o.commune_code, 'official:' || o.id,
                json_object('username', o.username, 'role', o.role, 'displayName', o.display_name)
         FROM officials o WHERE o.username = ? AND o.created_at = ? AND changes() = 1`,
      )
      .bind(now, account.username, now),
  ]);
  if (!inserted?.meta.changes) return undefined;
  return Number(inserted.meta.last_row_id);
}
