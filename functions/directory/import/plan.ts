import { and, eq, lt, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { datasetInfo } from '../../../db/schema/directory.ts';
import { directoryChangedStatements } from '../directory-changed.ts';
import { directoryImportChunks, type importChunkKinds } from '../../../db/schema/directory-import.ts';
import type { ColumnKey } from '../sheet/columns.ts';
import { all, batch, prepare, type Query } from '../d1-batch.ts';
import { formatDate, formatTeamStatus, formatYesNo, roleLabels, teamLevelLabels, type MemberRole, type TeamLevel } from '../sheet/fields.ts';
import { chunkItems, jsonChunks } from '../json-chunks.ts';
import { generateMemberCode } from '../member-code.ts';
import type { RowError } from './parse-rows.ts';
import type { UnitsLookup } from './resolve-commune.ts';
import { type DirectoryScope, isInScope, placeLabel, scopeLabel } from '../scope.ts';
import type { ImportPlan, PlannedMember, PlannedTeam, PlannedVillage } from './validate.ts';

/**
 * What an import changes, computed before anything is written, and the write
 * itself. A file is the complete list of every commune it contains (and, for
 * province-level teams, of every province it has such rows for): villages,
 * teams and members of those units that are missing from it are removed —
 * kept with the date, so past usage reports still add up, but hidden from
 * every public page, API response and export, and a removed member's phone
 * and consent to publish it are cleared at once. Units the file does not name
 * are untouched.
 *
 * Identities: village = (commune, folded name); team = (place, folded name);
 * member = the `Mã thành viên` of the row when the database has that code (a
 * corrected name, or a move to another team, is the same person), otherwise
 * (team, folded name). A row matching a removed entry brings it back.
 *
 * planDirectoryChanges only reads; applyDirectoryChanges writes exactly the
 * plan in one D1 batch (one transaction), refusing if the directory changed
 * in between. Both take a D1Database and run in the Worker and in Node alike.
 */

export interface TableCounts {
  villages: number;
  teams: number;
  members: number;
}

/** One field that changes, with the values as the spreadsheet writes them. */
export interface FieldChange {
  column: ColumnKey;
  before: string;
  after: string;
}

export interface VillageRef {
  communeCode: string;
  name: string;
  /** "Xã Ea Kar (24373)". */
  place: string;
}

export interface TeamRef {
  provinceCode: string;
  communeCode: string | null;
  villageName: string | null;
  name: string;
  /** "Thôn 1, Xã Ea Kar (24373)", or the province for a province-level team. */
  place: string;
}

export interface MemberRef {
  code: string;
  fullName: string;
  team: TeamRef;
  /** The file's row (added and changed members). */
  rowNumber?: number;
}

/** Added entries may be removed ones coming back (restored: true). */
export interface EntityChanges<Ref> {
  added: (Ref & { restored: boolean })[];
  changed: (Ref & { fields: FieldChange[] })[];
  removed: Ref[];
  unchanged: number;
}

/** What an import will change (the preview), and, once applied, what it changed. */
export interface DirectoryChangeSummary {
  /** What the file is: the complete list of its units, or only people to add or correct (nothing removed). */
  kind: ImportKind;
  /** The units the file is the complete list of: communes, and provinces for their province-level teams. */
  units: { communes: string[]; provinces: string[] };
  villages: EntityChanges<VillageRef>;
  teams: EntityChanges<TeamRef>;
  members: EntityChanges<MemberRef>;
  /** Entries in the whole directory (not removed), before and after. */
  before: TableCounts;
  after: TableCounts;
  /** Entries added, changed or removed per table: all 0 = the file is already the directory. */
  changed: TableCounts;
  /**
   * The removal is large: it removes a team or a village, or more than a
   * quarter of the members of one of its units. Applying it then needs a
   * second, explicit consent (`allowRemovals`), on the web as in the CLI.
   */
  largeRemoval: boolean;
}

/**
 * `full`: the file is the complete list of each commune it names (whoever is
 * missing is removed); `changes`: only people to add or correct, nobody is
 * removed. The upload form's field `kind` and the CLI's `--kind=`.
 */
export const importKinds = ['full', 'changes'] as const;
export type ImportKind = (typeof importKinds)[number];

/** More than this share of a unit's members removed at once needs the second consent. */
const largeRemovalShare = 1 / 4;

/** Staged rows (JSON arrays, see `layout`): id null = a new row. */
type StagedValue = string | number | null;

/** A plan: the summary for people and the exact writes for applyDirectoryChanges. JSON-serializable. */
export interface DirectoryChanges {
  summary: DirectoryChangeSummary;
  scope: DirectoryScope;
  /** `directory_version.version` when the plan was made: the apply refuses if it moved. */
  version: number | null;
  /** Where the write lands (the units, and the old places of members moved in): coverage is refreshed there. */
  touched: { communes: string[]; provinces: string[] };
  writes: {
    villages: StagedValue[][];
    teams: StagedValue[][];
    members: StagedValue[][];
    removed: { villages: number[]; teams: number[]; members: number[] };
  };
}

export type PlanResult = { ok: true; changes: DirectoryChanges } | { ok: false; errors: RowError[] };

export interface PlanOptions {
  scope?: DirectoryScope;
  /** Default 'full' (the file is the complete list of its units). */
  kind?: ImportKind;
  /** For tests: the member-code generator (default: random). */
  generateCode?: () => string;
}

/**
 * Staged rows are JSON arrays (half the bytes of objects); a layout names each
 * position once, for the encoder here and the `j.value ->> i AS column` list in SQL.
 */
function layout<T>(columns: Record<string, (row: T) => StagedValue>) {
  const names = Object.keys(columns);
  return {
    encode: (row: T) => names.map((name) => columns[name]!(row)),
    select: sql.raw(names.map((name, i) => `j.value ->> ${i} AS ${name}`).join(', ')),
  };
}

type WithId<T> = T & { id: number | null };
type StagedMemberRow = WithId<PlannedMember> & { code: string };

const villageLayout = layout<WithId<PlannedVillage>>({
  id: (v) => v.id,
  commune_code: (v) => v.communeCode,
  name: (v) => v.name,
  kind: (v) => v.kind,
  name_folded: (v) => v.nameFolded,
});
const placeColumns = {
  province_code: (p: { provinceCode: string }) => p.provinceCode,
  commune_code: (p: { communeCode: string | null }) => p.communeCode,
  village_folded: (p: { villageNameFolded: string | null }) => p.villageNameFolded,
};
const teamLayout = layout<WithId<PlannedTeam>>({
  id: (t) => t.id,
  ...placeColumns,
  level: (t) => t.level,
  name: (t) => t.name,
  name_folded: (t) => t.nameFolded,
  zalo_url: (t) => t.zaloUrl,
  decision_number: (t) => t.decisionNumber,
  decision_date: (t) => t.decisionDate,
  active: (t) => (t.active ? 1 : 0),
});
const memberLayout = layout<StagedMemberRow>({
  id: (m) => m.id,
  ...placeColumns,
  team_folded: (m) => m.teamNameFolded,
  code: (m) => m.code,
  full_name: (m) => m.fullName,
  name_folded: (m) => m.nameFolded,
  role: (m) => m.role,
  position: (m) => m.position,
  phone: (m) => m.phone,
  publish_contact: (m) => (m.publishContact ? 1 : 0),
});

// ---------------------------------------------------------------------------
// Reading what the database holds for the file's units.

interface VillageRow {
  id: number;
  communeCode: string;
  name: string;
  kind: string;
  nameFolded: string;
  removedAt: string | null;
}
interface TeamRow {
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
interface MemberRow {
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

/** Rows per read: small responses, also from a remote D1. */
const pageSize = 5000;

async function readPaged<T extends { id: number }>(d1: D1Database, page: (afterId: number) => SQL): Promise<T[]> {
  const rows: T[] = [];
  for (let afterId = 0; ; ) {
    const part = await all<T>(d1, page(afterId));
    rows.push(...part);
    if (part.length < pageSize) return rows;
    afterId = part[part.length - 1]!.id;
  }
}

const inJson = (json: string) => sql`(SELECT value FROM json_each(${json}))`;

const teamSelect = sql.raw(`t.id AS id, t.level AS level, t.name AS name, t.name_folded AS nameFolded,
  t.province_code AS provinceCode, t.commune_code AS communeCode, t.village_id AS villageId, tv.name AS villageName,
  t.zalo_url AS zaloUrl, t.decision_number AS decisionNumber, t.decision_date AS decisionDate, t.active AS active,
  t.place_key AS placeKey, t.removed_at AS removedAt`);
const memberSelect = sql.raw(`m.id AS id, m.code AS code, m.team_id AS teamId, m.full_name AS fullName,
  m.name_folded AS nameFolded, m.role AS role, m.position AS position, m.phone AS phone,
  m.publish_contact AS publishContact, m.removed_at AS removedAt`);

async function readUnits(d1: D1Database, communes: string[], provinces: string[], givenCodes: string[]) {
  const communeJson = JSON.stringify(communes);
  const provinceJson = JSON.stringify(provinces);
  const teamInUnits = sql`(t.commune_code IN ${inJson(communeJson)} OR (t.commune_code IS NULL AND t.province_code IN ${inJson(provinceJson)}))`;
  const [villages, teams, members] = await Promise.all([
    readPaged<VillageRow>(
      d1,
      (after) => sql`SELECT id, commune_code AS communeCode, name, kind, name_folded AS nameFolded, removed_at AS removedAt
        FROM villages WHERE commune_code IN ${inJson(communeJson)} AND id > ${after} ORDER BY id LIMIT ${pageSize}`,
    ),
    readPaged<TeamRow>(
      d1,
      (after) => sql`SELECT ${teamSelect} FROM teams t LEFT JOIN villages tv ON tv.id = t.village_id
        WHERE ${teamInUnits} AND t.id > ${after} ORDER BY t.id LIMIT ${pageSize}`,
    ),
    readPaged<MemberRow>(
      d1,
      (after) => sql`SELECT ${memberSelect} FROM members m
        WHERE m.team_id IN (SELECT t.id FROM teams t WHERE ${teamInUnits}) AND m.id > ${after} ORDER BY m.id LIMIT ${pageSize}`,
    ),
  ]);
  // Members the file names by code who sit elsewhere (a move from another commune), with their teams.
  const known = new Set(members.map((m) => m.code));
  const elsewhere: MemberRow[] = [];
  const teamsElsewhere: TeamRow[] = [];
  for (const json of jsonChunks(givenCodes.filter((code) => !known.has(code)))) {
    const found = await all<MemberRow>(d1, sql`SELECT ${memberSelect} FROM members m WHERE m.code IN ${inJson(json)}`);
    elsewhere.push(...found);
    const teamIds = JSON.stringify([...new Set(found.map((m) => m.teamId))]);
    if (found.length > 0) {
      teamsElsewhere.push(
        ...(await all<TeamRow>(d1, sql`SELECT ${teamSelect} FROM teams t LEFT JOIN villages tv ON tv.id = t.village_id WHERE t.id IN ${inJson(teamIds)}`)),
      );
    }
  }
  return { villages, teams, members, elsewhere, teamsElsewhere };
}

const liveCountsQuery = sql`SELECT
  (SELECT count(*) FROM villages WHERE removed_at IS NULL) AS villages,
  (SELECT count(*) FROM teams WHERE removed_at IS NULL) AS teams,
  (SELECT count(*) FROM members WHERE removed_at IS NULL) AS members`;

/** Kept by every directory write (functions/directory/directory-changed.ts), in the writing transaction. */
const versionQuery = sql`SELECT version FROM directory_version WHERE id = 1`;

// ---------------------------------------------------------------------------
// The plan.

/**
 * Computes, without writing, what importing a validated list changes: which
 * villages, teams and members are added (or come back), changed (which
 * fields), removed, by name. Errors (nothing to apply) only for member codes
 * of members outside the scope. New members get their codes here, checked
 * unused, so the plan is exactly what the apply writes.
 */
export async function planDirectoryChanges(
  d1: D1Database,
  plan: ImportPlan,
  units: Pick<UnitsLookup, 'provinces' | 'communes'>,
  options: PlanOptions = {},
): Promise<PlanResult> {
  const scope = options.scope ?? 'national';
  const kind = options.kind ?? 'full';
  /** A 'changes' file removes nobody: entries it does not name stay as they are. */
  const removes = kind === 'full';
  const generateCode = options.generateCode ?? generateMemberCode;
  const communes = [
    ...new Set([...plan.villages, ...plan.teams, ...plan.members].flatMap((e) => (e.communeCode === null ? [] : [e.communeCode]))),
  ].sort();
  const provinces = [...new Set(plan.teams.filter((t) => t.communeCode === null).map((t) => t.provinceCode))].sort();
  const givenCodes = plan.members.flatMap((m) => (m.code ? [m.code] : []));

  const [[counts], [version]] = await Promise.all([all<TableCounts>(d1, liveCountsQuery), all<{ version: number }>(d1, versionQuery)]);
  const existing = await readUnits(d1, communes, provinces, givenCodes);

  const teamPlace = (t: { provinceCode: string; communeCode: string | null }, villageName: string | null) =>
    villageName === null ? placeLabel(t, units) : `${villageName}, ${placeLabel(t, units)}`;
  const teamRefOf = (t: TeamRow): TeamRef => ({
    provinceCode: t.provinceCode,
    communeCode: t.communeCode,
    villageName: t.villageName,
    name: t.name,
    place: teamPlace(t, t.villageName),
  });
  const villageRefOf = (v: { communeCode: string; name: string }): VillageRef => ({
    communeCode: v.communeCode,
    name: v.name,
    place: placeLabel({ provinceCode: units.communes.get(v.communeCode)?.provinceCode ?? '', communeCode: v.communeCode }, units),
  });

  // Villages: live match first, else the latest removed one comes back, else new.
  const villagesByKey = new Map<string, VillageRow[]>();
  for (const v of existing.villages) {
    const key = `${v.communeCode}|${v.nameFolded}`;
    villagesByKey.set(key, [...(villagesByKey.get(key) ?? []), v]);
  }
  const pick = <T extends { id: number; removedAt: string | null }>(rows: T[] | undefined, taken?: Set<number>) => {
    const free = (rows ?? []).filter((r) => !taken?.has(r.id));
    return free.find((r) => r.removedAt === null) ?? free.sort((a, b) => b.id - a.id)[0];
  };
  const summary: DirectoryChangeSummary = {
    kind,
    units: { communes, provinces },
    villages: { added: [], changed: [], removed: [], unchanged: 0 },
    teams: { added: [], changed: [], removed: [], unchanged: 0 },
    members: { added: [], changed: [], removed: [], unchanged: 0 },
    before: counts!,
    after: { ...counts! },
    changed: { villages: 0, teams: 0, members: 0 },
    largeRemoval: false,
  };
  const writes: DirectoryChanges['writes'] = { villages: [], teams: [], members: [], removed: { villages: [], teams: [], members: [] } };

  const villageIdByKey = new Map<string, number>();
  const keptVillages = new Set<number>();
  for (const planned of plan.villages) {
    const key = `${planned.communeCode}|${planned.nameFolded}`;
    const match = pick(villagesByKey.get(key));
    const ref = villageRefOf(planned);
    if (!match) {
      summary.villages.added.push({ ...ref, restored: false });
      writes.villages.push(villageLayout.encode({ ...planned, id: null }));
      continue;
    }
    keptVillages.add(match.id);
    villageIdByKey.set(key, match.id);
    const fields = diff([
      ['villageName', match.name, planned.name],
      ['villageKind', match.kind, planned.kind],
    ]);
    if (match.removedAt !== null) summary.villages.added.push({ ...ref, restored: true });
    else if (fields.length > 0) summary.villages.changed.push({ ...ref, fields });
    else summary.villages.unchanged++;
    if (match.removedAt !== null || fields.length > 0) writes.villages.push(villageLayout.encode({ ...planned, id: match.id }));
  }
  for (const v of existing.villages) {
    if (removes && v.removedAt === null && !keptVillages.has(v.id)) {
      summary.villages.removed.push(villageRefOf(v));
      writes.removed.villages.push(v.id);
    }
  }

  // Teams: matched on the stored place_key (village by id) and folded name.
  const placeKeyOfPlanned = (t: { provinceCode: string; communeCode: string | null; villageNameFolded: string | null }) => {
    if (t.villageNameFolded !== null) {
      const id = villageIdByKey.get(`${t.communeCode}|${t.villageNameFolded}`);
      return id === undefined ? undefined : `v:${id}`;
    }
    return t.communeCode !== null ? `c:${t.communeCode}` : `p:${t.provinceCode}`;
  };
  const teamsByKey = new Map<string, TeamRow[]>();
  for (const t of existing.teams) {
    const key = `${t.placeKey}|${t.nameFolded}`;
    teamsByKey.set(key, [...(teamsByKey.get(key) ?? []), t]);
  }
  const villageNameOf = new Map(plan.villages.map((v) => [`${v.communeCode}|${v.nameFolded}`, v.name]));
  const plannedTeamRef = (t: PlannedTeam | PlannedMember, name: string): TeamRef => {
    const villageName = t.villageNameFolded === null ? null : (villageNameOf.get(`${t.communeCode}|${t.villageNameFolded}`) ?? null);
    return { provinceCode: t.provinceCode, communeCode: t.communeCode, villageName, name, place: teamPlace(t, villageName) };
  };
  /** Team id (existing) by the plan's team key, for members matched by name. */
  const teamIdByPlanKey = new Map<string, number>();
  const teamNameByPlanKey = new Map<string, TeamRef>();
  const planKey = (t: { provinceCode: string; communeCode: string | null; villageNameFolded: string | null }, nameFolded: string) =>
    `${t.provinceCode}|${t.communeCode}|${t.villageNameFolded}|${nameFolded}`;
  const keptTeams = new Set<number>();
  for (const planned of plan.teams) {
    const placeKey = placeKeyOfPlanned(planned);
    const match = placeKey === undefined ? undefined : pick(teamsByKey.get(`${placeKey}|${planned.nameFolded}`));
    const ref = plannedTeamRef(planned, planned.name);
    teamNameByPlanKey.set(planKey(planned, planned.nameFolded), ref);
    if (!match) {
      summary.teams.added.push({ ...ref, restored: false });
      writes.teams.push(teamLayout.encode({ ...planned, id: null }));
      continue;
    }
    keptTeams.add(match.id);
    teamIdByPlanKey.set(planKey(planned, planned.nameFolded), match.id);
    // Optional columns absent from the file keep the stored values (a team coming back is active unless the file says not).
    const final: PlannedTeam = {
      ...planned,
      level: plan.sets.level ? planned.level : match.level,
      zaloUrl: plan.sets.zaloUrl ? planned.zaloUrl : match.zaloUrl,
      active: plan.sets.status || match.removedAt !== null ? planned.active : match.active === 1,
    };
    const fields = diff([
      ['teamName', match.name, final.name],
      ['teamLevel', teamLevelLabels[match.level], teamLevelLabels[final.level]],
      ['zaloUrl', match.zaloUrl ?? '', final.zaloUrl ?? ''],
      ['teamStatus', formatTeamStatus(match.active === 1), formatTeamStatus(final.active)],
      ['decisionNumber', match.decisionNumber ?? '', final.decisionNumber ?? ''],
      ['decisionDate', formatDate(match.decisionDate), formatDate(final.decisionDate)],
    ]);
    if (match.removedAt !== null) summary.teams.added.push({ ...ref, restored: true });
    else if (fields.length > 0) summary.teams.changed.push({ ...ref, fields });
    else summary.teams.unchanged++;
    if (match.removedAt !== null || fields.length > 0) writes.teams.push(teamLayout.encode({ ...final, id: match.id }));
  }
  for (const t of existing.teams) {
    if (removes && t.removedAt === null && !keptTeams.has(t.id)) {
      summary.teams.removed.push(teamRefOf(t));
      writes.removed.teams.push(t.id);
    }
  }

  // Members: by code when the database knows it, else by (team, folded name).
  const errors: RowError[] = [];
  const allTeams = new Map([...existing.teams, ...existing.teamsElsewhere].map((t) => [t.id, t]));
  const memberByCode = new Map([...existing.members, ...existing.elsewhere].map((m) => [m.code, m]));
  const membersByTeamName = new Map<string, MemberRow[]>();
  for (const m of existing.members) {
    const key = `${m.teamId}|${m.nameFolded}`;
    membersByTeamName.set(key, [...(membersByTeamName.get(key) ?? []), m]);
  }
  const claimed = new Set<number>();
  const matches = new Map<PlannedMember, MemberRow>();
  for (const planned of plan.members) {
    const byCode = planned.code ? memberByCode.get(planned.code) : undefined;
    if (!byCode) continue;
    const team = allTeams.get(byCode.teamId)!;
    if (!isInScope(scope, team)) {
      errors.push({
        rowNumber: planned.rowNumber,
        column: 'Mã thành viên',
        message: `mã ${planned.code} là của ${byCode.fullName} (${team.name}, ${teamPlace(team, team.villageName)}), ngoài phạm vi được sửa (${scopeLabel(scope, units)})`,
      });
      continue;
    }
    claimed.add(byCode.id);
    matches.set(planned, byCode);
  }
  if (errors.length > 0) return { ok: false, errors };
  for (const planned of plan.members) {
    if (matches.has(planned)) continue;
    const teamId = teamIdByPlanKey.get(planKey(planned, planned.teamNameFolded));
    const match = teamId === undefined ? undefined : pick(membersByTeamName.get(`${teamId}|${planned.nameFolded}`), claimed);
    if (match) {
      claimed.add(match.id);
      matches.set(planned, match);
    }
  }

  // Codes for new members: drawn, never one the database (or this file) already has.
  const usedCodes = new Set([...givenCodes, ...memberByCode.keys()]);
  const drawn = new Map<PlannedMember, string>();
  const draw = () => {
    let code: string;
    do code = generateCode();
    while (usedCodes.has(code));
    usedCodes.add(code);
    return code;
  };
  for (const planned of plan.members) if (!matches.has(planned) && !planned.code) drawn.set(planned, draw());
  for (let round = 0; drawn.size > 0; round++) {
    const taken = new Set<string>();
    for (const json of jsonChunks([...drawn.values()])) {
      for (const row of await all<{ code: string }>(d1, sql`SELECT code FROM members WHERE code IN ${inJson(json)}`)) taken.add(row.code);
    }
    if (taken.size === 0) break;
    if (round >= 5) throw new Error('could not draw unused member codes');
    for (const [planned, code] of drawn) if (taken.has(code)) drawn.set(planned, draw());
  }

  for (const planned of plan.members) {
    const match = matches.get(planned);
    // Every member's team is in the plan (validateDirectoryRows adds it from the member's row).
    const team = teamNameByPlanKey.get(planKey(planned, planned.teamNameFolded))!;
    if (!match) {
      const code = planned.code ?? drawn.get(planned)!;
      summary.members.added.push({ code, fullName: planned.fullName, team, rowNumber: planned.rowNumber, restored: false });
      writes.members.push(memberLayout.encode({ ...planned, id: null, code }));
      continue;
    }
    // A code in the file that the database does not know yet replaces the stored one (the demo's fixed codes).
    const code = planned.code ?? match.code;
    const oldTeam = allTeams.get(match.teamId)!;
    const moved = teamIdByPlanKey.get(planKey(planned, planned.teamNameFolded)) !== match.teamId;
    const fields = diff([
      ['memberCode', match.code, code],
      ['fullName', match.fullName, planned.fullName],
      ['teamName', moved ? `${oldTeam.name} (${teamPlace(oldTeam, oldTeam.villageName)})` : '', moved ? `${team.name} (${team.place})` : ''],
      ['role', roleLabels[match.role], roleLabels[planned.role]],
      ['position', match.position ?? '', planned.position ?? ''],
      ['phone', match.phone ?? '', planned.phone ?? ''],
      ['publishContact', formatYesNo(match.publishContact === 1), formatYesNo(planned.publishContact)],
    ]);
    const ref = { code, fullName: planned.fullName, team, rowNumber: planned.rowNumber };
    if (match.removedAt !== null) summary.members.added.push({ ...ref, restored: true });
    else if (fields.length > 0) summary.members.changed.push({ ...ref, fields });
    else summary.members.unchanged++;
    if (match.removedAt !== null || fields.length > 0) writes.members.push(memberLayout.encode({ ...planned, id: match.id, code }));
  }
  // Live members per unit (commune, or province for its province-level teams), and how many leave.
  const unitOf = (teamId: number) => {
    const team = allTeams.get(teamId)!;
    return team.communeCode ?? `p:${team.provinceCode}`;
  };
  const membersPerUnit = new Map<string, { live: number; removed: number }>();
  for (const m of existing.members) {
    if (m.removedAt !== null) continue;
    const unit = membersPerUnit.get(unitOf(m.teamId)) ?? { live: 0, removed: 0 };
    unit.live++;
    membersPerUnit.set(unitOf(m.teamId), unit);
    if (removes && !claimed.has(m.id)) {
      unit.removed++;
      summary.members.removed.push({ code: m.code, fullName: m.fullName, team: teamRefOf(allTeams.get(m.teamId)!) });
      writes.removed.members.push(m.id);
    }
  }
  summary.largeRemoval =
    summary.teams.removed.length > 0 ||
    summary.villages.removed.length > 0 ||
    [...membersPerUnit.values()].some((unit) => unit.removed > unit.live * largeRemovalShare);

  for (const kind of ['villages', 'teams', 'members'] as const) {
    const c = summary[kind];
    summary.after[kind] += c.added.length - c.removed.length;
    summary.changed[kind] = c.added.length + c.changed.length + c.removed.length;
  }
  // Members moved in from elsewhere leave their old place: its coverage changes too.
  const touched = { communes: new Set(communes), provinces: new Set(provinces) };
  for (const [, match] of matches) {
    const from = allTeams.get(match.teamId)!;
    if (from.communeCode !== null) touched.communes.add(from.communeCode);
    else touched.provinces.add(from.provinceCode);
  }
  return {
    ok: true,
    changes: {
      summary,
      scope,
      version: version?.version ?? null,
      touched: { communes: [...touched.communes].sort(), provinces: [...touched.provinces].sort() },
      writes,
    },
  };
}

function diff(pairs: [ColumnKey, string, string][]): FieldChange[] {
  return pairs.flatMap(([column, before, after]) => (before === after ? [] : [{ column, before, after }]));
}

// ---------------------------------------------------------------------------
// Staging and applying.

type ChunkKind = (typeof importChunkKinds)[number];

/** Upload batches of ten chunks stay under about 1 MB, so a request to a remote D1 is never huge. */
const chunksPerBatch = 10;
/** Staged plans never applied (a preview nobody confirmed, an upload that died) are removed after a day. */
export const abandonedAfterMs = 24 * 60 * 60 * 1000;
/** Meta (the plan's summary, gzipped, base64: ASCII) is stored in pieces of this many characters. */
const metaPieceChars = 90_000;

/**
 * Stores a plan in the staging table (`directory_import_chunks`) under a new
 * id, in small statements within D1's limits; nothing in the directory
 * changes. applyStagedDirectoryChanges then writes it in one transaction —
 * right away (the CLI, applyDirectoryChanges) or when an official confirms a
 * preview (the web upload). Stale staged plans are removed here.
 */
export async function stageDirectoryChanges(d1: D1Database, changes: DirectoryChanges): Promise<string> {
  const db = drizzle(d1);
  await db.delete(directoryImportChunks).where(lt(directoryImportChunks.createdAt, Date.now() - abandonedAfterMs));
  const importId = crypto.randomUUID();
  const { writes, ...meta } = changes;
  // The summary names every entry with its team and place: gzip makes its repeats ~10 times smaller to stage.
  const metaText = await gzipBase64(JSON.stringify(meta));
  const chunks: { kind: ChunkKind; json: string }[] = [];
  for (let at = 0; at < metaText.length; at += metaPieceChars) chunks.push({ kind: 'meta', json: metaText.slice(at, at + metaPieceChars) });
  const add = (kind: ChunkKind, items: readonly unknown[]) => chunks.push(...chunkItems(items).map(({ json }) => ({ kind, json })));
  add('village', writes.villages);
  add('team', writes.teams);
  add('member', writes.members);
  add('remove_village', writes.removed.villages);
  add('remove_team', writes.removed.teams);
  add('remove_member', writes.removed.members);
  const createdAt = Date.now();
  for (let start = 0; start < chunks.length; start += chunksPerBatch) {
    await batch(
      d1,
      chunks
        .slice(start, start + chunksPerBatch)
        .map((chunk, i) => db.insert(directoryImportChunks).values({ importId, chunkNo: start + i, kind: chunk.kind, rows: chunk.json, createdAt })),
    );
  }
  return importId;
}

/** The summary and scope of a staged plan; null if there is none under this id (applied, expired, never staged). */
/** A staged plan as the apply reads it back: everything but the writes (those stay in D1). */
export type StagedDirectoryChanges = Omit<DirectoryChanges, 'writes'>;

async function readStagedDirectoryChanges(d1: D1Database, importId: string): Promise<StagedDirectoryChanges | null> {
  const pieces = await drizzle(d1)
    .select({ rows: directoryImportChunks.rows })
    .from(directoryImportChunks)
    .where(and(eq(directoryImportChunks.importId, importId), eq(directoryImportChunks.kind, 'meta')))
    .orderBy(directoryImportChunks.chunkNo);
  if (pieces.length === 0) return null;
  return JSON.parse(await gunzipBase64(pieces.map((p) => p.rows).join(''))) as StagedDirectoryChanges;
}

/** Text → gzip → base64 (Web streams: the same in the Worker and in Node). */
async function gzipBase64(text: string): Promise<string> {
  const gzipped = new Uint8Array(await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
  let binary = '';
  for (let at = 0; at < gzipped.length; at += 0x8000) binary += String.fromCharCode(...gzipped.subarray(at, at + 0x8000));
  return btoa(binary);
}

async function gunzipBase64(base64: string): Promise<string> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
}

export type ApplyResult =
  | { ok: true; summary: DirectoryChangeSummary }
  /**
   * stale: the directory changed since the plan was made; missing: no staged
   * plan under this id; scope: previewed for another scope. Nothing was written.
   */
  | { ok: false; reason: 'stale' | 'missing' | 'scope'; message: string }
  /** removals: a large removal without `allowRemovals`; the staged plan is kept, so confirming again with consent applies it. */
  | { ok: false; reason: 'removals'; message: string; summary: DirectoryChangeSummary };

export interface ApplyOptions {
  /** dataset_info entries written in the same transaction (the demo flag). */
  datasetInfo?: Record<string, string>;
  /**
   * More statements for the same transaction, after the directory writes (the
   * audit log entry of a web import); as a function, made from the staged plan
   * read for the apply itself (its summary), so nothing reads it twice.
   */
  extraStatements?: D1PreparedStatement[] | ((staged: StagedDirectoryChanges) => D1PreparedStatement[]);
  /** The scope the plan must have been previewed in (web uploads): another one is refused, writing nothing. */
  scope?: DirectoryScope;
  /** The removal timestamp (default: now). */
  now?: Date;
  /**
   * The second, explicit consent to a large removal (summary.largeRemoval):
   * given as false (the web confirm without the checkbox, the CLI without
   * --allow-removals), a large removal is refused and nothing is written.
   * Left out (the demo seed, tests of the write itself), it is not asked.
   */
  allowRemovals?: boolean;
}

const removalsMessage = 'Chưa ghi gì: tệp này gỡ tổ, thôn hoặc hơn một phần tư số thành viên của một xã. Hãy xem lại danh sách sẽ bị gỡ và đánh dấu ô đồng ý gỡ rồi xác nhận lại.';

const staleMessage = 'Danh sách đã thay đổi từ lúc xem trước (có người vừa sửa hoặc nhập danh sách khác). Chưa ghi gì; hãy tải tệp lên lại để xem trước.';

/** Plans straight to the directory: stage, then apply in one transaction (the CLI, the seed, tests). */
export async function applyDirectoryChanges(d1: D1Database, changes: DirectoryChanges, options: ApplyOptions = {}): Promise<ApplyResult> {
  const importId = await stageDirectoryChanges(d1, changes);
  return applyStagedDirectoryChanges(d1, importId, options);
}

/**
 * Writes a staged plan in ONE D1 batch (one transaction): removals first (so
 * a removed entry frees its name), then updates, then new rows, then the
 * version bump and the caller's extra statements, and the staged rows are
 * deleted in the same transaction. It checks first that the directory has
 * not changed since the plan (dataset_info.directory_version), and last that
 * every staged team and member is in place; if either fails nothing is
 * written. Re-applying the same id finds nothing (reason 'missing').
 */
export async function applyStagedDirectoryChanges(d1: D1Database, importId: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const meta = await readStagedDirectoryChanges(d1, importId);
  if (!meta) return { ok: false, reason: 'missing', message: 'Không tìm thấy bản xem trước này (đã nhập, hoặc đã quá một ngày). Hãy tải tệp lên lại.' };
  if (options.scope !== undefined && JSON.stringify(meta.scope) !== JSON.stringify(options.scope)) {
    return { ok: false, reason: 'scope', message: 'Bản xem trước này thuộc phạm vi khác.' };
  }
  if (options.allowRemovals === false && meta.summary.largeRemoval) return { ok: false, reason: 'removals', message: removalsMessage, summary: meta.summary };
  const extra = typeof options.extraStatements === 'function' ? options.extraStatements(meta) : (options.extraStatements ?? []);
  const db = drizzle(d1);
  const removedAt = (options.now ?? new Date()).toISOString();
  const infoUpserts = Object.entries(options.datasetInfo ?? {}).map(([key, value]) =>
    db.insert(datasetInfo).values({ key, value }).onConflictDoUpdate({ target: datasetInfo.key, set: { value } }),
  );
  const statements: Query[] = [
    abortIf('import_id', sql`(${versionQuery}) IS NOT ${meta.version}`),
    removeMembersSql(sql`SELECT j.value FROM ${staged(importId, 'remove_member')}`, removedAt),
    ...removeTeamsSql(sql`SELECT j.value FROM ${staged(importId, 'remove_team')}`, removedAt),
    sql`UPDATE villages SET removed_at = ${removedAt} WHERE id IN (SELECT j.value FROM ${staged(importId, 'remove_village')})`,
    ...applyVillages(importId),
    ...applyTeams(importId),
    ...applyMembers(importId),
    // Every staged team and member is now in the directory, or nothing is written.
    abortIf(
      'chunk_no',
      sql`(SELECT count(*) FROM (SELECT ${teamLayout.select} FROM ${staged(importId, 'team')}) x LEFT JOIN villages v ON ${liveVillageOf('x')}
        JOIN teams t ON t.name_folded = x.name_folded AND t.place_key = ${placeKey('x')} AND t.removed_at IS NULL)
        + (SELECT count(*) FROM (SELECT ${memberLayout.select} FROM ${staged(importId, 'member')}) x
        JOIN members m ON m.code = x.code AND m.name_folded = x.name_folded AND m.removed_at IS NULL)
        IS NOT (SELECT count(*) FROM ${staged(importId, 'team')}) + (SELECT count(*) FROM ${staged(importId, 'member')})`,
    ),
    // Coverage of the touched places recomputed and the version bumped (every cached page and answer is then stale).
    ...directoryChangedStatements(meta.touched),
    ...infoUpserts,
    sql`DELETE FROM directory_import_chunks WHERE import_id = ${importId}`,
    liveCountsQuery,
  ];
  let results: D1Result[];
  try {
    results = await d1.batch([...statements.map((s) => prepare(d1, s)), ...extra]);
  } catch (error) {
    // Nothing was written; a failed plan is not kept either (a stale one cannot succeed later).
    await db.delete(directoryImportChunks).where(eq(directoryImportChunks.importId, importId));
    if (String(error).includes('directory_import_chunks.import_id')) return { ok: false, reason: 'stale', message: staleMessage };
    throw error;
  }
  const after = (results[statements.length - 1]!.results as TableCounts[])[0]!;
  return { ok: true, summary: { ...meta.summary, after } };
}

/** The staged rows of one kind of one import, one JSON value per row as `j.value`. */
const staged = (importId: string, kind: ChunkKind) =>
  sql`directory_import_chunks s, json_each(s.rows) j WHERE s.import_id = ${importId} AND s.kind = ${kind}`;

/**
 * Makes the whole batch fail (and roll back) when `condition` holds: SQLite has
 * no RAISE outside triggers, so insert a NULL into a NOT NULL column of the
 * staging table; the column named tells which check failed.
 */
function abortIf(column: 'import_id' | 'chunk_no', condition: SQL): SQL {
  const values = column === 'import_id' ? sql`NULL, 0` : sql`'check', NULL`;
  return sql`INSERT INTO directory_import_chunks (import_id, chunk_no, kind, rows, created_at)
    SELECT ${values}, 'check', '', 0 WHERE ${condition}`;
}

/**
 * Removes members (ids selected by `ids`): the removal date, and their phone
 * and consent to publish it gone at once (Decree 13). The one way to remove a
 * member: the import uses it, and so should the admin pages.
 */
export function removeMembersSql(ids: SQL, removedAt: string): SQL {
  return sql`UPDATE members SET removed_at = ${removedAt}, phone = NULL, publish_contact = 0, consent_date = NULL WHERE removed_at IS NULL AND id IN (${ids})`;
}

/**
 * Removes teams (ids selected by `ids`) and whatever members they still have:
 * a removed team is inactive (so no count or list of active teams has it) and
 * keeps its row for past reports.
 */
export function removeTeamsSql(ids: SQL, removedAt: string): SQL[] {
  return [
    removeMembersSql(sql`SELECT id FROM members WHERE team_id IN (${ids})`, removedAt),
    sql`UPDATE teams SET removed_at = ${removedAt}, active = 0 WHERE removed_at IS NULL AND id IN (${ids})`,
  ];
}

/** The live village of a staged team or member row (aliased `alias`), joined as v. */
const liveVillageOf = (alias: string) =>
  sql.raw(`v.commune_code = ${alias}.commune_code AND v.name_folded = ${alias}.village_folded AND v.removed_at IS NULL`);

/** A team's place_key, from its place columns and its village (joined as v). */
const placeKey = (alias: string) =>
  sql.raw(`CASE WHEN ${alias}.village_folded IS NOT NULL THEN 'v:' || v.id
    WHEN ${alias}.commune_code IS NOT NULL THEN 'c:' || ${alias}.commune_code ELSE 'p:' || ${alias}.province_code END`);

function applyVillages(importId: string): SQL[] {
  const rows = sql`(SELECT ${villageLayout.select} FROM ${staged(importId, 'village')}) x`;
  return [
    sql`UPDATE villages SET name = x.name, kind = x.kind, removed_at = NULL FROM ${rows} WHERE villages.id = x.id`,
    sql`INSERT INTO villages (commune_code, name, kind, name_folded) SELECT x.commune_code, x.name, x.kind, x.name_folded FROM ${rows} WHERE x.id IS NULL`,
  ];
}

function applyTeams(importId: string): SQL[] {
  const rows = sql`(SELECT ${teamLayout.select} FROM ${staged(importId, 'team')}) x`;
  return [
    sql`UPDATE teams SET level = x.level, name = x.name, zalo_url = x.zalo_url, decision_number = x.decision_number,
      decision_date = x.decision_date, active = x.active, removed_at = NULL FROM ${rows} WHERE teams.id = x.id`,
    sql`INSERT INTO teams (level, name, name_folded, province_code, commune_code, village_id, zalo_url,
        decision_number, decision_date, active, place_key)
      SELECT x.level, x.name, x.name_folded, x.province_code, x.commune_code, v.id, x.zalo_url,
        x.decision_number, x.decision_date, x.active, ${placeKey('x')}
      FROM ${rows} LEFT JOIN villages v ON ${liveVillageOf('x')} WHERE x.id IS NULL`,
  ];
}

function applyMembers(importId: string): SQL[] {
  // Each staged member with its (live, by now) team.
  const rows = sql`(SELECT x.*, t.id AS team_id FROM (SELECT ${memberLayout.select} FROM ${staged(importId, 'member')}) x
    LEFT JOIN villages v ON ${liveVillageOf('x')}
    JOIN teams t ON t.name_folded = x.team_folded AND t.place_key = ${placeKey('x')} AND t.removed_at IS NULL) x`;
  return [
    // Members renamed or moved may swap names within a team: park them on a name no one has first.
    sql`UPDATE members SET name_folded = '~' || id WHERE id IN (SELECT j.value ->> 0 FROM ${staged(importId, 'member')})`,
    sql`UPDATE members SET team_id = x.team_id, code = x.code, full_name = x.full_name, name_folded = x.name_folded,
      role = x.role, position = x.position, phone = x.phone, publish_contact = x.publish_contact, removed_at = NULL
      FROM ${rows} WHERE members.id = x.id`,
    sql`INSERT INTO members (code, team_id, full_name, name_folded, role, position, phone, publish_contact)
      SELECT x.code, x.team_id, x.full_name, x.name_folded, x.role, x.position, x.phone, x.publish_contact
      FROM ${rows} WHERE x.id IS NULL`,
  ];
}
