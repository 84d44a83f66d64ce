import { and, asc, eq, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { communes, type memberRoles, members, provinces, teams, villages } from '../../db/schema/directory.ts';
import {
  communeCoverageStatement,
  coverageByCommuneStatement,
  coverageByProvinceStatement,
  coverageMap,
  coverageTotal,
  emptyCoverage,
  sumCoverage,
  type Coverage,
  type TeamLevel,
} from './coverage.ts';

type Db = DrizzleD1Database;

export type MemberRole = (typeof memberRoles)[number];

/** What anyone may see of a member. `phone` is null unless the member consented to publish it. */
export interface PublicMember {
  code: string;
  name: string;
  role: MemberRole;
  position: string | null;
  phone: string | null;
}

export interface PublicTeam {
  id: number;
  name: string;
  level: TeamLevel;
  active: boolean;
  zaloUrl: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  communeCode: string | null;
  villageId: number | null;
  members: PublicMember[];
}

export interface Place {
  code: string;
  name: string;
}

export interface ProvinceSummary extends Place {
  kind: string;
  coverage: Coverage;
}

export interface CommuneSummary extends Place {
  coverage: Coverage;
}

export interface VillageWithTeams {
  id: number;
  name: string;
  kind: string;
  teams: PublicTeam[];
}

/**
 * A member's phone where the member agreed to publish it, null otherwise. The
 * choice is made in SQL, so a number a member did not agree to publish never
 * even leaves the database. Every query that reads members' phones uses this.
 */
export const publishedPhone = sql<string | null>`case when ${members.publishContact} = 1 then ${members.phone} end`;

/** Members' public columns. */
const publicMemberColumns = {
  teamId: members.teamId,
  code: members.code,
  name: members.fullName,
  role: members.role,
  position: members.position,
  phone: publishedPhone,
};

// Leader first, then deputies, then members; alphabetical within a role.
const memberOrder = [sql`case ${members.role} when 'to_truong' then 0 when 'to_pho' then 1 else 2 end`, asc(members.nameFolded)];

/**
 * D1 batches return rows as objects keyed by column name, so two joined
 * columns both called "code" or "name" would overwrite each other: give the
 * joined ones their own names.
 */
function aliased<T extends AnyColumn>(column: T, alias: string) {
  return sql<T['_']['data'] | (T['_']['notNull'] extends true ? never : null)>`${column}`.as(alias);
}

const communeWithProvinceColumns = {
  code: communes.code,
  name: communes.name,
  provinceCode: aliased(provinces.code, 'province_code_'),
  provinceName: aliased(provinces.name, 'province_name_'),
};

// Province, commune, village teams, then organisations' teams; by name within a level.
const teamOrder = [sql`case ${teams.level} when 'province' then 0 when 'commune' then 1 when 'village' then 2 else 3 end`, asc(teams.nameFolded)];

const teamColumns = {
  id: teams.id,
  name: teams.name,
  level: teams.level,
  active: teams.active,
  zaloUrl: teams.zaloUrl,
  decisionNumber: teams.decisionNumber,
  decisionDate: teams.decisionDate,
  communeCode: teams.communeCode,
  villageId: teams.villageId,
};

/**
 * Only an https link to zalo.me is ever put in a page or a response, even if
 * something else reached the database: the link becomes a button citizens tap.
 */
export function safeZaloUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && (u.hostname === 'zalo.me' || u.hostname.endsWith('.zalo.me')) ? u.toString() : null;
  } catch {
    return null;
  }
}

type TeamRow = Omit<PublicTeam, 'members'>;
type MemberRow = PublicMember & { teamId: number };

function attachMembers(teamRows: TeamRow[], memberRows: MemberRow[]): PublicTeam[] {
  const byTeam = new Map<number, PublicMember[]>();
  for (const { teamId, ...m } of memberRows) {
    let list = byTeam.get(teamId);
    if (!list) {
      list = [];
      byTeam.set(teamId, list);
    }
    list.push(m);
  }
  return teamRows.map((t) => ({ ...t, zaloUrl: safeZaloUrl(t.zaloUrl), members: byTeam.get(t.id) ?? [] }));
}

/**
 * Members still in the directory: a removed member (missing from a later list)
 * is kept for past reports but shown nowhere. Every query that lists members uses this.
 */
export const currentMember = isNull(members.removedAt);

/** The teams matching `scope` and their members, for attachMembers; run them in a batch with others. */
function teamStatements(db: Db, scope: SQL | undefined) {
  return [
    db
      .select(teamColumns)
      .from(teams)
      .where(scope)
      .orderBy(...teamOrder),
    db
      .select(publicMemberColumns)
      .from(members)
      .innerJoin(teams, eq(teams.id, members.teamId))
      .where(and(scope, currentMember))
      .orderBy(...memberOrder),
  ] as const;
}

const byName = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** All provinces (official order) with their coverage, and the national total. */
export async function provincesWithCoverage(db: Db): Promise<{ provinces: ProvinceSummary[]; national: Coverage }> {
  const [provinceRows, coverageRows] = await db.batch([
    db.select({ code: provinces.code, name: provinces.name, kind: provinces.kind }).from(provinces).orderBy(provinces.code),
    coverageByProvinceStatement(db),
  ]);
  const byProvince = coverageMap(coverageRows);
  return {
    provinces: provinceRows.map((p) => ({ ...p, coverage: byProvince.get(p.code) ?? emptyCoverage() })),
    national: sumCoverage(byProvince),
  };
}

export interface ProvinceDirectory extends ProvinceSummary {
  communes: CommuneSummary[];
  /** Active teams above any commune (province level, or organisations of the province). */
  teams: PublicTeam[];
}

/** A province with its communes' coverage and its province-level teams; null if the code is unknown. */
export async function provinceDirectory(db: Db, code: string): Promise<ProvinceDirectory | null> {
  const provinceTeamScope = and(eq(teams.provinceCode, code), isNull(teams.communeCode), eq(teams.active, true));
  const [provinceRows, communeRows, teamRows, memberRows, coverageRows] = await db.batch([
    db.select({ code: provinces.code, name: provinces.name, kind: provinces.kind }).from(provinces).where(eq(provinces.code, code)),
    db.select({ code: communes.code, name: communes.name }).from(communes).where(eq(communes.provinceCode, code)).orderBy(communes.nameFolded),
    ...teamStatements(db, provinceTeamScope),
    coverageByCommuneStatement(db, code),
  ]);
  const province = provinceRows[0];
  if (!province) return null;
  const byCommune = coverageMap(coverageRows);
  return {
    ...province,
    coverage: sumCoverage(byCommune),
    communes: communeRows.map((c) => ({ ...c, coverage: byCommune.get(c.code) ?? emptyCoverage() })),
    teams: attachMembers(teamRows, memberRows),
  };
}

export interface CommuneDirectory extends Place {
  province: Place & { kind: string };
  coverage: Coverage;
  villages: VillageWithTeams[];
  /** Active teams of the commune not tied to one village (commune level, organisations). */
  teams: PublicTeam[];
}

/** A commune with its villages, their active teams and members' public fields; null if unknown. */
export async function communeDirectory(db: Db, code: string): Promise<CommuneDirectory | null> {
  const teamScope = and(eq(teams.communeCode, code), eq(teams.active, true));
  const [communeRows, villageRows, teamRows, memberRows, coverageRows] = await db.batch([
    db
      .select({ ...communeWithProvinceColumns, provinceKind: aliased(provinces.kind, 'province_kind_') })
      .from(communes)
      .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
      .where(eq(communes.code, code)),
    db
      .select({ id: villages.id, name: villages.name, kind: villages.kind })
      .from(villages)
      .where(and(eq(villages.communeCode, code), isNull(villages.removedAt))),
    ...teamStatements(db, teamScope),
    communeCoverageStatement(db, code),
  ]);
  const commune = communeRows[0];
  if (!commune) return null;
  const allTeams = attachMembers(teamRows, memberRows);
  const teamsByVillage = new Map<number, PublicTeam[]>();
  const communeTeams: PublicTeam[] = [];
  for (const t of allTeams) {
    if (t.villageId === null) {
      communeTeams.push(t);
      continue;
    }
    let list = teamsByVillage.get(t.villageId);
    if (!list) {
      list = [];
      teamsByVillage.set(t.villageId, list);
    }
    list.push(t);
  }
  return {
    code: commune.code,
    name: commune.name,
    province: { code: commune.provinceCode, name: commune.provinceName, kind: commune.provinceKind },
    coverage: coverageTotal(coverageRows),
    // "Thôn 2" before "Thôn 10": names are sorted the way people count.
    villages: villageRows.sort((a, b) => byName.compare(a.name, b.name)).map((v) => ({ ...v, teams: teamsByVillage.get(v.id) ?? [] })),
    teams: communeTeams,
  };
}

export interface TeamDetail extends PublicTeam {
  province: Place;
  commune: Place | null;
  village: { id: number; name: string; kind: string } | null;
}

/** One team (active or dissolved, not removed) with where it works and its members' public fields; null if unknown or removed. */
export async function teamDetail(db: Db, id: number): Promise<TeamDetail | null> {
  const [teamRows, memberRows] = await db.batch([
    db
      .select({
        ...teamColumns,
        provinceCode: aliased(provinces.code, 'province_code_'),
        provinceName: aliased(provinces.name, 'province_name_'),
        communeName: aliased(communes.name, 'commune_name_'),
        villageName: aliased(villages.name, 'village_name_'),
        villageKind: aliased(villages.kind, 'village_kind_'),
      })
      .from(teams)
      .innerJoin(provinces, eq(provinces.code, teams.provinceCode))
      .leftJoin(communes, eq(communes.code, teams.communeCode))
      .leftJoin(villages, eq(villages.id, teams.villageId))
      .where(and(eq(teams.id, id), isNull(teams.removedAt))),
    db
      .select(publicMemberColumns)
      .from(members)
      .where(and(eq(members.teamId, id), currentMember))
      .orderBy(...memberOrder),
  ]);
  const row = teamRows[0];
  if (!row) return null;
  const { provinceCode, provinceName, communeName, villageName, villageKind, ...team } = row;
  const [withMembers] = attachMembers([team], memberRows);
  return {
    ...withMembers!,
    province: { code: provinceCode, name: provinceName },
    commune: team.communeCode !== null && communeName !== null ? { code: team.communeCode, name: communeName } : null,
    village: team.villageId !== null && villageName !== null && villageKind !== null ? { id: team.villageId, name: villageName, kind: villageKind } : null,
  };
}

export type CoverageScope =
  | { scope: 'national'; coverage: Coverage }
  | { scope: 'province'; province: Place; coverage: Coverage }
  | { scope: 'commune'; province: Place; commune: Place; coverage: Coverage };

/**
 * Coverage of the country, a province or a commune. Null when a code is
 * unknown or the commune is not in the given province.
 */
export async function coverageOf(db: Db, where: { province?: string; commune?: string }): Promise<CoverageScope | null> {
  if (where.commune !== undefined) {
    const [communeRows, rows] = await db.batch([
      db
        .select(communeWithProvinceColumns)
        .from(communes)
        .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
        .where(eq(communes.code, where.commune)),
      communeCoverageStatement(db, where.commune),
    ]);
    const c = communeRows[0];
    if (!c || (where.province !== undefined && c.provinceCode !== where.province)) return null;
    return {
      scope: 'commune',
      province: { code: c.provinceCode, name: c.provinceName },
      commune: { code: c.code, name: c.name },
      coverage: coverageTotal(rows),
    };
  }
  if (where.province !== undefined) {
    const [provinceRows, rows] = await db.batch([
      db.select({ code: provinces.code, name: provinces.name }).from(provinces).where(eq(provinces.code, where.province)),
      coverageByCommuneStatement(db, where.province),
    ]);
    const p = provinceRows[0];
    return p ? { scope: 'province', province: p, coverage: coverageTotal(rows) } : null;
  }
  return { scope: 'national', coverage: coverageTotal(await coverageByProvinceStatement(db)) };
}
