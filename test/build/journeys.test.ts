// Journey pages and the "Thuộc lộ trình" box on guides, checked in the built
// HTML (dist/): readable without JavaScript, every step and link in order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { distDir } from '../../scripts/lib/page-weight.ts';

const journeysDir = fileURLToPath(new URL('../../content/journeys/', import.meta.url));
interface JourneyFile {
  title: string;
  steps: { title: string; guides: string[] }[];
  draft?: boolean;
}
const journeys = readdirSync(journeysDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ slug: f.slice(0, -5), data: parseYaml(readFileSync(join(journeysDir, f), 'utf8')) as JourneyFile }))
  .filter((j) => !j.data.draft);

const html = (path: string) => readFileSync(join(distDir, path, 'index.html'), 'utf8');
/** Visible text with tags dropped and entities that matter here decoded. */
const text = (h: string) =>
  h
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
const guideTitle = (slug: string) => /<h1[^>]*>([^<]+)<\/h1>/.exec(html(`huong-dan/${slug}`))?.[1];

describe('journeys', () => {
  it('has at least three published journeys', () => {
    expect(journeys.length).toBeGreaterThanOrEqual(3);
  });

  it('lists every journey on /lo-trinh/ and on the home page', () => {
    for (const page of ['lo-trinh', '.']) {
      const h = html(page);
      for (const { slug, data } of journeys) {
        expect(h).toContain(`href="/lo-trinh/${slug}/"`);
        expect(text(h)).toContain(data.title);
      }
    }
  });

  it('lists every journey page in the sitemap', () => {
    const sitemap = readFileSync(join(distDir, 'sitemap.xml'), 'utf8');
    for (const { slug } of journeys) expect(sitemap).toContain(`/lo-trinh/${slug}/</loc>`);
  });

  describe.each(journeys.map((j) => [j.slug, j] as const))('/lo-trinh/%s/', (slug, { data }) => {
    const page = existsSync(join(distDir, 'lo-trinh', slug, 'index.html')) ? html(`lo-trinh/${slug}`) : '';

    it('is built, titled, and needs no JavaScript to show its steps', () => {
      expect(page).not.toBe('');
      expect(text(/<h1[^>]*>[\s\S]*?<\/h1>/.exec(page)?.[0] ?? '')).toBe(data.title);
      expect(page).toMatch(/<ol aria-label="Các bước của lộ trình"[^>]*>/);
    });

    it('shows the steps in order, each linking its guides by their titles', () => {
      const steps = [...page.matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]);
      expect(steps).toEqual(data.steps.map((s) => s.title));
      const links = [...page.matchAll(/<a href="\/huong-dan\/([^/]+)\/"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
      expect(links).toEqual(data.steps.flatMap((s) => s.guides.map((g) => [g, guideTitle(g)])));
    });

    it.each(data.steps.flatMap((step, i) => step.guides.map((g) => [g, i] as const)))(
      'guide %s says "Thuộc lộ trình" with its step and the next one',
      (guide, index) => {
        const box = /<aside class="journey-position"[\s\S]*?<\/aside>/.exec(html(`huong-dan/${guide}`))?.[0] ?? '';
        const line = text(box.split('</p>').find((p) => p.includes(`/lo-trinh/${slug}/`)) ?? '');
        expect(line).toContain(`Thuộc lộ trình: ${data.title} (Bước ${index + 1}/${data.steps.length}).`);
        const next = data.steps[index + 1];
        if (next) {
          expect(line).toContain(`Bước tiếp theo: ${next.title}`);
          expect(box).toContain(`href="/huong-dan/${next.guides[0]}/"`);
        } else {
          expect(line).toContain('Đây là bước cuối của lộ trình.');
        }
      },
    );
  });

  it('shows no journey box on a guide outside every journey', () => {
    const inJourney = new Set(journeys.flatMap((j) => j.data.steps.flatMap((s) => s.guides)));
    const outside = readdirSync(join(distDir, 'huong-dan')).filter(
      (slug) => !inJourney.has(slug) && existsSync(join(distDir, 'huong-dan', slug, 'index.html')),
    );
    // Not vacuous: there are such guides, and the marker looked for is the one a guide in a journey has.
    expect(outside.length).toBeGreaterThan(0);
    expect(html(`huong-dan/${[...inJourney][0]}`)).toContain('<aside class="journey-position"');
    for (const slug of outside) expect(html(`huong-dan/${slug}`)).not.toContain('<aside class="journey-position"');
  });
});
