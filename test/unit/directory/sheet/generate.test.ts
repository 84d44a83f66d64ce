import { describe, expect, it } from 'vitest';
import { directoryColumns } from '../../../../functions/directory/sheet/columns.ts';
import { generateDirectoryRows } from '../../../../functions/directory/sheet/generate.ts';
import { readOfficialUnits } from '../../../../functions/directory/units/official-units.ts';
import { parseRows } from '../../../../functions/directory/import/parse-rows.ts';
import type { LegacyCommune } from '../../../../functions/directory/import/resolve-commune.ts';
import { validateDirectoryRows } from '../../../../functions/directory/import/validate.ts';

const { communes, provinces } = readOfficialUnits();

describe('generateDirectoryRows', () => {
  it('has the national shape: ~0.8 teams and ~4 members per village, every village and team once', () => {
    const rows = generateDirectoryRows(communes, { villages: 10_000 });
    const at = (key: string) => directoryColumns.findIndex((c) => c.key === key);
    const villages = new Set(rows.filter((r) => r[at('villageName')]).map((r) => `${r[0]}|${r[at('villageName')]}`));
    const teams = new Set(rows.filter((r) => r[at('teamName')]).map((r) => `${r[0]}|${r[at('villageName')]}|${r[at('teamName')]}`));
    const members = rows.filter((r) => r[at('fullName')]);
    const communeTeams = new Set(rows.filter((r) => r[at('teamLevel')] === 'Xã').map((r) => r[0])).size;
    expect(villages.size).toBe(10_000);
    // Village teams in ~77% of villages with 3–7 members; plus a 4-member team per commune.
    expect((teams.size - communeTeams) / villages.size).toBeCloseTo(0.77, 1);
    expect((members.length - 4 * communeTeams) / villages.size).toBeCloseTo(0.77 * 5, 0);
    // Spread over the whole country.
    expect(new Set(rows.map((r) => r[0])).size).toBeGreaterThan(3000);
  });

  it('is a valid team list (so imports of it measure writing, not errors)', () => {
    const rows = generateDirectoryRows(communes, { villages: 3_000, maxRows: 5_000 });
    expect(rows).toHaveLength(5_000);
    const sheet = parseRows([{ rowNumber: 1, cells: directoryColumns.map((c) => c.header) }, ...rows.map((cells, i) => ({ rowNumber: i + 2, cells }))]);
    const result = validateDirectoryRows(sheet, {
      provinces: new Map(provinces.map((p) => [p.code, { name: p.name }])),
      communes: new Map(communes.map((c) => [c.code, { provinceCode: c.provinceCode, name: c.name }])),
      legacy: new Map<string, LegacyCommune[]>(),
    });
    expect(result.ok ? [] : result.errors.slice(0, 3)).toEqual([]);
  });

  it('gives the same rows for the same seed and different rows for another', () => {
    const a = generateDirectoryRows(communes, { villages: 200, seed: 1 });
    expect(generateDirectoryRows(communes, { villages: 200, seed: 1 })).toEqual(a);
    expect(generateDirectoryRows(communes, { villages: 200, seed: 2 })).not.toEqual(a);
  });
});
