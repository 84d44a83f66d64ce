// Search must cost nothing to readers who never use it: a guide page loads no
// Pagefind file, and the search box (markup + its inline loader) stays ≤ 1 KB gzip.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtPages, distDir, gzipSize } from '../../scripts/lib/page-weight.ts';

const guidePages = builtPages()
  .filter((page) => page.type === 'guide')
  .map((page) => ({ slug: page.path, html: readFileSync(page.file, 'utf8') }));

/** The search box's own bytes in a page: its wrapper element and the inline script that loads the rest. */
function searchBoxBytes(html: string): { markup: string; loader: string } {
  const markup = /<div class="search-box">[\s\S]*?<\/form>\s*<\/div>/.exec(html)?.[0] ?? '';
  const loader = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[0])
    .filter((script) => script.includes('data-search-box'))
    .join('');
  return { markup, loader };
}

describe('search on guide pages', () => {
  it('finds the guide pages', () => {
    expect(guidePages.length).toBeGreaterThan(0);
  });

  it.each(guidePages.map((p) => [p.slug, p.html] as const))('%s references no Pagefind file', (_slug, html) => {
    expect(html).not.toMatch(/pagefind/i);
  });

  it.each(guidePages.map((p) => [p.slug, p.html] as const))('%s loads the search script only on demand (no <script src> or preload of it)', (_slug, html) => {
    const tags = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map((m) => m[0]);
    expect(tags.filter((tag) => /search-box|search-ui/.test(tag))).toEqual([]);
  });

  it.each(guidePages.map((p) => [p.slug, p.html] as const))('%s: search box ≤ 1 KB gzip', (_slug, html) => {
    const { markup, loader } = searchBoxBytes(html);
    expect(markup, 'search box markup').toContain('action="/tim-kiem/"');
    expect(loader, 'inline loader').toMatch(/focusin/);
    const gzip = gzipSize(markup + loader);
    expect(gzip).toBeLessThanOrEqual(1024);
  });

  it('the loader points at a script that exists in dist/', () => {
    const html = guidePages[0]?.html ?? '';
    const src = /["'`](\/_astro\/search-box[^"'`]+\.js)["'`]/.exec(searchBoxBytes(html).loader)?.[1];
    expect(src).toBeDefined();
    expect(existsSync(join(distDir, src!))).toBe(true);
  });
});
