import { expect, test } from '@playwright/test';
import { guideWithSteps } from './site-helpers.ts';
import { finishUtterance, lastSpoken, spoken, stubSpeech } from './speech-stub.ts';

// "Nghe đọc" (issue 12) against a STUB of the Web Speech API (./speech-stub.ts).

test('with a Vietnamese voice (stub), "Nghe đọc" reads the title, then the steps one at a time, with previous, pause and next', async ({ page }) => {
  await stubSpeech(page, [{ name: 'Stub giọng Việt (kiểm thử)', lang: 'vi-VN' }]);
  await page.goto(guideWithSteps);
  const listen = page.getByRole('button', { name: 'Nghe đọc' });
  await expect(listen).toBeVisible();
  // The player is loaded only when used.
  expect(await page.locator('script[src*="player"]').count()).toBe(0);

  const title = (await page.locator('article h1').innerText()).trim();
  const steps = page.locator('.guide-content .steps > ol > li');
  const firstStep = (await steps.first().innerText()).replace(/\s+/g, ' ').trim();
  await listen.click();
  await expect.poll(() => spoken(page)).toEqual([title]);
  await expect(page.locator('article h1')).toHaveClass(/reading-now/);
  const controls = page.getByRole('group', { name: 'Điều khiển nghe đọc' });
  await expect(controls.getByRole('status')).toHaveText('Đang đọc tên hướng dẫn');

  // The voice finishes the title: step 1 follows by itself, and is the one highlighted.
  await finishUtterance(page);
  await expect.poll(() => lastSpoken(page)).toBe(`Bước 1. ${firstStep}`);
  await expect(steps.first()).toHaveClass(/reading-now/);
  await expect(page.locator('article h1')).not.toHaveClass(/reading-now/);
  await expect(controls.getByRole('status')).toHaveText(/^Đang đọc bước 1 trên \d+$/);

  await controls.getByRole('button', { name: 'Bước sau' }).click();
  await expect.poll(() => lastSpoken(page)).toMatch(/^Bước 2\. /);
  await expect(steps.nth(1)).toHaveClass(/reading-now/);
  await controls.getByRole('button', { name: 'Bước trước' }).click();
  await expect.poll(() => lastSpoken(page)).toBe(`Bước 1. ${firstStep}`);

  // Pause: nothing more is read until "Đọc tiếp", which starts the step again.
  await controls.getByRole('button', { name: 'Tạm dừng' }).click();
  await expect(controls.getByRole('status')).toHaveText('Đã tạm dừng');
  const count = (await spoken(page)).length;
  await finishUtterance(page);
  expect((await spoken(page)).length).toBe(count);
  await controls.getByRole('button', { name: 'Đọc tiếp' }).click();
  await expect.poll(() => lastSpoken(page)).toBe(`Bước 1. ${firstStep}`);
  await expect(controls.getByRole('button', { name: 'Tạm dừng' })).toBeVisible();

  await controls.getByRole('button', { name: 'Dừng đọc' }).click();
  await expect(controls).toBeHidden();
  await expect(page.locator('.reading-now')).toHaveCount(0);
});

test('without a Vietnamese voice (stub with English only), the button explains how to add one instead of vanishing (issue 16)', async ({ page }) => {
  await stubSpeech(page, [{ name: 'Stub English voice', lang: 'en-US' }]);
  await page.goto(guideWithSteps);
  await expect(page.locator('article h1')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { speechStub: { asked: { voices: number } } }).speechStub.asked.voices)).toBeGreaterThan(0);
  const explain = page.getByRole('button', { name: 'Nghe đọc: cần giọng tiếng Việt' });
  await expect(explain).toBeVisible();
  await expect(explain).toHaveAttribute('aria-expanded', 'false');
  await explain.click();
  await expect(page.locator('[data-read-aloud-help]')).toBeVisible();
  await expect(page.locator('[data-read-aloud-help]')).toContainText('Text-to-speech');
  await expect(explain).toHaveAttribute('aria-expanded', 'true');
  // Nothing is read: no player was loaded.
  expect((await spoken(page)).length).toBe(0);
});
