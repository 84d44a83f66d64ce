import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { communes, provinces } from './directory.ts';

/** national = everything; province = one province; commune = one commune (issue 8). */
export const officialRoles = ['national', 'province', 'commune'] as const;
export type OfficialRole = (typeof officialRoles)[number];

/** Officials who keep the directory. Accounts are created only by invitation. */
export const officials = sqliteTable(
  'officials',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Lower-case, [a-z0-9._-]{3,32}. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: officialRoles }).notNull(),
    provinceCode: text('province_code').references(() => provinces.code),
    communeCode: text('commune_code').references(() => communes.code),
    /** scrypt$N$r$p$salt$key (base64), see functions/auth/password.ts. */
    passwordHash: text('password_hash').notNull(),
    /** TOTP key (base32), set once two-step sign-in is turned on. */
    totpKey: text('totp_key'),
    totpEnabledAt: integer('totp_enabled_at'),
    /** Last time step (unix seconds / 30) whose code was accepted: each code works once. */
    totpLastStep: integer('totp_last_step'),
    /** Set by the scope above: the account cannot sign in, its sessions are deleted. */
    disabledAt: integer('disabled_at'),
    createdAt: integer('created_at').notNull(),
    invitedBy: integer('invited_by'),
  },
  (t) => [
    uniqueIndex('officials_username_uq').on(t.username),
    index('officials_scope_idx').on(t.provinceCode, t.communeCode),
    check('officials_role_ck', sql`${t.role} in ('national', 'province', 'commune')`),
  ],
);

/** Server-side sessions; id = SHA-256 (hex) of the cookie's token. Times are epoch ms. */
export const officialSessions = sqliteTable(
  'official_sessions',
  {
    id: text('id').primaryKey(),
    officialId: integer('official_id')
      .notNull()
      .references(() => officials.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    twoFactorVerified: integer('two_factor_verified', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('official_sessions_official_idx').on(t.officialId)],
);

/**
 * Browsers that signed in to an account before (issue 21): SHA-256 (hex) of a
 * cookie token. While the account's attempt limit is reached, a sign-in from
 * one of them is still checked, so an attack does not lock the owner out.
 * Times are epoch ms. The migration makes it WITHOUT ROWID.
 */
export const officialDevices = sqliteTable(
  'official_devices',
  {
    tokenHash: text('token_hash').primaryKey(),
    officialId: integer('official_id')
      .notNull()
      .references(() => officials.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('official_devices_official_idx').on(t.officialId)],
);

/** One-time recovery codes for two-step sign-in (SHA-256 hex of the code). */
export const officialRecoveryCodes = sqliteTable(
  'official_recovery_codes',
  {
    officialId: integer('official_id')
      .notNull()
      .references(() => officials.id),
    codeHash: text('code_hash').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [primaryKey({ columns: [t.officialId, t.codeHash] })],
);

export const invitations = sqliteTable(
  'invitations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** SHA-256 (hex) of the token in the URL. */
    tokenHash: text('token_hash').notNull(),
    role: text('role', { enum: officialRoles }).notNull(),
    provinceCode: text('province_code').references(() => provinces.code),
    communeCode: text('commune_code').references(() => communes.code),
    displayName: text('display_name').notNull(),
    /** Null when made with `npm run admin:invite`. */
    createdBy: integer('created_by').references(() => officials.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    revokedAt: integer('revoked_at'),
    officialId: integer('official_id').references(() => officials.id),
  },
  (t) => [uniqueIndex('invitations_token_uq').on(t.tokenHash), index('invitations_scope_idx').on(t.provinceCode, t.communeCode)],
);

/** Every change by an official (and sign-ins): who, when, what, before → after (JSON). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    officialId: integer('official_id').references(() => officials.id),
    /** Username at the time, or "cli". */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    provinceCode: text('province_code'),
    communeCode: text('commune_code'),
    subject: text('subject'),
    beforeJson: text('before_json'),
    afterJson: text('after_json'),
  },
  (t) => [index('audit_log_scope_idx').on(t.provinceCode, t.communeCode, t.id)],
);
