// Builds the service worker (site/scripts/offline/sw.ts) into dist/sw.js at the
// end of `astro build`, once every page and file of the build exists: BUILD is
// a hash of them, so the worker (and its cache name) changes exactly when the
// build does, and browsers install it as an update.
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './dist-files.ts';

export const SW_FILE = 'sw.js';

export async function buildHash(outDir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await filesUnder(outDir)).filter((file) => relative(outDir, file) !== SW_FILE);
  for (const file of files)
    hash
      .update(relative(outDir, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  return hash.digest('hex').slice(0, 12);
}

export function offlineWorker(): AstroIntegration {
  return {
    name: 'cam-nang-so:offline-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
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
      },
    },
  };
}
