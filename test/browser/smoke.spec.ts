import { expect, test } from '@playwright/test';

test('the Worker serves the built home page', async ({ page }) => {
  const res = await page.goto('/');
  expect(res?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});
