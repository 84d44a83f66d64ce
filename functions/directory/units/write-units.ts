import { inArray, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { batch } from '../d1-batch.ts';
import { directoryChangedStatements } from '../directory-changed.ts';
import { datasetInfo } from '../../../db/schema/directory.ts';
import { jsonChunks } from '../json-chunks.ts';
import { type OfficialUnits, readOfficialUnits, unitsDataset, unitsInfoKeys } from './official-units.ts';

/**
 * Loads the official units into D1 unless this dataset version is already
 * there: provinces, communes, the old→new mapping and the dataset's name and
 * version in dataset_info, all in one batch (one transaction). Upserts, so a
 * newer dataset version updates names in place without touching teams.
 */
export async function ensureOfficialUnits(d1: D1Database, units: OfficialUnits = readOfficialUnits()): Promise<'loaded' | 'present'> {
  const db = drizzle(d1);
  const info = await db
    .select()
    .from(datasetInfo)
    .where(inArray(datasetInfo.key, [unitsInfoKeys.version, unitsInfoKeys.packageVersion]));
  const stored = new Map(info.map((row) => [row.key, row.value]));
  if (stored.get(unitsInfoKeys.version) === units.version && stored.get(unitsInfoKeys.packageVersion) === units.packageVersion) {
    return 'present';
  }
  const provinces = jsonChunks(units.provinces).map(
    (chunk) => sql`INSERT INTO provinces (code, name, kind, name_folded)
      SELECT value ->> 'code', value ->> 'name', value ->> 'kind', value ->> 'nameFolded' FROM json_each(${chunk}) WHERE true
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, name_folded = excluded.name_folded`,
  );
  const communes = jsonChunks(units.communes).map(
    (chunk) => sql`INSERT INTO communes (code, province_code, name, name_folded)
      SELECT value ->> 'code', value ->> 'provinceCode', value ->> 'name', value ->> 'nameFolded' FROM json_each(${chunk}) WHERE true
      ON CONFLICT (code) DO UPDATE SET province_code = excluded.province_code, name = excluded.name, name_folded = excluded.name_folded`,
  );
  const legacy = jsonChunks(units.legacy).map(
    (chunk) => sql`INSERT INTO legacy_communes (old_code, old_name, old_district_name, old_province_name, new_code)
      SELECT value ->> 'oldCode', value ->> 'oldName', value ->> 'oldDistrictName', value ->> 'oldProvinceName', value ->> 'newCode'
      FROM json_each(${chunk}) WHERE true
      ON CONFLICT (old_code, new_code) DO UPDATE SET old_name = excluded.old_name,
        old_district_name = excluded.old_district_name, old_province_name = excluded.old_province_name`,
  );
  const unitsInfo = {
    [unitsInfoKeys.dataset]: unitsDataset,
    [unitsInfoKeys.version]: units.version,
    [unitsInfoKeys.packageVersion]: units.packageVersion,
    [unitsInfoKeys.basis]: 'Nghị quyết 202/2025/QH15',
  };
  await batch(d1, [
    ...provinces,
    ...communes,
    ...legacy,
    ...Object.entries(unitsInfo).map(([key, value]) =>
      db.insert(datasetInfo).values({ key, value }).onConflictDoUpdate({ target: datasetInfo.key, set: { value } }),
    ),
    // A commune may have moved to another province: coverage and caches follow.
    ...directoryChangedStatements('all'),
  ]);
  return 'loaded';
}
