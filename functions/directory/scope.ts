import type { UnitsLookup } from './import/resolve-commune.ts';

/**
 * The part of the directory a list may touch: the whole country (the CLI, a
 * national admin), one province (a province admin) or one commune (a commune
 * officer). One row outside it rejects the whole file.
 */
export type DirectoryScope = 'national' | { provinceCode: string } | { communeCode: string };

/** Where a row, team or member sits: a commune (and its province) or, for province-level teams, a province only. */
export interface UnitPlace {
  provinceCode: string;
  communeCode: string | null;
}

export function isInScope(scope: DirectoryScope, place: UnitPlace): boolean {
  if (scope === 'national') return true;
  if ('provinceCode' in scope) return place.provinceCode === scope.provinceCode;
  return place.communeCode === scope.communeCode;
}

/** "tỉnh/thành phố Đắk Lắk", "xã/phường Phường Buôn Ma Thuột (24133)": for error messages. */
export function scopeLabel(scope: DirectoryScope, units: Pick<UnitsLookup, 'provinces' | 'communes'>): string {
  if (scope === 'national') return 'cả nước';
  if ('provinceCode' in scope) return `${units.provinces.get(scope.provinceCode)?.name ?? 'tỉnh/thành phố'} (${scope.provinceCode})`;
  return `${units.communes.get(scope.communeCode)?.name ?? 'xã/phường'} (${scope.communeCode})`;
}

/** A place as people read it: "Xã Ea Kar (24373)" or, for a province-level team, "Đắk Lắk (66)". */
export function placeLabel(place: UnitPlace, units: Pick<UnitsLookup, 'provinces' | 'communes'>): string {
  if (place.communeCode !== null) return `${units.communes.get(place.communeCode)?.name ?? 'xã/phường'} (${place.communeCode})`;
  return `${units.provinces.get(place.provinceCode)?.name ?? 'tỉnh/thành phố'} (${place.provinceCode})`;
}
