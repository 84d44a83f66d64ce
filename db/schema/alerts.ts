import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { members, provinces, teams } from './directory.ts';
import { officials } from './officials.ts';

/**
 * Scam alerts (issue 18): a card published by a national admin (province_code
 * null: national) or a province admin (their province), shown between two
 * Vietnam days. The slug is fixed at publication (links pasted in Zalo keep
 * working); form_key makes publishing once-only (a double tap inserts once).
 */
export const scamAlerts = sqliteTable(
  'scam_alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** What the scammer says or sends. */
    scamText: text('scam_text').notNull(),
    /** What to do instead. */
    adviceText: text('advice_text').notNull(),
    /** Ids of functions/alerts/contacts.ts (official numbers only), as JSON. */
    contactsJson: text('contacts_json').notNull().default('[]'),
    /** Slugs of related published guides, as JSON. */
    guidesJson: text('guides_json').notNull().default('[]'),
    provinceCode: text('province_code').references(() => provinces.code),
    /** Vietnam days (YYYY-MM-DD), both included. */
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    formKey: text('form_key').notNull(),
    createdBy: integer('created_by').references(() => officials.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    withdrawnAt: integer('withdrawn_at'),
  },
  (t) => [
    uniqueIndex('scam_alerts_slug_uq').on(t.slug),
    uniqueIndex('scam_alerts_form_key_uq').on(t.formKey),
    index('scam_alerts_current_idx').on(t.endsOn, t.startsOn),
    check('scam_alerts_window_check', sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

/**
 * "Đã phổ biến": one row per member and alert (a second mark updates it).
 * Team and place are copied at marking time, like assists. Counts only:
 * nothing about the people reached.
 */
export const scamAlertReach = sqliteTable(
  'scam_alert_reach',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    alertId: integer('alert_id')
      .notNull()
      .references(() => scamAlerts.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    provinceCode: text('province_code').notNull(),
    communeCode: text('commune_code'),
    /** zalo | loa | hop | truc-tiep (functions/alerts/alerts.ts). */
    channel: text('channel').notNull(),
    /** Roughly how many people, 1–500. */
    people: integer('people').notNull(),
    /** Vietnam day of the first mark, and of the last: both are activity days of the member. */
    firstDay: text('first_day').notNull(),
    day: text('day').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('scam_alert_reach_member_uq').on(t.alertId, t.memberId),
    index('scam_alert_reach_alert_place_idx').on(t.alertId, t.provinceCode, t.communeCode),
    index('scam_alert_reach_member_day_idx').on(t.memberId, t.day),
    check('scam_alert_reach_people_check', sql`${t.people} BETWEEN 1 AND 500`),
    check('scam_alert_reach_channel_check', sql`${t.channel} IN ('zalo', 'loa', 'hop', 'truc-tiep')`),
  ],
);
