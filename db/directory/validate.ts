import { foldVietnamese } from '../../site/utils/fold.ts';
import { type ColumnKey, columnHeader, directoryColumns } from './columns.ts';
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
} from './fields.ts';
import { normalizeMemberCode } from './member-code.ts';
import { normalizeVietnamesePhone } from './normalize-phone.ts';
import type { ParsedSheet, RowError } from './parse-rows.ts';
import { type LegacyCommune, type UnitsLookup, resolveCommuneCode } from './resolve-commune.ts';
import { type DirectoryScope, isInScope, placeLabel, scopeLabel } from './scope.ts';

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

  const villages = new Map<string, PlannedVillage & { rowNumber: number }>();
  const teams = new Map<string, PlannedTeam & { rowNumber: number; fieldRows: Partial<Record<string, number>> }>();
  const members = new Map<string, PlannedMember>();
  const leaders = new Map<string, number>();
  const codes = new Map<string, number>();
  const mapped = new Map<string, ImportPlan['mappedCodes'][number]>();
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

  for (const row of sheet.rows) {
    const rowErrors: RowError[] = [];
    const report = (column: ColumnKey | undefined, message: string) =>
      rowErrors.push({ rowNumber: row.rowNumber, ...(column ? { column: columnHeader(column) } : {}), message });
    const check = <T>(column: ColumnKey, result: FieldResult<T>): T | undefined => {
      if (result.ok) return result.value;
      report(column, result.reason);
      return undefined;
    };
    const filled = (column: ColumnKey) => (row[column] ?? '').trim() !== '';

    const level = check('teamLevel', parseTeamLevel(row.teamLevel));
    const villageName = check('villageName', parseText(row.villageName, limits.villageName));
    const teamName = check('teamName', parseText(row.teamName, limits.teamName));
    const fullName = check('fullName', parseText(row.fullName, limits.fullName));

    // Place: a province (province-level teams, and organisations written with
    // a 2-digit province code) or a commune, current or pre-2025.
    const codeText = row.communeCode ?? '';
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

    if (provinceCode !== undefined && !isInScope(scope, { provinceCode, communeCode })) {
      report('communeCode', `${placeLabel({ provinceCode, communeCode }, units)} nằm ngoài phạm vi được sửa (${scopeLabel(scope, units)})`);
    }

    // Village.
    let kind: VillageKind | undefined;
    if (villageName) kind = check('villageKind', parseVillageKind(row.villageKind, villageName));
    else if (filled('villageKind') && !atProvince) report('villageKind', 'có Loại nhưng thiếu Tên thôn/tổ dân phố');

    // Team.
    const effectiveLevel: TeamLevel = level ?? (villageName ? 'village' : 'commune');
    let decisionNumber: string | null | undefined, decisionDate: string | null | undefined;
    let zaloUrl: string | null | undefined, active: boolean | undefined;
    if (teamName) {
      if (effectiveLevel === 'village' && !villageName) report('villageName', 'tổ cấp thôn cần tên thôn/tổ dân phố');
      if (effectiveLevel === 'commune' && villageName) {
        report('teamLevel', 'tổ cấp xã không thuộc thôn nào: để trống tên thôn hoặc ghi Cấp tổ là Thôn');
      }
      decisionNumber = check('decisionNumber', parseText(row.decisionNumber, limits.decisionNumber));
      decisionDate = check('decisionDate', parseDate(row.decisionDate));
      zaloUrl = check('zaloUrl', parseZaloUrl(row.zaloUrl));
      active = check('teamStatus', parseTeamStatus(row.teamStatus));
    } else {
      for (const column of ['decisionNumber', 'decisionDate', 'zaloUrl', 'teamStatus', 'teamLevel'] as const) {
        if (filled(column)) report(column, 'có thông tin tổ nhưng thiếu Tên tổ');
      }
      if (fullName) report('teamName', 'thành viên phải thuộc một tổ: thiếu Tên tổ');
      if (!villageName && !fullName && !atProvince) report('villageName', 'dòng không có thôn, tổ hay thành viên nào');
      if (atProvince && !fullName) report('teamName', 'thiếu Tên tổ');
    }

    // Member.
    let role: MemberRole | undefined, position: string | null | undefined, phone: string | null | undefined;
    let publishContact: boolean | undefined, memberCode: string | null = null;
    if (fullName) {
      role = check('role', parseRole(row.role));
      position = check('position', parseText(row.position, limits.position));
      phone = check('phone', normalizeVietnamesePhone(row.phone ?? ''));
      publishContact = check('publishContact', parseYesNo(row.publishContact));
      if (filled('memberCode')) {
        memberCode = normalizeMemberCode(row.memberCode!);
        if (!memberCode) report('memberCode', `"${row.memberCode}" không phải mã thành viên (8 ký tự chữ và số); để trống để hệ thống tự cấp`);
      }
    } else {
      for (const column of ['role', 'position', 'phone', 'memberCode'] as const) {
        if (filled(column)) report(column, 'có thông tin thành viên nhưng thiếu Họ và tên');
      }
      const publish = parseYesNo(row.publishContact);
      if (!publish.ok || publish.value) report('publishContact', 'có thông tin thành viên nhưng thiếu Họ và tên');
    }

    if (rowErrors.length > 0 || provinceCode === undefined) {
      errors.push(...rowErrors);
      continue;
    }

    // Merge with earlier rows of the same village, team and member.
    const villageNameFolded = villageName ? foldName(villageName) : null;
    if (villageName && communeCode && kind) {
      const key = `${communeCode}|${villageNameFolded}`;
      const earlier = villages.get(key);
      if (!earlier) villages.set(key, { communeCode, name: villageName, nameFolded: villageNameFolded!, kind, rowNumber: row.rowNumber });
      else if (filled('villageKind') && earlier.kind !== kind) {
        report('villageKind', `khác với dòng ${earlier.rowNumber} (${earlier.kind}) cho cùng thôn "${earlier.name}"`);
      }
    }
    const place: TeamPlace = { provinceCode, communeCode, villageNameFolded };
    let teamKey: string | undefined;
    if (teamName) {
      const teamNameFolded = foldName(teamName);
      teamKey = `${placeKeyOf(place)}|${teamNameFolded}`;
      const earlier = teams.get(teamKey);
      if (!earlier) {
        teams.set(teamKey, {
          ...place,
          level: effectiveLevel,
          name: teamName,
          nameFolded: teamNameFolded,
          zaloUrl: zaloUrl ?? null,
          decisionNumber: decisionNumber ?? null,
          decisionDate: decisionDate ?? null,
          active: active ?? true,
          rowNumber: row.rowNumber,
          fieldRows: {},
        });
      } else {
        const agree = <K extends 'zaloUrl' | 'decisionNumber' | 'decisionDate'>(column: ColumnKey, field: K, value: PlannedTeam[K] | undefined) => {
          if (value === null || value === undefined || value === earlier[field]) return;
          if (earlier[field] === null) {
            earlier[field] = value;
            earlier.fieldRows[field] = row.rowNumber;
          } else {
            report(column, `khác với dòng ${earlier.fieldRows[field] ?? earlier.rowNumber} ("${earlier[field]}") cho cùng tổ "${earlier.name}"`);
          }
        };
        agree('decisionNumber', 'decisionNumber', decisionNumber);
        agree('decisionDate', 'decisionDate', decisionDate);
        agree('zaloUrl', 'zaloUrl', zaloUrl);
        if (filled('teamStatus') && active !== earlier.active) {
          report('teamStatus', `khác với dòng ${earlier.rowNumber} cho cùng tổ "${earlier.name}"`);
        }
        if (level && level !== earlier.level) {
          report('teamLevel', `khác với dòng ${earlier.rowNumber} (${teamLevelLabels[earlier.level]}) cho cùng tổ "${earlier.name}"`);
        }
      }
    }
    if (fullName && teamKey && teamName) {
      const nameFolded = foldVietnamese(fullName);
      const memberKey = `${teamKey}|${nameFolded}`;
      const same = members.get(memberKey);
      if (same) report('fullName', `trùng với thành viên ở dòng ${same.rowNumber} trong cùng tổ`);
      if (role === 'to_truong') {
        const leaderRow = leaders.get(teamKey);
        if (leaderRow !== undefined) report('role', `tổ đã có Tổ trưởng ở dòng ${leaderRow}; mỗi tổ một Tổ trưởng`);
        else leaders.set(teamKey, row.rowNumber);
      }
      if (memberCode) {
        const codeRow = codes.get(memberCode);
        if (codeRow !== undefined) report('memberCode', `mã ${memberCode} trùng với dòng ${codeRow}`);
        else codes.set(memberCode, row.rowNumber);
      }
      if (!same) {
        members.set(memberKey, {
          ...place,
          rowNumber: row.rowNumber,
          teamNameFolded: foldName(teamName),
          fullName,
          nameFolded,
          role: role!,
          position: position ?? null,
          phone: phone ?? null,
          publishContact: publishContact ?? false,
          code: memberCode,
        });
      }
    }
    errors.push(...rowErrors);
  }

  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  const strip = <T extends { rowNumber: number }>({ rowNumber: _, ...rest }: T) => rest;
  return {
    ok: true,
    plan: {
      villages: [...villages.values()].map(strip),
      teams: [...teams.values()].map(({ fieldRows: _, ...team }) => strip(team)),
      members: [...members.values()],
      sets: { level: sheet.columns.has('teamLevel'), zaloUrl: sheet.columns.has('zaloUrl'), status: sheet.columns.has('teamStatus') },
      mappedCodes: [...mapped.values()],
    },
  };
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
