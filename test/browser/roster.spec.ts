// Help in person (issue 17) on a 360 px phone, against the real app (npm
// start: demo accounts, directory and roster). A commune officer plans a
// weekly shift; the public commune page shows it under "Hôm nay" on the
// right day; the member sees it in the member area; the A4 poster prints on
// one page with a QR code to the live page. axe on every new page.
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { countPdfPages } from '../../scripts/lib/print-pages.ts';
import { qrSvg } from '../../functions/views/qr-svg.ts';

const officer = { username: 'demo.buonmathuot', password: 'demo-cam-nang-so' };
const MEMBER = 'PY1ME26F'; // Nguyễn Văn An, Tổ dân phố 1, Phường Buôn Ma Thuột (24133)
const COMMUNE = '/to-cong-nghe-so/66/24133/';
const MM = 96 / 25.4;

const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** ISO weekday (1 = Monday) of a day: the checkbox value of "repeat on". */
const isoWeekday = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

test.describe.configure({ timeout: 120_000 });

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'nothing wider than the phone').toBeLessThanOrEqual(360);
}

async function signIn(page: Page) {
  await page.goto('/quan-tri/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(officer.username);
  await page.getByLabel('Mật khẩu').fill(officer.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/$/);
}

test('an officer plans a weekly shift; the commune page shows it under "Hôm nay"; the member sees it', async ({ page, baseURL, request }) => {
  const today = vietnamToday();
  const place = `Quầy hướng dẫn số ${Date.now().toString(36).toUpperCase()}`;
  await signIn(page);
  await page.getByRole('link', { name: 'Lịch trực và buổi hỗ trợ' }).click();
  await expect(page.locator('h1')).toContainText('Phường Buôn Ma Thuột');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Thêm ca trực' }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel('Ngày').fill(today);
  await page.getByLabel('Từ giờ').fill('00:00');
  await page.getByLabel('Đến giờ').fill('23:59');
  await page.getByLabel('Địa điểm').fill(place);
  await page.getByRole('checkbox', { name: /^Nguyễn Văn An/ }).check();
  await page.locator(`input[name=repeat][value="${isoWeekday(today)}"]`).check();
  await page.getByLabel('Trong bao nhiêu tuần').fill('2');
  await page.getByRole('button', { name: 'Lưu lịch' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã xếp 2 lịch.');
  await expect(page.locator('.duties')).toContainText(place);

  // The event page (move, cancel, served) and the report pass axe too.
  await page
    .getByRole('link', { name: /^Sửa, dời hoặc huỷ/ })
    .first()
    .click();
  await expect(page.locator('h1')).toContainText('Ca trực');
  await expectNoAxeViolations(page);
  await page.goto('/quan-tri/lich/bao-cao/');
  await expect(page.locator('tr[data-commune="24133"]')).toBeVisible();
  await expectNoAxeViolations(page);

  // The public commune page, as a citizen: under "Hôm nay", on now.
  await page.goto(COMMUNE);
  const todayBlock = page.locator('ul[aria-labelledby="lich-ho-tro-hom-nay"]');
  await expect(todayBlock).toContainText(place);
  await expect(todayBlock.locator('li', { hasText: place })).toContainText('Đang trực');
  await expect(todayBlock.locator('li', { hasText: place })).toContainText('Nguyễn Văn An');
  await expectNoAxeViolations(page);
  // The right days: today and a week later, nothing in between.
  const api = await (await request.get(`/api/communes/24133/schedule?from=${today}&to=${plusDays(today, 13)}`)).json();
  const days = (api.items as { place: string; start: string }[]).filter((i) => i.place === place).map((i) => i.start.slice(0, 10));
  expect(days).toEqual([today, plusDays(today, 7)]);

  // The share page passes axe.
  await page.getByRole('link', { name: 'Trang lịch để gửi qua Zalo' }).click();
  await expect(page.locator('h1')).toContainText('Lịch hỗ trợ công nghệ số');
  await expectNoAxeViolations(page);

  // The member sees it in their own list.
  const link = execFileSync(process.execPath, ['scripts/member-link.ts', MEMBER, '--origin', baseURL!], { encoding: 'utf8' }).trimEnd().split('\n').at(-1)!;
  await page.goto(link);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('link', { name: 'Lịch trực của tôi' }).click();
  await expect(page.locator('.duties')).toContainText(place);
  await expectNoAxeViolations(page);
});

test('the poster prints on one A4 page with a readable QR code to the live page', async ({ page, baseURL }) => {
  await page.goto(`${COMMUNE}lich/in/`);
  await expect(page.locator('h1')).toHaveText('Lịch hỗ trợ công nghệ số');
  await expectNoAxeViolations(page);
  const svg = page.locator('.poster-qr svg');
  await expect(svg).toHaveAttribute('aria-label', 'Mã QR mở lịch hỗ trợ của Phường Buôn Ma Thuột');
  // The code encodes the live page at the deployed origin: the same modules as encoding that URL here.
  const origin = new URL((await page.locator('link[rel=canonical]').getAttribute('href'))!).origin;
  const expected = /d="(M0 0[^"]+)"[\s\S]*d="([^"]+)"/.exec(qrSvg(`${origin}${COMMUNE}lich/`))![2];
  expect(await svg.locator('path').nth(1).getAttribute('d')).toBe(expected);
  expect(baseURL).toBeTruthy();

  await page.emulateMedia({ media: 'print' });
  const box = await svg.boundingBox();
  const modules = Number((await svg.getAttribute('viewBox'))!.split(' ')[2]);
  // Readable: at least 30 mm wide, each module at least 0.5 mm, on the first (only) page.
  expect(box!.width / MM).toBeGreaterThanOrEqual(30);
  expect(box!.width / modules / MM).toBeGreaterThanOrEqual(0.5);
  await page.emulateMedia({ media: null });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
  expect(countPdfPages(pdf)).toBe(1);
});

test('without JavaScript, an officer plans a village session and the share page lists it', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const place = `Nhà văn hoá thử ${Date.now().toString(36).toUpperCase()}`;
  const day = plusDays(vietnamToday(), 3);
  await signIn(page);
  await page.goto('/quan-tri/lich/them/?loai=buoi');
  await page.getByLabel('Ngày').fill(day);
  await page.getByLabel('Địa điểm').fill(place);
  await page.getByLabel('Thôn, tổ dân phố').selectOption({ label: 'Tổ dân phố 1' });
  await page.getByRole('checkbox', { name: 'Kích hoạt VNeID mức 2' }).check();
  await page.getByRole('button', { name: 'Lưu lịch' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã xếp 1 lịch.');
  await page.goto(`${COMMUNE}lich/`);
  const entry = page.locator('li', { hasText: place });
  await expect(entry).toContainText('Buổi hỗ trợ');
  await expect(entry).toContainText('Kích hoạt VNeID mức 2');
  await context.close();
});
