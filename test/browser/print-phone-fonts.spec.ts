import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { countPdfPages, printGuide } from '../../scripts/lib/print-pages.ts';
import { guidePaths } from './site-helpers.ts';

// Issue 16: a guide's handout prints on 2 A4 pages with the fonts of a stock
// Android phone, not only with this machine's. Android prints in Roboto; this
// machine has none, so the print font stack's first name is given Noto Sans
// (Android's own fallback family, at least as wide as Roboto) from
// @fontsource/noto-sans: if the handouts fit in it, they fit on the phone.
const fontDir = join(dirname(fileURLToPath(import.meta.resolve('@fontsource/noto-sans/400.css'))));
const phoneFontCss = ['400', '700']
  .map((weight) =>
    readFileSync(join(fontDir, `${weight}.css`), 'utf8')
      .replaceAll("font-family: 'Noto Sans'", "font-family: 'Roboto'")
      // Only the subsets Vietnamese text needs, inlined (woff2 only).
      .replace(/url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)(, url\([^)]+\) format\('woff'\))?/g, (_, file: string) =>
        /latin|vietnamese/.test(file)
          ? `url(data:font/woff2;base64,${readFileSync(join(fontDir, 'files', file)).toString('base64')}) format('woff2')`
          : 'local("none")',
      ),
  )
  .join('\n');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

test('with a phone’s font (Noto Sans as Roboto), a typical guide prints on 2 A4 pages, none on more than 3, and every summary on at most 2', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // The site's CSP allows only its own inline styles: the test's font face comes in past it.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const pages: Record<string, number> = {};
  for (const path of guidePaths) {
    await page.goto(path);
    await page.addStyleTag({ content: phoneFontCss });
    // Loaded before printing (the screen uses other fonts, so nothing would load them in time).
    const loaded = await page.evaluate(async () =>
      (await Promise.all(['400 14pt Roboto', '700 14pt Roboto'].map((font) => document.fonts.load(font, 'Tiếng Việt có dấu')))).map((faces) => faces.length),
    );
    expect(
      loaded.every((n) => n > 0),
      'phone font loaded',
    ).toBe(true);
    pages[path] = countPdfPages(await printGuide(page, 'full'));
    expect(pages[path], path).toBeLessThanOrEqual(3);
    // The long guides' handout is their summary ("In bản tóm tắt"): 2 pages on the phone too.
    expect(countPdfPages(await printGuide(page, 'summary')), `${path} (summary)`).toBeLessThanOrEqual(2);
  }
  console.log('printed pages per guide with a phone font:', pages);
  expect(median(Object.values(pages))).toBeLessThanOrEqual(2);
  await context.close();
});
