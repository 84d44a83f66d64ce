import { foldVietnamese } from '../../../site/utils/fold.ts';
import { type memberRoles, type teamLevels, villageKinds } from '../../../db/schema/directory.ts';
import { formatDate as formatDay } from '../../../site/utils/format.ts';

/**
 * Parsers for single cells of the team list. Each returns the stored value or
 * a reason in Vietnamese; validate.ts adds the row number and column.
 */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export type TeamLevel = (typeof teamLevels)[number];
export type MemberRole = (typeof memberRoles)[number];
export type VillageKind = (typeof villageKinds)[number];

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): FieldResult<T> => ({ ok: false, reason });

const compactKeys = new Map<string, string>();

/** Letters and digits of the folded text: "Tổ  trưởng" and "to-truong" both give "totruong". */
export function compactKey(text: string): string {
  // Remembered: a big file repeats the same few roles, kinds and yes/no cells.
  let key = compactKeys.get(text);
  if (key === undefined) {
    key = foldVietnamese(text).replace(/[^a-z0-9]/g, '');
    if (compactKeys.size > 10_000) compactKeys.clear();
    compactKeys.set(text, key);
  }
  return key;
}

const combiningMark = /[\u0300-\u036f]/;
const untidySpace = /\s\s|[^\S ]|^ | $/;

/** Trims, collapses inner whitespace and composes accents (NFC) so one name is stored one way. */
export function cleanText(text: string | undefined): string {
  let value = text ?? '';
  // Fast paths: most cells are already composed and tidy.
  if (combiningMark.test(value)) value = value.normalize('NFC');
  if (untidySpace.test(value)) value = value.replace(/\s+/g, ' ').trim();
  return value;
}

/**
 * Control characters left once line breaks and tabs became spaces: NUL cuts
 * SQLite's text functions short, ESC and the rest reach pages, JSON and
 * exports. C1 controls too (U+0080–U+009F), which no keyboard types.
 */
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

/** Whether a text holds a control character no person types (after cleanText). */
export const hasControlCharacter = (text: string) => controlCharacter.test(text);

export function parseText(text: string | undefined, maxLength: number): FieldResult<string | null> {
  const value = cleanText(text);
  if (hasControlCharacter(value)) return fail('có ký tự điều khiển không in được (như NUL, ESC); hãy gõ lại ô này');
  if (value.length > maxLength) return fail(`dài quá ${maxLength} ký tự`);
  return ok(value === '' ? null : value);
}

export const roleLabels: Record<MemberRole, string> = { to_truong: 'Tổ trưởng', to_pho: 'Tổ phó', thanh_vien: 'Thành viên' };
const roleByKey: Record<string, MemberRole> = {
  totruong: 'to_truong',
  truong: 'to_truong',
  topho: 'to_pho',
  pho: 'to_pho',
  thanhvien: 'thanh_vien',
  tv: 'thanh_vien',
  '': 'thanh_vien',
};

export function parseRole(text: string | undefined): FieldResult<MemberRole> {
  const role = roleByKey[compactKey(text ?? '')];
  return role ? ok(role) : fail(`"${cleanText(text)}" không phải vai trò; ghi Tổ trưởng, Tổ phó hoặc Thành viên`);
}

const yesKeys = new Set(['co', 'x', 'yes', 'y', '1', 'true', 'dongy', 'cocongkhai']);
const noKeys = new Set(['', 'khong', 'k', 'no', 'n', '0', 'false', 'khongdongy', 'khongcongkhai']);

export function parseYesNo(text: string | undefined): FieldResult<boolean> {
  const key = compactKey(text ?? '');
  if (yesKeys.has(key)) return ok(true);
  if (noKeys.has(key)) return ok(false);
  return fail(`"${cleanText(text)}" không hiểu được; ghi Có hoặc Không`);
}

export function formatYesNo(value: boolean): string {
  return value ? 'Có' : 'Không';
}

export const teamLevelLabels: Record<TeamLevel, string> = {
  village: 'Thôn',
  commune: 'Xã',
  province: 'Tỉnh',
  organisation: 'Tổ chức',
};
const levelByKey: Record<string, TeamLevel> = {
  thon: 'village',
  capthon: 'village',
  thontodanpho: 'village',
  todanpho: 'village',
  xa: 'commune',
  capxa: 'commune',
  phuong: 'commune',
  xaphuong: 'commune',
  tinh: 'province',
  captinh: 'province',
  tinhthanhpho: 'province',
  tochuc: 'organisation',
  coquan: 'organisation',
  coquantochuc: 'organisation',
  tochuccoquan: 'organisation',
};

/** Null for an empty cell: the level then follows from the place (village or commune). */
export function parseTeamLevel(text: string | undefined): FieldResult<TeamLevel | null> {
  const key = compactKey(text ?? '');
  if (key === '') return ok(null);
  const level = levelByKey[key];
  return level ? ok(level) : fail(`"${cleanText(text)}" không phải cấp tổ; ghi Thôn, Xã, Tỉnh hoặc Tổ chức`);
}

const activeKeys = new Set(['', 'danghoatdong', 'hoatdong', 'conhoatdong']);
const dissolvedKeys = new Set(['dagiaithe', 'giaithe', 'ngunghoatdong', 'dangunghoatdong']);

/** true = active (also for an empty cell), false = dissolved. */
export function parseTeamStatus(text: string | undefined): FieldResult<boolean> {
  const key = compactKey(text ?? '');
  if (activeKeys.has(key)) return ok(true);
  if (dissolvedKeys.has(key)) return ok(false);
  return fail(`"${cleanText(text)}" không phải trạng thái; ghi Đang hoạt động hoặc Đã giải thể`);
}

export function formatTeamStatus(active: boolean): string {
  return active ? 'Đang hoạt động' : 'Đã giải thể';
}

const kindByKey = new Map<string, VillageKind>(villageKinds.map((kind) => [compactKey(kind), kind]));
kindByKey.set('tdp', 'tổ dân phố');
kindByKey.set('kp', 'khu phố');
/** Longest first, so "Khu phố 2" is a khu phố and not a khu. */
const kindsByPrefix = [...villageKinds].sort((a, b) => b.length - a.length).map((kind) => [foldVietnamese(kind), kind] as const);

/**
 * The kind of a village from the "Loại" cell, or, when that is empty, from the
 * first words of its name ("Thôn 3" is a thôn, "Tổ dân phố 5" a tổ dân phố).
 */
export function parseVillageKind(text: string | undefined, villageName: string): FieldResult<VillageKind> {
  const key = compactKey(text ?? '');
  if (key !== '') {
    const kind = kindByKey.get(key);
    return kind ? ok(kind) : fail(`"${cleanText(text)}" không phải loại thôn; ghi một trong: ${villageKinds.join(', ')}`);
  }
  const name = foldVietnamese(villageName);
  for (const [prefix, kind] of kindsByPrefix) if (name.startsWith(`${prefix} `)) return ok(kind);
  return fail(`thiếu loại (tên "${villageName}" không bắt đầu bằng thôn, buôn, bản, ấp, tổ dân phố…); ghi vào cột Loại`);
}

/**
 * dd/mm/yyyy as Vietnamese officials write dates (also d/m/yyyy, with - or .),
 * or ISO yyyy-mm-dd; stored as ISO. Null for an empty cell.
 */
export function parseDate(text: string | undefined): FieldResult<string | null> {
  const value = cleanText(text);
  if (value === '') return ok(null);
  let day: number, month: number, year: number;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (vn) [day, month, year] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return fail(`"${value}" không phải ngày; ghi dạng ngày/tháng/năm, ví dụ 15/08/2025`);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return fail(`"${value}" không phải ngày có thật (ngày/tháng/năm)`);
  }
  if (year < 1990 || year > 2100) return fail(`năm ${year} không hợp lệ`);
  return ok(date.toISOString().slice(0, 10));
}

/** ISO yyyy-mm-dd → dd/mm/yyyy, as the export sheet writes it (blank when unset). */
export function formatDate(iso: string | null): string {
  return iso ? formatDay(iso) : '';
}

/** Only https://zalo.me/… group links are stored (a bare "zalo.me/…" gets https). */
export function parseZaloUrl(text: string | undefined): FieldResult<string | null> {
  const value = cleanText(text);
  if (value === '') return ok(null);
  const withScheme = /^zalo\.me\//i.test(value) ? `https://${value}` : value;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail(`"${value}" không phải đường dẫn; ghi link nhóm dạng https://zalo.me/…`);
  }
  if (url.protocol !== 'https:' || url.hostname !== 'zalo.me' || url.pathname.length < 2 || url.username || url.password || url.port) {
    return fail(`"${value}" không phải link Zalo; chỉ nhận link dạng https://zalo.me/…`);
  }
  return ok(url.href);
}

/**
 * Unit codes as digits; leading zeros that a spreadsheet dropped are restored
 * (communes have 5 digits, provinces 2). Null if it is not a number at all.
 */
export function parseUnitCode(text: string | undefined, digits: 2 | 5): string | null {
  const value = cleanText(text);
  if (!/^\d{1,5}$/.test(value) || value.length > digits) return null;
  return value.padStart(digits, '0');
}
