import { and, asc, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { communes, members, teams, villages } from '../../../db/schema/directory.ts';
import { type ColumnKey, directoryColumns } from './columns.ts';
import { formatDate, formatTeamStatus, formatYesNo, roleLabels, teamLevelLabels } from './fields.ts';
import { readPaged } from '../d1-batch.ts';
import type { DirectoryScope } from '../scope.ts';

const collator = new Intl.Collator('vi', { numeric: true });
const roleOrder = { to_truong: 0, to_pho: 1, thanh_vien: 2 } as const;

/**
 * The directory (or one province's or commune's part of it) as spreadsheet
 * rows in the template's column order: one row per member, plus one row for
 * each team without members and each village without a team, so that
 * importing the export rebuilds the same directory. Removed villages, teams
 * and members are not in it. Sorted by province, commune, village, team, role
 * and name, so the same data always gives the same file.
 */
export async function readDirectoryRows(d1: D1Database, scope: DirectoryScope = 'national'): Promise<string[][]> {
  const rows = sheetRowsOf(await readScoped(d1, scope));
  rows.sort(byPlaceThenPerson);
  return rows.map((row) => directoryColumns.map((column) => row.cells[column.key] ?? ''));
}

/** The live villages, teams and members of a scope, and every commune's province. */
async function readScoped(d1: D1Database, scope: DirectoryScope) {
  const db = drizzle(d1);
  // A commune's part has its teams and villages; a province's also its province-level teams.
  const teamScope: SQL | undefined =
    scope === 'national' ? undefined : 'provinceCode' in scope ? eq(teams.provinceCode, scope.provinceCode) : eq(teams.communeCode, scope.communeCode);
  const villageScope: SQL | undefined =
    scope === 'national'
      ? undefined
      : 'provinceCode' in scope
        ? inArray(villages.communeCode, db.select({ code: communes.code }).from(communes).where(eq(communes.provinceCode, scope.provinceCode)))
        : eq(villages.communeCode, scope.communeCode);
  const [communeRows, villageRows, teamRows, memberRows] = await Promise.all([
    db.select({ code: communes.code, provinceCode: communes.provinceCode }).from(communes),
    readPaged((after, limit) =>
      db
        .select()
        .from(villages)
        .where(and(villageScope, isNull(villages.removedAt), gt(villages.id, after)))
        .orderBy(asc(villages.id))
        .limit(limit),
    ),
    readPaged((after, limit) =>
      db
        .select()
        .from(teams)
        .where(and(teamScope, isNull(teams.removedAt), gt(teams.id, after)))
        .orderBy(asc(teams.id))
        .limit(limit),
    ),
    readPaged((after, limit) =>
      db
        .select({ member: members })
        .from(members)
        .innerJoin(teams, eq(teams.id, members.teamId))
        .where(and(teamScope, isNull(members.removedAt), isNull(teams.removedAt), gt(members.id, after)))
        .orderBy(asc(members.id))
        .limit(limit)
        .then((rows) => rows.map((row) => row.member)),
    ),
  ]);
  return { communeRows, villageRows, teamRows, memberRows };
}

type Row = { sort: [string, string, string, string, number, string]; cells: Partial<Record<ColumnKey, string>> };

/** One row per member, per team without members and per village without a team, with its sort key. */
function sheetRowsOf({ communeRows, villageRows, teamRows, memberRows }: Awaited<ReturnType<typeof readScoped>>): Row[] {
  const provinceOf = new Map(communeRows.map((c) => [c.code, c.provinceCode]));
  const villageById = new Map(villageRows.map((village) => [village.id, village]));
  const membersByTeam = new Map<number, typeof memberRows>();
  for (const member of memberRows) membersByTeam.set(member.teamId, [...(membersByTeam.get(member.teamId) ?? []), member]);
  const villagesWithTeam = new Set(teamRows.flatMap((team) => (team.villageId === null ? [] : [team.villageId])));

  const rows: Row[] = [];
  for (const village of villageRows) {
    if (villagesWithTeam.has(village.id)) continue;
    rows.push({
      sort: [provinceOf.get(village.communeCode) ?? '', village.communeCode, village.name, '', 0, ''],
      cells: { communeCode: village.communeCode, villageName: village.name, villageKind: village.kind },
    });
  }
  for (const team of teamRows) {
    const village = team.villageId === null ? undefined : villageById.get(team.villageId);
    const teamCells: Partial<Record<ColumnKey, string>> = {
      communeCode: team.communeCode ?? team.provinceCode,
      villageName: village?.name ?? '',
      villageKind: village?.kind ?? '',
      teamName: team.name,
      decisionNumber: team.decisionNumber ?? '',
      decisionDate: formatDate(team.decisionDate),
      teamLevel: teamLevelLabels[team.level],
      zaloUrl: team.zaloUrl ?? '',
      teamStatus: formatTeamStatus(team.active),
    };
    const sort = (role: number, name: string): Row['sort'] => [team.provinceCode, team.communeCode ?? '', village?.name ?? '', team.name, role, name];
    const teamMembers = membersByTeam.get(team.id) ?? [];
    if (teamMembers.length === 0) rows.push({ sort: sort(0, ''), cells: teamCells });
    for (const member of teamMembers) {
      rows.push({
        sort: sort(roleOrder[member.role], member.fullName),
        cells: {
          ...teamCells,
          fullName: member.fullName,
          role: roleLabels[member.role],
          position: member.position ?? '',
          phone: member.phone ?? '',
          publishContact: formatYesNo(member.publishContact),
          memberCode: member.code,
        },
      });
    }
  }
  return rows;
}

/** By province, commune, village, team, role and name (Vietnamese collation, then code points: a total order). */
function byPlaceThenPerson(a: Row, b: Row): number {
  for (let i = 0; i < a.sort.length; i++) {
    const x = a.sort[i]!;
    const y = b.sort[i]!;
    const order = typeof x === 'number' ? x - (y as number) : collator.compare(x as string, y as string) || (x < y ? -1 : x > y ? 1 : 0);
    if (order !== 0) return order;
  }
  return 0;
}
