import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One-time form tokens (issue 16, functions/auth/once.ts): a row per form
 * submitted; a second POST of the same token records nothing. Kept a week.
 */
export const formOnce = sqliteTable(
  'form_once',
  {
    token: text('token').primaryKey(),
    at: integer('at').notNull(),
    /** Where the first submit ended (its redirect), for a repeat to land on. */
    location: text('location'),
  },
  (t) => [index('form_once_at_idx').on(t.at)],
);
