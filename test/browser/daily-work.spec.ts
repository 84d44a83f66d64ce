// Issue 16 on a 360 px phone, against the real app (npm start: demo accounts
// and directory): a commune officer's one-row upload warns and asks twice
// before removing anyone, and "only people to add or correct" removes nobody;
// a signed-in member's shared links carry their code; the read-aloud
// controls stay on screen while reading. axe on every page changed.
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { guideWithSteps } from './site-helpers.ts';

const officer = { username: 'demo.buonmathuot', password: 'demo-cam-nang-so', commune: '24133', province: '66' };
const MEMBER = 'PY1ME26F';

test.describe.configure({ timeout: 120_000 });

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
const fitsThePhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

async function signInOfficer(page: Page) {
  await page.goto('/quan-tri/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(officer.username);
  await page.getByLabel('Mật khẩu').fill(officer.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/$/);
}

test('a one-row file: as the complete list it warns in red and is refused without the second consent; as "only people to add" it removes nobody', async ({
  page,
}) => {
  await signInOfficer(page);
  const exported = await page.request.get('/quan-tri/xuat?dinh-dang=csv');
  const header = (await exported.text())
    .split(/\r?\n/)[0]!
    .replace(/^\uFEFF/, '')
    .split(',');
  const name = `Người Một Dòng ${Date.now().toString(36).toUpperCase()}`;
  const cells = header.map(() => '');
  const set = (column: string, value: string) => (cells[header.indexOf(column)] = value);
  set('Mã xã/phường', officer.commune);
  set('Tên thôn/tổ dân phố', 'Tổ dân phố 1');
  set('Tên tổ', 'Tổ công nghệ số cộng đồng Tổ dân phố 1 (dữ liệu mẫu)');
  set('Họ và tên', name);
  set('Vai trò', 'Thành viên');
  const file = { name: 'mot-dong.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header.join(',')}\r\n${cells.join(',')}\r\n`) };
  const publicPage = async () => (await page.request.get(`/to-cong-nghe-so/${officer.province}/${officer.commune}/?lan=${Date.now()}`)).text();
  const before = await publicPage();
  expect(before).toContain('Nguyễn Văn An');

  await page.goto('/quan-tri/nhap/');
  await expectNoAxeViolations(page);
  await page.getByLabel('Danh sách ĐẦY ĐỦ của xã').check();
  await page.getByLabel('Tệp danh sách').setInputFiles(file);
  await page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
  await expect(page.locator('h1')).toHaveText('Xem trước thay đổi');
  const warning = page.locator('.notice-error[role="alert"]');
  await expect(warning).toContainText(/\d+ người, \d+ tổ, \d+ thôn sẽ bị gỡ khỏi danh sách/);
  await expect(warning).toContainText('Nguyễn Văn An');
  await fitsThePhone(page);
  await expectNoAxeViolations(page);
  const consent = page.getByRole('checkbox', { name: /Tôi hiểu và đồng ý gỡ \d+ mục/ });
  await expect(consent).not.toBeChecked();
  // The browser asks for the tick first (required); past it, the server still refuses and writes nothing.
  await page.locator('form[action="/quan-tri/nhap/xac-nhan"]').evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await page.getByRole('button', { name: 'Xác nhận, cập nhật danh sách' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Chưa ghi gì');
  await expect(consent).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await publicPage()).toContain('Nguyễn Văn An');
  expect(await publicPage()).not.toContain(name);

  await page.getByRole('link', { name: 'Hủy, không thay đổi gì' }).click();
  await page.getByLabel('Chỉ gồm người cần thêm hoặc sửa').check();
  await page.getByLabel('Tệp danh sách').setInputFiles(file);
  await page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
  await expect(page.locator('main')).toContainText('không ai bị gỡ');
  await expect(page.locator('.notice-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Xác nhận, cập nhật danh sách' }).click();
  await expect(page.locator('h1')).toHaveText('Đã cập nhật danh sách');
  await expect(page.getByRole('status').first()).toContainText('Đã cập nhật: 1 mục thêm');
  const after = await publicPage();
  expect(after).toContain(name);
  expect(after).toContain('Nguyễn Văn An');

  // The log says it in words.
  await page.goto('/quan-tri/nhat-ky');
  await expect(page.locator('main')).toContainText('Nhập danh sách Phường Buôn Ma Thuột: thêm 1, sửa 0, gỡ 0');
  await fitsThePhone(page);
  await expectNoAxeViolations(page);

  // Removing that member asks first, on its own page, and the list then says who left.
  await page.goto(`/quan-tri/xa/${officer.commune}`);
  await page.getByRole('link', { name }).click();
  await page.getByRole('link', { name: 'Cho thành viên rời tổ' }).click();
  await expect(page.locator('h1')).toHaveText(`Cho ${name} rời tổ?`);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Có, cho rời tổ' }).click();
  await expect(page.getByRole('status').first()).toContainText(`${name} đã rời`);
  await expectNoAxeViolations(page);
});

test('a signed-in member shares a guide: the copied link carries their code, with no typing', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  const out = execFileSync(process.execPath, ['scripts/member-link.ts', MEMBER, '--origin', baseURL!], { encoding: 'utf8' });
  await page.goto(out.trimEnd().split('\n').at(-1)!);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/thanh-vien\/$/);

  await page.goto(guideWithSteps);
  const slug = guideWithSteps.split('/').filter(Boolean).at(-1)!;
  await expect(page.locator('[data-share-link]')).toHaveValue(new RegExp(`/g/${slug}/${MEMBER}$`));
  await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`/g/${slug}/${MEMBER}$`));

  // Signed out: the guide's own link again.
  await page.goto('/thanh-vien/');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.goto(guideWithSteps);
  await expect(page.locator('[data-share-link]')).toHaveValue(new RegExp(`${guideWithSteps}$`));
});

test('read-aloud controls stay in the viewport while the reader scrolls to the end', async ({ page }) => {
  await page.addInitScript(() => {
    class StubUtterance {
      onend: (() => void) | null = null;
      lang = '';
      voice: unknown = null;
      rate = 1;
      constructor(readonly text: string) {}
    }
    const synth = {
      getVoices: () => [{ name: 'Stub', lang: 'vi-VN', default: false, localService: true, voiceURI: 'Stub' }],
      speak() {},
      cancel() {},
      pause() {},
      resume() {},
      addEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: StubUtterance, configurable: true });
  });
  await page.goto(guideWithSteps);
  await page.getByRole('button', { name: 'Nghe đọc' }).click();
  const controls = page.getByRole('group', { name: 'Điều khiển nghe đọc' });
  await expect(controls).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(200);
  const box = (await controls.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 1);
  await expect(controls.getByRole('button', { name: 'Tạm dừng' })).toBeInViewport();
  await fitsThePhone(page);
});

test('axe on the other pages issue 16 changed: security, two-step set-up, targets, audit filters, stopping a team, accounts, a member’s sign-in in Zalo and new link', async ({
  browser,
  page,
  baseURL,
}) => {
  await signInOfficer(page);
  const commune = await (await page.request.get(`/quan-tri/xa/${officer.commune}`)).text();
  const teamId = /href="\/quan-tri\/to\/(\d+)"/.exec(commune)![1];
  for (const path of [
    '/quan-tri/bao-mat',
    '/quan-tri/hai-buoc/cai-dat',
    '/quan-tri/ho-tro/chi-tieu/',
    '/quan-tri/nhat-ky?viec=nhap-danh-sach',
    `/quan-tri/to/${teamId}/ngung`,
  ]) {
    await page.goto(path);
    await fitsThePhone(page);
    await expectNoAxeViolations(page);
  }
  // The set-up's copy button works with JavaScript on.
  await page.goto('/quan-tri/hai-buoc/cai-dat');
  await expect(page.getByRole('button', { name: 'Chép khóa' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Mở ứng dụng xác thực' })).toHaveAttribute('href', /^otpauth:\/\/totp\//);

  // A member, in Zalo's own browser: the sign-in page says so; signed in, a new link for Chrome.
  const zalo = await browser.newContext({
    viewport: { width: 360, height: 740 },
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; SM-A145F; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0 Mobile Safari/537.36 Zalo android/12100600',
  });
  const inZalo = await zalo.newPage();
  const link = execFileSync(process.execPath, ['scripts/member-link.ts', MEMBER, '--origin', baseURL!], { encoding: 'utf8' }).trimEnd().split('\n').at(-1)!;
  await inZalo.goto(link);
  await expect(inZalo.locator('main')).toContainText('trình duyệt của Zalo');
  await expectNoAxeViolations(inZalo);
  await inZalo.getByRole('button', { name: 'Đăng nhập' }).click();
  await inZalo.getByRole('button', { name: 'Tạo liên kết đăng nhập mới' }).click();
  await expect(inZalo.locator('h1')).toHaveText('Liên kết đăng nhập mới');
  await expect(inZalo.getByRole('button', { name: 'Chép liên kết' })).toBeVisible();
  await fitsThePhone(inZalo);
  await expectNoAxeViolations(inZalo);
  await zalo.close();

  // A province admin (demo, two-step on): the accounts page, invitations picked from lists.
  const admin = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const adminPage = await admin.newPage();
  await adminPage.goto('/quan-tri/dang-nhap');
  await adminPage.getByLabel('Tên đăng nhập').fill('demo.daklak');
  await adminPage.getByLabel('Mật khẩu').fill(officer.password);
  await adminPage.getByRole('button', { name: 'Đăng nhập' }).click();
  await adminPage.getByLabel('Mã xác thực').fill(generateTOTP(decodeBase32IgnorePadding('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'), 30, 6));
  await adminPage.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(adminPage).toHaveURL(/\/quan-tri\/$/);
  await adminPage.goto('/quan-tri/tai-khoan');
  await expect(adminPage.getByLabel('Xã, phường (cho cán bộ xã)')).toContainText('Phường Buôn Ma Thuột');
  await fitsThePhone(adminPage);
  await expectNoAxeViolations(adminPage);
  await admin.close();
});
