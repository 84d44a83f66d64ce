import type { Context } from 'hono';
import type { AdminEnv } from './middleware.ts';
import { officialCovers, type Place } from './official.ts';
import { forbiddenPage } from './pages.tsx';
import { communeCodePattern } from '../directory/schemas.ts';

/**
 * Server-side scope check inside a handler (403 page, or 403 JSON under /api/;
 * nothing is changed). Routes declare their scope with the guard instead
 * (functions/auth/guard.ts); this stays for handlers not yet ported to it.
 */
export function denyOutsideScope(c: Context<AdminEnv>, place: Place): Response | Promise<Response> | undefined {
  return officialCovers(c.get('official'), place) ? undefined : forbiddenPage(c, 'scope');
}

/** Place of a commune (its province from the official units), or undefined if unknown. */
export async function communePlace(db: D1Database, communeCode: string): Promise<(Place & { name: string }) | undefined> {
  if (!communeCodePattern.test(communeCode)) return undefined;
  const row = await db
    .prepare('SELECT code, province_code, name FROM communes WHERE code = ?')
    .bind(communeCode)
    .first<{ code: string; province_code: string; name: string }>();
  return row ? { provinceCode: row.province_code, communeCode: row.code, name: row.name } : undefined;
}

/** Place of a member (through their team), or undefined if unknown. */
export async function memberPlace(db: D1Database, memberId: number): Promise<Place | undefined> {
  const row = await db
    .prepare('SELECT t.province_code, t.commune_code FROM members m JOIN teams t ON t.id = m.team_id WHERE m.id = ?')
    .bind(memberId)
    .first<{ province_code: string; commune_code: string | null }>();
  return row ? { provinceCode: row.province_code, communeCode: row.commune_code } : undefined;
}
