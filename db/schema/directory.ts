import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Official units since 1 July 2025 (Resolution 202/2025/QH15): 34 provinces, no districts. */
export const provinces = sqliteTable('provinces', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** "Tỉnh" or "Thành phố Trung Ương", as the dataset says. */
  kind: text('kind').notNull(),
  nameFolded: text('name_folded').notNull(),
});

export const communes = sqliteTable(
  'communes',
  {
    code: text('code').primaryKey(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    name: text('name').notNull(),
    nameFolded: text('name_folded').notNull(),
  },
  (t) => [index('communes_province_idx').on(t.provinceCode, t.name)],
);

/**
 * Old (pre-2025) ward/commune codes and the new commune each became. One old
 * code can map to several new communes: an import naming it is ambiguous.
 */
export const legacyCommunes = sqliteTable(
  'legacy_communes',
  {
    oldCode: text('old_code').notNull(),
    oldName: text('old_name').notNull(),
    oldDistrictName: text('old_district_name').notNull(),
    oldProvinceName: text('old_province_name').notNull(),
    newCode: text('new_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.oldCode, t.newCode] })],
);

/** Provenance of the official units (dataset name and version), one row per key. */
export const datasetInfo = sqliteTable('dataset_info', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const villageKinds = ['thôn', 'buôn', 'bản', 'ấp', 'sóc', 'làng', 'xóm', 'tổ dân phố', 'khu phố', 'khóm', 'khu'] as const;

/** Villages and residential groups under a commune (thôn, buôn, bản, ấp, tổ dân phố…). */
export const villages = sqliteTable(
  'villages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communeCode: text('commune_code')
      .notNull()
      .references(() => communes.code),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    nameFolded: text('name_folded').notNull(),
    /** ISO timestamp: missing from a later list of its commune; hidden from the public, kept for past reports. */
    removedAt: text('removed_at'),
  },
  // Re-importing the same list must not duplicate a village: the folded name is
  // the identity, among villages not removed (migration 0005).
  (t) => [uniqueIndex('villages_commune_name_uq').on(t.communeCode, t.nameFolded).where(sql`${t.removedAt} IS NULL`)],
);

export const teamLevels = ['province', 'commune', 'village', 'organisation'] as const;

export const teams = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    level: text('level', { enum: teamLevels }).notNull(),
    name: text('name').notNull(),
    nameFolded: text('name_folded').notNull(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    /** Null for a province-level team. */
    communeCode: text('commune_code').references(() => communes.code),
    /** Set for a village-level team. */
    villageId: integer('village_id').references(() => villages.id),
    /** Only https://zalo.me/… links are stored (validated on import). */
    zaloUrl: text('zalo_url'),
    decisionNumber: text('decision_number'),
    /** ISO date YYYY-MM-DD. */
    decisionDate: text('decision_date'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /**
     * Where the team sits, as one comparable key ("v:<villageId>", "c:<communeCode>",
     * "p:<provinceCode>"): with the folded name it is the identity a re-import
     * matches on (SQLite unique indexes treat NULL columns as all distinct).
     */
    placeKey: text('place_key').notNull(),
    /**
     * ISO timestamp: missing from a later list of its commune (or province), or
     * removed by an official; hidden from the public, kept for past reports. A
     * removed team is never active (trigger in migration 0005), so whatever
     * counts or lists active teams leaves it out.
     */
    removedAt: text('removed_at'),
  },
  (t) => [
    uniqueIndex('teams_place_name_uq').on(t.placeKey, t.nameFolded).where(sql`${t.removedAt} IS NULL`),
    index('teams_commune_idx').on(t.communeCode),
    index('teams_village_idx').on(t.villageId),
    // Coverage of a province or the whole country aggregates active teams by
    // commune and level: this index covers those GROUP BYs without touching rows.
    index('teams_province_idx').on(t.provinceCode, t.active, t.communeCode, t.level, t.villageId),
    check('teams_level_ck', sql`${t.level} in ('province', 'commune', 'village', 'organisation')`),
  ],
);

export const memberRoles = ['to_truong', 'to_pho', 'thanh_vien'] as const;

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Public member code for share links: random, short, stable, never sequential. */
    code: text('code').notNull().unique(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    fullName: text('full_name').notNull(),
    nameFolded: text('name_folded').notNull(),
    role: text('role', { enum: memberRoles }).notNull(),
    position: text('position'),
    /** Normalized Vietnamese mobile number (0xxxxxxxxx), private unless publishContact. */
    phone: text('phone'),
    publishContact: integer('publish_contact', { mode: 'boolean' }).notNull().default(false),
    /** ISO date the member agreed to have their phone published (migration 0004); null without consent. */
    consentDate: text('consent_date'),
    /**
     * ISO timestamp: left the team (missing from a later list, or removed by an
     * official). The row stays for past reports and keeps its code; its phone
     * and consent are cleared (trigger in migration 0005 refuses otherwise).
     */
    removedAt: text('removed_at'),
  },
  (t) => [
    uniqueIndex('members_team_name_uq').on(t.teamId, t.nameFolded).where(sql`${t.removedAt} IS NULL`),
    check('members_role_ck', sql`${t.role} in ('to_truong', 'to_pho', 'thanh_vien')`),
  ],
);
