import { eq, sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { directoryCoverage } from '../../db/schema/directory-reads.ts';
import { teamLevels } from '../../db/schema/directory.ts';

export type TeamLevel = (typeof teamLevels)[number];

/**
 * How far a place is covered by active teams. Dissolved teams count nowhere:
 * a citizen cannot turn to them.
 */
export interface Coverage {
  /** Villages and residential groups (thôn, tổ dân phố…) on record. */
  villages: number;
  /** Of those, villages with at least one active team. */
  villagesWithTeam: number;
  teams: Record<TeamLevel, number> & { total: number };
  /** Members of active teams. */
  members: number;
}

export function emptyCoverage(): Coverage {
  return {
    villages: 0,
    villagesWithTeam: 0,
    teams: { province: 0, commune: 0, village: 0, organisation: 0, total: 0 },
    members: 0,
  };
}

function addCoverage(into: Coverage, add: Coverage): Coverage {
  into.villages += add.villages;
  into.villagesWithTeam += add.villagesWithTeam;
  for (const level of teamLevels) into.teams[level] += add.teams[level];
  into.teams.total += add.teams.total;
  into.members += add.members;
  return into;
}

type Db = DrizzleD1Database;

/*
 * Coverage is read from directory_coverage, which every directory write
 * refreshes for the places it touched (functions/directory/directory-changed.ts):
 * a read sums at most one row per commune, never villages, teams or members.
 */

const n = (column: unknown) => sql<number>`sum(${column})`.mapWith(Number);
const coverageColumns = {
  villages: n(directoryCoverage.villages),
  villagesWithTeam: n(directoryCoverage.villagesWithTeam),
  province: n(directoryCoverage.teamsProvince),
  commune: n(directoryCoverage.teamsCommune),
  village: n(directoryCoverage.teamsVillage),
  organisation: n(directoryCoverage.teamsOrganisation),
  members: n(directoryCoverage.members),
};

type CoverageRow = { key: string } & { [K in keyof typeof coverageColumns]: number };

function toCoverage(r: CoverageRow): Coverage {
  const teams = { province: r.province, commune: r.commune, village: r.village, organisation: r.organisation };
  return {
    villages: r.villages,
    villagesWithTeam: r.villagesWithTeam,
    teams: { ...teams, total: teams.province + teams.commune + teams.village + teams.organisation },
    members: r.members,
  };
}

/** Coverage per key (province or commune code; '' = teams above any commune). */
export function coverageMap(rows: CoverageRow[]): Map<string, Coverage> {
  return new Map(rows.map((r) => [r.key, toCoverage(r)]));
}

export function sumCoverage(byKey: Map<string, Coverage>): Coverage {
  const total = emptyCoverage();
  for (const c of byKey.values()) addCoverage(total, c);
  return total;
}

/** Coverage per province (key = province code). Run it in a batch with others. */
export function coverageByProvinceStatement(db: Db) {
  return db
    .select({ key: directoryCoverage.provinceCode, ...coverageColumns })
    .from(directoryCoverage)
    .groupBy(directoryCoverage.provinceCode);
}

/** Coverage per commune of one province (key = commune code, '' = above communes). */
export function coverageByCommuneStatement(db: Db, provinceCode: string) {
  return db
    .select({ key: directoryCoverage.communeCode, ...coverageColumns })
    .from(directoryCoverage)
    .where(eq(directoryCoverage.provinceCode, provinceCode))
    .groupBy(directoryCoverage.communeCode);
}

/** One commune's coverage (one row, or none for a commune without villages or teams). */
export function communeCoverageStatement(db: Db, communeCode: string) {
  return db
    .select({ key: directoryCoverage.communeCode, ...coverageColumns })
    .from(directoryCoverage)
    .where(eq(directoryCoverage.communeCode, communeCode))
    .groupBy(directoryCoverage.communeCode);
}

/** The coverage of the whole scope the statement was built for. */
export function coverageTotal(rows: CoverageRow[]): Coverage {
  return sumCoverage(coverageMap(rows));
}
