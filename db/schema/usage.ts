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
  (t) => [primaryKey({ columns: [t.day, t.guide, t.teamId, t.memberCode, t.kind] }), index('usage_daily_team_idx').on(t.teamId, t.day)],
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

/** The four counts of a national total, in columns (new builders each call: one set per table). */
const nationalCounts = () => ({
  views: integer('views').notNull().default(0),
  shareClicks: integer('share_clicks').notNull().default(0),
  helpfulYes: integer('helpful_yes').notNull().default(0),
  helpfulNo: integer('helpful_no').notNull().default(0),
});

/**
 * National totals per day and guide, kept by a trigger on usage_daily
 * (migration 0008, which also makes it WITHOUT ROWID): national reports read
 * these few rows, not every team's and member's.
 */
export const usageNationalDaily = sqliteTable(
  'usage_national_daily',
  { day: text('day').notNull(), guide: text('guide').notNull(), ...nationalCounts() },
  (t) => [primaryKey({ columns: [t.day, t.guide] })],
);

/*
 * Rollups of attributed share clicks, kept by triggers on usage_daily
 * (migration 0008, which also makes them WITHOUT ROWID): a province's report
 * and the "most active teams" read these instead of usage_daily.
 */

/** Share clicks per province (of the team, when counted), day and guide. */
export const usageProvinceDaily = sqliteTable(
  'usage_province_daily',
  {
    provinceCode: text('province_code').notNull(),
    day: text('day').notNull(),
    guide: text('guide').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.day, t.guide] })],
);

/** Share clicks per team and day, clustered by province. */
export const usageTeamDaily = sqliteTable(
  'usage_team_daily',
  {
    provinceCode: text('province_code').notNull(),
    day: text('day').notNull(),
    teamId: integer('team_id').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.day, t.teamId] })],
);

/** The preset report periods ('w12', 'w52': the last 12 and 52 weeks) and the day each now starts on (functions/usage/windows.ts). */
export const usageWindows = sqliteTable('usage_windows', {
  name: text('name').primaryKey(),
  weeks: integer('weeks').notNull(),
  fromDay: text('from_day').notNull(),
});

/** Each team's share clicks since its window's first day, ranked by the index. */
export const usageTeamWindow = sqliteTable(
  'usage_team_window',
  {
    windowName: text('window_name').notNull(),
    teamId: integer('team_id').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.windowName, t.teamId] }), index('usage_team_window_rank_idx').on(t.windowName, t.count)],
);

/** usage_national_daily by month (migration 0020): a national report's whole months. */
export const usageNationalMonthly = sqliteTable(
  'usage_national_monthly',
  { month: text('month').notNull(), guide: text('guide').notNull(), ...nationalCounts() },
  (t) => [primaryKey({ columns: [t.month, t.guide] })],
);

/** usage_national_daily by day, every guide together (migration 0021): a national report's weeks. */
export const usageNationalDays = sqliteTable('usage_national_days', {
  day: text('day').primaryKey(),
  views: integer('views').notNull().default(0),
  shareClicks: integer('share_clicks').notNull().default(0),
});

/** usage_province_daily by month (migration 0021): a province report's whole months. */
export const usageProvinceMonthly = sqliteTable(
  'usage_province_monthly',
  {
    provinceCode: text('province_code').notNull(),
    month: text('month').notNull(),
    guide: text('guide').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.month, t.guide] })],
);

/** usage_province_daily by day, every guide together (migration 0021): a province report's weeks. */
export const usageProvinceDays = sqliteTable(
  'usage_province_days',
  {
    provinceCode: text('province_code').notNull(),
    day: text('day').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.day] })],
);

/**
 * For each closed day, every team's share clicks from the first counted day up
 * to and including it, encoded in one text (functions/usage/team-totals.ts);
 * added by the Cron Trigger, deleted from a day on by triggers on usage_daily
 * when a click of that day changes (migration 0019).
 */
export const usageTeamTotals = sqliteTable('usage_team_totals', {
  day: text('day').primaryKey(),
  teams: text('teams').notNull(),
});

/**
 * Share clicks written on or before the last day the Cron Trigger is adding
 * to usage_team_totals (`buildingTo`): it adds its rows only if none came meanwhile.
 */
export const usageTeamTotalsWrites = sqliteTable('usage_team_totals_writes', {
  id: integer('id').primaryKey(),
  writes: integer('writes').notNull().default(0),
  buildingTo: text('building_to'),
});
