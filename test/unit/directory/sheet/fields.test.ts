import { describe, expect, it } from 'vitest';
import {
  formatDate,
  parseDate,
  parseRole,
  parseTeamLevel,
  parseTeamStatus,
  parseUnitCode,
  parseVillageKind,
  parseYesNo,
  parseZaloUrl,
} from '../../../../functions/directory/sheet/fields.ts';

const value = <T>(result: { ok: true; value: T } | { ok: false; reason: string }) => {
  if (!result.ok) throw new Error(result.reason);
  return result.value;
};

describe('parseDate', () => {
  it.each([
    ['15/08/2025', '2025-08-15'],
    ['5/8/2025', '2025-08-05'],
    ['05-08-2025', '2025-08-05'],
    ['05.08.2025', '2025-08-05'],
    ['2025-08-05', '2025-08-05'],
    ['29/02/2024', '2024-02-29'],
    ['', null],
  ])('reads %s as dd/mm/yyyy', (text, iso) => {
    expect(value(parseDate(text))).toBe(iso);
  });

  it.each(['31/02/2025', '29/02/2025', '13/13/2025', '08/15/2025', '15/08/25', 'mười lăm tháng tám', '15/08/1800'])('rejects %s', (text) => {
    const result = parseDate(text);
    expect(result.ok).toBe(false);
  });

  it('formats back to dd/mm/yyyy', () => {
    expect(formatDate('2025-08-05')).toBe('05/08/2025');
    expect(formatDate(null)).toBe('');
  });
});

describe('parseYesNo', () => {
  it.each(['Có', 'có', 'CO', 'co', 'x', 'X', 'yes', 'Đồng ý'])('%s is yes', (text) => expect(value(parseYesNo(text))).toBe(true));
  it.each(['Không', 'khong', 'KHÔNG', 'no', '', ' ', '0'])('%s is no', (text) => expect(value(parseYesNo(text))).toBe(false));
  it('rejects anything else', () => expect(parseYesNo('có lẽ').ok).toBe(false));
});

describe('parseRole', () => {
  it.each([
    ['Tổ trưởng', 'to_truong'],
    ['to truong', 'to_truong'],
    ['TỔ PHÓ', 'to_pho'],
    ['Thành viên', 'thanh_vien'],
    ['thanh vien', 'thanh_vien'],
    ['', 'thanh_vien'],
  ])('%s → %s', (text, role) => expect(value(parseRole(text))).toBe(role));
  it('rejects other titles', () => expect(parseRole('Chủ tịch').ok).toBe(false));
});

describe('parseVillageKind', () => {
  it('reads the Loại cell without accents', () => {
    expect(value(parseVillageKind('to dan pho', 'TDP Hòa Bình'))).toBe('tổ dân phố');
    expect(value(parseVillageKind('Buôn', 'Buôn Ea Tu'))).toBe('buôn');
    expect(value(parseVillageKind('AP', 'Tân Lập'))).toBe('ấp');
  });
  it('infers the kind from the name when the cell is empty, longest prefix first', () => {
    expect(value(parseVillageKind('', 'Thôn 3'))).toBe('thôn');
    expect(value(parseVillageKind('', 'Khu phố 2'))).toBe('khu phố');
    expect(value(parseVillageKind('', 'Khu 2'))).toBe('khu');
    expect(value(parseVillageKind('', 'tổ dân phố 5'))).toBe('tổ dân phố');
  });
  it('asks for the kind when neither tells it', () => {
    const result = parseVillageKind('', 'Hòa Bình');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('Loại');
    expect(parseVillageKind('phố', 'Hòa Bình').ok).toBe(false);
  });
});

describe('parseZaloUrl', () => {
  it('accepts https://zalo.me/… links (and adds https to zalo.me/…)', () => {
    expect(value(parseZaloUrl('https://zalo.me/g/abcdef123'))).toBe('https://zalo.me/g/abcdef123');
    expect(value(parseZaloUrl('zalo.me/g/abcdef123'))).toBe('https://zalo.me/g/abcdef123');
    expect(value(parseZaloUrl(''))).toBeNull();
  });
  it.each([
    'http://zalo.me/g/abc',
    'https://zalo.me/',
    'https://zalo.me.evil.example/g/abc',
    'https://example.com/zalo.me/g',
    'javascript:alert(1)',
    'zalo nhóm thôn',
  ])('rejects %s', (text) => expect(parseZaloUrl(text).ok).toBe(false));
});

describe('team level and status', () => {
  it('reads levels in words people use', () => {
    expect(value(parseTeamLevel('Thôn'))).toBe('village');
    expect(value(parseTeamLevel('xa/phuong'))).toBe('commune');
    expect(value(parseTeamLevel('Tỉnh'))).toBe('province');
    expect(value(parseTeamLevel('Tổ chức'))).toBe('organisation');
    expect(value(parseTeamLevel(''))).toBeNull();
    expect(parseTeamLevel('Huyện').ok).toBe(false);
  });
  it('reads status, active by default', () => {
    expect(value(parseTeamStatus(''))).toBe(true);
    expect(value(parseTeamStatus('Đang hoạt động'))).toBe(true);
    expect(value(parseTeamStatus('da giai the'))).toBe(false);
    expect(parseTeamStatus('tạm nghỉ').ok).toBe(false);
  });
});

describe('parseUnitCode', () => {
  it('restores leading zeros a spreadsheet dropped', () => {
    expect(parseUnitCode('2647', 5)).toBe('02647');
    expect(parseUnitCode('02647', 5)).toBe('02647');
    expect(parseUnitCode('4', 2)).toBe('04');
  });
  it('rejects what is not a code', () => {
    expect(parseUnitCode('123456', 5)).toBeNull();
    expect(parseUnitCode('12a45', 5)).toBeNull();
    expect(parseUnitCode('123', 2)).toBeNull();
  });
});
