import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const SLUG = 'dang-nhap-dich-vu-cong-bang-vneid';
const GUIDE = `/huong-dan/${SLUG}/`;
// A fixture member written into the local D1 the app under test reads (codes and
// place keys no real import can produce), removed again afterwards.
// The member whose personal links the tests use: one of the demo seed's members
// (`npm start` seeds them), or else a fixture written into the local D1 the app
// reads (codes and place keys no real import produces), removed afterwards.
let CODE = '';
let NAME = '';
let TITLE = '';
let fixture = false;
const FIXTURE = { code: 'PW7SHARE', name: 'Người Thử Nghiệm' };

function d1<T>(sql: string): T[] {
  const out = execFileSync('wrangler', ['d1', 'execute', 'DB', '--local', '--json', '--command', sql], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return (JSON.parse(out.toString()) as { results: T[] }[]).flatMap((r) => r.results);
}

test.beforeAll(async ({ request }) => {
  const guides = (await (await request.get('/du-lieu/huong-dan.json')).json()) as { slug: string; title: string }[];
  TITLE = guides.find((g) => g.slug === SLUG)!.title;
  const [seeded] = d1<{ code: string; full_name: string }>('select code, full_name from members order by id limit 1');
  if (seeded) {
    CODE = seeded.code;
    NAME = seeded.full_name;
    return;
  }
  fixture = true;
  ({ code: CODE, name: NAME } = FIXTURE);
  d1(`insert or ignore into provinces (code, name, kind, name_folded) values ('T9', 'Tỉnh Thử Nghiệm', 'Tỉnh', 'tinh thu nghiem');
      insert or ignore into teams (level, name, name_folded, province_code, place_key)
        values ('province', 'Tổ thử nghiệm chia sẻ', 'to thu nghiem chia se', 'T9', 'p:T9');
      insert or ignore into members (code, team_id, full_name, name_folded, role)
        select '${CODE}', id, '${NAME}', 'nguoi thu nghiem', 'thanh_vien' from teams where place_key = 'p:T9';`);
});

test.afterAll(() => {
  if (!fixture) return;
  d1(`delete from members where code = '${CODE}';
      delete from teams where place_key = 'p:T9';
      delete from provinces where code = 'T9';`);
});

/** Every request the page makes, to prove what a screen view does not download. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (req) => urls.push(req.url()));
  return urls;
}

const shareLink = (page: Page) => page.getByLabel('Liên kết của hướng dẫn');

test('without JavaScript the share bar shows the plain link to copy', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(GUIDE);
  await expect(shareLink(page)).toHaveValue(new RegExp(`^https?://[^/]+/huong-dan/${SLUG}/$`));
  await expect(page.getByRole('button', { name: 'Sao chép liên kết' })).toBeHidden();
  await context.close();
});

test('without the Web Share API: copy link and Zalo, and copying puts the guide link on the clipboard', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await page.goto(GUIDE);
  expect(await page.evaluate(() => 'share' in navigator)).toBe(false);
  await expect(page.getByRole('button', { name: 'Chia sẻ', exact: true })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Mở Zalo' })).toHaveAttribute('href', 'https://zalo.me/');
  await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
  await expect(page.getByRole('status')).toContainText('Đã sao chép liên kết');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${GUIDE}`);
});

test('with the Web Share API, "Chia sẻ" hands the guide title and link to the phone’s share sheet', async ({ page, baseURL }) => {
  await page.addInitScript(() => {
    (window as unknown as { shared: ShareData[] }).shared = [];
    Object.defineProperty(navigator, 'share', {
      value: (data: ShareData) => {
        (window as unknown as { shared: ShareData[] }).shared.push(data);
        return Promise.resolve();
      },
    });
  });
  await page.goto(GUIDE);
  await page.getByRole('button', { name: 'Chia sẻ', exact: true }).click();
  expect(await page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared)).toEqual([{ title: TITLE, url: `${baseURL}${GUIDE}` }]);
});

test('a member code entered once makes every link personal, and stays after reload', async ({ page, baseURL }) => {
  await page.goto(GUIDE);
  await page.getByText('Bạn là thành viên Tổ công nghệ số cộng đồng?').click();
  const input = page.getByLabel('Mã thành viên');

  await input.fill('ma sai!');
  await page.getByRole('button', { name: 'Lưu mã' }).click();
  await expect(page.getByRole('status')).toContainText('Mã thành viên gồm 8 chữ cái và chữ số');
  await expect(shareLink(page)).toHaveValue(`${baseURL}${GUIDE}`);

  await input.fill('ZZZZ9999');
  await page.getByRole('button', { name: 'Lưu mã' }).click();
  await expect(page.getByRole('status')).toContainText('Không tìm thấy mã thành viên này');
  await expect(shareLink(page)).toHaveValue(`${baseURL}${GUIDE}`);

  // Typed the way people do: lowercase, with a space.
  await input.fill(`${CODE.slice(0, 4).toLowerCase()} ${CODE.slice(4).toLowerCase()}`);
  await page.getByRole('button', { name: 'Lưu mã' }).click();
  const personal = `${baseURL}/g/${SLUG}/${CODE}`;
  await expect(shareLink(page)).toHaveValue(personal);
  await expect(page.getByRole('status')).toContainText(`Đã lưu mã ${CODE}`);

  await page.reload();
  await expect(shareLink(page)).toHaveValue(personal);
  await expect(page.getByRole('link', { name: 'Xem mọi liên kết và mã QR của bạn' })).toHaveAttribute('href', `/cong-cu/${CODE}/`);

  await page.getByRole('button', { name: 'Bỏ mã' }).click();
  await expect(shareLink(page)).toHaveValue(`${baseURL}${GUIDE}`);
  await page.reload();
  await expect(shareLink(page)).toHaveValue(`${baseURL}${GUIDE}`);
});

test('a screen view never downloads the handout QR code', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto(GUIDE);
  await page.waitForLoadState('networkidle');
  expect(requests.some((url) => url.includes(`/huong-dan/${SLUG}/`))).toBe(true);
  expect(requests.filter((url) => url.includes('/cong-cu/qr/'))).toEqual([]);
  await expect(page.locator('.handout-qr')).toBeHidden();
});

test('the printed handout hides navigation and sharing and shows the QR of the member’s link', async ({ page, baseURL }) => {
  await page.goto(GUIDE);
  await page.evaluate((code) => localStorage.setItem('camnangso.memberCode', code), CODE);
  await page.reload();
  const requests = recordRequests(page);

  const qrLoaded = page.waitForResponse((res) => res.url().includes(`/cong-cu/qr/${SLUG}.svg?ma=${CODE}`));
  await page.emulateMedia({ media: 'print' });
  const qr = await qrLoaded;
  expect(qr.status()).toBe(200);
  expect(qr.headers()['content-type']).toContain('image/svg+xml');

  await expect(page.locator('.handout-qr')).toBeVisible();
  await expect(page.locator('.handout-qr')).toContainText(`${baseURL}/g/${SLUG}/${CODE}`);
  const box = await page.locator('.handout-qr').evaluate((el) => getComputedStyle(el, '::before').content);
  expect(box).toContain(`/cong-cu/qr/${SLUG}.svg?ma=${CODE}`);
  await expect(page.locator('.share-bar')).toBeHidden();
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('.steps li').first()).toBeVisible();
  expect(requests.filter((url) => url.includes('/cong-cu/qr/'))).toHaveLength(1);

  // A real A4 PDF of the handout, kept for a look (test-results/handout.pdf).
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/handout.pdf', pdf);

  // The site's header, navigation and search: present on screen, gone on paper (the
  // footer's safety note stays: it belongs on a handout).
  const chrome = page.locator('header, nav, [role="search"]');
  expect(await chrome.count()).toBeGreaterThan(0);
  for (const part of await chrome.all()) await expect(part).toBeHidden();
});

test('the member toolkit is reached from the code form and lists links with QR codes', async ({ page, baseURL }) => {
  await page.goto('/cong-cu/');
  await page.getByLabel('Mã thành viên').fill(CODE.toLowerCase());
  await page.getByRole('button', { name: 'Xem công cụ' }).click();
  await expect(page).toHaveURL(`${baseURL}/cong-cu/${CODE}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Công cụ của ${NAME}`);
  const link = page.getByRole('link', { name: TITLE });
  await expect(link).toHaveAttribute('href', `${baseURL}/g/${SLUG}/${CODE}`);
  await expect(page.getByRole('img', { name: `Mã QR mở hướng dẫn “${TITLE}”` })).toBeVisible();
});

for (const [name, path] of [
  ['the code form', () => '/cong-cu/?ma=abc'],
  ['a member toolkit', () => `/cong-cu/${CODE}/`],
  ['a guide with a member code saved', () => GUIDE],
] as const) {
  test(`axe finds no violations on ${name}`, async ({ page }) => {
    await page.goto(GUIDE);
    await page.evaluate((code) => localStorage.setItem('camnangso.memberCode', code), CODE);
    await page.goto(path());
    // Open the member form too, so its fields are checked.
    const memberForm = page.locator('.share-member summary');
    if (await memberForm.count()) await memberForm.click();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(10);
  });
}
