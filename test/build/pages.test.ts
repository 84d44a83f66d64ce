import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../astro.config.mjs';
import { builtPages } from '../../scripts/lib/page-weight.ts';
import { builtGuideSlugs } from '../../scripts/lib/published-urls.ts';
import { distDir } from '../../scripts/lib/page-weight.ts';

const site = String(config.site);
const pages = builtPages().map((page) => ({ ...page, html: readFileSync(page.file, 'utf8') }));
const readers = pages.filter((p) => p.type !== 'shell');
const byType = (type: string) => pages.filter((p) => p.type === type);
const text = (html: string) => html.replace(/<[^>]+>/g, '');

const count = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].length;
const attr = (html: string, selector: RegExp) => selector.exec(html)?.[1];

describe('every page a reader sees', () => {
  it.each(readers.map((p) => [p.path, p] as const))('%s is Vietnamese, titled, with one <h1> in main#main', (_path, { html }) => {
    expect(html).toMatch(/<html lang="vi"/);
    expect(html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1"/);
    expect(attr(html, /<title>([^<]+)<\/title>/)).toMatch(/Cẩm nang số/);
    expect(attr(html, /<meta name="description" content="([^"]+)"/)?.length).toBeGreaterThan(20);
    expect(count(html, /<main id="main"/g)).toBe(1);
    expect(count(html, /<h1[\s>]/g)).toBe(1);
    expect(html).toMatch(/<a class="skip-link" href="#main">/);
    expect(html).toMatch(/role="search"/);
  });
});

describe('indexable pages', () => {
  it.each(readers.filter((p) => p.type !== '404' && p.type !== 'offline').map((p) => [p.path, p] as const))(
    '%s has an absolute canonical URL and Open Graph basics',
    (path, { html }) => {
      const canonical = new URL(path, site).href;
      expect(attr(html, /<link rel="canonical" href="([^"]+)"/)).toBe(canonical);
      expect(attr(html, /<meta property="og:url" content="([^"]+)"/)).toBe(canonical);
      expect(html).toMatch(/<meta property="og:title" content="[^"]+"/);
      expect(html).toMatch(/<meta property="og:locale" content="vi_VN"/);
      expect(html).toMatch(/<meta property="og:site_name" content="Cẩm nang số"/);
      expect(html).toMatch(/<meta name="twitter:card" content="summary_large_image"/);
    },
  );
});

describe('guide pages', () => {
  const guides = byType('guide');
  it.each(guides.map((p) => [p.path, p] as const))('%s has breadcrumb, duration, content, sources and reviewed date', (_path, { html }) => {
    expect(html).toMatch(/<nav class="breadcrumbs" aria-label="Bạn đang ở">[\s\S]*href="\/chu-de\/[a-z-]+\/"/);
    expect(text(html)).toMatch(/Khoảng \d+ phút/);
    expect(html).toMatch(/<div class="guide-content">[\s\S]*?<(p|ol|div|ul|h2)\b/);
    expect(html).toMatch(/<section class="guide-sources"[\s\S]*<a href="https:\/\/[^"]+" rel="external">/);
    expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">\d{2}\/\d{2}\/\d{4}<\/time>/);
    expect(html).toMatch(/<meta property="og:type" content="article"/);
  });

  it.each(guides.map((p) => [p.path, p] as const))('%s asks "Hướng dẫn này có giúp ích không?" with a no-JS form the Worker answers', (path, { html }) => {
    const section = /<section class="helpful" id="gop-y"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(text(section)).toContain('Hướng dẫn này có giúp ích không?');
    // functions/routes/helpful.ts: POST /huong-dan/<slug>/gop-y/ with answer=yes|no.
    expect(section).toMatch(new RegExp(`<form method="post" action="${path}gop-y/" data-helpful-question>`));
    expect(section).toMatch(/<button type="submit" name="answer" value="yes">Có<\/button>/);
    expect(section).toMatch(/<button type="submit" name="answer" value="no"[^>]*>Không<\/button>/);
    // functions/middleware/feedback-thanks.ts reveals this after the vote.
    expect(section).toMatch(/<p role="status" data-helpful-thanks hidden>[^<]+<\/p>/);
  });

  // A hidden {/* source */} comment between two items ends the list in MDX and starts a
  // new one (kich-hoat-tai-khoan-vneid-muc-2 showed a split troubleshooting list this way);
  // the content checker rejects the source, this checks what readers get.
  it.each(guides.map((p) => [p.path, p] as const))('%s never runs one list straight into another', (_path, { html }) => {
    const content = /<div class="guide-content">[\s\S]*<\/div>/.exec(html)?.[0] ?? '';
    expect(content).toMatch(/<[ou]l[\s>]/);
    expect(content.match(/<\/(ul|ol)>\s*<\1[\s>]/g) ?? []).toEqual([]);
  });

  it('builds exactly the guides that are not drafts', () => {
    const dir = new URL('../../content/guides/', import.meta.url);
    const notDrafts = readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .filter((f) => {
        const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(new URL(f, dir), 'utf8'))?.[1] ?? '';
        return !/^draft:\s*true\s*$/m.test(frontmatter);
      })
      .map((f) => f.replace(/\.mdx$/, ''))
      .sort();
    expect(builtGuideSlugs()).toEqual(notDrafts);
  });
});

describe('404 page', () => {
  it('is in Vietnamese, not indexed, and points home, to the topics and to search', () => {
    const [page] = byType('404');
    expect(page).toBeDefined();
    expect(page!.html).toMatch(/<meta name="robots" content="noindex"/);
    expect(page!.html).not.toMatch(/rel="canonical"/);
    expect(text(page!.html)).toContain('Không tìm thấy trang');
    expect(page!.html).toMatch(/<main[^>]*>[\s\S]*href="\/"[\s\S]*href="\/tim-kiem\/"[\s\S]*href="\/chu-de\/[a-z-]+\/"/);
  });
});

describe('the Worker page frame /khung-trang/', () => {
  const [shell] = byType('shell');
  it('has what renderInShell rewrites: title, description, canonical, an empty main#main', () => {
    expect(shell).toBeDefined();
    const html = shell!.html;
    expect(html).toMatch(/<title>[^<]*<\/title>/);
    expect(html).toMatch(/<meta name="description" content(="[^"]*")?>/);
    expect(html).toMatch(/<link rel="canonical" href="[^"]+">/);
    expect(html).toMatch(/<main id="main"[^>]*><\/main>/);
    expect(html).toMatch(/<meta name="robots" content="noindex">/);
  });
});

describe('sitemap.xml and robots.txt', () => {
  const sitemap = readFileSync(`${distDir}/sitemap.xml`, 'utf8');
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);

  it('lists home, about, topics and every guide by absolute URL', () => {
    const expected = pages.filter((p) => ['home', 'about', 'topics', 'topic', 'guide'].includes(p.type)).map((p) => new URL(p.path, site).href);
    expect(expected.length).toBeGreaterThan(4);
    expect([...locs].sort()).toEqual(expect.arrayContaining(expected.sort()));
    expect(locs.every((loc) => loc?.startsWith(site))).toBe(true);
  });

  it('leaves out the 404 page and the Worker frame', () => {
    expect(locs.filter((loc) => /404|khung-trang/.test(loc ?? ''))).toEqual([]);
  });

  it('robots.txt points at the sitemap', () => {
    const robots = readFileSync(`${distDir}/robots.txt`, 'utf8');
    expect(robots).toContain(`Sitemap: ${new URL('/sitemap.xml', site).href}`);
    expect(robots).toMatch(/^User-agent: \*$/m);
  });
});
