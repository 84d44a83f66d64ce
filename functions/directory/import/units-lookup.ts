import { inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { communes, legacyCommunes, provinces } from '../../../db/schema/directory.ts';
import { inJson, jsonChunks } from '../json-chunks.ts';
import type { LegacyCommune, UnitsLookup } from './resolve-commune.ts';

/**
 * The official units as the validator needs them, read from D1 (the source of
 * truth, local or remote): all provinces and communes, and the pre-2025
 * mappings of those codes of the file that are not current commune codes.
 */
export async function loadUnitsLookup(d1: D1Database, codesInFile: Iterable<string>): Promise<UnitsLookup> {
  const db = drizzle(d1);
  const [provinceRows, communeRows] = await Promise.all([
    db.select({ code: provinces.code, name: provinces.name }).from(provinces),
    db.select({ code: communes.code, provinceCode: communes.provinceCode, name: communes.name }).from(communes),
  ]);
  const communeCodes = new Set(communeRows.map((c) => c.code));
  const oldCodes = [...new Set(codesInFile)].filter((code) => !communeCodes.has(code));
  const legacy = new Map<string, LegacyCommune[]>();
  for (const chunk of jsonChunks(oldCodes)) {
    const rows = await db
      .select()
      .from(legacyCommunes)
      .where(inArray(legacyCommunes.oldCode, inJson(chunk)));
    for (const { oldCode, ...row } of rows) legacy.set(oldCode, [...(legacy.get(oldCode) ?? []), row]);
  }
  return {
    provinces: new Map(provinceRows.map(({ code, name }) => [code, { name }])),
    communes: new Map(communeRows.map(({ code, ...rest }) => [code, rest])),
    legacy,
  };
}
