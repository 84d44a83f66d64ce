// "Tra lỗi" in dist/ (issue 19, point 3): the list page with its own search box,
// one page per entry — wording, meaning, steps, the guide section it sends you to,
// sources, share and print — each within the guide page budgets, all in the sitemap.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { builtPages, distDir, GUIDE_BLOCKING_BUDGET, GUIDE_JS_BUDGET, kb, measurePage } from '../../scripts/lib/page-weight.ts';
import { errorApps } from '../../site/schemas/error.ts';
import { matchText } from '../../site/utils/error-match.ts';

interface EntryFile {
  message: string;
  app: keyof typeof errorApps;
  guide?: string;
  section?: string;
  draft?: boolean;
}
const errorsDir = fileURLToPath(new URL('../../content/errors/', import.meta.url));
const entries = readdirSync(errorsDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ slug: f.slice(0, -5), data: parseYaml(readFileSync(join(errorsDir, f), 'utf8')) as EntryFile }))
  .filter(({ data }) => data.draft !== true);
const html = (path: string) => readFileSync(join(distDir, path, 'index.html'), 'utf8');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('/tra-loi/', () => {
  const page = html('tra-loi');

  it('lists every published entry by its wording, under its app', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const { slug, data } of entries) {
      expect(page).toContain(`<a href="/tra-loi/${slug}/">“${escapeHtml(data.message)}”</a>`);
      expect(page).toContain(`<h2 id="app-${data.app}">${errorApps[data.app]}</h2>`);
    }
  });

  it('has its own search box, shown by the script, and each item carries its folded wording to match', () => {
    expect(page).toMatch(/<div class="error-finder" data-error-finder hidden>/);
    expect(page).toMatch(/<input id="error-query" type="search"/);
    for (const { data } of entries) {
      expect(page).toContain(`data-error-text="${matchText(`${data.message} ${errorApps[data.app]}`)}"`);
    }
  });
});

describe.each(entries.map((e) => [e.slug, e] as const))('/tra-loi/%s/', (slug, { data }) => {
  const path = `/tra-loi/${slug}/`;
  const page = html(`tra-loi/${slug}`);

  it('shows the wording as its heading, what it means, what to do, and its sources', () => {
    expect(text(/<h1>([\s\S]*?)<\/h1>/.exec(page)?.[1] ?? '')).toBe(`“${data.message}”`);
    expect(page).toMatch(/<h2>Nghĩa là gì<\/h2><p>[^<]{20,}<\/p>/);
    expect(page).toMatch(/<h2>Bạn làm gì<\/h2><ol><li>/);
    expect(page).toMatch(/<section class="guide-sources"[\s\S]*<li>[^<]*(?:<a href="https:\/\/[^"]+" rel="external">)?/);
    expect(page).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">/);
  });

  it('links the guide, at the section it names', () => {
    if (!data.guide) return;
    const link = new RegExp(`<a href="/huong-dan/${data.guide}/(#[^"]+)?">`).exec(page);
    expect(link).not.toBeNull();
    const anchor = link?.[1];
    expect(Boolean(anchor)).toBe(Boolean(data.section));
    if (anchor) expect(html(`huong-dan/${data.guide}`)).toContain(`id="${anchor.slice(1)}"`);
  });

  it('can be shared and printed: its own link, and the buttons', () => {
    expect(page).toMatch(new RegExp(`<input id="share-link" class="share-link" type="url" readonly value="https?://[^"]+${path}"`));
    expect(page).toContain('data-share-print');
    expect(page).toContain('data-share-copy');
  });

  it(`stays within the guide budgets: ${kb(GUIDE_BLOCKING_BUDGET)} blocking, ${kb(GUIDE_JS_BUDGET)} JavaScript`, () => {
    const built = builtPages().find((p) => p.path === path);
    expect(built).toBeDefined();
    const weight = measurePage(built!);
    expect(weight.blockingGzip, kb(weight.blockingGzip)).toBeLessThanOrEqual(GUIDE_BLOCKING_BUDGET);
    expect(weight.jsGzip, kb(weight.jsGzip)).toBeLessThanOrEqual(GUIDE_JS_BUDGET);
    expect(weight.externalRequests).toEqual([]);
  });

  it('is in the sitemap', () => {
    expect(readFileSync(join(distDir, 'sitemap.xml'), 'utf8')).toMatch(new RegExp(`<loc>https?://[^<]+${path}</loc>`));
  });
});

it('builds no page for a draft entry or a file that is gone', () => {
  const built = readdirSync(join(distDir, 'tra-loi')).filter((name) => existsSync(join(distDir, 'tra-loi', name, 'index.html')));
  expect(built.sort()).toEqual(entries.map((e) => e.slug).sort());
});

it('is reachable from the home page', () => {
  expect(html('')).toMatch(/<h2 id="tra-loi"><a href="\/tra-loi\/">/);
});

it('/tra-loi/chi-muc.json gives the guide search every entry: address, wording and app, nothing more (it is fetched with searches)', () => {
  const index = JSON.parse(readFileSync(join(distDir, 'tra-loi', 'chi-muc.json'), 'utf8')) as { url: string; message: string; app: string }[];
  expect(index.map((e) => e.url).sort()).toEqual(entries.map((e) => `/tra-loi/${e.slug}/`).sort());
  for (const { slug, data } of entries) {
    expect(index.find((e) => e.url === `/tra-loi/${slug}/`)).toEqual({
      url: `/tra-loi/${slug}/`,
      message: data.message,
      app: errorApps[data.app],
    });
  }
});
