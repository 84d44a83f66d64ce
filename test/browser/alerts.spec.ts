import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demoAlerts } from '../../db/seeds/demo-alerts.ts';
import { distReader, GUIDE_BLOCKING_BUDGET, kb, measureHtml } from '../../scripts/lib/page-weight.ts';
import { countPdfPages } from '../../scripts/lib/print-pages.ts';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { demoTotpKey } from '../../db/seeds/demo-officials.ts';
import { finishUtterance, lastSpoken, stubSpeech } from './speech-stub.ts';

// Scam alerts (issue 18) on the real app with its demo data (db/seeds/demo-alerts.ts):
// the national alert about fake police calls relates to this guide.
const [national, provincial] = demoAlerts;
const RELATED_GUIDE = `/huong-dan/${national.guides[0]}/`;
const CARD = `/canh-bao/${national.slug}/`;
// A demo member of Đắk Lắk (db/seeds/demo-directory.csv), the demo province alert's province.
const MEMBER = 'PY1ME26F';

test.describe.configure({ timeout: 120_000 });

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include('main').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Layout shift of the page so far, as Chromium reports it (buffered entries included), after a moment of settling. */
function cumulativeLayoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let cls = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
            if (!entry.hadRecentInput) cls += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(cls), 1500);
      }),
  );
}

test('a related guide shows the alert line with no layout shift and no request of its own', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (req) => requests.push(new URL(req.url()).pathname));
  await page.goto(RELATED_GUIDE);
  const line = page.locator('main .alert-line');
  await expect(line).toHaveCount(1);
  await expect(line.getByRole('link')).toHaveAttribute('href', CARD);
  await expect(line).toContainText(national.title);
  expect(await cumulativeLayoutShift(page)).toBe(0);
  // Nothing about alerts is fetched by a reader who does not open it: the line came with the page.
  expect(requests.filter((path) => /canh-bao|\/api\//.test(path))).toEqual([]);
  expect(requests.filter((path) => path === RELATED_GUIDE)).toHaveLength(1);
  // The line fits a 360 px phone: nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The home page carries the newest national alert too, equally still.
  await page.goto('/');
  await expect(page.locator('main .alert-line').getByRole('link')).toHaveAttribute('href', CARD);
  expect(await cumulativeLayoutShift(page)).toBe(0);
});

test('the alert card: ≤ 14 KB of HTML+CSS gzip, no axe violations, reads aloud, prints on one A4 page with its QR code', async ({ page, request }) => {
  const res = await request.get(CARD);
  expect(res.status()).toBe(200);
  const weight = measureHtml(await res.text(), distReader());
  expect(weight.blockingGzip, `${kb(weight.blockingGzip)} gzip`).toBeLessThanOrEqual(GUIDE_BLOCKING_BUDGET);
  console.log(`alert card ${CARD}: HTML+CSS ${kb(weight.blockingGzip)} gzip`);

  // Any Content-Security-Policy violation (inline style, print script, read-aloud script) fails the test.
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  await stubSpeech(page, [{ name: 'Stub giọng Việt (kiểm thử)', lang: 'vi-VN' }]);
  await page.goto(CARD);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(national.title);
  await expectNoAxeViolations(page);
  // The site's read-aloud player, as on guides: the title, then the card's paragraphs.
  await page.getByRole('button', { name: 'Nghe đọc' }).click();
  await expect.poll(() => lastSpoken(page)).toBe(national.title);
  await finishUtterance(page);
  await expect.poll(() => lastSpoken(page)).toBe(await page.locator('.alert-card .guide-content > p').first().innerText());
  await page.getByRole('button', { name: 'Dừng đọc' }).click();
  expect(violations).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.alert-qr svg')).toBeVisible();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
  expect(countPdfPages(pdf)).toBe(1);

  // The list and the province alert's card pass axe too.
  await page.emulateMedia({ media: 'screen' });
  await page.goto('/canh-bao/');
  await expect(page.getByRole('link', { name: provincial.title })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a member marks an alert as passed on ("Đã phổ biến"), then updates it', async ({ page, baseURL }) => {
  const out = execFileSync(process.execPath, ['scripts/member-link.ts', MEMBER, '--origin', baseURL!], { encoding: 'utf8' });
  await page.goto(out.trimEnd().split('\n').at(-1)!);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.goto('/thanh-vien/canh-bao/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cảnh báo cần phổ biến');
  await expectNoAxeViolations(page);
  const card = page.locator('li.card', { hasText: provincial.title });
  await card.getByLabel('Loa truyền thanh').check();
  await card.getByLabel('Khoảng bao nhiêu người nghe hoặc đọc?').fill('80');
  await card.getByRole('button').click();
  await expect(page.getByRole('status')).toContainText(provincial.title);
  const again = page.locator('li.card', { hasText: provincial.title });
  await expect(again).toContainText('Loa truyền thanh, khoảng 80 người');
  await again.getByLabel('Khoảng bao nhiêu người nghe hoặc đọc?').fill('120');
  await again.getByRole('button', { name: 'Cập nhật' }).click();
  await expect(page.getByRole('status')).toHaveText(`Đã cập nhật ghi nhận cho cảnh báo “${provincial.title}”.`);
  await expect(page.locator('li.card', { hasText: provincial.title })).toContainText('khoảng 120 người');
  await expectNoAxeViolations(page);
});

test('a province admin writes an alert, previews it, publishes it, sees its reach, then withdraws it', async ({ page }) => {
  await page.goto('/quan-tri/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('demo.daklak');
  await page.getByLabel('Mật khẩu').fill('demo-cam-nang-so');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByLabel('Mã xác thực').fill(generateTOTP(decodeBase32IgnorePadding(demoTotpKey), 30, 6));
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/$/);

  await page.goto('/quan-tri/canh-bao/');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Soạn cảnh báo mới' }).click();
  await expectNoAxeViolations(page);
  const title = `Thử: giả danh nhân viên điện lực đòi tiền ${Date.now().toString(36)}`;
  await page.getByLabel('Tiêu đề ngắn').fill(title);
  await page.getByLabel('Kẻ gian nói hoặc gửi gì').fill('Kẻ gian gọi điện, xưng là nhân viên điện lực. Họ nói sắp cắt điện nếu không chuyển tiền ngay.');
  await page.getByLabel('Bạn nên làm gì').fill('Không chuyển tiền theo cuộc gọi.\nHỏi lại điện lực nơi bạn ở.');
  await page.getByLabel(/Công an \(khi khẩn cấp\)/).check();
  // The scope offered is this admin's province only.
  await expect(page.getByLabel('Phạm vi').locator('option')).toHaveCount(1);
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xem trước cảnh báo');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Đăng cảnh báo' }).click();
  await expect(page.getByRole('status')).toContainText(`Đã đăng cảnh báo “${title}”`);
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await page.getByRole('link', { name: 'Xem nơi đã phổ biến' }).click();
  await expect(page.locator('table')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goBack();
  await page.getByRole('link', { name: 'Gỡ cảnh báo' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Gỡ cảnh báo này' }).click();
  await expect(page.getByRole('status')).toHaveText(`Đã gỡ cảnh báo “${title}”.`);
});
