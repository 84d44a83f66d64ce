import { sql } from 'drizzle-orm';
import { all, readPaged } from '../d1-batch.ts';
import type { MemberRole, TeamLevel } from '../sheet/fields.ts';
import { inJson, jsonChunks } from '../json-chunks.ts';

/**
 * What D1 holds for the units a file names: their villages, teams and members,
 * removed ones included (a row matching one brings it back), read for the
 * plan (plan.ts) and compared by diff.ts. Only reads.
 */

export interface VillageRow {
  id: number;
  communeCode: string;
  name: string;
  kind: string;
  nameFolded: string;
  removedAt: string | null;
}
export interface TeamRow {
  id: number;
  level: TeamLevel;
  name: string;
  nameFolded: string;
  provinceCode: string;
  communeCode: string | null;
  villageId: number | null;
  villageName: string | null;
  zaloUrl: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  active: 0 | 1;
  placeKey: string;
  removedAt: string | null;
}
export interface MemberRow {
  id: number;
  code: string;
  teamId: number;
  fullName: string;
  nameFolded: string;
  role: MemberRole;
  position: string | null;
  phone: string | null;
  publishContact: 0 | 1;
  removedAt: string | null;
}

/** The stored entries of a file's units, and the members it names by code who sit elsewhere, with their teams. */
export interface StoredUnits {
  villages: VillageRow[];
  teams: TeamRow[];
  members: MemberRow[];
  elsewhere: MemberRow[];
  teamsElsewhere: TeamRow[];
}

const teamSelect = sql.raw(`t.id AS id, t.level AS level, t.name AS name, t.name_folded AS nameFolded,
  t.province_code AS provinceCode, t.commune_code AS communeCode, t.village_id AS villageId, tv.name AS villageName,
  t.zalo_url AS zaloUrl, t.decision_number AS decisionNumber, t.decision_date AS decisionDate, t.active AS active,
  t.place_key AS placeKey, t.removed_at AS removedAt`);
const memberSelect = sql.raw(`m.id AS id, m.code AS code, m.team_id AS teamId, m.full_name AS fullName,
  m.name_folded AS nameFolded, m.role AS role, m.position AS position, m.phone AS phone,
  m.publish_contact AS publishContact, m.removed_at AS removedAt`);

export async function readStoredUnits(d1: D1Database, communes: string[], provinces: string[], givenCodes: string[]): Promise<StoredUnits> {
  const communeJson = JSON.stringify(communes);
  const provinceJson = JSON.stringify(provinces);
  const teamInUnits = sql`(t.commune_code IN ${inJson(communeJson)} OR (t.commune_code IS NULL AND t.province_code IN ${inJson(provinceJson)}))`;
  const [villages, teams, members] = await Promise.all([
    readPaged((after, limit) =>
      all<VillageRow>(
        d1,
        sql`SELECT id, commune_code AS communeCode, name, kind, name_folded AS nameFolded, removed_at AS removedAt
        FROM villages WHERE commune_code IN ${inJson(communeJson)} AND id > ${after} ORDER BY id LIMIT ${limit}`,
      ),
    ),
    readPaged((after, limit) =>
      all<TeamRow>(
        d1,
        sql`SELECT ${teamSelect} FROM teams t LEFT JOIN villages tv ON tv.id = t.village_id
        WHERE ${teamInUnits} AND t.id > ${after} ORDER BY t.id LIMIT ${limit}`,
      ),
    ),
    readPaged((after, limit) =>
      all<MemberRow>(
        d1,
        sql`SELECT ${memberSelect} FROM members m
        WHERE m.team_id IN (SELECT t.id FROM teams t WHERE ${teamInUnits}) AND m.id > ${after} ORDER BY m.id LIMIT ${limit}`,
      ),
    ),
  ]);
  const known = new Set(members.map((m) => m.code));
  return {
    villages,
    teams,
    members,
    ...(await readMembersElsewhere(
      d1,
      givenCodes.filter((code) => !known.has(code)),
    )),
  };
}

/** Members the file names by code who sit elsewhere (a move from another commune), with their teams. */
async function readMembersElsewhere(d1: D1Database, codes: string[]): Promise<Pick<StoredUnits, 'elsewhere' | 'teamsElsewhere'>> {
  const elsewhere: MemberRow[] = [];
  const teamsElsewhere: TeamRow[] = [];
  for (const json of jsonChunks(codes)) {
    const found = await all<MemberRow>(d1, sql`SELECT ${memberSelect} FROM members m WHERE m.code IN ${inJson(json)}`);
    elsewhere.push(...found);
    const teamIds = JSON.stringify([...new Set(found.map((m) => m.teamId))]);
    if (found.length > 0) {
      teamsElsewhere.push(
        ...(await all<TeamRow>(d1, sql`SELECT ${teamSelect} FROM teams t LEFT JOIN villages tv ON tv.id = t.village_id WHERE t.id IN ${inJson(teamIds)}`)),
      );
    }
  }
  return { elsewhere, teamsElsewhere };
}

/** Of these member codes, those the database already has (new members must not get one). */
export async function storedMemberCodes(d1: D1Database, codes: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const json of jsonChunks(codes)) {
    for (const row of await all<{ code: string }>(d1, sql`SELECT code FROM members WHERE code IN ${inJson(json)}`)) taken.add(row.code);
  }
  return taken;
}

export const liveCountsQuery = sql`SELECT
  (SELECT count(*) FROM villages WHERE removed_at IS NULL) AS villages,
  (SELECT count(*) FROM teams WHERE removed_at IS NULL) AS teams,
  (SELECT count(*) FROM members WHERE removed_at IS NULL) AS members`;

/** Kept by every directory write (functions/directory/directory-changed.ts), in the writing transaction. */
export const versionQuery = sql`SELECT version FROM directory_version WHERE id = 1`;
