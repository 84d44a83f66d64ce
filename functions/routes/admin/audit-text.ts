import { roleLabels as memberRoleLabels, teamLevelLabels, type MemberRole, type TeamLevel } from '../../directory/sheet/fields.ts';
import { adminAuditUi } from '../../../site/i18n/admin-ui.ts';
import { formatDate, formatDateTime, formatNumber } from '../../../site/utils/format.ts';
import { indicators, taskById } from '../../assists/tasks.ts';
import { roleLabels as officialRoleLabels, type OfficialRole } from '../../auth/official.ts';

/**
 * The audit log in plain Vietnamese (issue 16): what each stored entry
 * (functions/auth/audit.ts: a dotted action, a subject like "member:K7Q2MZ20",
 * before/after JSON) says to an official — actions and fields in words, names
 * instead of codes and ids, before → after only for what changed. Nothing of
 * the stored keys reaches the page or the CSV.
 */
const t = adminAuditUi;

/** Every action the app writes, with the URL slug the filter uses (never the stored key). */
export const auditActions: Record<string, { slug: string; label: string }> = {
  sign_in: { slug: 'dang-nhap', label: 'Đăng nhập' },
  'sign_in.failed': { slug: 'dang-nhap-sai', label: 'Đăng nhập sai mật khẩu' },
  'sign_out.everywhere': { slug: 'dang-xuat-moi-noi', label: 'Đăng xuất trên mọi thiết bị' },
  'two_factor.enable': { slug: 'bat-hai-buoc', label: 'Bật đăng nhập hai bước' },
  'official.password.change': { slug: 'doi-mat-khau', label: 'Đổi mật khẩu' },
  'official.two_factor.reset': { slug: 'dat-lai-hai-buoc', label: 'Đặt lại đăng nhập hai bước' },
  'official.recovery_codes.regenerate': { slug: 'tao-lai-ma-khoi-phuc', label: 'Tạo lại mã khôi phục' },
  'invitation.create': { slug: 'tao-loi-moi', label: 'Tạo lời mời' },
  'invitation.revoke': { slug: 'thu-hoi-loi-moi', label: 'Thu hồi lời mời' },
  'official.disable': { slug: 'khoa-tai-khoan', label: 'Khóa tài khoản' },
  'official.enable': { slug: 'mo-khoa-tai-khoan', label: 'Mở khóa tài khoản' },
  'team.create': { slug: 'them-to', label: 'Thêm tổ' },
  'team.update': { slug: 'sua-to', label: 'Sửa thông tin tổ' },
  'team.deactivate': { slug: 'ngung-to', label: 'Cho tổ ngừng hoạt động' },
  'team.reactivate': { slug: 'mo-lai-to', label: 'Cho tổ hoạt động lại' },
  'member.create': { slug: 'them-thanh-vien', label: 'Thêm thành viên' },
  'member.update': { slug: 'sua-thanh-vien', label: 'Sửa thông tin thành viên' },
  'member.consent': { slug: 'dong-y-cong-khai', label: 'Đổi đồng ý công khai số điện thoại' },
  'member.remove': { slug: 'go-thanh-vien', label: 'Cho thành viên rời tổ' },
  'member.sign_in_link.issue': { slug: 'link-dang-nhap', label: 'Tạo link đăng nhập cho thành viên' },
  'member.access.revoke': { slug: 'thu-hoi-dang-nhap', label: 'Thu hồi quyền đăng nhập của thành viên' },
  'assist.void': { slug: 'huy-ghi-nhan', label: 'Hủy một lượt ghi nhận hỗ trợ' },
  'assist.target.set': { slug: 'dat-chi-tieu', label: 'Đặt chỉ tiêu' },
  'import.apply': { slug: 'nhap-danh-sach', label: 'Nhập danh sách từ tệp' },
};
export const actionOfSlug = new Map(Object.entries(auditActions).map(([action, { slug }]) => [slug, action]));

export interface AuditRow {
  id: number;
  at: number;
  official_id: number | null;
  actor: string;
  actor_name: string | null;
  action: string;
  province_code: string | null;
  commune_code: string | null;
  subject: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** Names of what a page of entries mentions, read in one batch (see readAuditNames). */
export interface AuditNames {
  communes: Map<string, string>;
  provinces: Map<string, string>;
  membersByCode: Map<string, string>;
  membersById: Map<number, string>;
  teams: Map<number, string>;
  villages: Map<number, string>;
  officials: Map<number, string>;
  invitations: Map<number, string>;
}

type Json = Record<string, unknown>;
function parse(text: string | null): Json {
  try {
    const value: unknown = text ? JSON.parse(text) : {};
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
  } catch {
    return {};
  }
}

const subjectParts = (subject: string | null) => {
  const at = subject?.indexOf(':') ?? -1;
  return at < 0 ? { kind: '', ref: '' } : { kind: subject!.slice(0, at), ref: subject!.slice(at + 1) };
};
const numeric = (text: string) => (/^\d{1,12}$/.test(text) ? Number(text) : undefined);

/** Codes and ids a page of entries names, for readAuditNames. */
export function auditReferences(rows: AuditRow[]) {
  const refs = {
    communes: new Set<string>(),
    provinces: new Set<string>(),
    memberCodes: new Set<string>(),
    memberIds: new Set<number>(),
    teams: new Set<number>(),
    villages: new Set<number>(),
    officials: new Set<number>(),
    invitations: new Set<number>(),
  };
  for (const row of rows) {
    if (row.commune_code) refs.communes.add(row.commune_code);
    if (row.province_code) refs.provinces.add(row.province_code);
    const { kind, ref } = subjectParts(row.subject);
    const id = numeric(ref);
    if (kind === 'member') id === undefined ? refs.memberCodes.add(ref) : refs.memberIds.add(id);
    else if (kind === 'team' && id !== undefined) refs.teams.add(id);
    else if (kind === 'official' && id !== undefined) refs.officials.add(id);
    else if (kind === 'invitation' && id !== undefined) refs.invitations.add(id);
    else if (kind === 'communes') for (const code of ref.split(',')) refs.communes.add(code);
    else if (kind === 'target') {
      const code = ref.split(':')[1] ?? '';
      (code.length === 2 ? refs.provinces : refs.communes).add(code);
    }
    for (const side of [parse(row.before_json), parse(row.after_json)]) {
      if (typeof side.villageId === 'number') refs.villages.add(side.villageId);
      if (typeof side.member === 'number') refs.memberIds.add(side.member);
    }
  }
  return refs;
}

/** Reads the names of everything a page of entries mentions: one batch of small lookups. */
export async function readAuditNames(db: D1Database, rows: AuditRow[]): Promise<AuditNames> {
  const refs = auditReferences(rows);
  const json = (set: Set<string | number>) => JSON.stringify([...set]);
  const lookups = [
    ['SELECT code AS k, name AS v FROM communes WHERE code IN (SELECT value FROM json_each(?))', refs.communes],
    ['SELECT code AS k, name AS v FROM provinces WHERE code IN (SELECT value FROM json_each(?))', refs.provinces],
    ['SELECT code AS k, full_name AS v FROM members WHERE code IN (SELECT value FROM json_each(?))', refs.memberCodes],
    ['SELECT id AS k, full_name AS v FROM members WHERE id IN (SELECT value FROM json_each(?))', refs.memberIds],
    ['SELECT id AS k, name AS v FROM teams WHERE id IN (SELECT value FROM json_each(?))', refs.teams],
    ['SELECT id AS k, name AS v FROM villages WHERE id IN (SELECT value FROM json_each(?))', refs.villages],
    ['SELECT id AS k, display_name AS v FROM officials WHERE id IN (SELECT value FROM json_each(?))', refs.officials],
    ['SELECT id AS k, display_name AS v FROM invitations WHERE id IN (SELECT value FROM json_each(?))', refs.invitations],
  ] as const;
  const results = await db.batch(lookups.map(([query, set]) => db.prepare(query).bind(json(set as Set<string | number>))));
  const map = <K>(i: number) => new Map((results[i]!.results as { k: K; v: string }[]).map((r) => [r.k, r.v]));
  return {
    communes: map<string>(0),
    provinces: map<string>(1),
    membersByCode: map<string>(2),
    membersById: map<number>(3),
    teams: map<number>(4),
    villages: map<number>(5),
    officials: map<number>(6),
    invitations: map<number>(7),
  };
}

/** Who acted: their name (and username, which officials know each other by). */
export function actorText(row: AuditRow): string {
  if (row.actor === 'cli') return t.actorCli;
  if (row.actor === 'anonymous') return t.actorAnonymous;
  return row.actor_name ? `${row.actor_name} (${row.actor})` : row.actor;
}

export const actionText = (row: AuditRow) => auditActions[row.action]?.label ?? t.otherAction;

/** Where: the commune's or province's name. */
export function placeText(row: AuditRow, names: AuditNames): string {
  if (row.commune_code) return names.communes.get(row.commune_code) ?? t.unknownPlace;
  if (row.province_code) return names.provinces.get(row.province_code) ?? t.unknownPlace;
  return t.national;
}

/** What the entry is about, by name. */
export function subjectText(row: AuditRow, names: AuditNames): string {
  const { kind, ref } = subjectParts(row.subject);
  const id = numeric(ref);
  switch (kind) {
    case 'member':
      return (id === undefined ? names.membersByCode.get(ref) : names.membersById.get(id)) ?? t.unknownSubject;
    case 'team':
      return id === undefined ? t.unknownSubject : (names.teams.get(id) ?? t.unknownSubject);
    case 'official':
      return id === undefined ? t.unknownSubject : (names.officials.get(id) ?? t.unknownSubject);
    case 'invitation':
      return id === undefined ? t.unknownSubject : t.invitationFor(names.invitations.get(id) ?? t.unknownSubject);
    case 'assist':
      return t.assistEntry;
    case 'communes':
      return ref
        .split(',')
        .map((code) => names.communes.get(code) ?? t.unknownPlace)
        .join(', ');
    case 'target': {
      const [indicator, code = ''] = ref.split(':');
      const label = indicators.find((i) => i.id === indicator)?.label ?? t.unknownSubject;
      return `${label} — ${(code.length === 2 ? names.provinces.get(code) : names.communes.get(code)) ?? t.unknownPlace}`;
    }
    default:
      return '';
  }
}

const yesNo = (v: unknown) => (v ? t.yes : t.no);
/** Field labels and how each value reads. */
const fields: Record<string, { label: string; show?: (value: unknown, names: AuditNames) => string }> = {
  fullName: { label: 'Họ và tên' },
  role: { label: 'Vai trò', show: (v) => memberRoleLabels[v as MemberRole] ?? officialRoleLabels[v as OfficialRole] ?? String(v) },
  position: { label: 'Chức vụ' },
  phone: { label: 'Số điện thoại' },
  publishContact: { label: 'Công khai số điện thoại', show: yesNo },
  consentDate: { label: 'Ngày đồng ý công khai', show: (v) => formatDate(String(v)) },
  team: { label: 'Tổ' },
  name: { label: 'Tên tổ' },
  level: { label: 'Cấp tổ', show: (v) => teamLevelLabels[v as TeamLevel] ?? String(v) },
  villageId: { label: 'Thôn, tổ dân phố', show: (v, names) => names.villages.get(v as number) ?? t.unknownPlace },
  zaloUrl: { label: 'Link nhóm Zalo' },
  decisionNumber: { label: 'Số quyết định' },
  decisionDate: { label: 'Ngày quyết định', show: (v) => formatDate(String(v)) },
  active: { label: 'Trạng thái', show: (v) => (v ? t.active : t.inactive) },
  disabled: { label: 'Tài khoản', show: (v) => (v ? t.locked : t.unlocked) },
  twoFactor: { label: 'Đăng nhập hai bước', show: (v) => (v ? t.twoFactorOn : t.twoFactorOff) },
  displayName: { label: 'Tên người được mời' },
  expiresAt: { label: 'Hết hạn', show: (v) => formatDateTime(new Date(String(v))) },
  secondStep: { label: 'Bước hai', show: (v) => (v === 'recovery_code' ? t.recoveryCode : v === 'totp' ? t.totpCode : t.noSecondStep) },
  member: { label: 'Thành viên', show: (v, names) => names.membersById.get(v as number) ?? t.unknownSubject },
  task: { label: 'Việc hỗ trợ', show: (v) => taskById.get(String(v))?.label ?? t.unknownSubject },
  people: { label: 'Số người', show: (v) => formatNumber(Number(v)) },
  day: { label: 'Ngày', show: (v) => formatDate(String(v)) },
  voided: { label: 'Đã hủy', show: yesNo },
  target: { label: 'Chỉ tiêu', show: (v) => formatNumber(Number(v)) },
  denominator: { label: 'Mẫu số', show: (v) => formatNumber(Number(v)) },
  links: { label: 'Link đăng nhập bị thu hồi', show: (v) => formatNumber(Number(v)) },
  sessions: { label: 'Phiên đăng nhập bị kết thúc', show: (v) => formatNumber(Number(v)) },
};
const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The lines of an entry's details: "Field: before → after" for each field
 * that changed; for a creation or a removal, what it held ("Field: value").
 * Fields without a plain-words label are left out rather than shown raw.
 */
export function changeLines(row: AuditRow, names: AuditNames): string[] {
  const before = parse(row.before_json);
  const after = parse(row.after_json);
  if (row.action === 'import.apply') return importLines(after);
  const show = (key: string, v: unknown) => (empty(v) ? '—' : (fields[key]!.show?.(v, names) ?? String(v)));
  const lines: string[] = [];
  for (const key of Object.keys(fields)) {
    const inBefore = key in before && !empty(before[key]);
    const inAfter = key in after && !empty(after[key]);
    if (!inBefore && !inAfter) continue;
    const label = fields[key]!.label;
    if (key in before && key in after) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) lines.push(`${label}: ${show(key, before[key])} → ${show(key, after[key])}`);
    } else lines.push(`${label}: ${show(key, inAfter ? after[key] : before[key])}`);
  }
  return lines;
}

/** An import: "thêm 1, sửa 1, gỡ 7" and who, by name. */
function importLines(after: Json): string[] {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const added = list(after.membersAdded);
  const changed = list(after.membersChanged);
  const removed = list(after.membersRemoved);
  const lines = [t.importCounts(added.length, changed.length, removed.length)];
  if (after.kind === 'changes') lines.push(t.importChangesOnly);
  const named: [string, string[]][] = [
    [t.importAdded, added],
    [t.importChanged, changed],
    [t.importRemoved, removed],
    [t.importTeamsAdded, list(after.teamsAdded)],
    [t.importTeamsRemoved, list(after.teamsRemoved)],
    [t.importVillagesRemoved, list(after.villagesRemoved)],
  ];
  for (const [label, names] of named) if (names.length > 0) lines.push(`${label}: ${names.join(', ')}`);
  return lines;
}

/** The one-line "what": the action, and for an import its place and counts, as the issue words it. */
export function headline(row: AuditRow, names: AuditNames): string {
  if (row.action !== 'import.apply') return actionText(row);
  const after = parse(row.after_json);
  const count = (key: string) => (Array.isArray(after[key]) ? (after[key] as unknown[]).length : 0);
  return t.importHeadline(subjectText(row, names), count('membersAdded'), count('membersChanged'), count('membersRemoved'));
}
