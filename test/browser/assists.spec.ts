import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// A demo member (db/seeds/demo-directory.csv, seeded by `npm start`): Nguyễn Văn An,
// Tổ dân phố 1, Phường Buôn Ma Thuột (24133), Đắk Lắk (66).
const MEMBER = 'PY1ME26F';
const COMMUNE_REPORT = '/thong-ke/66/24133/';
// What Zalo's link previewer sends: the app name, no browser engine (see functions/usage/honest-count.ts).
const ZALO_PREVIEWER = 'Zalo-Link-Preview/1.0 (+https://zalo.me)';

/** A fresh sign-in link, issued the way an officer does from the command line. */
function issueLink(baseURL: string): string {
  const out = execFileSync(process.execPath, ['scripts/member-link.ts', MEMBER, '--origin', baseURL], { encoding: 'utf8' });
  return out.trimEnd().split('\n').at(-1)!;
}

/** Member's "today" (Vietnam, UTC+7): the day the form defaults to. */
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

// Several pages and axe runs per test, on a shared 2-core machine.
test.describe.configure({ timeout: 120_000 });

async function expectNoAxeViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function vneidInCommuneReport(page: Page, day: string): Promise<number> {
  // Reports are cacheable for a minute (public, max-age=60): a fresh URL reads the current figures.
  await page.goto(`${COMMUNE_REPORT}?from=${day}&to=${day}&lan=${Date.now()}`);
  const row = page.locator('.assists-report tr', { hasText: 'Kích hoạt VNeID mức 2' });
  if ((await row.count()) === 0) return 0;
  // The first number is people helped (the second, confirmed by citizens: issue 23).
  return Number((await row.locator('td.number').first().innerText()).replace(/\./g, ''));
}

test('a member opens their link, signs in, records 3 people for "VNeID mức 2"; history and commune report show it', async ({ page, request, baseURL }) => {
  const day = vietnamToday();
  const before = await vneidInCommuneReport(page, day);
  const link = issueLink(baseURL!);
  expect(link).toMatch(/\/thanh-vien\/dang-nhap\/[A-Za-z0-9_-]{43}$/);

  // Zalo's previewer fetches the link when it is pasted in the chat: it sees the page, nothing happens.
  const preview = await request.get(link, { headers: { 'user-agent': ZALO_PREVIEWER, accept: '*/*' } });
  expect(preview.status()).toBe(200);
  expect(preview.headers()['set-cookie']).toBeUndefined();

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập khu vực thành viên');
  await expectNoAxeViolations(page, 'main');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/thanh-vien\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xin chào, Nguyễn Văn An');
  await expectNoAxeViolations(page, 'main');

  await page.getByLabel('Kích hoạt VNeID mức 2').check();
  await page.getByLabel('Số người được hỗ trợ').fill('3');
  await expect(page.getByLabel('Ngày hỗ trợ')).toHaveValue(day);
  await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Đã ghi nhận 3 người: Kích hoạt VNeID mức 2.');
  const latest = page.locator('.assist-history li').first();
  await expect(latest).toContainText('Kích hoạt VNeID mức 2 · 3 người');
  // The page fits a 360 px phone: nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // A refused entry explains itself and keeps what was typed.
  await page.getByLabel('Kích hoạt VNeID mức 2').check();
  await page.getByLabel('Số người được hỗ trợ').fill('51');
  await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  await expect(page.getByText('Số người phải là số nguyên từ 1 đến 50.')).toBeVisible();
  await expectNoAxeViolations(page, 'main');

  // The edit page of the new entry.
  await page.goto('/thanh-vien/');
  await page.locator('.assist-history li').first().getByRole('link', { name: 'Sửa hoặc xoá' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sửa ghi nhận hỗ trợ');
  await expectNoAxeViolations(page, 'main');

  expect(await vneidInCommuneReport(page, day)).toBe(before + 3);
  await expect(page.locator('.assists-report')).toContainText('do thành viên tự ghi nhận');
  await expectNoAxeViolations(page, '.assists-report');
});

test('a used link cannot sign in again, and the report section of the demo is accessible', async ({ page, baseURL }) => {
  const link = issueLink(baseURL!);
  await page.goto(link);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/thanh-vien\/$/);
  await page.goto(link);
  await expect(page.locator('main')).toContainText('đã được dùng');
  await page.goto(COMMUNE_REPORT);
  await expect(page.locator('.assists-report svg[role="img"]')).toBeVisible();
  await expectNoAxeViolations(page, '.assists-report');
});

test('a commune officer issues a sign-in link shown as a QR code', async ({ page }) => {
  await page.goto('/quan-tri/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('demo.buonmathuot');
  await page.getByLabel('Mật khẩu').fill('demo-cam-nang-so');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.goto('/quan-tri/ho-tro/thanh-vien/');
  await expectNoAxeViolations(page, 'main');
  await page.getByRole('button', { name: 'Cấp liên kết đăng nhập: Nguyễn Văn An' }).click();
  await expect(page.getByRole('img', { name: 'Mã QR đăng nhập của Nguyễn Văn An' })).toBeVisible();
  await expect(page.getByLabel(/sao chép liên kết/)).toHaveValue(/\/thanh-vien\/dang-nhap\/[A-Za-z0-9_-]{43}$/);
  await expectNoAxeViolations(page, 'main');
  await page.goto('/quan-tri/ho-tro/');
  await expect(page.locator('.assists-report')).toContainText('Theo thành viên');
  await expectNoAxeViolations(page, 'main');
});
