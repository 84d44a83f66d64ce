// The officials' form schemas share the import's rules: a person or team
// typed by hand and one read from a file are refused (or taken) alike, with
// the same limit, the same normalisation and the same reason.
import { describe, expect, it } from 'vitest';
import { directoryColumns } from '../../../functions/directory/sheet/columns.ts';
import { readOfficialUnits } from '../../../functions/directory/units/official-units.ts';
import { parseRows } from '../../../functions/directory/import/parse-rows.ts';
import type { UnitsLookup } from '../../../functions/directory/import/resolve-commune.ts';
import { directoryLimits, validateDirectoryRows } from '../../../functions/directory/import/validate.ts';
import { ratesFormSchema, targetsFormSchema } from '../../../functions/assists/form-schemas.ts';
import { invitationNameFormSchema } from '../../../functions/auth/form-schemas.ts';
import { memberFormSchema, teamFormSchema, uploadFormSchema } from '../../../functions/directory/form-schemas.ts';
import { wholeNumber } from '../../../functions/forms/fields.ts';
import { checkForm } from '../../../functions/forms/read-form.ts';
import { cancelFormSchema, servedFormSchema } from '../../../functions/roster/form-schemas.ts';
import { passedOnFieldErrors, passedOnFormSchema } from '../../../functions/alerts/form-schemas.ts';
import { indicators } from '../../../functions/assists/tasks.ts';

const official = readOfficialUnits();
const units: UnitsLookup = {
  provinces: new Map(official.provinces.map((p) => [p.code, { name: p.name }])),
  communes: new Map(official.communes.map((c) => [c.code, { provinceCode: c.provinceCode, name: c.name }])),
  legacy: new Map(),
};
type Cells = Partial<Record<(typeof directoryColumns)[number]['key'], string>>;
/** One row of a team list through the import's own validator: its reason for the column, or null when taken. */
function importReason(extra: Cells, column: string): string | null {
  const header = directoryColumns.map((c) => c.header);
  const row: Cells = {
    communeCode: '24133',
    villageName: 'Thôn 1',
    teamName: 'Tổ công nghệ số Thôn 1',
    fullName: 'Nguyễn Văn An',
    role: 'Tổ trưởng',
    ...extra,
  };
  const result = validateDirectoryRows(
    parseRows([
      { rowNumber: 1, cells: header },
      { rowNumber: 2, cells: directoryColumns.map((c) => row[c.key] ?? '') },
    ]),
    units,
  );
  if (result.ok) return null;
  return result.errors.find((e) => e.column === directoryColumns.find((c) => c.key === column)!.header)?.message ?? null;
}

const member = (fields: Record<string, unknown>) => checkForm(memberFormSchema('2026-12-07'), { ho_ten: 'Nguyễn Văn An', vai_tro: 'thanh_vien', ...fields });
const team = (fields: Record<string, unknown>) =>
  checkForm(teamFormSchema({ villages: [{ id: 3 }] }), { ten: 'Tổ công nghệ số Thôn 1', cap: 'village', thon: '3', ...fields });

describe("the directory's forms obey the import's limits", () => {
  const cases = [
    { what: 'a full name', limit: directoryLimits.fullName, column: 'fullName', form: (text: string) => member({ ho_ten: text }), field: 'ho_ten' },
    { what: 'a position', limit: directoryLimits.position, column: 'position', form: (text: string) => member({ chuc_vu: text }), field: 'chuc_vu' },
    { what: 'a team name', limit: directoryLimits.teamName, column: 'teamName', form: (text: string) => team({ ten: text }), field: 'ten' },
    {
      what: 'a decision number',
      limit: directoryLimits.decisionNumber,
      column: 'decisionNumber',
      form: (text: string) => team({ so_qd: text }),
      field: 'so_qd',
    },
  ] as const;

  for (const { what, limit, column, form, field } of cases) {
    it(`${what}: ${limit} characters taken by both, ${limit + 1} refused by both, for the same reason`, () => {
      const atLimit = 'a'.repeat(limit);
      const over = 'a'.repeat(limit + 1);
      expect(importReason({ [column]: atLimit }, column)).toBeNull();
      expect(form(atLimit).ok).toBe(true);
      const reason = importReason({ [column]: over }, column);
      expect(reason).toBe(`dài quá ${limit} ký tự`);
      const refused = form(over);
      expect(refused.ok).toBe(false);
      expect(refused.ok ? '' : refused.errors[field]).toContain(reason);
    });
  }

  it('a control character is refused by the form as by the import', () => {
    const name = 'Nguyễn\u0000Văn An';
    const reason = importReason({ fullName: name }, 'fullName');
    expect(reason).toMatch(/ký tự điều khiển/);
    const refused = member({ ho_ten: name });
    expect(refused.ok ? '' : refused.errors.ho_ten).toContain(reason!);
    // The invitation's name is a person's name too: same rule, same limit.
    expect(checkForm(invitationNameFormSchema, { name }).ok).toBe(false);
    expect(checkForm(invitationNameFormSchema, { name: 'a'.repeat(directoryLimits.fullName + 1) }).ok).toBe(false);
    expect(checkForm(invitationNameFormSchema, { name: 'a'.repeat(directoryLimits.fullName) }).ok).toBe(true);
  });

  it('names, phones, links and dates come out normalised as the import stores them', () => {
    const taken = member({ ho_ten: '  Nguyễn   Văn  An ', dien_thoai: '+84 912 345 678', cong_khai: 'co', ngay_dong_y: '15/8/2025' });
    expect(taken).toMatchObject({ ok: true, data: { fullName: 'Nguyễn Văn An', phone: '0912345678', publishContact: true, consentDate: '2025-08-15' } });
    expect(team({ zalo: 'zalo.me/g/abc', ngay_qd: '15/08/2025' })).toMatchObject({
      ok: true,
      data: { zaloUrl: 'https://zalo.me/g/abc', decisionDate: '2025-08-15', villageId: 3 },
    });
    const badLink = team({ zalo: 'https://example.com/x' });
    expect(badLink.ok ? '' : badLink.errors.zalo).toBe(importReason({ zaloUrl: 'https://example.com/x' }, 'zaloUrl'));
  });

  it('refuses what the form alone knows: no village for a village team, a consent date after today, publishing without a phone', () => {
    expect(team({ thon: '99' })).toMatchObject({ ok: false, errors: { thon: expect.stringContaining('thôn') } });
    expect(member({ cong_khai: 'co', dien_thoai: '0912345678', ngay_dong_y: '2026-12-08' })).toMatchObject({
      ok: false,
      errors: { ngay_dong_y: 'Ngày không hợp lệ.' },
    });
    expect(member({ cong_khai: 'co' })).toMatchObject({ ok: false, errors: { cong_khai: expect.stringContaining('số điện thoại') } });
    // Not published: the consent date is not read at all.
    expect(member({ ngay_dong_y: 'rác' })).toMatchObject({ ok: true, data: { consentDate: null } });
  });
});

describe('numbers as Vietnamese people type them', () => {
  it('"1500", "1.500" and "1 500" are 1500; "1.5", "1,500" and "0" are refused; blank is none', () => {
    const n = wholeNumber('sai');
    for (const text of ['1500', '1.500', '1 500', ' 1.500 ']) expect(n.parse(text)).toBe(1500);
    expect(n.parse('1.234.567')).toBe(1234567);
    for (const text of ['1.5', '1,500', '0', '15.00', '-3', '1e3']) expect(n.safeParse(text).success).toBe(false);
    expect(n.parse('')).toBeNull();
    expect(n.parse(undefined)).toBeNull();
  });

  it('the targets form: each indicator on its own, the denominator never below the target', () => {
    const [a, b] = indicators.map((i) => i.id);
    const ok = checkForm(targetsFormSchema, { [`muc-tieu-${a}`]: '1.500', [`mau-so-${a}`]: '2 000' });
    expect(ok.ok && ok.data.find((i) => i.indicator === a)).toEqual({ indicator: a, target: 1500, denominator: 2000 });
    const refused = checkForm(targetsFormSchema, { [`muc-tieu-${a}`]: '1.5', [`muc-tieu-${b}`]: '10', [`mau-so-${b}`]: '9' });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? {} : refused.errors).toEqual({ [`muc-tieu-${a}`]: expect.any(String), [`mau-so-${b}`]: expect.any(String) });
  });

  it('the rates form: "50.000" đồng is 50000; a month must be YYYY-MM', () => {
    expect(checkForm(ratesFormSchema, { 'muc-ngay': '50.000', 'tu-thang': '2026-12' })).toMatchObject({
      ok: true,
      data: { fromMonth: '2026-12', rates: { perMemberDay: 50000, perTeamMonth: null } },
    });
    expect(checkForm(ratesFormSchema, { 'muc-ngay': '50.000', 'tu-thang': '12/2026' })).toMatchObject({
      ok: false,
      errors: { 'tu-thang': expect.any(String) },
    });
  });
});

describe('other officials’ forms', () => {
  it('the upload needs a kind and a non-empty file', () => {
    expect(checkForm(uploadFormSchema, { file: new File(['x'], 'a.csv') })).toMatchObject({ ok: false, errors: { kind: expect.stringContaining('loại') } });
    expect(checkForm(uploadFormSchema, { kind: 'full', file: new File([], 'a.csv') })).toMatchObject({ ok: false, errors: { file: expect.any(String) } });
    expect(checkForm(uploadFormSchema, { kind: 'full', file: 'not a file' }).ok).toBe(false);
    expect(checkForm(uploadFormSchema, { kind: 'changes', file: new File(['x'], 'a.csv') }).ok).toBe(true);
  });

  it('cancelling a shift needs its box ticked; marking it served needs a member id', () => {
    expect(checkForm(cancelFormSchema, {})).toMatchObject({ ok: false, errors: { confirm: expect.stringContaining('xác nhận') } });
    expect(checkForm(cancelFormSchema, { confirm: '1' }).ok).toBe(true);
    expect(checkForm(servedFormSchema, { member: '0' }).ok).toBe(false);
    expect(checkForm(servedFormSchema, { member: '12' })).toMatchObject({ ok: true, data: { member: 12 } });
  });

  it("a member's passed-on mark: a known channel, 1 to 500 people", () => {
    expect(checkForm(passedOnFormSchema, { cach: 'zalo', 'so-nguoi': ' 12 ' })).toMatchObject({ ok: true, data: { channel: 'zalo', people: 12 } });
    for (const people of ['0', '501', '1.5', '']) expect(checkForm(passedOnFormSchema, { cach: 'loa', 'so-nguoi': people }).ok).toBe(false);
    const refused = checkForm(passedOnFormSchema, { cach: 'fax', 'so-nguoi': '3' });
    expect(refused.ok ? {} : passedOnFieldErrors(refused.errors)).toEqual({ channel: expect.stringContaining('cách') });
  });
});
