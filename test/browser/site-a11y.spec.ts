import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { samplePages } from './site-helpers.ts';

const pages = [
  ['home', samplePages.home, 200],
  ['topics', samplePages.topics, 200],
  ['topic', samplePages.topic, 200],
  ['guide', samplePages.guide, 200],
  ['about', samplePages.about, 200],
  ['journeys', samplePages.journeys, 200],
  ['journey', samplePages.journey, 200],
  ['guide in a journey', samplePages.guideInJourney, 200],
  ['404', samplePages.notFound, 404],
] as const;

for (const [name, path, status] of pages) {
  test(`axe finds no violations on ${name} (${path})`, async ({ page }) => {
    const res = await page.goto(path);
    expect(res?.status()).toBe(status);
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(summary).toEqual([]);
    // Guard against a vacuous pass: axe did run its checks on this page.
    expect(results.passes.length).toBeGreaterThan(10);
  });
}
