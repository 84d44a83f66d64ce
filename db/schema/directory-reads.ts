import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Read models of the directory, written only by functions/directory/directory-changed.ts
 * in the same batch as the directory write they follow (migration 0007 also
 * creates the FTS5 tables village_search and commune_search and the triggers
 * that fill them, 0014 team_search, 0018 rebuilds village_search and
 * team_search with a one-letter prefix index; drizzle cannot express those,
 * nor WITHOUT ROWID).
 */

/** One row (id 1): bumped by every directory write; part of every directory cache key. */
export const directoryVersion = sqliteTable(
  'directory_version',
  {
    id: integer('id').primaryKey(),
    version: integer('version').notNull(),
    /** Epoch milliseconds of the last write. */
    changedAt: integer('changed_at').notNull(),
  },
  (t) => [check('directory_version_one_row', sql`${t.id} = 1`)],
);

/** Coverage per commune of a province ('' = teams above any commune), kept up to date by the writes. */
export const directoryCoverage = sqliteTable(
  'directory_coverage',
  {
    provinceCode: text('province_code').notNull(),
    communeCode: text('commune_code').notNull(),
    villages: integer('villages').notNull().default(0),
    villagesWithTeam: integer('villages_with_team').notNull().default(0),
    teamsProvince: integer('teams_province').notNull().default(0),
    teamsCommune: integer('teams_commune').notNull().default(0),
    teamsVillage: integer('teams_village').notNull().default(0),
    teamsOrganisation: integer('teams_organisation').notNull().default(0),
    members: integer('members').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.communeCode] }), index('directory_coverage_commune_idx').on(t.communeCode)],
);
