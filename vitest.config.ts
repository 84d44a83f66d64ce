import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const migrations = await readD1Migrations(fileURLToPath(new URL('./db/migrations', import.meta.url)));

export default defineConfig({
  test: {
    projects: [
      {
        // Plain Node: pure functions, the content pipeline and checks over dist/.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/build/**/*.test.ts'], environment: 'node' },
      },
      {
        // The Worker in workerd with a real (local) D1, migrated like production.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['./test/worker/apply-migrations.ts'],
        },
      },
    ],
  },
});
