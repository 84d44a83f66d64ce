import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * A new local D1 in a temporary folder (wrangler's --persist-to), migrated by
 * wrangler itself exactly as `npm run db:migrate` does: for benches and script
 * tests that must start from an empty database. Quiet unless wrangler fails.
 */
export async function freshLocalD1(prefix: string): Promise<string> {
  const persistTo = await mkdtemp(join(tmpdir(), prefix));
  try {
    await exec('node_modules/.bin/wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo], {
      env: { ...process.env, CI: '1' },
    });
  } catch (error) {
    await rm(persistTo, { recursive: true, force: true });
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`wrangler d1 migrations apply failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
  return persistTo;
}
