// The section registry (functions/sections.ts) against wrangler.toml: the
// Worker runs before the static assets exactly where a section says it owns
// the answer, no more (a static page would pay for a Worker run) and no less
// (a route would never be reached once deployed).
import { describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { runWorkerFirst, sections } from '../../functions/sections.ts';

const config = unstable_readConfig({ config: 'wrangler.toml' });

describe('section registry', () => {
  it('lists exactly the run_worker_first patterns of wrangler.toml', () => {
    const listed = config.assets?.run_worker_first;
    expect(Array.isArray(listed)).toBe(true);
    expect([...(listed as string[])].sort()).toEqual(runWorkerFirst().sort());
  });

  it('declares each section once, and every path of a section inside it', () => {
    const roots = sections.map((s) => s.root);
    expect(new Set(roots).size).toBe(roots.length);
    for (const section of sections) {
      for (const { path } of section.paths ?? []) expect(path === section.root || path.startsWith(`${section.root}/`)).toBe(true);
    }
  });

  it('a section missing from the registry, or an extra one, is told apart', () => {
    const fewer = runWorkerFirst(sections.filter((s) => s.root !== '/cong-cu'));
    expect(fewer.sort()).not.toEqual([...(config.assets!.run_worker_first as string[])].sort());
  });
});
