import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Checks over the built site: run after `npm run build` (npm test does).
const dist = join(import.meta.dirname, '../../dist');
const guides = JSON.parse(readFileSync(join(dist, 'du-lieu/huong-dan.json'), 'utf8')) as { slug: string; title: string }[];

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function metaContent(html: string, key: string): string | undefined {
  const tag = html.match(new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`));
  return tag?.[1]?.replace(/&amp;/g, '&');
}

describe('link preview images and meta tags', () => {
  it('has guides to check', () => {
    expect(guides.length).toBeGreaterThan(0);
    // Every built guide page is in the catalog the checks iterate.
    expect(readdirSync(join(dist, 'huong-dan')).sort()).toEqual(guides.map((g) => g.slug).sort());
  });

  it.each(guides)('$slug: a 1200×630 PNG at /og/$slug.png', ({ slug }) => {
    const file = join(dist, 'og', `${slug}.png`);
    expect(existsSync(file)).toBe(true);
    expect(pngSize(file)).toEqual({ width: 1200, height: 630 });
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
