// /ky-nang-so/ (issue 19 point 5) in Chromium at 360 px: no accessibility
// violations, no sideways scrolling, and reachable from the footer.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('axe finds no violations on /ky-nang-so/, and it fits 320 and 360 px', async ({ page }) => {
  const res = await page.goto('/ky-nang-so/');
  expect(res?.status()).toBe(200);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(10);
  for (const width of [360, 320]) {
    await page.setViewportSize({ width, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${width} px`).toBeLessThanOrEqual(0);
  }
});

test('the footer leads to /ky-nang-so/', async ({ page }) => {
  await page.goto('/');
  await page.locator('footer').getByRole('link', { name: 'Kỹ năng số' }).click();
  await expect(page).toHaveURL(/\/ky-nang-so\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kỹ năng số theo khung quốc gia');
});
