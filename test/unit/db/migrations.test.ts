import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// Migrations are hand-written SQL (they carry triggers, FTS5 tables and WITHOUT
// ROWID that drizzle cannot express), so nothing else ties them to the drizzle
// schema the code queries with. drizzle-kit diffs db/schema against the last
// snapshot in db/migrations/meta: on a copy of the repository it must find
// nothing to migrate, or a schema change shipped without its migration (and
// snapshot).
const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
let work: string | undefined;

afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

describe('db/migrations', () => {
  it('match db/schema: drizzle-kit generate finds no change', async () => {
    work = await mkdtemp(join(tmpdir(), 'cns-migrations-'));
    await cp(join(root, 'db'), join(work, 'db'), { recursive: true });
    await cp(join(root, 'drizzle.config.ts'), join(work, 'drizzle.config.ts'));
    await symlink(join(root, 'node_modules'), join(work, 'node_modules'));
    const before = await readdir(join(work, 'db/migrations'));

    const { stdout } = await exec(process.execPath, [join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate'], {
      cwd: work,
      encoding: 'utf8',
    });

    expect(stdout).toContain('No schema changes');
    expect(await readdir(join(work, 'db/migrations'))).toEqual(before);
  }, 60_000);

  it('every SQL migration is in drizzle’s journal, in order', async () => {
    const sqlFiles = (await readdir(join(root, 'db/migrations'))).filter((f) => f.endsWith('.sql')).sort();
    const { default: journal } = await import('../../../db/migrations/meta/_journal.json', { with: { type: 'json' } });
    expect(journal.entries.map((e: { tag: string }) => `${e.tag}.sql`)).toEqual(sqlFiles);
    // drizzle's migrator skips an entry whose timestamp is not above the one before it.
    const when = journal.entries.map((e: { when: number }) => e.when);
    expect(when.every((w: number, i: number) => i === 0 || w > when[i - 1]!)).toBe(true);
  });
});
