import type { ColumnKey } from '../sheet/columns.ts';
import { formatDate, formatTeamStatus, formatYesNo, roleLabels, teamLevelLabels } from '../sheet/fields.ts';
import { type DirectoryScope, isInScope, placeLabel, scopeLabel } from '../scope.ts';
import type { DirectoryChangeSummary, DirectoryWrites, EntityChanges, FieldChange, ImportKind, TableCounts, TeamRef, VillageRef } from './changes.ts';
import type { RowError } from './parse-rows.ts';
import type { UnitsLookup } from './resolve-commune.ts';
import { memberLayout, type StagedValue, teamLayout, villageLayout } from './staged-rows.ts';
import type { MemberRow, StoredUnits, TeamRow, VillageRow } from './stored.ts';
import type { ImportPlan, PlannedMember, PlannedTeam, PlannedVillage, TeamPlace } from './validate.ts';

/**
 * The wanted state (a validated file) against what D1 holds for its units
 * (stored.ts): per table the entries added (or back from removal), changed
 * (which fields, as the spreadsheet writes them) and removed, and the exact
 * staged rows that write it. Pure: no database here.
 *
 * The rules: a live match wins, else the latest removed entry comes back,
 * else the entry is new; a `full` file removes every live entry of its units
 * it does not name, a `changes` file removes nobody; removing any team or
 * village, or more than a quarter of one unit's live members, is a large
 * removal that needs a second consent (`allowRemovals`).
 */

/** More than this share of a unit's members removed at once needs the second consent. */
const largeRemovalShare = 1 / 4;

type Units = Pick<UnitsLookup, 'provinces' | 'communes'>;

/** The summary and the writes as the diff fills them, and what it needs to name and place entries. */
interface Diff {
  summary: DirectoryChangeSummary;
  writes: DirectoryWrites;
  /** A 'changes' file removes nobody: entries it does not name stay as they are. */
  removes: boolean;
  units: Units;
  /** The stored teams of the file's units and of members it moves in from elsewhere. */
  teamsById: Map<number, TeamRow>;
  names: PlaceNames;
}

export function startDiff(kind: ImportKind, fileUnits: DirectoryChangeSummary['units'], counts: TableCounts, units: Units, stored: StoredUnits): Diff {
  const entity = () => ({ added: [], changed: [], removed: [], unchanged: 0 });
  return {
    summary: {
      kind,
      units: fileUnits,
      villages: entity(),
      teams: entity(),
      members: entity(),
      before: counts,
      after: { ...counts },
      changed: { villages: 0, teams: 0, members: 0 },
      largeRemoval: false,
    },
    writes: { villages: [], teams: [], members: [], removed: { villages: [], teams: [], members: [] } },
    removes: kind === 'full',
    units,
    teamsById: new Map([...stored.teams, ...stored.teamsElsewhere].map((t) => [t.id, t])),
    names: placeNames(units),
  };
}

/** How entries are named for people: "Thôn 1, Xã Ea Kar (24373)". */
function placeNames(units: Units) {
  const teamPlace = (t: { provinceCode: string; communeCode: string | null }, villageName: string | null) =>
    villageName === null ? placeLabel(t, units) : `${villageName}, ${placeLabel(t, units)}`;
  return {
    teamPlace,
    teamRef: (t: TeamRow): TeamRef => ({
      provinceCode: t.provinceCode,
      communeCode: t.communeCode,
      villageName: t.villageName,
      name: t.name,
      place: teamPlace(t, t.villageName),
    }),
    villageRef: (v: { communeCode: string; name: string }): VillageRef => ({
      communeCode: v.communeCode,
      name: v.name,
      place: placeLabel({ provinceCode: units.communes.get(v.communeCode)?.provinceCode ?? '', communeCode: v.communeCode }, units),
    }),
  };
}
type PlaceNames = ReturnType<typeof placeNames>;

// ---------------------------------------------------------------------------
// The parts every table shares.

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

/** Live match first, else the latest removed one (it comes back); rows already `taken` are skipped. */
function pick<T extends { id: number; removedAt: string | null }>(rows: T[] | undefined, taken?: Set<number>): T | undefined {
  const free = (rows ?? []).filter((r) => !taken?.has(r.id));
  return free.find((r) => r.removedAt === null) ?? free.sort((a, b) => b.id - a.id)[0];
}

function changedFields(pairs: [ColumnKey, string, string][]): FieldChange[] {
  return pairs.flatMap(([column, before, after]) => (before === after ? [] : [{ column, before, after }]));
}

/** A wanted entry with no stored match: new, and its row inserted. */
function recordAdded<Ref>(changes: EntityChanges<Ref>, rows: StagedValue[][], ref: Ref, row: StagedValue[]): void {
  changes.added.push({ ...ref, restored: false });
  rows.push(row);
}

/** A wanted entry with its stored match: back from removal, changed or unchanged; only the first two are written. */
function recordMatched<Ref>(
  changes: EntityChanges<Ref>,
  rows: StagedValue[][],
  ref: Ref,
  match: { removedAt: string | null },
  fields: FieldChange[],
  row: () => StagedValue[],
): void {
  if (match.removedAt !== null) changes.added.push({ ...ref, restored: true });
  else if (fields.length > 0) changes.changed.push({ ...ref, fields });
  else changes.unchanged++;
  if (match.removedAt !== null || fields.length > 0) rows.push(row());
}

/** A full file's live entries it does not name (not `kept`): removed, by name. */
function recordRemovals<Row extends { id: number; removedAt: string | null }, Ref>(
  diff: Diff,
  stored: Row[],
  kept: Set<number>,
  changes: EntityChanges<Ref>,
  removedIds: number[],
  refOf: (row: Row) => Ref,
): void {
  for (const row of stored) {
    if (diff.removes && row.removedAt === null && !kept.has(row.id)) {
      changes.removed.push(refOf(row));
      removedIds.push(row.id);
    }
  }
}

// ---------------------------------------------------------------------------
// Villages, teams, members.

/** Villages: matched on (commune, folded name). Returns the stored id of each village the file keeps, by that key. */
export function diffVillages(diff: Diff, wanted: PlannedVillage[], stored: VillageRow[]): Map<string, number> {
  const storedByKey = groupBy(stored, (v) => `${v.communeCode}|${v.nameFolded}`);
  const idByKey = new Map<string, number>();
  const kept = new Set<number>();
  for (const planned of wanted) {
    const key = `${planned.communeCode}|${planned.nameFolded}`;
    const match = pick(storedByKey.get(key));
    const ref = diff.names.villageRef(planned);
    if (!match) {
      recordAdded(diff.summary.villages, diff.writes.villages, ref, villageLayout.encode({ ...planned, id: null }));
      continue;
    }
    kept.add(match.id);
    idByKey.set(key, match.id);
    const fields = changedFields([
      ['villageName', match.name, planned.name],
      ['villageKind', match.kind, planned.kind],
    ]);
    recordMatched(diff.summary.villages, diff.writes.villages, ref, match, fields, () => villageLayout.encode({ ...planned, id: match.id }));
  }
  recordRemovals(diff, stored, kept, diff.summary.villages, diff.writes.removed.villages, diff.names.villageRef);
  return idByKey;
}

/** A wanted team's key in the plan: its place and folded name (members name their team the same way). */
const planKey = (t: TeamPlace, nameFolded: string) => `${t.provinceCode}|${t.communeCode}|${t.villageNameFolded}|${nameFolded}`;

/** The file's teams by planKey: the stored id of those that exist, and how each is named. */
interface PlannedTeams {
  idByPlanKey: Map<string, number>;
  refByPlanKey: Map<string, TeamRef>;
}

/** Teams: matched on the stored place_key (village by id) and folded name. */
export function diffTeams(diff: Diff, plan: ImportPlan, stored: TeamRow[], villageIdByKey: Map<string, number>): PlannedTeams {
  const storedPlaceKey = (t: TeamPlace) => {
    if (t.villageNameFolded !== null) {
      const id = villageIdByKey.get(`${t.communeCode}|${t.villageNameFolded}`);
      return id === undefined ? undefined : `v:${id}`;
    }
    return t.communeCode !== null ? `c:${t.communeCode}` : `p:${t.provinceCode}`;
  };
  const storedByKey = groupBy(stored, (t) => `${t.placeKey}|${t.nameFolded}`);
  const villageNameOf = new Map(plan.villages.map((v) => [`${v.communeCode}|${v.nameFolded}`, v.name]));
  const teams: PlannedTeams = { idByPlanKey: new Map(), refByPlanKey: new Map() };
  const kept = new Set<number>();
  for (const planned of plan.teams) {
    const placeKey = storedPlaceKey(planned);
    const match = placeKey === undefined ? undefined : pick(storedByKey.get(`${placeKey}|${planned.nameFolded}`));
    const villageName = planned.villageNameFolded === null ? null : (villageNameOf.get(`${planned.communeCode}|${planned.villageNameFolded}`) ?? null);
    const ref: TeamRef = {
      provinceCode: planned.provinceCode,
      communeCode: planned.communeCode,
      villageName,
      name: planned.name,
      place: diff.names.teamPlace(planned, villageName),
    };
    teams.refByPlanKey.set(planKey(planned, planned.nameFolded), ref);
    if (!match) {
      recordAdded(diff.summary.teams, diff.writes.teams, ref, teamLayout.encode({ ...planned, id: null }));
      continue;
    }
    kept.add(match.id);
    teams.idByPlanKey.set(planKey(planned, planned.nameFolded), match.id);
    const final = withStoredOptionals(planned, match, plan.sets);
    recordMatched(diff.summary.teams, diff.writes.teams, ref, match, teamFields(match, final), () => teamLayout.encode({ ...final, id: match.id }));
  }
  recordRemovals(diff, stored, kept, diff.summary.teams, diff.writes.removed.teams, diff.names.teamRef);
  return teams;
}

/** Optional columns absent from the file keep the stored values (a team coming back is active unless the file says not). */
function withStoredOptionals(planned: PlannedTeam, match: TeamRow, sets: ImportPlan['sets']): PlannedTeam {
  return {
    ...planned,
    level: sets.level ? planned.level : match.level,
    zaloUrl: sets.zaloUrl ? planned.zaloUrl : match.zaloUrl,
    active: sets.status || match.removedAt !== null ? planned.active : match.active === 1,
  };
}

function teamFields(match: TeamRow, final: PlannedTeam): FieldChange[] {
  return changedFields([
    ['teamName', match.name, final.name],
    ['teamLevel', teamLevelLabels[match.level], teamLevelLabels[final.level]],
    ['zaloUrl', match.zaloUrl ?? '', final.zaloUrl ?? ''],
    ['teamStatus', formatTeamStatus(match.active === 1), formatTeamStatus(final.active)],
    ['decisionNumber', match.decisionNumber ?? '', final.decisionNumber ?? ''],
    ['decisionDate', formatDate(match.decisionDate), formatDate(final.decisionDate)],
  ]);
}

/** Wanted members paired with stored ones, and the stored ids so claimed. */
type MemberMatches = { ok: true; matches: Map<PlannedMember, MemberRow>; claimed: Set<number> } | { ok: false; errors: RowError[] };

/**
 * Members: by code when the database knows it (a code of a member outside the
 * scope is a row error: nothing to apply), else by (team, folded name).
 */
export function matchMembers(diff: Diff, wanted: PlannedMember[], stored: StoredUnits, teams: PlannedTeams, scope: DirectoryScope): MemberMatches {
  const errors: RowError[] = [];
  const memberByCode = new Map([...stored.members, ...stored.elsewhere].map((m) => [m.code, m]));
  const claimed = new Set<number>();
  const matches = new Map<PlannedMember, MemberRow>();
  for (const planned of wanted) {
    const byCode = planned.code ? memberByCode.get(planned.code) : undefined;
    if (!byCode) continue;
    const team = diff.teamsById.get(byCode.teamId)!;
    if (!isInScope(scope, team)) {
      errors.push({
        rowNumber: planned.rowNumber,
        column: 'Mã thành viên',
        message: `mã ${planned.code} là của ${byCode.fullName} (${team.name}, ${diff.names.teamPlace(team, team.villageName)}), ngoài phạm vi được sửa (${scopeLabel(scope, diff.units)})`,
      });
      continue;
    }
    claimed.add(byCode.id);
    matches.set(planned, byCode);
  }
  if (errors.length > 0) return { ok: false, errors };
  const storedByTeamName = groupBy(stored.members, (m) => `${m.teamId}|${m.nameFolded}`);
  for (const planned of wanted) {
    if (matches.has(planned)) continue;
    const teamId = teams.idByPlanKey.get(planKey(planned, planned.teamNameFolded));
    const match = teamId === undefined ? undefined : pick(storedByTeamName.get(`${teamId}|${planned.nameFolded}`), claimed);
    if (match) {
      claimed.add(match.id);
      matches.set(planned, match);
    }
  }
  return { ok: true, matches, claimed };
}

/** Members added, back or changed; new ones take their code from the file or from `drawn`. */
export function diffMembers(
  diff: Diff,
  wanted: PlannedMember[],
  matches: Map<PlannedMember, MemberRow>,
  teams: PlannedTeams,
  drawn: Map<PlannedMember, string>,
): void {
  for (const planned of wanted) {
    const match = matches.get(planned);
    // Every member's team is in the plan (validateDirectoryRows adds it from the member's row).
    const team = teams.refByPlanKey.get(planKey(planned, planned.teamNameFolded))!;
    if (!match) {
      const code = planned.code ?? drawn.get(planned)!;
      const ref = { code, fullName: planned.fullName, team, rowNumber: planned.rowNumber };
      recordAdded(diff.summary.members, diff.writes.members, ref, memberLayout.encode({ ...planned, id: null, code }));
      continue;
    }
    // A code in the file that the database does not know yet replaces the stored one (the demo's fixed codes).
    const code = planned.code ?? match.code;
    const moved = teams.idByPlanKey.get(planKey(planned, planned.teamNameFolded)) !== match.teamId;
    const fields = memberFields(diff, match, { ...planned, code }, moved ? team : null);
    const ref = { code, fullName: planned.fullName, team, rowNumber: planned.rowNumber };
    recordMatched(diff.summary.members, diff.writes.members, ref, match, fields, () => memberLayout.encode({ ...planned, id: match.id, code }));
  }
}

/** `movedTo`: the member's new team when the file moves them (the change names both teams). */
function memberFields(diff: Diff, match: MemberRow, planned: PlannedMember & { code: string }, movedTo: TeamRef | null): FieldChange[] {
  const oldTeam = diff.teamsById.get(match.teamId)!;
  return changedFields([
    ['memberCode', match.code, planned.code],
    ['fullName', match.fullName, planned.fullName],
    ['teamName', movedTo ? `${oldTeam.name} (${diff.names.teamPlace(oldTeam, oldTeam.villageName)})` : '', movedTo ? `${movedTo.name} (${movedTo.place})` : ''],
    ['role', roleLabels[match.role], roleLabels[planned.role]],
    ['position', match.position ?? '', planned.position ?? ''],
    ['phone', match.phone ?? '', planned.phone ?? ''],
    ['publishContact', formatYesNo(match.publishContact === 1), formatYesNo(planned.publishContact)],
  ]);
}

/**
 * Live members the file does not name (not `claimed`) are removed by a full
 * file; then whether the removal is large: any team or village, or more than
 * largeRemovalShare of the live members of one unit (a commune, or a province
 * for its province-level teams).
 */
export function diffMemberRemovals(diff: Diff, stored: MemberRow[], claimed: Set<number>): void {
  const unitOf = (teamId: number) => {
    const team = diff.teamsById.get(teamId)!;
    return team.communeCode ?? `p:${team.provinceCode}`;
  };
  const membersPerUnit = new Map<string, { live: number; removed: number }>();
  for (const m of stored) {
    if (m.removedAt !== null) continue;
    const unit = membersPerUnit.get(unitOf(m.teamId)) ?? { live: 0, removed: 0 };
    unit.live++;
    membersPerUnit.set(unitOf(m.teamId), unit);
    if (diff.removes && !claimed.has(m.id)) {
      unit.removed++;
      diff.summary.members.removed.push({ code: m.code, fullName: m.fullName, team: diff.names.teamRef(diff.teamsById.get(m.teamId)!) });
      diff.writes.removed.members.push(m.id);
    }
  }
  const { summary } = diff;
  summary.largeRemoval =
    summary.teams.removed.length > 0 ||
    summary.villages.removed.length > 0 ||
    [...membersPerUnit.values()].some((unit) => unit.removed > unit.live * largeRemovalShare);
}

/** The live counts after the import, and how many entries each table changes. */
export function countChanges(summary: DirectoryChangeSummary): void {
  for (const kind of ['villages', 'teams', 'members'] as const) {
    const c = summary[kind];
    summary.after[kind] += c.added.length - c.removed.length;
    summary.changed[kind] = c.added.length + c.changed.length + c.removed.length;
  }
}

/** The file's units, and the old places of members moved in from elsewhere: their coverage changes too. */
export function touchedUnits(diff: Diff, matches: Map<PlannedMember, MemberRow>): { communes: string[]; provinces: string[] } {
  const touched = { communes: new Set(diff.summary.units.communes), provinces: new Set(diff.summary.units.provinces) };
  for (const [, match] of matches) {
    const from = diff.teamsById.get(match.teamId)!;
    if (from.communeCode !== null) touched.communes.add(from.communeCode);
    else touched.provinces.add(from.provinceCode);
  }
  return { communes: [...touched.communes].sort(), provinces: [...touched.provinces].sort() };
}
