// Builds the service worker (site/scripts/offline/sw.ts) into dist/sw.js at the
// end of `astro build`, once every page and file of the build exists: BUILD is
// a hash of them, so the worker (and its cache name) changes exactly when the
// build does, and browsers install it as an update.
import type { AstroIntegrationLogger } from 'astro';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './dist-files.ts';

export const SW_FILE = 'sw.js';

const READ_BATCH = 64;

export async function buildHash(outDir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await filesUnder(outDir)).filter((file) => relative(outDir, file) !== SW_FILE);
  // Read a batch at once, hashed in order: one file read at a time kept the
  // thread pool idle between them (2,400 files in a 1,000-guide build).
  for (let at = 0; at < files.length; at += READ_BATCH) {
    const batch = files.slice(at, at + READ_BATCH);
    const contents = await Promise.all(batch.map((file) => readFile(file)));
    for (const [i, file] of batch.entries()) hash.update(relative(outDir, file)).update('\0').update(contents[i]!).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** Writes dist/sw.js, its build id a hash of every other file of the build: run by build-done.ts after every other step. */
export async function writeOfflineWorker(outDir: string, logger: AstroIntegrationLogger): Promise<void> {
  const id = await buildHash(outDir);
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../scripts/offline/sw.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    define: { BUILD: JSON.stringify(id) },
    write: false,
    legalComments: 'none',
    charset: 'utf8',
  });
  const code = result.outputFiles[0]!.contents;
  await writeFile(join(outDir, SW_FILE), code);
  logger.info(`${SW_FILE}: build ${id}, ${code.byteLength} bytes`);
}
