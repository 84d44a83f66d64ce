// "Tra lỗi" in Chromium at 360 px (issue 19, point 3): the box narrows the list as
// people type (no diacritics, partial, pasted), an entry page shares and prints,
// both pass axe, fit the screen, and run under the Content-Security-Policy.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const ENTRY = '/tra-loi/vneid-he-thong-dang-bao-tri/';

function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

async function expectAccessibleAndNarrow(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(10);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('/tra-loi/: typing narrows the list, without diacritics, partly, or pasted', async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto('/tra-loi/');
  const box = page.getByLabel('Chữ trong thông báo');
  await expect(box).toBeVisible();
  const visibleLinks = page.locator('.error-list li:visible a');
  const all = await visibleLinks.count();
  expect(all).toBeGreaterThan(3);

  await box.fill('he thong dang bao tri');
  await expect(visibleLinks).toHaveCount(1);
  await expect(visibleLinks.first()).toHaveAttribute('href', ENTRY);

  await box.fill('“Hệ thống đang bảo trì.\nVui lòng');
  await expect(visibleLinks).toHaveCount(1);

  // A word cut short, as pasted from a screenshot ("tinh n…"); "thiết bị … hỗ trợ" alone is in two bank messages.
  await box.fill('thiet bi khong ho tro tinh n');
  await expect(visibleLinks).toHaveCount(1);
  await expect(page.locator('[data-error-count]')).toHaveText('1 thông báo khớp');

  await box.fill('khong co thong bao nao nhu the nay');
  await expect(visibleLinks).toHaveCount(0);
  await expect(page.locator('[data-error-count]')).toContainText('Chưa có thông báo nào khớp');

  await box.fill('');
  await expect(visibleLinks).toHaveCount(all);
  await expectAccessibleAndNarrow(page);
  expect(violations).toEqual([]);
});

test('/tra-loi/?q= fills the box from a shared link', async ({ page }) => {
  await page.goto('/tra-loi/?q=bao+tri');
  await expect(page.getByLabel('Chữ trong thông báo')).toHaveValue('bao tri');
  await expect(page.locator('.error-list li:visible a')).toHaveCount(1);
});

test('an entry page: what to do, the guide section, share and print', async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto(ENTRY);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('“Hệ thống đang bảo trì. Vui lòng thử lại sau”');
  await expect(page.getByRole('heading', { name: 'Bạn làm gì' })).toBeVisible();
  const guide = page.locator('.error-guide a');
  await expect(guide).toHaveAttribute('href', /\/huong-dan\/kich-hoat-tai-khoan-vneid-muc-2\/#/);
  await expect(page.getByRole('button', { name: 'Sao chép liên kết' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'In trang này' })).toBeVisible();
  await expect(page.locator('#share-link')).toHaveValue(new RegExp(`${ENTRY}$`));
  await expectAccessibleAndNarrow(page);
  await guide.click();
  await expect(page).toHaveURL(/#n/);
  await expect(page.getByRole('heading', { name: 'Nếu gặp trục trặc' })).toBeInViewport();
  expect(violations).toEqual([]);
});

test('the search box on any page offers the entry above the guides when its wording is typed', async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto('/huong-dan/kich-hoat-tai-khoan-vneid-muc-2/');
  const box = page.locator('.site-search input[name="q"]');
  await box.fill('he thong dang bao tri');
  const offered = page.locator('.search-box-panel .search-errors a');
  await expect(offered).toHaveCount(1);
  await expect(offered).toHaveAttribute('href', ENTRY);
  // Above the guide results, in the reading order too.
  const order = await page
    .locator('.search-box-panel')
    .evaluate((panel) => [...panel.children].map((child) => child.className).filter((name) => /search-errors|search-results/.test(name)));
  expect(order).toEqual(['search-errors', 'search-results']);
  // A topic no message holds ("mật khẩu" is in VssID's password text message).
  await box.fill('ma qr');
  await expect(offered).toHaveCount(0);
  expect(violations).toEqual([]);
});

test('a sentence that is in no message but describes one finds its entry page in the Pagefind index', async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto('/huong-dan/xac-thuc-khuon-mat-ngan-hang/');
  const box = page.locator('.site-search input[name="q"]');
  // "Điện thoại của bạn không có NFC…" is what the entry says the message means; no message holds "nfc".
  await box.fill('dien thoai khong co nfc');
  await expect(page.locator('.search-box-panel .search-errors a[href="/tra-loi/ngan-hang-thiet-bi-khong-ho-tro/"]')).toHaveCount(1);
  // Three words are a topic, not a sentence read off a screen: the entries' pages are not searched.
  await box.fill('dien thoai nfc');
  await expect(page.locator('.search-box-panel .search-errors a')).toHaveCount(0);
  expect(violations).toEqual([]);
});

test('the search page offers the entry too, from a pasted message in ?q=', async ({ page }) => {
  await page.goto(`/tim-kiem/?q=${encodeURIComponent('Xin lỗi! Thiết bị của quý khách không hỗ trợ tính năng này')}`);
  await expect(page.locator('#search-page-errors a')).toHaveAttribute('href', '/tra-loi/ngan-hang-thiet-bi-khong-ho-tro/');
});
