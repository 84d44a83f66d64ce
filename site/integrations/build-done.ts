// The steps that finish `astro build`, in one hook so that the two that do not
// read each other's output overlap: the search index (mostly waiting for
// Pagefind's own process) and the CSP hashes (reading every page) run at once;
// the service worker comes last, its build id a hash of everything they wrote.
// Astro runs integrations' hooks one after another, so as separate
// integrations they could only run in a row (issue 20).
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './dist-files.ts';
import { writeOfflineWorker } from './offline.ts';
import { writeSearchIndex } from './search-index.ts';
import { writeSecurityHeaders } from './security-headers.ts';

export function buildDone(): AstroIntegration {
  return {
    name: 'cam-nang-so:build-done',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        // Listed once, before either step writes or deletes anything.
        const files = await filesUnder(outDir);
        const steps = await Promise.allSettled([
          writeSearchIndex(outDir, files, logger.fork('cam-nang-so:search-index')),
          writeSecurityHeaders(outDir, files, logger.fork('cam-nang-so:security-headers')),
        ]);
        // Both finish (Pagefind's process closed) before the build fails on either.
        for (const step of steps) if (step.status === 'rejected') throw step.reason;
        await writeOfflineWorker(outDir, logger.fork('cam-nang-so:offline-worker'));
      },
    },
  };
}
