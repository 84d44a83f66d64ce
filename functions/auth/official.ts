import type { OfficialRole } from '../../db/schema/officials.ts';
import type { DirectoryScope } from '../directory/scope.ts';

export type { OfficialRole };

/** The signed-in official, as every admin route reads it: `c.get('official')`. */
export interface Official {
  id: number;
  username: string;
  displayName: string;
  role: OfficialRole;
  /** Null for a national admin. */
  provinceCode: string | null;
  /** Set only for a commune officer. */
  communeCode: string | null;
  /** Two-step sign-in (TOTP) is turned on. */
  twoFactorEnabled: boolean;
}

/** Where a thing lives: a commune's things carry both codes, a province-level team only the province. */
export interface Place {
  provinceCode: string | null;
  communeCode: string | null;
}

/** Whether the official's scope includes this place (national: everything). */
export function officialCovers(official: Official, place: Place): boolean {
  if (official.role === 'national') return true;
  if (official.role === 'province') return place.provinceCode !== null && place.provinceCode === official.provinceCode;
  return place.communeCode !== null && place.communeCode === official.communeCode;
}

/**
 * Whether `actor` stands above `target` and so may disable it, revoke its
 * invitation, or read its sessions: national above everyone else, a province
 * admin above the commune officers of their province.
 */
export function officialIsAbove(actor: Official, target: Place & { role: OfficialRole }): boolean {
  if (actor.role === 'national') return target.role !== 'national';
  if (actor.role === 'province') return target.role === 'commune' && target.provinceCode === actor.provinceCode;
  return false;
}

/** Roles an official may invite: national → national, province or commune (issue 16: in the app); province → commune. */
export function invitableRoles(official: Official): OfficialRole[] {
  if (official.role === 'national') return ['national', 'province', 'commune'];
  if (official.role === 'province') return ['commune'];
  return [];
}

/** National and province admins must turn on two-step sign-in before they change anything. */
export function mustUseTwoFactor(official: Official): boolean {
  return official.role !== 'commune';
}

export const roleLabels: Record<OfficialRole, string> = {
  national: 'Quản trị toàn quốc',
  province: 'Quản trị tỉnh',
  commune: 'Cán bộ xã',
};

/** The official's scope as the directory import and export take it. */
export function directoryScopeOf(official: Official): DirectoryScope {
  if (official.role === 'national') return 'national';
  if (official.role === 'province') return { provinceCode: official.provinceCode! };
  return { communeCode: official.communeCode! };
}
