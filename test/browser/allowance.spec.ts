// Issue 23 in Chromium on a 360 px phone, against the real app with its demo
// data (npm start): a commune officer opens the bản đồ điểm nghẽn, the
// allowance sheet, the rates and the honesty checks (axe on each, nothing
// wider than the phone), marks an entry checked, and prints the sheet on A4.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { countPdfPages } from '../../scripts/lib/print-pages.ts';

const officer = { username: 'demo.buonmathuot', password: 'demo-cam-nang-so' };

test.describe.configure({ timeout: 120_000 });

async function expectNoAxeViolations(page: Page) {
  const { violations, passes } = await new AxeBuilder({ page }).include('main').analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  expect(passes.length).toBeGreaterThan(5);
}

async function signIn(page: Page) {
  await page.goto('/quan-tri/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(officer.username);
  await page.getByLabel('Mật khẩu').fill(officer.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/$/);
}

const fitsThePhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

test('a commune officer reads why help stalls, the allowance sheet, the rates and the honesty checks; every page passes axe', async ({ page }) => {
  await signIn(page);
  await page.goto('/quan-tri/ho-tro/');
  await page.getByRole('link', { name: /Bản đồ điểm nghẽn/ }).click();
  await expect(page.locator('h1')).toContainText('Bản đồ điểm nghẽn: Phường Buôn Ma Thuột');
  await expect(page.getByRole('img', { name: /Lý do chưa xong theo tuần/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Tải bảng lý do (CSV)' })).toBeVisible();
  await expectNoAxeViolations(page);
  await fitsThePhone(page);

  await page.goto('/quan-tri/ho-tro/bang-ke/');
  await expect(page.locator('h1')).toContainText('Bảng kê ngày hoạt động');
  await expect(page.locator('.allowance-sheet h2')).toHaveText(['Phường Buôn Ma Thuột, Đắk Lắk']);
  await expect(page.locator('.allowance-signatures')).toContainText('Chủ tịch UBND xã');
  await expectNoAxeViolations(page);
  await fitsThePhone(page);

  await page.goto('/quan-tri/ho-tro/muc-chi/');
  await expect(page.getByLabel('Mỗi thành viên, mỗi ngày hoạt động (đồng)')).toHaveValue('50000');
  await expectNoAxeViolations(page);

  await page.goto('/quan-tri/ho-tro/kiem-tra/');
  const burst = page.locator('li[data-entry]', { hasText: 'Nhiều người được ghi nhận trong vài phút' }).first();
  await expect(burst).toBeVisible();
  await expectNoAxeViolations(page);
  await fitsThePhone(page);
  await burst.getByRole('button', { name: /Đánh dấu đã kiểm tra/ }).click();
  await expect(page.getByRole('status')).toHaveText('Đã đánh dấu ghi nhận là đã kiểm tra.');
  await expect(page.locator('li[data-entry]', { hasText: 'Đã kiểm tra: demo.buonmathuot' }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the allowance sheet prints on A4: the table and signature lines, none of the screen tools', async ({ page }) => {
  await signIn(page);
  await page.goto('/quan-tri/ho-tro/bang-ke/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.no-print')).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'In bảng kê (A4)' })).toBeHidden();
  const table = page.locator('.allowance-table');
  await expect(table).toBeVisible();
  await expect(page.locator('.allowance-signatures')).toContainText('Kế toán');
  // The whole table fits the page: printed at A4 landscape width, nothing cut off on the right.
  await page.setViewportSize({ width: 1047, height: 740 }); // 277 mm of content at 96 dpi
  const fits = await table.evaluate((el) => el.scrollWidth <= (el.parentElement?.clientWidth ?? 0) + 1);
  expect(fits).toBe(true);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
  const pages = countPdfPages(pdf);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
  const mediaBox = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(Buffer.from(pdf).toString('latin1'));
  // A4 landscape in points: 842 × 595.
  expect(Math.round(Number(mediaBox?.[1]))).toBe(842);
  expect(Math.round(Number(mediaBox?.[2]))).toBe(595);
});
