import { env } from 'cloudflare:test';

/**
 * Every row of every table (sessions excepted: reading a page may renew one):
 * a refused request must leave it byte for byte, audit log included.
 */
export async function databaseSnapshot(): Promise<string> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' AND name NOT IN ('official_sessions', 'member_sessions') ORDER BY name",
  ).all<{ name: string }>();
  const all = await env.DB.batch(tables.results.map(({ name }) => env.DB.prepare(`SELECT * FROM "${name}"`)));
  return JSON.stringify(all.map((r, i) => [tables.results[i]!.name, r.results]));
}
