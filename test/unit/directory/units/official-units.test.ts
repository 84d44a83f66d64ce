import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../../../site/utils/fold.ts';
import { readOfficialUnits } from '../../../../functions/directory/units/official-units.ts';

describe('readOfficialUnits', () => {
  const units = readOfficialUnits();

  it('gives the 34 provinces and 3,321 communes of Resolution 202/2025/QH15 with the dataset version', () => {
    expect(units.version).toBe('1.1');
    expect(units.packageVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(units.provinces).toHaveLength(34);
    expect(units.communes).toHaveLength(3321);
    expect(new Set(units.provinces.map((p) => p.kind))).toEqual(new Set(['Tỉnh', 'Thành phố Trung Ương']));
    expect(units.provinces.find((p) => p.code === '66')).toEqual({ code: '66', name: 'Đắk Lắk', kind: 'Tỉnh', nameFolded: 'dak lak' });
  });

  it('stores composed (NFC) names and folded names for search', () => {
    for (const commune of units.communes) {
      expect(commune.name).toBe(commune.name.normalize('NFC'));
      expect(commune.nameFolded).toBe(foldVietnamese(commune.name));
    }
    expect(units.communes.find((c) => c.code === '26882')?.name).toBe('Phường An Hội Tây'.normalize('NFC'));
  });

  it('keeps one mapping row per (old, new) pair, only with real old codes and existing new communes', () => {
    const communeCodes = new Set(units.communes.map((c) => c.code));
    const pairs = new Set(units.legacy.map((l) => `${l.oldCode}|${l.newCode}`));
    expect(pairs.size).toBe(units.legacy.length);
    expect(units.legacy.length).toBeGreaterThan(9000);
    for (const row of units.legacy) {
      expect(row.oldCode).toMatch(/^\d{5}$/);
      expect(communeCodes.has(row.newCode)).toBe(true);
    }
    expect(units.legacy).toContainEqual({
      oldCode: '26881',
      oldName: 'Phường 12',
      oldDistrictName: 'Quận Gò Vấp',
      oldProvinceName: 'Thành phố Hồ Chí Minh',
      newCode: '26882',
    });
  });
});
