// Issue 23 in Chromium on a 360 px phone, against the real app with its demo
// data (npm start): a member records three entries in a row with an outcome
// (their form and history pass axe); the commune officer opens the bản đồ điểm
// nghẽn, the allowance sheet, the rates and the honesty checks (axe on each,
// nothing wider than the phone), marks the member's burst checked, and prints
// the sheet on A4. Fresh entries each run: the demo database is reused.
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { countPdfPages } from '../../scripts/lib/print-pages.ts';

const officer = { username: 'demo.buonmathuot', password: 'demo-cam-nang-so' };
// A demo member of the officer's commune (Nguyễn Văn An, Tổ dân phố 1, Phường Buôn Ma Thuột).
const MEMBER = 'PY1ME26F';

/** A fresh sign-in link for the member, issued the way an officer does from the command line. */
function issueLink(baseURL: string): string {
  const out = execFileSync(process.execPath, ['scripts/member-link.ts', MEMBER, '--origin', baseURL], { encoding: 'utf8' });
  return out.trimEnd().split('\n').at(-1)!;
}

/** The member records 7 people for three tasks in a row (a burst of 21 within minutes); returns the entries' ids. */
async function recordBurst(member: Page, baseURL: string): Promise<number[]> {
  await member.goto(issueLink(baseURL));
  await member.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(member).toHaveURL(/\/thanh-vien\/$/);
  const ids: number[] = [];
  // Not VNeID: test/browser/assists.spec.ts counts this member's VNeID entries of the day.
  for (const task of ['Sổ sức khỏe điện tử trên VNeID', 'Nhận biết hoặc báo cáo lừa đảo', 'Bật xác thực hai bước']) {
    await member.getByLabel(task).check();
    await member.getByLabel('Số người được hỗ trợ').fill('7');
    await member.getByLabel('Kết quả (không bắt buộc)').selectOption({ label: 'Điện thoại không đọc được chip (NFC)' });
    await member.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await expect(member).toHaveURL(/da-ghi=\d+/);
    ids.push(Number(new URL(member.url()).searchParams.get('da-ghi')));
  }
  // The form with its outcome field, and the history showing the outcome.
  await expect(member.locator('.assist-history')).toContainText('Chưa xong: Điện thoại không đọc được chip (NFC)');
  await expectNoAxeViolations(member);
  return ids;
}

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

test('a member records a burst; the commune officer reads why help stalls, the allowance sheet, the rates and the honesty checks, and marks the burst checked; every page passes axe', async ({
  page,
  browser,
  baseURL,
}) => {
  const memberContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const burstIds = await recordBurst(await memberContext.newPage(), baseURL!);
  await memberContext.close();
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
  // The member's three entries are listed, each for the burst.
  for (const id of burstIds) await expect(page.locator(`li[data-entry="${id}"]`)).toContainText('Nhiều người được ghi nhận trong vài phút');
  await expectNoAxeViolations(page);
  await fitsThePhone(page);
  const first = page.locator(`li[data-entry="${burstIds[0]}"]`);
  await first.getByRole('button', { name: /Đánh dấu đã kiểm tra/ }).click();
  await expect(page.getByRole('status')).toHaveText('Đã đánh dấu ghi nhận là đã kiểm tra.');
  await expect(page.locator(`li[data-entry="${burstIds[0]}"]`)).toContainText('Đã kiểm tra: demo.buonmathuot');
  await expect(page.locator(`li[data-entry="${burstIds[1]}"]`).getByRole('button', { name: /Đánh dấu đã kiểm tra/ })).toBeVisible();
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
