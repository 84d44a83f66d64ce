// A commune officer on a 360 px phone: signs in, uploads the commune's list
// (the export, plus one new member), reads the preview, confirms, and sees
// the public commune page change. Against the real app (npm start: demo
// accounts and directory, local only). axe on every admin page type.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const officer = { username: 'demo.buonmathuot', password: 'demo-cam-nang-so', commune: '24133', province: '66' };

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(10);
}

async function signIn(page: Page) {
  await page.goto('/quan-tri/');
  await expect(page).toHaveURL(/\/quan-tri\/dang-nhap\?tiep=/);
  await page.getByLabel('Tên đăng nhập').fill(officer.username);
  await page.getByLabel('Mật khẩu').fill(officer.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/$/);
}

test('sign-in page passes axe and works without JavaScript', async ({ browser, page: withJs }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto('/quan-tri/dang-nhap');
  await expect(page.locator('h1')).toHaveText('Đăng nhập quản trị');
  await page.getByLabel('Tên đăng nhập').fill(officer.username);
  await page.getByLabel('Mật khẩu').fill('mat-khau-sai-roi');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toContainText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await context.close();
  await withJs.goto('/quan-tri/dang-nhap');
  await expectNoAxeViolations(withJs);
});

test('a commune officer uploads the list, reads the preview, confirms, and the public page changes', async ({ page }) => {
  await signIn(page);
  await expectNoAxeViolations(page);
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The commune's current list, as the officer would download it.
  const exported = await page.request.get('/quan-tri/xuat?dinh-dang=csv');
  expect(exported.status()).toBe(200);
  const csv = (await exported.text()).replace(/\r?\n$/, '');
  const header = csv
    .split(/\r?\n/)[0]!
    .replace(/^\uFEFF/, '')
    .split(',');
  const anyRow = csv.split(/\r?\n/)[1]!;
  expect(anyRow).toContain(officer.commune);
  const newName = `Thành Viên Thử ${Date.now().toString(36).toUpperCase()}`;
  const cells = header.map(() => '');
  const set = (name: string, value: string) => (cells[header.indexOf(name)] = value);
  set('Mã xã/phường', officer.commune);
  set('Tên tổ', 'Tổ công nghệ số thử nghiệm (dữ liệu mẫu)');
  set('Họ và tên', newName);
  set('Vai trò', 'Thành viên');
  const file = `${csv}\r\n${cells.join(',')}\r\n`;

  await page.getByRole('link', { name: 'Nhập danh sách từ tệp' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/nhap\/$/);
  await page.getByLabel('Danh sách ĐẦY ĐỦ của xã').check();
  await page.getByLabel('Tệp danh sách').setInputFiles({ name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Xem trước thay đổi' }).click();

  await expect(page.locator('h1')).toHaveText('Xem trước thay đổi');
  await expect(page.locator('main')).toContainText(newName);
  await expectNoAxeViolations(page);
  // Not yet public.
  const before = await page.request.get(`/to-cong-nghe-so/${officer.province}/${officer.commune}/`);
  expect(await before.text()).not.toContain(newName);

  await page.getByRole('button', { name: 'Xác nhận, cập nhật danh sách' }).click();
  await expect(page.locator('h1')).toHaveText('Đã cập nhật danh sách');

  await page.goto(`/to-cong-nghe-so/${officer.province}/${officer.commune}/`);
  await expect(page.locator('main')).toContainText(newName);

  await page.goto('/quan-tri/nhat-ky');
  await expect(page.locator('main')).toContainText('Nhập danh sách Phường Buôn Ma Thuột'); // in words (issue 16), never the stored key
  await expectNoAxeViolations(page);
});
