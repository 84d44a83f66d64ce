import { expect, test } from '@playwright/test';
import { countPdfPages, handoutQrBox, PRINT_CONTENT_HEIGHT_PX, printGuide } from '../../scripts/lib/print-pages.ts';
import { guidePaths } from './site-helpers.ts';

// Every guide printed to PDF in Chromium (issue 12), with the QR code from the
// real Worker (/cong-cu/qr/<slug>.svg), loaded first as the print buttons do.
// "Typical" is the median guide: it must fit 2 A4 pages. Today every guide
// does; a long new guide may take 3, never more, and its summary at most 2.
// (`npm run bench` lists the pages of each guide.)
const MAX_PAGES = 3;
const TYPICAL_PAGES = 2;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

test('every guide prints with its QR code on page 1; a typical guide on 2 A4 pages, its summary on at most 2', async ({ page }) => {
  test.setTimeout(120_000);
  const pages: Record<string, number> = {};
  for (const path of guidePaths) {
    await page.goto(path);
    const qr = await handoutQrBox(page);
    expect(qr.imageLoaded, `${path}: QR image`).toBe(true);
    expect(qr.width, `${path}: QR shown in print`).toBeGreaterThan(100);
    expect(qr.bottom, `${path}: QR on page 1`).toBeLessThan(PRINT_CONTENT_HEIGHT_PX);

    pages[path] = countPdfPages(await printGuide(page, 'full'));
    const summary = countPdfPages(await printGuide(page, 'summary'));
    expect(pages[path], path).toBeGreaterThanOrEqual(1);
    expect(pages[path], path).toBeLessThanOrEqual(MAX_PAGES);
    expect(summary, `${path} (summary)`).toBeLessThanOrEqual(Math.min(TYPICAL_PAGES, pages[path]!));
  }
  console.log('printed pages per guide:', pages);
  expect(median(Object.values(pages))).toBeLessThanOrEqual(TYPICAL_PAGES);
});

test('the printed text is at least 14 pt and the screen tools are left off the paper', async ({ page }) => {
  await page.goto(guidePaths[0]!);
  await page.emulateMedia({ media: 'print' });
  const smallest = await page.evaluate(() => {
    let min = Infinity;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement!;
      if (!node.textContent!.trim() || el.closest('script, style, noscript, template') || !el.checkVisibility()) continue;
      min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
    }
    return min;
  });
  expect(smallest * 0.75, 'smallest printed text, pt').toBeGreaterThanOrEqual(14);
  for (const selector of ['.site-header', '.share-bar', '.helpful', '[data-save-offline]', '[data-read-aloud]', '[data-print-summary]']) {
    await expect(page.locator(selector).first(), selector).toBeHidden();
  }
});

test("with a member code on the phone, the handout QR and link are the member's own", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('camnangso.memberCode', '7KQ2M9XD'));
  const path = guidePaths[0]!;
  await page.goto(path);
  const slug = path.split('/')[2];
  await expect(page.locator('[data-handout-link]')).toHaveText(new RegExp(`/g/${slug}/7KQ2M9XD$`));
  expect(await page.locator('.handout-qr').evaluate((el) => el.style.getPropertyValue('--qr'))).toContain(`/cong-cu/qr/${slug}.svg?ma=7KQ2M9XD`);
});
