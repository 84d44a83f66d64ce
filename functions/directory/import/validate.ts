import { foldVietnamese } from '../../../site/utils/fold.ts';
import { type ColumnKey, columnHeader, directoryColumns, type RawRow } from '../sheet/columns.ts';
import {
  type FieldResult,
  type MemberRole,
  type TeamLevel,
  type VillageKind,
  parseDate,
  parseRole,
  parseTeamLevel,
  parseTeamStatus,
  parseText,
  parseUnitCode,
  parseVillageKind,
  parseYesNo,
  parseZaloUrl,
  teamLevelLabels,
} from '../sheet/fields.ts';
import { normalizeMemberCode } from '../member-code.ts';
import { normalizeVietnamesePhone } from '../sheet/normalize-phone.ts';
import type { ParsedSheet, RowError } from './parse-rows.ts';
import { type LegacyCommune, type UnitsLookup, resolveCommuneCode } from './resolve-commune.ts';
import { type DirectoryScope, isInScope, placeLabel, scopeLabel } from '../scope.ts';

export interface PlannedVillage {
  communeCode: string;
  name: string;
  nameFolded: string;
  kind: VillageKind;
}

/** Where a team sits: a village (by commune and folded name), a commune or a province. */
export interface TeamPlace {
  provinceCode: string;
  communeCode: string | null;
  villageNameFolded: string | null;
}

export interface PlannedTeam extends TeamPlace {
  level: TeamLevel;
  name: string;
  nameFolded: string;
  zaloUrl: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  active: boolean;
}

export interface PlannedMember extends TeamPlace {
  rowNumber: number;
  teamNameFolded: string;
  fullName: string;
  nameFolded: string;
  role: MemberRole;
  position: string | null;
  phone: string | null;
  publishContact: boolean;
  /** From the "Mã thành viên" column; null = keep the stored code, or generate one for a new member. */
  code: string | null;
}

/** Everything an import will write, already validated and normalized. */
export interface ImportPlan {
  villages: PlannedVillage[];
  teams: PlannedTeam[];
  members: PlannedMember[];
  /** Optional columns present in the file: only these overwrite stored values. */
  sets: { level: boolean; zaloUrl: boolean; status: boolean };
  /** Pre-2025 codes that were mapped to their new commune, with how many rows used each. */
  mappedCodes: { oldCode: string; old: LegacyCommune; newCode: string; newName: string; rows: number }[];
}

export type ValidationResult = { ok: true; plan: ImportPlan } | { ok: false; errors: RowError[] };

/** Longest text per field, for the import and for the officials' forms alike. */
export const directoryLimits = { villageName: 120, teamName: 200, fullName: 120, position: 160, decisionNumber: 60 } as const;
const limits = directoryLimits;

export function placeKeyOf(place: TeamPlace): string {
  if (place.villageNameFolded !== null) return `v:${place.communeCode}:${place.villageNameFolded}`;
  if (place.communeCode !== null) return `c:${place.communeCode}`;
  return `p:${place.provinceCode}`;
}

export interface ValidationOptions {
  /** Only units inside it may appear in the file (default: national). */
  scope?: DirectoryScope;
}

/**
 * Validates a whole team list before anything is written: every bad cell of
 * every row is reported (row number, column, reason in Vietnamese). A team or
 * village spread over several rows (one per member) must agree with itself;
 * cells left empty in later rows take the value of earlier ones. With a
 * scope, every row whose unit lies outside it is an error: the whole file is
 * refused, naming those rows.
 */
export function validateDirectoryRows(sheet: ParsedSheet, units: UnitsLookup, options: ValidationOptions = {}): ValidationResult {
  const scope = options.scope ?? 'national';
  const errors: RowError[] = [...sheet.errors];
  if (errors.length > 0) return { ok: false, errors };
  const collected = collector();
  const mapped = new Map<string, MappedCode>();
  for (const row of sheet.rows) {
    const r = rowChecker(row);
    const cells = checkRow(r, units, scope, mapped);
    // A row with errors of its own is not merged: its errors are enough.
    if (cells) mergeRow(r, cells, collected);
    errors.push(...r.errors);
  }
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  const strip = <T extends { rowNumber: number }>({ rowNumber: _, ...rest }: T) => rest;
  return {
    ok: true,
    plan: {
      villages: [...collected.villages.values()].map(strip),
      teams: [...collected.teams.values()].map(({ fieldRows: _, ...team }) => strip(team)),
      members: [...collected.members.values()],
      sets: { level: sheet.columns.has('teamLevel'), zaloUrl: sheet.columns.has('zaloUrl'), status: sheet.columns.has('teamStatus') },
      mappedCodes: [...mapped.values()],
    },
  };
}

type MappedCode = ImportPlan['mappedCodes'][number];

/** One row's errors as they are found, and the helpers that check its cells. */
function rowChecker(row: RawRow) {
  const errors: RowError[] = [];
  const report = (column: ColumnKey | undefined, message: string) =>
    errors.push({ rowNumber: row.rowNumber, ...(column ? { column: columnHeader(column) } : {}), message });
  const check = <T>(column: ColumnKey, result: FieldResult<T>): T | undefined => {
    if (result.ok) return result.value;
    report(column, result.reason);
    return undefined;
  };
  const filled = (column: ColumnKey) => (row[column] ?? '').trim() !== '';
  return { row, errors, report, check, filled };
}
type RowChecker = ReturnType<typeof rowChecker>;

/** A row's cells once they passed every check of the row itself (the merge with earlier rows comes next). */
interface RowCells extends TeamCells, MemberCells {
  level: TeamLevel | null | undefined;
  villageName: string | null | undefined;
  teamName: string | null | undefined;
  fullName: string | null | undefined;
  provinceCode: string;
  communeCode: string | null;
  kind: VillageKind | undefined;
}

/** Every cell of one row checked on its own; undefined when the row has errors (they are in `r.errors`). */
function checkRow(r: RowChecker, units: UnitsLookup, scope: DirectoryScope, mapped: Map<string, MappedCode>): RowCells | undefined {
  const { row, report, check, filled } = r;
  const level = check('teamLevel', parseTeamLevel(row.teamLevel));
  const villageName = check('villageName', parseText(row.villageName, limits.villageName));
  const teamName = check('teamName', parseText(row.teamName, limits.teamName));
  const fullName = check('fullName', parseText(row.fullName, limits.fullName));
  const { atProvince, provinceCode, communeCode } = checkPlace(r, level, villageName, units, mapped);
  if (provinceCode !== undefined && !isInScope(scope, { provinceCode, communeCode })) {
    report('communeCode', `${placeLabel({ provinceCode, communeCode }, units)} nằm ngoài phạm vi được sửa (${scopeLabel(scope, units)})`);
  }

  // Village.
  let kind: VillageKind | undefined;
  if (villageName) kind = check('villageKind', parseVillageKind(row.villageKind, villageName));
  else if (filled('villageKind') && !atProvince) report('villageKind', 'có Loại nhưng thiếu Tên thôn/tổ dân phố');

  const team = checkTeamCells(r, { level, villageName, teamName, fullName, atProvince });
  const member = checkMemberCells(r, fullName);
  if (r.errors.length > 0 || provinceCode === undefined) return undefined;
  return { level, villageName, teamName, fullName, provinceCode, communeCode, kind, ...team, ...member };
}

/**
 * Place: a province (province-level teams, and organisations written with a
 * 2-digit province code) or a commune, current or pre-2025 (counted in `mapped`).
 */
function checkPlace(r: RowChecker, level: RowCells['level'], villageName: RowCells['villageName'], units: UnitsLookup, mapped: Map<string, MappedCode>) {
  const { report } = r;
  const codeText = r.row.communeCode ?? '';
  const atProvince = level === 'province' || (level === 'organisation' && /^\d{1,2}$/.test(codeText.trim()));
  let provinceCode: string | undefined;
  let communeCode: string | null = null;
  if (codeText.trim() === '') {
    report('communeCode', 'thiếu mã xã/phường');
  } else if (atProvince) {
    const code = parseUnitCode(codeText, 2);
    if (code && units.provinces.has(code)) provinceCode = code;
    else report('communeCode', `"${codeText}" không phải mã tỉnh/thành phố (2 chữ số) cho tổ cấp tỉnh`);
    if (villageName) report('villageName', 'tổ cấp tỉnh không thuộc thôn nào: để trống tên thôn');
  } else {
    const code = parseUnitCode(codeText, 5);
    if (!code) report('communeCode', `"${codeText}" không phải mã xã/phường (5 chữ số)`);
    else {
      const resolved = resolveCommuneCode(code, units);
      if (!resolved.ok) report('communeCode', resolved.reason);
      else {
        communeCode = resolved.code;
        provinceCode = resolved.provinceCode;
        if (resolved.mappedFrom) {
          const entry = mapped.get(code) ?? {
            oldCode: code,
            old: resolved.mappedFrom,
            newCode: resolved.code,
            newName: units.communes.get(resolved.code)!.name,
            rows: 0,
          };
          entry.rows++;
          mapped.set(code, entry);
        }
      }
    }
  }
  return { atProvince, provinceCode, communeCode };
}

interface TeamCells {
  effectiveLevel: TeamLevel;
  decisionNumber: string | null | undefined;
  decisionDate: string | null | undefined;
  zaloUrl: string | null | undefined;
  active: boolean | undefined;
}

/** The team's cells of a row, or, without a team name, that none is filled in. */
function checkTeamCells(r: RowChecker, cells: Pick<RowCells, 'level' | 'villageName' | 'teamName' | 'fullName'> & { atProvince: boolean }): TeamCells {
  const { row, report, check, filled } = r;
  const { villageName, fullName, atProvince } = cells;
  const effectiveLevel: TeamLevel = cells.level ?? (villageName ? 'village' : 'commune');
  if (!cells.teamName) {
    for (const column of ['decisionNumber', 'decisionDate', 'zaloUrl', 'teamStatus', 'teamLevel'] as const) {
      if (filled(column)) report(column, 'có thông tin tổ nhưng thiếu Tên tổ');
    }
    if (fullName) report('teamName', 'thành viên phải thuộc một tổ: thiếu Tên tổ');
    if (!villageName && !fullName && !atProvince) report('villageName', 'dòng không có thôn, tổ hay thành viên nào');
    if (atProvince && !fullName) report('teamName', 'thiếu Tên tổ');
    return { effectiveLevel, decisionNumber: undefined, decisionDate: undefined, zaloUrl: undefined, active: undefined };
  }
  if (effectiveLevel === 'village' && !villageName) report('villageName', 'tổ cấp thôn cần tên thôn/tổ dân phố');
  if (effectiveLevel === 'commune' && villageName) {
    report('teamLevel', 'tổ cấp xã không thuộc thôn nào: để trống tên thôn hoặc ghi Cấp tổ là Thôn');
  }
  return {
    effectiveLevel,
    decisionNumber: check('decisionNumber', parseText(row.decisionNumber, limits.decisionNumber)),
    decisionDate: check('decisionDate', parseDate(row.decisionDate)),
    zaloUrl: check('zaloUrl', parseZaloUrl(row.zaloUrl)),
    active: check('teamStatus', parseTeamStatus(row.teamStatus)),
  };
}

interface MemberCells {
  role: MemberRole | undefined;
  position: string | null | undefined;
  phone: string | null | undefined;
  publishContact: boolean | undefined;
  memberCode: string | null;
}

/** The member's cells of a row, or, without a name, that none is filled in. */
function checkMemberCells(r: RowChecker, fullName: RowCells['fullName']): MemberCells {
  const { row, report, check, filled } = r;
  if (!fullName) {
    for (const column of ['role', 'position', 'phone', 'memberCode'] as const) {
      if (filled(column)) report(column, 'có thông tin thành viên nhưng thiếu Họ và tên');
    }
    const publish = parseYesNo(row.publishContact);
    if (!publish.ok || publish.value) report('publishContact', 'có thông tin thành viên nhưng thiếu Họ và tên');
    return { role: undefined, position: undefined, phone: undefined, publishContact: undefined, memberCode: null };
  }
  const role = check('role', parseRole(row.role));
  const position = check('position', parseText(row.position, limits.position));
  const phone = check('phone', normalizeVietnamesePhone(row.phone ?? ''));
  const publishContact = check('publishContact', parseYesNo(row.publishContact));
  let memberCode: string | null = null;
  if (filled('memberCode')) {
    memberCode = normalizeMemberCode(row.memberCode!);
    if (!memberCode) report('memberCode', `"${row.memberCode}" không phải mã thành viên (8 ký tự chữ và số); để trống để hệ thống tự cấp`);
  }
  return { role, position, phone, publishContact, memberCode };
}

// ---------------------------------------------------------------------------
// Merging a row with earlier rows of the same village, team and member.

type CollectedTeam = PlannedTeam & { rowNumber: number; fieldRows: Partial<Record<string, number>> };

/** The villages, teams and members of the rows so far, by key, and who leads each team, and which row has each code. */
function collector() {
  // Village and team names repeat on every member's row: fold each once.
  const folded = new Map<string, string>();
  const foldName = (name: string) => {
    let value = folded.get(name);
    if (value === undefined) {
      value = foldVietnamese(name);
      folded.set(name, value);
    }
    return value;
  };
  return {
    villages: new Map<string, PlannedVillage & { rowNumber: number }>(),
    teams: new Map<string, CollectedTeam>(),
    members: new Map<string, PlannedMember>(),
    leaders: new Map<string, number>(),
    codes: new Map<string, number>(),
    foldName,
  };
}
type Collected = ReturnType<typeof collector>;

function mergeRow(r: RowChecker, cells: RowCells, collected: Collected): void {
  const { villageName, communeCode, kind, teamName, fullName } = cells;
  const villageNameFolded = villageName ? collected.foldName(villageName) : null;
  if (villageName && communeCode && kind) {
    const key = `${communeCode}|${villageNameFolded}`;
    const earlier = collected.villages.get(key);
    if (!earlier) collected.villages.set(key, { communeCode, name: villageName, nameFolded: villageNameFolded!, kind, rowNumber: r.row.rowNumber });
    else if (r.filled('villageKind') && earlier.kind !== kind) {
      r.report('villageKind', `khác với dòng ${earlier.rowNumber} (${earlier.kind}) cho cùng thôn "${earlier.name}"`);
    }
  }
  const place: TeamPlace = { provinceCode: cells.provinceCode, communeCode, villageNameFolded };
  const teamKey = teamName ? mergeTeam(r, cells, teamName, place, collected) : undefined;
  if (fullName && teamKey && teamName) mergeMember(r, cells, { fullName, teamName, teamKey, place }, collected);
}

/** A new team, or the same team again: its cells must agree with the earlier rows' (empty ones take theirs). Returns its key. */
function mergeTeam(r: RowChecker, cells: RowCells, teamName: string, place: TeamPlace, collected: Collected): string {
  const { report, row } = r;
  const teamNameFolded = collected.foldName(teamName);
  const teamKey = `${placeKeyOf(place)}|${teamNameFolded}`;
  const earlier = collected.teams.get(teamKey);
  if (!earlier) {
    collected.teams.set(teamKey, {
      ...place,
      level: cells.effectiveLevel,
      name: teamName,
      nameFolded: teamNameFolded,
      zaloUrl: cells.zaloUrl ?? null,
      decisionNumber: cells.decisionNumber ?? null,
      decisionDate: cells.decisionDate ?? null,
      active: cells.active ?? true,
      rowNumber: row.rowNumber,
      fieldRows: {},
    });
    return teamKey;
  }
  const agree = <K extends 'zaloUrl' | 'decisionNumber' | 'decisionDate'>(column: ColumnKey, field: K, value: PlannedTeam[K] | undefined) => {
    if (value === null || value === undefined || value === earlier[field]) return;
    if (earlier[field] === null) {
      earlier[field] = value;
      earlier.fieldRows[field] = row.rowNumber;
    } else {
      report(column, `khác với dòng ${earlier.fieldRows[field] ?? earlier.rowNumber} ("${earlier[field]}") cho cùng tổ "${earlier.name}"`);
    }
  };
  agree('decisionNumber', 'decisionNumber', cells.decisionNumber);
  agree('decisionDate', 'decisionDate', cells.decisionDate);
  agree('zaloUrl', 'zaloUrl', cells.zaloUrl);
  if (r.filled('teamStatus') && cells.active !== earlier.active) {
    report('teamStatus', `khác với dòng ${earlier.rowNumber} cho cùng tổ "${earlier.name}"`);
  }
  if (cells.level && cells.level !== earlier.level) {
    report('teamLevel', `khác với dòng ${earlier.rowNumber} (${teamLevelLabels[earlier.level]}) cho cùng tổ "${earlier.name}"`);
  }
  return teamKey;
}

/** A member once per team, one Tổ trưởng per team, each member code once in the file. */
function mergeMember(
  r: RowChecker,
  cells: RowCells,
  member: { fullName: string; teamName: string; teamKey: string; place: TeamPlace },
  collected: Collected,
): void {
  const { report, row } = r;
  const { fullName, teamKey } = member;
  const { memberCode } = cells;
  const nameFolded = foldVietnamese(fullName);
  const memberKey = `${teamKey}|${nameFolded}`;
  const same = collected.members.get(memberKey);
  if (same) report('fullName', `trùng với thành viên ở dòng ${same.rowNumber} trong cùng tổ`);
  if (cells.role === 'to_truong') {
    const leaderRow = collected.leaders.get(teamKey);
    if (leaderRow !== undefined) report('role', `tổ đã có Tổ trưởng ở dòng ${leaderRow}; mỗi tổ một Tổ trưởng`);
    else collected.leaders.set(teamKey, row.rowNumber);
  }
  if (memberCode) {
    const codeRow = collected.codes.get(memberCode);
    if (codeRow !== undefined) report('memberCode', `mã ${memberCode} trùng với dòng ${codeRow}`);
    else collected.codes.set(memberCode, row.rowNumber);
  }
  if (same) return;
  collected.members.set(memberKey, {
    ...member.place,
    rowNumber: row.rowNumber,
    teamNameFolded: collected.foldName(member.teamName),
    fullName,
    nameFolded,
    role: cells.role!,
    position: cells.position ?? null,
    phone: cells.phone ?? null,
    publishContact: cells.publishContact ?? false,
    code: memberCode,
  });
}

const columnOrder = new Map(directoryColumns.map((column, index) => [column.header as string, index]));

/** By row, then in the order of the columns, as a person reads the spreadsheet. */
function sortErrors(errors: RowError[]): RowError[] {
  const order = (e: RowError) => (e.column === undefined ? -1 : (columnOrder.get(e.column) ?? 99));
  return errors.sort((a, b) => a.rowNumber - b.rowNumber || order(a) - order(b));
}

/** "Dòng 5, cột «Số điện thoại»: …" — how the CLI prints an error. */
export function formatRowError(error: RowError): string {
  return `Dòng ${error.rowNumber}${error.column ? `, cột «${error.column}»` : ''}: ${error.message}`;
}
