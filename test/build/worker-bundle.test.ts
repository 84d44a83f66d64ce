// `npm test` builds the Worker exactly as `wrangler deploy` would (without
// uploading): a bundle that does not build, or outgrows its budget, fails here
// and not during a deploy. Its startup is profiled too (issue 20).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildWorkerBundle,
  WORKER_BUNDLE_BUDGET,
  WORKER_STARTUP_BUDGET_MS,
  workerStartupMilliseconds,
  type WorkerBundle,
} from '../../scripts/lib/worker-bundle.ts';

/** The bindings the code declares (functions/env.ts, interface Env). */
function declaredBindings(): string[] {
  const source = readFileSync('functions/env.ts', 'utf8');
  const body = /export interface Env \{([\s\S]*?)\n\}/.exec(source)![1]!;
  return [...body.matchAll(/^\s+([A-Z][A-Z0-9_]*)\??:/gm)].map((m) => m[1]!);
}

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const readPackage = (dir: string): PackageJson => JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as PackageJson;

/** `dependencies` and everything they depend on, transitively (what `npm install --omit=dev` keeps). */
function productionPackages(): Set<string> {
  const seen = new Set<string>();
  const queue = Object.keys(readPackage('.').dependencies ?? {});
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    try {
      queue.push(...Object.keys(readPackage(`node_modules/${name}`).dependencies ?? {}));
    } catch {
      // Nested or optional: its parent is already production.
    }
  }
  return seen;
}

/** One dry-run build for every check below. */
let built: WorkerBundle | undefined;
const builtBundle = () => (built ??= buildWorkerBundle());

describe('Worker bundle (wrangler deploy --dry-run)', () => {
  it(`builds with every binding the code declares, from production packages only, and stays within ${WORKER_BUNDLE_BUDGET / 1024} KB gzip`, () => {
    const bundle = builtBundle();
    expect(bundle.log).toContain('--dry-run: exiting now.');
    // Every binding the code declares (functions/env.ts) is bound by wrangler.toml.
    const bindings = declaredBindings();
    expect(bindings.length).toBeGreaterThanOrEqual(10);
    expect(bindings.filter((name) => !new RegExp(`^env\\.${name}\\b`, 'm').test(bundle.log))).toEqual([]);
    // What the Worker bundles is installed by `dependencies`, not by devDependencies.
    expect(bundle.packages.length).toBeGreaterThan(5);
    const production = productionPackages();
    expect(bundle.packages.filter((p) => !production.has(p))).toEqual([]);
    expect(bundle.bytes).toBeGreaterThan(10_000);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(WORKER_BUNDLE_BUDGET);
  }, 120_000);

  it("carries zod's English texts only, not its other locale packs (wrangler.toml [alias])", () => {
    const bundle = builtBundle();
    const zodFiles = Object.keys(bundle.files).filter((file) => file.includes('node_modules/zod/'));
    expect(zodFiles.length).toBeGreaterThan(10);
    expect(zodFiles.filter((file) => file.includes('/locales/'))).toEqual([expect.stringMatching(/\/locales\/en\.js$/)]);
    expect(Object.keys(bundle.files)).toContain('functions/zod-without-locales/classic.ts');
  }, 120_000);

  it(`starts within ${WORKER_STARTUP_BUDGET_MS} ms of CPU (wrangler check startup)`, () => {
    const startup = workerStartupMilliseconds(3);
    expect(startup.all.every((ms) => ms > 0)).toBe(true);
    expect(startup.fastest).toBeLessThanOrEqual(WORKER_STARTUP_BUDGET_MS);
  }, 180_000);
});
