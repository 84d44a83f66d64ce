import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { members, provinces, teams, villages } from './directory.ts';

/**
 * Personal sign-in links of team members (issue 9). Only the SHA-256 of the
 * random token is stored; a link is used once, by a POST from its page.
 */
export const memberSignInLinks = sqliteTable(
  'member_sign_in_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    /** Epoch milliseconds, like every *_at column below. */
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    revokedAt: integer('revoked_at'),
    /** "cli" or the official who issued it. */
    issuedBy: text('issued_by').notNull(),
  },
  (t) => [uniqueIndex('member_sign_in_links_token_uq').on(t.tokenHash), index('member_sign_in_links_member_idx').on(t.memberId)],
);

/**
 * A member signed in on one phone (180 days). The migration makes it WITHOUT
 * ROWID. Triggers (migration 0010, drizzle cannot express them) delete a
 * member's sessions and revoke their unused links when the member is removed
 * or their team stopped or removed.
 */
export const memberSessions = sqliteTable(
  'member_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('member_sessions_member_idx').on(t.memberId)],
);

/**
 * What a member helped with: task, number of people, day. Nothing about the
 * citizens. Team and place are copied at recording time. The migration adds
 * triggers (drizzle cannot express them) that keep assist_province_days in step.
 */
export const assists = sqliteTable(
  'assists',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    provinceCode: text('province_code').notNull(),
    communeCode: text('commune_code'),
    villageId: integer('village_id').references(() => villages.id),
    /** One of functions/assists/tasks.ts. */
    task: text('task').notNull(),
    people: integer('people').notNull(),
    /** YYYY-MM-DD (Vietnam time) the help was given. */
    day: text('day').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    voidedAt: integer('voided_at'),
    voidedBy: text('voided_by'),
    /** People who confirmed this entry (issue 23): rows of assist_confirmations, kept by triggers (migration 0012). */
    confirmed: integer('confirmed').notNull().default(0),
    /** 'xong' or why it stalled: one of functions/assists/outcomes.ts (issue 23); null when not said. */
    outcome: text('outcome'),
  },
  (t) => [
    index('assists_member_idx').on(t.memberId, t.day),
    index('assists_commune_idx').on(t.communeCode, t.day, t.task, t.people, t.teamId, t.villageId, t.confirmed).where(sql`${t.voidedAt} IS NULL`),
    index('assists_team_idx').on(t.teamId, t.day, t.task, t.people, t.confirmed).where(sql`${t.voidedAt} IS NULL`),
    index('assists_province_idx').on(t.provinceCode, t.day, t.communeCode, t.teamId, t.people, t.confirmed).where(sql`${t.voidedAt} IS NULL`),
    check('assists_people_ck', sql`${t.people} between 1 and 50`),
    index('assists_outcome_idx').on(t.provinceCode, t.outcome, t.day, t.communeCode, t.people).where(sql`${t.voidedAt} IS NULL AND ${t.outcome} IS NOT NULL`),
  ],
);

/** People helped (and confirmed by citizens) per province, day and task (not voided), kept by triggers on assists. WITHOUT ROWID. */
export const assistProvinceDays = sqliteTable(
  'assist_province_days',
  {
    provinceCode: text('province_code').notNull(),
    day: text('day').notNull(),
    task: text('task').notNull(),
    people: integer('people').notNull(),
    confirmed: integer('confirmed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.day, t.task] }), index('assist_province_days_day_idx').on(t.day, t.task, t.people, t.confirmed)],
);

/**
 * Report rollups (issue 20 point 3, migration 0017), kept by triggers on assists
 * in the same transaction as every write. A scope is '' (the nation),
 * 'p' || province code or 'c' || commune code. All WITHOUT ROWID.
 */
const scopeRollup = (name: string, grain: 'day' | 'month') =>
  sqliteTable(
    name,
    {
      scope: text('scope').notNull(),
      /** YYYY-MM-DD (days) or YYYY-MM (months). */
      at: text(grain).notNull(),
      task: text('task').notNull(),
      people: integer('people').notNull(),
      confirmed: integer('confirmed').notNull(),
    },
    (t) => [primaryKey({ columns: [t.scope, t.at, t.task] })],
  );

/** People helped (and confirmed) per scope, day and task. */
export const assistScopeDays = scopeRollup('assist_scope_days', 'day');
/** People helped (and confirmed) per scope, month and task: the full months of a period. */
export const assistScopeMonths = scopeRollup('assist_scope_months', 'month');

/**
 * The same one level down, without task: `kind` 'p' (a province of the nation),
 * 'c' (a commune of a province; part '' = the province's own teams), 'v' (a
 * village of a commune; part '' = none), 't' (a team of a province or commune),
 * 'm' (a member who recorded in a province or commune: officials' reports).
 */
const partRollup = (name: string, grain: 'day' | 'month') =>
  sqliteTable(
    name,
    {
      scope: text('scope').notNull(),
      kind: text('kind', { enum: ['p', 'c', 'v', 't', 'm'] }).notNull(),
      at: text(grain).notNull(),
      part: text('part').notNull(),
      people: integer('people').notNull(),
      confirmed: integer('confirmed').notNull(),
    },
    (t) => [primaryKey({ columns: [t.scope, t.kind, t.at, t.part] })],
  );

export const assistPartDays = partRollup('assist_part_days', 'day');
export const assistPartMonths = partRollup('assist_part_months', 'month');

/** A target per national indicator for a province (communeCode '') or one of its communes. */
export const assistTargets = sqliteTable(
  'assist_targets',
  {
    indicator: text('indicator').notNull(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    communeCode: text('commune_code').notNull().default(''),
    target: integer('target').notNull(),
    denominator: integer('denominator'),
    setBy: text('set_by').notNull(),
    /** Role of whoever set it ("province", "commune", "national", "demo"): a commune's own target yields to the province's. */
    setByRole: text('set_by_role').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.indicator, t.provinceCode, t.communeCode] }),
    check('assist_targets_target_ck', sql`${t.target} > 0`),
    check('assist_targets_denominator_ck', sql`${t.denominator} IS NULL OR ${t.denominator} > 0`),
  ],
);

/**
 * A citizen's confirmation of an assist entry (issue 23), made by scanning the
 * member's confirmation code on the citizen's own phone. Nothing about the
 * citizen is stored: `visitor` is the salted daily visitor hash usage counting
 * already uses (functions/usage/visitor.ts), kept only so one phone confirms an
 * entry once. Each row counts one person; an entry gets at most `people` rows.
 */
export const assistConfirmations = sqliteTable(
  'assist_confirmations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assistId: integer('assist_id')
      .notNull()
      .references(() => assists.id, { onDelete: 'cascade' }),
    /** Salted daily visitor hash (never an IP or user agent). */
    visitor: text('visitor').notNull(),
    /** YYYY-MM-DD (Vietnam time) of the confirmation. */
    day: text('day').notNull(),
    confirmedAt: integer('confirmed_at').notNull(),
  },
  (t) => [uniqueIndex('assist_confirmations_visitor_uq').on(t.assistId, t.visitor)],
);

/**
 * The code a member shows so the people they helped can confirm it (issue 23):
 * one per assist entry, made on the member's first request, valid 30 minutes.
 * In the QR code as /xac-nhan/<code>/ and typed at /xac-nhan/. WITHOUT ROWID.
 */
export const assistConfirmationCodes = sqliteTable(
  'assist_confirmation_codes',
  {
    /** 8 Crockford base32 characters, like members' public codes. */
    code: text('code').primaryKey(),
    assistId: integer('assist_id')
      .notNull()
      .references(() => assists.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [uniqueIndex('assist_confirmation_codes_assist_uq').on(t.assistId)],
);

/**
 * One row (id 1): bumped by triggers on every change to `assists` (migration
 * 0011); part of the cache key of GET /api/assists (functions/middleware/edge-cache.ts).
 */
export const assistsVersion = sqliteTable(
  'assists_version',
  {
    id: integer('id').primaryKey(),
    version: integer('version').notNull(),
  },
  (t) => [check('assists_version_one_row', sql`${t.id} = 1`)],
);

/**
 * A province's allowance rates in đồng (issue 23), from a month on until a
 * later month's: per member per activity day, and/or per team per month. A
 * month's sheet uses the rates in force that month. WITHOUT ROWID.
 */
export const assistRates = sqliteTable(
  'assist_rates',
  {
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    /** YYYY-MM. */
    fromMonth: text('from_month').notNull(),
    perMemberDay: integer('per_member_day'),
    perTeamMonth: integer('per_team_month'),
    setBy: text('set_by').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.fromMonth] }),
    check('assist_rates_member_ck', sql`${t.perMemberDay} IS NULL OR ${t.perMemberDay} > 0`),
    check('assist_rates_team_ck', sql`${t.perTeamMonth} IS NULL OR ${t.perTeamMonth} > 0`),
  ],
);

/** An entry the honesty checks listed that an official looked at and found fine (issue 23). */
export const assistChecks = sqliteTable('assist_checks', {
  assistId: integer('assist_id')
    .primaryKey()
    .references(() => assists.id, { onDelete: 'cascade' }),
  checkedBy: text('checked_by').notNull(),
  checkedAt: integer('checked_at').notNull(),
});
