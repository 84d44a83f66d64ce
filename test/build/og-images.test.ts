import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Checks over the built site: run after `npm run build` (npm test does).
const dist = join(import.meta.dirname, '../../dist');
const guides = JSON.parse(readFileSync(join(dist, 'du-lieu/huong-dan.json'), 'utf8')) as { slug: string; title: string }[];

function metaContent(html: string, key: string): string | undefined {
  const tag = html.match(new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`));
  return tag?.[1]?.replace(/&amp;/g, '&');
}

describe('link preview meta tags', () => {
  it('has guides to check', () => {
    expect(guides.length).toBeGreaterThan(0);
    // Every built guide page is in the catalog the checks iterate.
    expect(readdirSync(join(dist, 'huong-dan')).sort()).toEqual(guides.map((g) => g.slug).sort());
  });

  // Issue 20: the images are drawn at the edge on first request (test/worker/og-images.test.ts
  // shows /og/<slug>.png answering 200 image/png, 1200×630), so the build spends nothing on them.
  it('renders no preview image at build time: dist/ has no og/ folder for the assets to shadow the Worker with', () => {
    expect(existsSync(join(dist, 'og'))).toBe(false);
  });

  it.each(guides)('$slug: og and twitter tags point to the absolute image and canonical URL', ({ slug, title }) => {
    const html = readFileSync(join(dist, 'huong-dan', slug, 'index.html'), 'utf8');
    const canonical = html.match(/<link rel="canonical" href="([^"]+)"/)?.[1];
    expect(canonical).toBeDefined();
    const pageUrl = new URL(canonical!);
    expect(pageUrl.pathname).toBe(`/huong-dan/${slug}/`);
    expect(metaContent(html, 'og:url')).toBe(canonical);

    const image = new URL(metaContent(html, 'og:image')!);
    expect(image.href).toBe(metaContent(html, 'og:image'));
    expect(image.origin).toBe(pageUrl.origin);
    expect(image.pathname).toBe(`/og/${slug}.png`);
    expect(metaContent(html, 'og:image:width')).toBe('1200');
    expect(metaContent(html, 'og:image:height')).toBe('630');

    expect(metaContent(html, 'og:title')).toContain(title);
    expect(metaContent(html, 'og:description')?.length).toBeGreaterThanOrEqual(30);
    expect(metaContent(html, 'og:locale')).toBe('vi_VN');
    expect(metaContent(html, 'twitter:card')).toBe('summary_large_image');
  });
});
