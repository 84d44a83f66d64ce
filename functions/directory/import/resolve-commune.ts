/** The official units an import is checked against (read from D1 by the writer). */
export interface UnitsLookup {
  provinces: Map<string, { name: string }>;
  communes: Map<string, { provinceCode: string; name: string }>;
  /** Old (pre-1 July 2025) code → every new commune it became. */
  legacy: Map<string, LegacyCommune[]>;
}

export interface LegacyCommune {
  oldName: string;
  oldDistrictName: string;
  oldProvinceName: string;
  newCode: string;
}

export type CommuneResolution =
  | { ok: true; code: string; provinceCode: string; mappedFrom?: LegacyCommune & { oldCode: string } }
  | { ok: false; reason: string };

/**
 * Resolves a commune code written in a team list. Old and new codes overlap
 * (old 26882 and new 26882 are different wards), so a code that is a current
 * commune code is taken as is; otherwise it is looked up as a pre-2025 code:
 * one new commune → that commune; several → an error naming the candidates,
 * because guessing would put a team in the wrong commune.
 */
export function resolveCommuneCode(code: string, units: UnitsLookup): CommuneResolution {
  const current = units.communes.get(code);
  if (current) return { ok: true, code, provinceCode: current.provinceCode };
  const olds = units.legacy.get(code) ?? [];
  const newCodes = [...new Set(olds.map((old) => old.newCode))].filter((newCode) => units.communes.has(newCode));
  if (newCodes.length === 0) {
    return { ok: false, reason: `không có xã/phường mã ${code} (kể cả mã trước 1/7/2025)` };
  }
  const old = olds[0]!;
  const oldLabel = `${old.oldName}, ${old.oldDistrictName}, ${old.oldProvinceName}`;
  if (newCodes.length > 1) {
    const candidates = newCodes.map((newCode) => `${newCode} ${units.communes.get(newCode)!.name}`).join('; ');
    return {
      ok: false,
      reason: `mã cũ ${code} (${oldLabel}) nay thuộc nhiều xã/phường: ${candidates} — ghi mã mới của xã/phường đúng`,
    };
  }
  const newCode = newCodes[0]!;
  const mapped = olds.find((o) => o.newCode === newCode)!;
  return { ok: true, code: newCode, provinceCode: units.communes.get(newCode)!.provinceCode, mappedFrom: { ...mapped, oldCode: code } };
}
