import { readFile, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { toStarlightMdx } from '../../../scripts/bench-build.ts';

// The build bench compares against a stock Starlight site made of the same
// guides: our authoring components must become Starlight's own, or Starlight
// would fail (or be measured on less content).
describe('bench-build: guides as Starlight MDX', () => {
  it('keeps the frontmatter, imports Steps and Aside, and maps every Callout to an Aside', async () => {
    const dir = 'content/guides';
    const files = (await readdir(dir)).filter((f) => f.endsWith('.mdx'));
    let callouts = 0;
    for (const file of files) {
      const mdx = await readFile(`${dir}/${file}`, 'utf8');
      const converted = toStarlightMdx(mdx);
      const frontmatter = mdx.slice(0, mdx.indexOf('\n---', 4) + 4);
      expect(converted.startsWith(frontmatter)).toBe(true);
      expect(converted).toContain("import { Steps, Aside } from '@astrojs/starlight/components';");
      expect(converted).not.toMatch(/<\/?Callout\b/);
      callouts += (mdx.match(/<Callout\b/g) ?? []).length;
      expect((converted.match(/<Aside\b/g) ?? []).length).toBe((mdx.match(/<Callout\b/g) ?? []).length);
      expect(converted).not.toMatch(/<Aside type="warning"/);
    }
    expect(callouts).toBeGreaterThan(10);
  });
});
