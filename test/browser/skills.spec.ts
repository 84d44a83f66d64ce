// /ky-nang-so/ (issue 19 point 5) in Chromium at 360 px: no accessibility
// violations, no sideways scrolling, and reachable from the footer; and the member
// area shows a signed-in member where people learn for the digital-skills confirmation.
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ui } from '../../site/i18n/ui.ts';
import { skillsPlatformUrl } from '../../site/utils/urls.ts';

// A demo member (db/seeds/demo-directory.csv, seeded by `npm start`).
const MEMBER = 'PY1ME26F';

/** A fresh sign-in link, issued the way an officer does from the command line. */
function issueLink(baseURL: string): string {
  const out = execFileSync(process.execPath, ['scripts/member-link.ts', MEMBER, '--origin', baseURL], { encoding: 'utf8' });
  return out.trimEnd().split('\n').at(-1)!;
}

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

test('a signed-in member sees the courses for the confirmation: the platform home and the skills page, which opens', async ({ page, baseURL }) => {
  await page.goto(issueLink(baseURL!));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/thanh-vien\/$/);

  const courses = page.getByRole('region', { name: ui.skills.memberHeading });
  await expect(courses).toBeVisible();
  await expect(courses).toContainText('VNeID');
  await expect(courses.getByRole('link', { name: ui.skills.memberPlatformLink })).toHaveAttribute('href', skillsPlatformUrl);
  const { violations } = await new AxeBuilder({ page }).include('section[aria-labelledby="ky-nang-so"]').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await courses.getByRole('link', { name: ui.skills.memberSkillsLink }).click();
  await expect(page).toHaveURL(/\/ky-nang-so\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.skills.title);
});
