import type { Place } from './official.ts';
import { communeCodePattern } from '../directory/schemas.ts';

/** Place of a commune (its province from the official units), or undefined if unknown. */
export async function communePlace(db: D1Database, communeCode: string): Promise<(Place & { name: string }) | undefined> {
  if (!communeCodePattern.test(communeCode)) return undefined;
  const row = await db
    .prepare('SELECT code, province_code, name FROM communes WHERE code = ?')
    .bind(communeCode)
    .first<{ code: string; province_code: string; name: string }>();
  return row ? { provinceCode: row.province_code, communeCode: row.code, name: row.name } : undefined;
}
