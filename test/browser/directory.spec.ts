// The team directory in Chromium against the real app (npm start: built site,
// Worker, local D1 with the demo directory). Written against whatever the
// pages list, not fixed names, so it holds for the demo seed and for a full
// national import alike.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const directory = '/to-cong-nghe-so/';

/** The first row of a coverage table whose team count is not zero: its link. */
async function firstRowWithTeams(page: Page) {
  const rows = page.locator('table.coverage-table tbody tr');
  const n = await rows.count();
  for (let i = 0; i < n; i++) {
    const teams = (await rows.nth(i).locator('td[data-label="Số tổ"]').textContent())?.trim();
    if (teams && teams !== '0') return rows.nth(i).locator('th a');
  }
  throw new Error('No row with a team: is the demo directory seeded?');
}

/** Province page → commune page of the first province and commune that have teams. */
async function openCommuneWithTeams(page: Page) {
  await page.goto(directory);
  const provinceLink = await firstRowWithTeams(page);
  const provinceName = (await provinceLink.textContent())!.trim();
  await provinceLink.click();
  await expect(page).toHaveURL(/\/to-cong-nghe-so\/\d{2}\/$/);
  await expect(page.locator('h1')).toHaveText(provinceName);
  const communeLink = await firstRowWithTeams(page);
  const communeName = (await communeLink.textContent())!.trim();
  await communeLink.click();
  await expect(page).toHaveURL(/\/to-cong-nghe-so\/\d{2}\/\d{5}\/$/);
  await expect(page.locator('h1')).toHaveText(communeName);
  return { provinceName, communeName, communeUrl: page.url() };
}

async function expectTeamShown(page: Page) {
  const team = page.locator('article.team-card').first();
  await expect(team).toBeVisible();
  await expect(team.locator('h3, h4').first()).not.toBeEmpty();
  await expect(team.locator('.team-members li').first()).toContainText(/Tổ trưởng|Tổ phó|Thành viên/);
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

for (const javaScriptEnabled of [true, false]) {
  test.describe(`directory with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('provinces → province → commune → a team, by tapping links', async ({ page }) => {
      const res = await page.goto(directory);
      expect(res?.status()).toBe(200);
      await expect(page.locator('h1')).toHaveText('Tổ công nghệ số cộng đồng');
      await expect(page.locator('.coverage-summary').first()).toContainText(/thôn, tổ dân phố có tổ/);
      await openCommuneWithTeams(page);
      await expectTeamShown(page);
      // Breadcrumbs lead back up.
      await expect(page.locator('.breadcrumbs a')).toHaveText(['Trang chủ', 'Tổ công nghệ số cộng đồng', /.+/]);
    });

    test('find your team: a commune typed without diacritics', async ({ page }) => {
      const { communeName, communeUrl } = await openCommuneWithTeams(page);
      await page.goto(directory);
      const query = fold(communeName.replace(/^(Xã|Phường|Đặc khu)\s+/u, ''));
      const form = page.getByRole('search', { name: 'Tìm Tổ công nghệ số' });
      await form.getByLabel('Tên xã, phường hoặc thôn, tổ dân phố').fill(query);
      await form.getByRole('button', { name: 'Tìm', exact: true }).click();
      await expect(page).toHaveURL(/\/to-cong-nghe-so\/tim\/\?q=/);
      await expect(page.locator('h2#ket-qua')).toContainText(query);
      const hit = page.locator('ul.search-results a', { hasText: communeName }).first();
      await hit.click();
      expect(page.url()).toBe(communeUrl);
      await expectTeamShown(page);
    });
  });
}

test('phones shown are tel: links, Zalo groups are buttons to zalo.me', async ({ page }) => {
  await openCommuneWithTeams(page);
  for (const link of await page.locator('a[href^="tel:"]').all()) {
    expect(await link.getAttribute('href')).toMatch(/^tel:\+84\d{9}$/);
    expect((await link.textContent())!.trim()).toMatch(/^0\d{3} \d{3} \d{3}$/);
  }
  for (const link of await page.locator('a.button', { hasText: 'Zalo' }).all()) {
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/([a-z0-9-]+\.)?zalo\.me\//);
  }
});

test('the directory is reachable from the site navigation', async ({ page }) => {
  await page.goto('/');
  await page.locator('header nav a[href="/to-cong-nghe-so/"]').click();
  await expect(page.locator('h1')).toHaveText('Tổ công nghệ số cộng đồng');
});

test('a phone-width screen never scrolls sideways', async ({ page }) => {
  const { communeUrl } = await openCommuneWithTeams(page);
  const provinceUrl = communeUrl.replace(/\d{5}\/$/, '');
  for (const url of [directory, provinceUrl, communeUrl]) {
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, url).toBeLessThanOrEqual(0);
  }
});

test('unknown codes show the site 404 page', async ({ page }) => {
  for (const path of ['/to-cong-nghe-so/99/', '/to-cong-nghe-so/01/99999/']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.locator('h1')).toHaveText(/^Không tìm thấy trang/);
  }
});

/** The directory pages to check, found by following the links (no fixed codes). */
async function directoryPages(page: Page) {
  const { communeName, communeUrl } = await openCommuneWithTeams(page);
  return {
    provinces: directory,
    province: communeUrl.replace(/\d{5}\/$/, ''),
    commune: communeUrl,
    search: `${directory}tim/?q=${encodeURIComponent(fold(communeName))}`,
  };
}

for (const name of ['provinces', 'province', 'commune', 'search'] as const) {
  test(`axe finds no violations on the ${name} page`, async ({ page }) => {
    test.setTimeout(90_000);
    const url = (await directoryPages(page))[name];
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(summary, url).toEqual([]);
    // Guard against a vacuous pass: axe did run its checks on this page.
    expect(results.passes.length, url).toBeGreaterThan(10);
  });
}
