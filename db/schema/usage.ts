import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const usageKinds = ['view', 'share_click', 'helpful_yes', 'helpful_no'] as const;

/**
 * Daily aggregates only: one row per (day, guide, team, member, kind), written
 * by upsert. No event rows, nothing about citizens. team_id 0 and member_code ''
 * mean "not attributed" (SQLite treats NULLs as distinct, which would break upserts).
 */
export const usageDaily = sqliteTable(
  'usage_daily',
  {
    day: text('day').notNull(),
    guide: text('guide').notNull(),
    teamId: integer('team_id').notNull().default(0),
    memberCode: text('member_code').notNull().default(''),
    kind: text('kind', { enum: usageKinds }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.guide, t.teamId, t.memberCode, t.kind] }),
    index('usage_daily_team_idx').on(t.teamId, t.day),
  ],
);

/**
 * Today's random salt for visitor hashes. Rows of past days are deleted, so a
 * hash can never be linked back to a visitor once its day is over.
 */
export const visitorSalts = sqliteTable('visitor_salts', {
  day: text('day').primaryKey(),
  salt: text('salt').notNull(),
});

/**
 * What each visitor (a salted daily hash) has already been counted for today:
 * `seen` lists "|<guide>:<kind>|" tokens (helpful yes/no share the kind
 * "helpful"), so one visitor costs one row a day however many guides they
 * open. Rows of past days are purged by the queue consumer. The migration
 * makes this and usage_daily WITHOUT ROWID tables (drizzle cannot express it):
 * D1 counts index entries as rows written.
 */
export const visitorDays = sqliteTable(
  'visitor_days',
  {
    day: text('day').notNull(),
    visitorHash: text('visitor_hash').notNull(),
    seen: text('seen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.visitorHash] })],
);


/**
 * National totals per (day, guide, kind), written by the queue consumer in the
 * same batch as usage_daily (migration 0007 makes it WITHOUT ROWID): national
 * reports read these few rows, not every team's and member's.
 */
export const usageNationalDaily = sqliteTable(
  'usage_national_daily',
  {
    day: text('day').notNull(),
    guide: text('guide').notNull(),
    kind: text('kind', { enum: usageKinds }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.guide, t.kind] })],
);
