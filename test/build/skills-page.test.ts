// /ky-nang-so/ in the built site (dist/): every skill area of the framework file
// (QĐ 757/QĐ-BKHCN) with exactly the published guides that name its code, every
// published guide under some area once the file holds areas, the
// way to the learning platform, the sitemap, the footer link, and the page budgets.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { isDraft, parseGuide } from '../../scripts/lib/content-rules.ts';
import { distDir, GUIDE_BLOCKING_BUDGET, GUIDE_JS_BUDGET, kb, measurePage } from '../../scripts/lib/page-weight.ts';
import { ui } from '../../site/i18n/ui.ts';
import { loadSkillFramework } from '../../site/utils/skill-framework.ts';
import { skillsPlatformUrl } from '../../site/utils/urls.ts';

const contentDir = fileURLToPath(new URL('../../content/', import.meta.url));
const framework = loadSkillFramework(contentDir);
const guides = readdirSync(join(contentDir, 'guides'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => parseGuide(f, readFileSync(join(contentDir, 'guides', f), 'utf8')))
  .filter((g) => !isDraft(g));
const journeys = readdirSync(join(contentDir, 'journeys'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ slug: f.slice(0, -5), data: parseYaml(readFileSync(join(contentDir, 'journeys', f), 'utf8')) as { skills?: string[]; draft?: boolean } }))
  .filter((j) => !j.data.draft);

const pageFile = join(distDir, 'ky-nang-so', 'index.html');
const page = existsSync(pageFile) ? readFileSync(pageFile, 'utf8') : '';
const text = (h: string) =>
  h
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
const guideLinks = (h: string) => [...h.matchAll(/href="\/huong-dan\/([^/"]+)\/"/g)].map((m) => m[1]);
const section = (code: string) => new RegExp(`<section[^>]*data-skill="${code.replace('.', '\\.')}"[^>]*>([\\s\\S]*?)</section>`).exec(page)?.[1];

describe('/ky-nang-so/', () => {
  it('is built with its title', () => {
    expect(page).not.toBe('');
    expect(text(/<h1[^>]*>[\s\S]*?<\/h1>/.exec(page)?.[0] ?? '')).toBe(ui.skills.title);
  });

  it('shows one section per skill area of the framework file, in its order, or says the list is pending', () => {
    const shown = [...page.matchAll(/data-skill="([^"]+)"/g)].map((m) => m[1]);
    expect(shown).toEqual(framework.areas.map((area) => area.code));
    expect(page.includes('data-skills-pending')).toBe(framework.areas.length === 0);
  });

  it.each(framework.areas.map((area) => [area.code, area] as const))(
    'area %s: its code and name as the Decision gives them, and exactly the published guides naming it',
    (code, area) => {
      const html = section(code) ?? '';
      expect(text(html)).toContain(ui.skills.areaHeading(area.code, area.name));
      const expected = guides.filter((g) => ((g.frontmatter.skills as string[] | undefined) ?? []).includes(code)).map((g) => g.slug);
      expect(guideLinks(html).sort()).toEqual(expected.sort());
      for (const journey of journeys.filter((j) => j.data.skills?.includes(code))) expect(html).toContain(`href="/lo-trinh/${journey.slug}/"`);
      if (area.course) expect(html).toContain(`href="${area.course}"`);
    },
  );

  it('lists every published guide under at least one area once the framework holds areas (none before)', () => {
    const listed = new Set(framework.areas.flatMap((area) => guideLinks(section(area.code) ?? '')));
    expect([...listed].sort()).toEqual(framework.areas.length ? guides.map((g) => g.slug).sort() : []);
  });

  it('links the learning platform home and the guide on how to learn there', () => {
    expect(page).toContain(`href="${skillsPlatformUrl}"`);
    expect(page).toContain('href="/huong-dan/hoc-tren-binh-dan-hoc-vu-so/"');
  });

  it('is in the sitemap and linked from the footer of every page', () => {
    expect(readFileSync(join(distDir, 'sitemap.xml'), 'utf8')).toContain('/ky-nang-so/</loc>');
    for (const other of ['index.html', 'chu-de/index.html', 'huong-dan/hoc-tren-binh-dan-hoc-vu-so/index.html']) {
      expect(readFileSync(join(distDir, other), 'utf8')).toMatch(/<footer[\s\S]*href="\/ky-nang-so\/"[\s\S]*<\/footer>/);
    }
  });

  it('keeps the guide pages’ budgets: ≤ 14 KB blocking gzip, ≤ 4 KB own JS, CSS inlined', () => {
    const weight = measurePage({ path: '/ky-nang-so/', file: pageFile, type: 'other' });
    expect(weight.blockingGzip, kb(weight.blockingGzip)).toBeLessThanOrEqual(GUIDE_BLOCKING_BUDGET);
    expect(weight.jsGzip, kb(weight.jsGzip)).toBeLessThanOrEqual(GUIDE_JS_BUDGET);
    expect(weight.linkedCssGzip).toBe(0);
    expect(weight.externalRequests).toEqual([]);
  });
});
