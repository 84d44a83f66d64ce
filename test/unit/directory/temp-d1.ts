import { readD1Migrations } from '@cloudflare/vitest-plugin';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDirectoryDb } from '../../../scripts/lib/d1.ts';
import type { D1Session } from '../../../functions/directory/import/import-file.ts';

/**
 * A real local D1 (wrangler's getPlatformProxy, as the scripts use it) in a
 * temporary folder, migrated with the project's migrations the way
 * applyD1Migrations does in the Worker tests.
 */
export interface TempD1 {
  d1: D1Database;
  persistTo: string;
  session: D1Session;
  dispose(): Promise<void>;
}

export async function openTempD1(): Promise<TempD1> {
  const persistTo = await mkdtemp(join(tmpdir(), 'directory-d1-'));
  const db = await openDirectoryDb({ remote: false, persistTo });
  for (const migration of await readD1Migrations('db/migrations')) {
    await db.d1.batch(migration.queries.map((query) => db.d1.prepare(query)));
  }
  return {
    d1: db.d1,
    persistTo,
    session: (work) => work(db.d1),
    async dispose() {
      await db.dispose();
      await rm(persistTo, { recursive: true, force: true });
    },
  };
}

export async function tableCounts(d1: D1Database): Promise<Record<string, number>> {
  const tables = ['provinces', 'communes', 'legacy_communes', 'villages', 'teams', 'members', 'directory_import_chunks'];
  const results = await d1.batch(tables.map((table) => d1.prepare(`SELECT count(*) AS n FROM ${table}`)));
  return Object.fromEntries(tables.map((table, i) => [table, (results[i]!.results[0] as { n: number }).n]));
}
