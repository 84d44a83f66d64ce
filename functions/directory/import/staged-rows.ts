import { sql } from 'drizzle-orm';
import type { PlannedMember, PlannedTeam, PlannedVillage } from './validate.ts';

/** Staged rows (JSON arrays, see `layout`): id null = a new row. */
export type StagedValue = string | number | null;

/**
 * Staged rows are JSON arrays (half the bytes of objects); a layout names each
 * position once, for the encoder (diff.ts) and the `j.value ->> i AS column`
 * list in SQL (apply.ts).
 */
function layout<T>(columns: Record<string, (row: T) => StagedValue>) {
  const names = Object.keys(columns);
  return {
    encode: (row: T) => names.map((name) => columns[name]!(row)),
    select: sql.raw(names.map((name, i) => `j.value ->> ${i} AS ${name}`).join(', ')),
  };
}

type WithId<T> = T & { id: number | null };
type StagedMemberRow = WithId<PlannedMember> & { code: string };

export const villageLayout = layout<WithId<PlannedVillage>>({
  id: (v) => v.id,
  commune_code: (v) => v.communeCode,
  name: (v) => v.name,
  kind: (v) => v.kind,
  name_folded: (v) => v.nameFolded,
});
const placeColumns = {
  province_code: (p: { provinceCode: string }) => p.provinceCode,
  commune_code: (p: { communeCode: string | null }) => p.communeCode,
  village_folded: (p: { villageNameFolded: string | null }) => p.villageNameFolded,
};
export const teamLayout = layout<WithId<PlannedTeam>>({
  id: (t) => t.id,
  ...placeColumns,
  level: (t) => t.level,
  name: (t) => t.name,
  name_folded: (t) => t.nameFolded,
  zalo_url: (t) => t.zaloUrl,
  decision_number: (t) => t.decisionNumber,
  decision_date: (t) => t.decisionDate,
  active: (t) => (t.active ? 1 : 0),
});
export const memberLayout = layout<StagedMemberRow>({
  id: (m) => m.id,
  ...placeColumns,
  team_folded: (m) => m.teamNameFolded,
  code: (m) => m.code,
  full_name: (m) => m.fullName,
  name_folded: (m) => m.nameFolded,
  role: (m) => m.role,
  position: (m) => m.position,
  phone: (m) => m.phone,
  publish_contact: (m) => (m.publishContact ? 1 : 0),
});
