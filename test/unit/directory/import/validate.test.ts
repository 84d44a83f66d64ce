import { describe, expect, it } from 'vitest';
import { directoryColumns } from '../../../../functions/directory/sheet/columns.ts';
import { readOfficialUnits } from '../../../../functions/directory/units/official-units.ts';
import { parseRows } from '../../../../functions/directory/import/parse-rows.ts';
import type { LegacyCommune, UnitsLookup } from '../../../../functions/directory/import/resolve-commune.ts';
import { formatRowError, validateDirectoryRows } from '../../../../functions/directory/import/validate.ts';

// The real official units, as the writer would read them from D1.
const official = readOfficialUnits();
const legacy = new Map<string, LegacyCommune[]>();
for (const { oldCode, ...row } of official.legacy) legacy.set(oldCode, [...(legacy.get(oldCode) ?? []), row]);
const units: UnitsLookup = {
  provinces: new Map(official.provinces.map((p) => [p.code, { name: p.name }])),
  communes: new Map(official.communes.map((c) => [c.code, { provinceCode: c.provinceCode, name: c.name }])),
  legacy,
};
// The dataset maps every old code to one new commune; a split commune (one
// old code, several new ones) is made up here: old 99001 → 24133 and 24373.
const split = (code: string): LegacyCommune => ({ oldName: 'Xã Cũ', oldDistrictName: 'Huyện Cũ', oldProvinceName: 'Tỉnh Cũ', newCode: code });
units.legacy.set('99001', [split('24133'), split('24373')]);

const header = directoryColumns.map((c) => c.header);
type Cells = Partial<Record<(typeof directoryColumns)[number]['key'], string>>;
function sheet(rows: Cells[], columns = header) {
  return parseRows([
    { rowNumber: 1, cells: columns },
    ...rows.map((row, i) => ({ rowNumber: i + 2, cells: columns.map((h) => row[directoryColumns.find((c) => c.header === h)!.key] ?? '') })),
  ]);
}
const member = (extra: Cells = {}): Cells => ({
  communeCode: '24133',
  villageName: 'Thôn 1',
  teamName: 'Tổ công nghệ số Thôn 1',
  fullName: 'Nguyễn Văn An',
  role: 'Tổ trưởng',
  ...extra,
});

function errorsOf(rows: Cells[]) {
  const result = validateDirectoryRows(sheet(rows), units);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}
function planOf(rows: Cells[], columns = header) {
  const result = validateDirectoryRows(sheet(rows, columns), units);
  if (!result.ok) throw new Error(result.errors.map(formatRowError).join('\n'));
  return result.plan;
}

describe('validateDirectoryRows', () => {
  it('builds villages, teams and members, one per identity, with normalized values', () => {
    const plan = planOf([
      member({ phone: '+84 912 345 678', publishContact: 'có', decisionNumber: '12/QĐ-UBND', decisionDate: '15/8/2025' }),
      member({ fullName: 'Trần Thị Bình', role: 'thanh vien', villageName: 'thôn 1' }),
      { communeCode: '24133', villageName: 'Buôn Ko Sier', villageKind: 'buon' },
    ]);
    expect(plan.villages).toEqual([
      { communeCode: '24133', name: 'Thôn 1', nameFolded: 'thon 1', kind: 'thôn' },
      { communeCode: '24133', name: 'Buôn Ko Sier', nameFolded: 'buon ko sier', kind: 'buôn' },
    ]);
    expect(plan.teams).toEqual([
      {
        provinceCode: '66',
        communeCode: '24133',
        villageNameFolded: 'thon 1',
        level: 'village',
        name: 'Tổ công nghệ số Thôn 1',
        nameFolded: 'to cong nghe so thon 1',
        zaloUrl: null,
        decisionNumber: '12/QĐ-UBND',
        decisionDate: '2025-08-15',
        active: true,
      },
    ]);
    expect(plan.members.map((m) => [m.fullName, m.role, m.phone, m.publishContact, m.code])).toEqual([
      ['Nguyễn Văn An', 'to_truong', '0912345678', true, null],
      ['Trần Thị Bình', 'thanh_vien', null, false, null],
    ]);
  });

  it('reports every bad row with its spreadsheet row number, column and reason, in row order', () => {
    const errors = errorsOf([
      member(),
      member({ fullName: 'Lê Văn C', role: 'Chủ tịch', phone: '0212345678' }),
      member({ fullName: 'Phạm D', role: '', decisionDate: '31/02/2025' }),
      { communeCode: 'abc', villageName: 'Thôn 9' },
      member({ fullName: 'Hồ E', role: '', zaloUrl: 'https://example.com/g/1' }),
    ]);
    expect(errors.map(formatRowError)).toEqual([
      'Dòng 3, cột «Vai trò»: "Chủ tịch" không phải vai trò; ghi Tổ trưởng, Tổ phó hoặc Thành viên',
      'Dòng 3, cột «Số điện thoại»: "0212345678" không phải số di động Việt Nam hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)',
      'Dòng 4, cột «Ngày quyết định»: "31/02/2025" không phải ngày có thật (ngày/tháng/năm)',
      'Dòng 5, cột «Mã xã/phường»: "abc" không phải mã xã/phường (5 chữ số)',
      'Dòng 6, cột «Link nhóm Zalo»: "https://example.com/g/1" không phải link Zalo; chỉ nhận link dạng https://zalo.me/…',
    ]);
  });

  it('maps a pre-2025 commune code to its new commune', () => {
    // Old 26881 (Phường 12, Quận Gò Vấp) is now 26882 Phường An Hội Tây.
    const plan = planOf([member({ communeCode: '26881', villageName: 'Khu phố 1' })]);
    expect(plan.villages[0]).toMatchObject({ communeCode: '26882', kind: 'khu phố' });
    expect(plan.teams[0]).toMatchObject({ provinceCode: '79', communeCode: '26882' });
    expect(plan.mappedCodes).toEqual([
      {
        oldCode: '26881',
        old: expect.objectContaining({ oldName: 'Phường 12', oldDistrictName: 'Quận Gò Vấp' }),
        newCode: '26882',
        newName: 'Phường An Hội Tây'.normalize('NFC'),
        rows: 1,
      },
    ]);
  });

  it('takes a code that is a current commune code as is, even if it was also an old code', () => {
    // 26882 was Phường 14 (Gò Vấp) before 2025 and is Phường An Hội Tây now.
    expect(planOf([member({ communeCode: '26882' })]).mappedCodes).toEqual([]);
    // 23737 is Xã Ia Mơ now, while old 23737 became 23734.
    expect(planOf([member({ communeCode: '23737' })]).teams[0]!.communeCode).toBe('23737');
  });

  it('restores leading zeros of a commune code', () => {
    expect(planOf([member({ communeCode: '2647' })]).teams[0]).toMatchObject({ communeCode: '02647', provinceCode: '15' });
  });

  it('refuses an ambiguous old code and names the candidates', () => {
    const [error] = errorsOf([member({ communeCode: '99001' })]);
    expect(error!.column).toBe('Mã xã/phường');
    expect(error!.message).toContain('nhiều xã/phường');
    expect(error!.message).toContain('24133 Phường Buôn Ma Thuột');
    expect(error!.message).toContain('24373 Xã Ea Kar');
  });

  it('refuses an unknown code', () => {
    expect(errorsOf([member({ communeCode: '99999' })])[0]!.message).toContain('không có xã/phường mã 99999');
  });

  it('lets later rows of a team leave team cells empty, and refuses contradictions', () => {
    const plan = planOf([member({ decisionNumber: '12/QĐ-UBND' }), member({ fullName: 'Trần Thị Bình', role: '', decisionDate: '01/09/2025' })]);
    expect(plan.teams[0]).toMatchObject({ decisionNumber: '12/QĐ-UBND', decisionDate: '2025-09-01' });
    const errors = errorsOf([member({ decisionNumber: '12/QĐ-UBND' }), member({ fullName: 'Trần Thị Bình', role: '', decisionNumber: '13/QĐ-UBND' })]);
    expect(errors.map(formatRowError)).toEqual(['Dòng 3, cột «Số quyết định»: khác với dòng 2 ("12/QĐ-UBND") cho cùng tổ "Tổ công nghệ số Thôn 1"']);
  });

  it('refuses a member twice in a team (names compared without accents), two leaders, a code twice', () => {
    const errors = errorsOf([
      member({ memberCode: 'AB12CD34' }),
      member({ fullName: 'nguyen van an', role: 'Thành viên' }),
      member({ fullName: 'Lê Văn C', role: 'Tổ trưởng', memberCode: 'ab12-cd34' }),
    ]);
    expect(errors.map(formatRowError)).toEqual([
      'Dòng 3, cột «Họ và tên»: trùng với thành viên ở dòng 2 trong cùng tổ',
      'Dòng 4, cột «Vai trò»: tổ đã có Tổ trưởng ở dòng 2; mỗi tổ một Tổ trưởng',
      'Dòng 4, cột «Mã thành viên»: mã AB12CD34 trùng với dòng 2',
    ]);
  });

  it('places commune, organisation and province teams', () => {
    const plan = planOf([
      { communeCode: '24133', teamName: 'Tổ công nghệ số phường', fullName: 'A', role: 'Tổ trưởng' },
      { communeCode: '24133', teamName: 'Tổ Trường THCS', teamLevel: 'Tổ chức', fullName: 'B' },
      { communeCode: '66', teamName: 'Tổ công nghệ số tỉnh', teamLevel: 'Tỉnh', fullName: 'C' },
      { communeCode: '66', teamName: 'Tổ Sở Khoa học và Công nghệ', teamLevel: 'Tổ chức', fullName: 'D' },
    ]);
    expect(plan.teams.map((t) => [t.level, t.provinceCode, t.communeCode, t.villageNameFolded])).toEqual([
      ['commune', '66', '24133', null],
      ['organisation', '66', '24133', null],
      ['province', '66', null, null],
      ['organisation', '66', null, null],
    ]);
  });

  it('refuses, naming them, the rows outside the scope: another commune, another province, a province-level team', () => {
    const rows: Cells[] = [
      member(),
      member({ communeCode: '24373', fullName: 'Trần Thị Bình', role: '' }),
      { communeCode: '66', teamName: 'Tổ công nghệ số tỉnh', teamLevel: 'Tỉnh', fullName: 'C' },
      member({ communeCode: '29551', fullName: 'Lê Văn Cường', role: '' }),
      // A pre-2025 code is checked where it leads: old 26881 is now 26882 in Hồ Chí Minh City.
      member({ communeCode: '26881', fullName: 'Phạm Văn Dũng', role: '' }),
    ];
    const refused = (scope: Parameters<typeof validateDirectoryRows>[2]) => {
      const result = validateDirectoryRows(sheet(rows), units, scope);
      return result.ok ? [] : result.errors.map(formatRowError);
    };
    expect(refused({ scope: { communeCode: '24133' } })).toEqual([
      'Dòng 3, cột «Mã xã/phường»: Xã Ea Kar (24373) nằm ngoài phạm vi được sửa (Phường Buôn Ma Thuột (24133))',
      'Dòng 4, cột «Mã xã/phường»: Đắk Lắk (66) nằm ngoài phạm vi được sửa (Phường Buôn Ma Thuột (24133))',
      'Dòng 5, cột «Mã xã/phường»: Phường Long Châu (29551) nằm ngoài phạm vi được sửa (Phường Buôn Ma Thuột (24133))',
      'Dòng 6, cột «Mã xã/phường»: Phường An Hội Tây (26882) nằm ngoài phạm vi được sửa (Phường Buôn Ma Thuột (24133))',
    ]);
    expect(refused({ scope: { provinceCode: '66' } })).toEqual([
      'Dòng 5, cột «Mã xã/phường»: Phường Long Châu (29551) nằm ngoài phạm vi được sửa (Đắk Lắk (66))',
      'Dòng 6, cột «Mã xã/phường»: Phường An Hội Tây (26882) nằm ngoài phạm vi được sửa (Đắk Lắk (66))',
    ]);
    expect(refused({ scope: 'national' })).toEqual([]);
    expect(refused({})).toEqual([]);
  });

  it('refuses rows whose parts do not fit together', () => {
    const errors = errorsOf([
      { communeCode: '24133', fullName: 'Nguyễn Văn An' },
      { communeCode: '24133' },
      { communeCode: '24133', villageName: 'Thôn 1', teamName: 'Tổ 1', teamLevel: 'Xã' },
      { communeCode: '66', villageName: 'Thôn 1', teamName: 'Tổ tỉnh', teamLevel: 'Tỉnh' },
      { communeCode: '24133', villageName: 'Thôn 1', phone: '0912345678' },
      { communeCode: '24133', villageName: 'Hòa Bình' },
    ]);
    expect(errors.map((e) => [e.rowNumber, e.column])).toEqual([
      [2, 'Tên tổ'],
      [3, 'Tên thôn/tổ dân phố'],
      [4, 'Cấp tổ'],
      [5, 'Tên thôn/tổ dân phố'],
      [6, 'Số điện thoại'],
      [7, 'Loại'],
    ]);
  });

  it('writes optional columns only when the file has them', () => {
    const withoutOptional = planOf([member()], header.slice(0, 11));
    expect(withoutOptional.sets).toEqual({ level: false, zaloUrl: false, status: false });
    expect(planOf([member()]).sets).toEqual({ level: true, zaloUrl: true, status: true });
  });
});
