// A journey walked as a reader would, on a phone and without JavaScript:
// the journey page lists its steps, each guide says where it sits and links
// the next step, and nothing scrolls sideways at 320 px.
import { expect, test } from '@playwright/test';
import { journeyPaths } from './site-helpers.ts';

test.use({ javaScriptEnabled: false });

test('finds the journeys to walk', () => {
  expect(journeyPaths.length).toBeGreaterThanOrEqual(3);
});

for (const path of journeyPaths) {
  test(`${path}: step by step from the journey page to the last guide, without JavaScript`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    const title = (await page.locator('h1').textContent())?.trim() ?? '';
    const steps = page.locator('ol[aria-label="Các bước của lộ trình"] > li');
    const count = await steps.count();
    expect(count).toBeGreaterThanOrEqual(2);
    await expect(steps.first().locator('h2')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    // Open the first guide of step 1, then follow "Bước tiếp theo" to the end.
    await steps.first().locator('a').first().click();
    for (let step = 1; step <= count; step++) {
      const box = page.locator('aside.journey-position p', { hasText: title });
      await expect(box).toContainText(`Thuộc lộ trình: ${title} (Bước ${step}/${count})`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      if (step === count) {
        await expect(box).toContainText('Đây là bước cuối của lộ trình.');
        await box.getByRole('link', { name: title }).click();
        await expect(page).toHaveURL(new RegExp(`${path}$`));
      } else {
        await box.locator('a').nth(1).click();
      }
    }
  });
}
