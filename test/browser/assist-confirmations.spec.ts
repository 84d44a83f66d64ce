import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { ui } from '../../site/i18n/ui.ts';
import { qrSvg } from '../../functions/views/qr-svg.ts';

// Issue 23: a member records 2 people and shows the confirmation QR code; two
// citizens confirm on their own phones (own browser contexts, own addresses
// and user agents), a third is refused; the commune report shows 2 and 2.
// A demo member (db/seeds/demo-directory.csv): H’Hen Niê, Tổ dân phố 1, Phường Buôn Ma Thuột (24133), Đắk Lắk (66).
const MEMBER = '8600QYMM';
const COMMUNE_REPORT = '/thong-ke/66/24133/';
const TASK = 'Nhận biết hoặc báo cáo lừa đảo';
const runId = Date.now() % 100_000;

test.describe.configure({ timeout: 120_000 });

function issueLink(baseURL: string): string {
  const out = execFileSync(process.execPath, ['scripts/member-link.ts', MEMBER, '--origin', baseURL], { encoding: 'utf8' });
  return out.trimEnd().split('\n').at(-1)!;
}

const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

async function expectNoAxeViolations(page: Page, include = 'main') {
  const { violations } = await new AxeBuilder({ page }).include(include).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** People helped and confirmed for the task in the commune report, today. */
async function taskInCommuneReport(page: Page): Promise<{ people: number; confirmed: number }> {
  const day = vietnamToday();
  // Reports are cacheable for a minute: a fresh URL reads the current figures.
  await page.goto(`${COMMUNE_REPORT}?from=${day}&to=${day}&lan=${Date.now()}`);
  const row = page.locator('.assists-report table').first().locator('tr', { hasText: TASK });
  if ((await row.count()) === 0) return { people: 0, confirmed: 0 };
  const numbers = row.locator('td.number');
  const read = async (i: number) => Number((await numbers.nth(i).innerText()).replace(/\./g, ''));
  return { people: await read(0), confirmed: await read(1) };
}

/** A citizen's own phone: a separate browser, its own user agent and address (so its own visitor hash). */
async function citizenPhone(browser: Browser, n: number): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    userAgent: `Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${runId}.${n} Mobile Safari/537.36`,
    extraHTTPHeaders: { 'cf-connecting-ip': `198.51.100.${n}` },
  });
}

test('a member shows the QR code after recording 2 people; two citizens confirm, a third is refused; the report shows 2 and 2', async ({
  page,
  browser,
  baseURL,
}) => {
  const before = await taskInCommuneReport(page);

  // The member signs in and records 2 people.
  await page.goto(issueLink(baseURL!));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/thanh-vien\/$/);
  await page.getByLabel(TASK).check();
  await page.getByLabel('Số người được hỗ trợ').fill('2');
  await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(`Đã ghi nhận 2 người: ${TASK}.`);
  await expectNoAxeViolations(page);

  // Right after recording: one tap shows the QR code.
  await page.getByRole('button', { name: ui.confirm.memberMake }).click();
  await expect(page).toHaveURL(/\/thanh-vien\/ghi-nhan\/\d+\/xac-nhan\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.confirm.memberTitle);
  const qr = page.getByRole('img', { name: ui.confirm.qrLabel });
  await expect(qr).toBeVisible();
  const code = (await page.locator('.confirm-code').getAttribute('data-code'))!;
  expect(code).toMatch(/^[0-9A-Z]{8}$/);
  await expect(page.locator('.confirm-code')).toHaveText(`${code.slice(0, 4)} ${code.slice(4)}`);
  // The QR code holds the full address of the code's page (the same SVG, made from that address).
  const address = `${baseURL}/xac-nhan/${code}/`;
  const modules = /<path fill="#000" d="([^"]+)"/.exec(qrSvg(address, { size: 240 }))![1];
  expect(await page.locator('.confirm-qr path[fill="#000"]').getAttribute('d')).toBe(modules);
  await expect(page.getByText(ui.confirm.memberCount(0, 2))).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page);

  // Three citizens open it on their phones: the first scans, the second types the code, the third scans.
  const phones = await Promise.all([1, 2, 3].map((n) => citizenPhone(browser, n)));
  const [first, second, third] = await Promise.all(phones.map((p) => p.newPage()));
  await first!.goto(address);
  await expect(first!.getByRole('heading', { level: 1 })).toHaveText(ui.confirm.title);
  await expect(first!.locator('main')).toContainText(TASK);
  await expect(first!.locator('main')).toContainText('Tổ công nghệ số cộng đồng Tổ dân phố 1');
  await expect(first!.locator('main')).not.toContainText('H’Hen Niê');
  await expect(first!.locator('main')).not.toContainText('0900000102');
  expect(await first!.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(first!);

  await second!.goto('/xac-nhan/');
  await expect(second!.getByRole('heading', { level: 1 })).toHaveText(ui.confirm.enterTitle);
  await expectNoAxeViolations(second!);
  await second!.getByLabel(ui.confirm.codeLabel).fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
  await second!.getByRole('button', { name: ui.confirm.continue }).click();
  await expect(second!).toHaveURL(new RegExp(`/xac-nhan/${code}/$`));
  await third!.goto(address);
  // Opening changed nothing: the member still sees 0 of 2.
  await page.reload();
  await expect(page.getByText(ui.confirm.memberCount(0, 2))).toBeVisible();

  for (const citizen of [first!, second!]) {
    await citizen.getByRole('button', { name: ui.confirm.button }).click();
    await expect(citizen.getByRole('heading', { level: 1 })).toHaveText(ui.confirm.thanksTitle);
  }
  await expectNoAxeViolations(first!);

  // The third had the page open too: the entry recorded 2 people, so the press is refused.
  await third!.getByRole('button', { name: ui.confirm.button }).click();
  await expect(third!.getByRole('heading', { level: 1 })).toHaveText(ui.confirm.problemTitle);
  await expect(third!.getByRole('alert')).toHaveText(ui.confirm.refused.full);
  await expectNoAxeViolations(third!);
  // The first again (a second press from the same phone): refused too.
  await first!.goto(address);
  await expect(first!.getByRole('heading', { level: 1 })).toHaveText(ui.confirm.thanksTitle);
  await Promise.all(phones.map((p) => p.close()));

  // The member sees 2 of 2; the commune report shows 2 more helped, 2 more confirmed.
  await page.reload();
  await expect(page.getByText(ui.confirm.memberCount(2, 2))).toBeVisible();
  const after = await taskInCommuneReport(page);
  expect(after).toEqual({ people: before.people + 2, confirmed: before.confirmed + 2 });
  await expectNoAxeViolations(page, '.assists-report');
});

test('the member’s own signed-in phone cannot confirm', async ({ page, baseURL }) => {
  await page.goto(issueLink(baseURL!));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByLabel(TASK).check();
  await page.getByLabel('Số người được hỗ trợ').fill('1');
  await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  await page.getByRole('button', { name: ui.confirm.memberMake }).click();
  const code = (await page.locator('.confirm-code').getAttribute('data-code'))!;
  await page.goto(`/xac-nhan/${code}/`);
  await expect(page.getByRole('status')).toHaveText(ui.confirm.refused.member);
  await expect(page.getByRole('button', { name: ui.confirm.button })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
