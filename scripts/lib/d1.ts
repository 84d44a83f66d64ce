import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getPlatformProxy, unstable_readConfig } from 'wrangler';

/**
 * D1 from Node scripts (seed, import, export, bench) through wrangler's
 * getPlatformProxy: the same binding code as the Worker (drizzle's d1 driver,
 * `batch()` = one transaction) on the same local state `wrangler dev` and
 * `wrangler d1 migrations apply --local` use (.wrangler/state/v3), or with
 * `--remote` on the deployed database through wrangler's remote bindings.
 */
export interface DirectoryDb {
  d1: D1Database;
  /** Where the data goes, for messages: "local (.wrangler/state)" or "remote (…)". */
  target: string;
  dispose(): Promise<void>;
}

export interface DbTarget {
  remote: boolean;
  /** Like wrangler's --persist-to: the folder that holds v3/ (default .wrangler/state). */
  persistTo?: string;
  configPath?: string;
}

const defaultConfigPath = 'wrangler.toml';
export const defaultPersistTo = '.wrangler/state';

/**
 * Reads --remote and --persist-to <dir> (same meaning as wrangler's flags)
 * and returns the other arguments.
 */
export function parseDbArgs(args: string[]): { target: DbTarget; rest: string[]; flags: Record<string, string | boolean | undefined> } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: false,
    options: { remote: { type: 'boolean' }, 'persist-to': { type: 'string' } },
  });
  if (values.remote && values['persist-to']) throw new Error('--remote and --persist-to cannot be used together');
  const persistTo = typeof values['persist-to'] === 'string' ? values['persist-to'] : undefined;
  return { target: { remote: values.remote === true, ...(persistTo ? { persistTo } : {}) }, rest: positionals, flags: values };
}

/**
 * A wrangler config holding only the D1 binding, marked `remote: true`:
 * getPlatformProxy then connects that binding to the deployed database
 * (needs `wrangler login` or CLOUDFLARE_API_TOKEN, and network).
 */
export function remoteD1Config(configPath: string): Record<string, unknown> {
  const config = unstable_readConfig({ config: configPath });
  const databases: { binding: string; database_name?: string; database_id?: string; migrations_dir?: string }[] = config.d1_databases;
  const database = databases.find((d) => d.binding === 'DB');
  if (!database) throw new Error(`${configPath}: no D1 binding named DB`);
  return {
    name: config.name,
    compatibility_date: config.compatibility_date,
    d1_databases: [
      {
        binding: 'DB',
        database_name: database.database_name,
        database_id: database.database_id,
        ...(database.migrations_dir ? { migrations_dir: resolve(dirname(configPath), database.migrations_dir) } : {}),
        remote: true,
      },
    ],
  };
}

export async function openDirectoryDb(target: DbTarget): Promise<DirectoryDb> {
  const configPath = target.configPath ?? defaultConfigPath;
  if (target.remote) {
    const remoteConfigPath = resolve('.wrangler/tmp/directory-remote-d1.json');
    await mkdir(dirname(remoteConfigPath), { recursive: true });
    await writeFile(remoteConfigPath, JSON.stringify(remoteD1Config(configPath), null, 2));
    const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: remoteConfigPath, remoteBindings: true, persist: false });
    return { d1: proxy.env.DB, target: 'remote (Cloudflare D1)', dispose: proxy.dispose };
  }
  const persistTo = target.persistTo ?? defaultPersistTo;
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath,
    persist: { path: join(persistTo, 'v3') },
    remoteBindings: false,
  });
  return { d1: proxy.env.DB, target: `local (${persistTo})`, dispose: proxy.dispose };
}

/** A D1Session (see import-file.ts) that opens the database for each piece of work. */
export function directorySession(target: DbTarget): <T>(work: (d1: D1Database) => Promise<T>) => Promise<T> {
  return (work) => withDirectoryDb(target, ({ d1 }) => work(d1));
}

/** Opens the database, runs `work`, always closes the proxy (its workerd child would keep Node alive). */
export async function withDirectoryDb<T>(target: DbTarget, work: (db: DirectoryDb) => Promise<T>): Promise<T> {
  const db = await openDirectoryDb(target);
  try {
    return await work(db);
  } finally {
    await db.dispose();
  }
}
