import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { searchVocabularyPlugin } from './site/integrations/search-index.ts';
import { ogImagesWorker } from './test/worker/og-images-worker.ts';

const migrations = await readD1Migrations(fileURLToPath(new URL('./db/migrations', import.meta.url)));

/**
 * wrangler.toml's [alias] table (exact import paths, as wrangler applies them
 * when it bundles), so the Worker under test resolves imports the way the
 * deployed one does (zod without its locale packs, issue 20).
 */
function wranglerAliases() {
  const table = /^\[alias\]\n((?:\w[\w-]* = "[^"]+"\n)+)/m.exec(readFileSync(new URL('./wrangler.toml', import.meta.url), 'utf8'))?.[1] ?? '';
  return [...table.matchAll(/^(\w[\w-]*) = "([^"]+)"$/gm)].map(([, find, replacement]) => ({
    find: new RegExp(`^${find}$`),
    replacement: fileURLToPath(new URL(replacement!, import.meta.url)),
  }));
}

export default defineConfig({
  test: {
    projects: [
      {
        // Plain Node: pure functions, the content pipeline and checks over dist/.
        // The search script's build-time module (the guides' spelling vocabulary), as in the build.
        plugins: [searchVocabularyPlugin(fileURLToPath(new URL('./content/guides/', import.meta.url)))],
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/build/**/*.test.ts'], environment: 'node' },
      },
      {
        // The Worker in workerd with a real (local) D1, migrated like production.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: { TEST_MIGRATIONS: migrations },
              // The preview image Worker behind OG_IMAGES (issue 20), bundled like wrangler bundles it.
              workers: [await ogImagesWorker()],
              // Usage events: flush the queue quickly so tests wait milliseconds, not wrangler.toml's 5 s.
              queueConsumers: { 'cam-nang-so-usage': { maxBatchSize: 100, maxBatchTimeout: 0.2, maxRetries: 5 } },
            },
          }),
        ],
        resolve: { alias: wranglerAliases() },
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['./test/worker/apply-migrations.ts'],
        },
      },
    ],
  },
});
