// `npm test` builds the Worker exactly as `wrangler deploy` would (without
// uploading): a bundle that does not build, or outgrows its budget, fails here
// and not during a deploy. Its startup is profiled too (issue 20).
import { describe, expect, it } from 'vitest';
import {
  buildWorkerBundle,
  WORKER_BUNDLE_BUDGET,
  WORKER_STARTUP_BUDGET_MS,
  workerStartupMilliseconds,
} from '../../scripts/lib/worker-bundle.ts';

describe('Worker bundle (wrangler deploy --dry-run)', () => {
  it(`builds, and stays within ${WORKER_BUNDLE_BUDGET / 1024} KB gzip`, () => {
    const bundle = buildWorkerBundle();
    expect(bundle.log).toContain('--dry-run: exiting now.');
    // Every binding the code uses is declared in wrangler.toml.
    for (const binding of ['env.DB', 'env.ASSETS', 'env.USAGE_QUEUE', 'env.USAGE_RATE_LIMITER', 'env.SITE_URL']) {
      expect(bundle.log).toContain(binding);
    }
    expect(bundle.bytes).toBeGreaterThan(10_000);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(WORKER_BUNDLE_BUDGET);
  }, 120_000);

  it(`starts within ${WORKER_STARTUP_BUDGET_MS} ms of CPU (wrangler check startup)`, () => {
    const startup = workerStartupMilliseconds(3);
    expect(startup.all.every((ms) => ms > 0)).toBe(true);
    expect(startup.fastest).toBeLessThanOrEqual(WORKER_STARTUP_BUDGET_MS);
  }, 180_000);
});
