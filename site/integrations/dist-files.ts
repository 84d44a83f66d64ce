// The one walk of the built site the build integrations share (the service
// worker's build hash, the CSP hashes, the search records).
import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';

/** Every file under `dir`, as absolute paths in a stable (sorted) order. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Whether `file` lies inside the folder `dir` (both absolute). */
export const isUnder = (dir: string, file: string): boolean => file.startsWith(`${dir}${sep}`);
