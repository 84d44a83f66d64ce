import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tasks } from '../../../functions/assists/tasks.ts';
import { isDraft, readGuides } from '../../../scripts/lib/content-rules.ts';

const guidesDir = fileURLToPath(new URL('../../../content/guides/', import.meta.url));

describe('assist tasks', () => {
  // A renamed guide keeps working on the site through content/redirects.yaml,
  // but the form and reports would silently drop the old slug: keep them in step.
  it('link only to guides that are published', () => {
    const { guides, problems } = readGuides(guidesDir);
    expect(problems).toEqual([]);
    const published = new Set(guides.filter((g) => !isDraft(g)).map((g) => g.slug));
    const missing = tasks.flatMap((t) => t.guides.filter((slug) => !published.has(slug)).map((slug) => `${t.id} → ${slug}`));
    expect(missing).toEqual([]);
  });
});
