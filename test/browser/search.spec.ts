import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { searchQueries } from './search-queries.ts';

const results = (page: Page) => page.getByTestId('search-results');
const status = (page: Page) => page.locator('#search-page-status');

/** Slugs of the guides listed, best first. */
async function foundSlugs(page: Page): Promise<string[]> {
  const hrefs = await results(page)
    .locator(':scope > li > a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((href) => /^\/huong-dan\/([^/]+)\/$/.exec(href)?.[1] ?? href);
}

test.describe('query set: the intended guide is in the top 3', () => {
  for (const [i, { query, slug, kind }] of searchQueries.entries()) {
    test(`${kind}: ${JSON.stringify(query)} → ${slug}`, async ({ page }) => {
      // Half the set arrives as a link (/tim-kiem/?q=…), half is typed into the box.
      if (i % 2 === 0) {
        await page.goto(`/tim-kiem/?q=${encodeURIComponent(query)}`);
      } else {
        await page.goto('/tim-kiem/');
        await page.locator('#search-page-q').fill(query);
      }
      await expect(status(page)).toContainText('hướng dẫn');
      const top3 = (await foundSlugs(page)).slice(0, 3);
      expect(top3, `top 3 for ${JSON.stringify(query)}`).toContain(slug);
    });
  }
});

test.describe('search page with JavaScript', () => {
  test('results appear as the user types, in proper Vietnamese with matched words highlighted', async ({ page }) => {
    await page.goto('/tim-kiem/');
    await page.locator('#search-page-q').pressSequentially('dong tien dien', { delay: 40 });
    await expect(status(page)).toContainText('“dong tien dien”');
    const first = results(page).locator(':scope > li').first();
    await expect(first.locator('a')).toHaveAttribute('href', '/huong-dan/thanh-toan-tien-dien-nuoc/');
    // The title keeps its diacritics (and its real đ) while the query had none.
    await expect(first.locator('a')).toContainText('Đóng tiền điện');
    const marks = await first.locator('.search-result-excerpt mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.map((m) => m.toLowerCase())).toContain('điện');
    await expect(first.locator('.search-result-topic')).toContainText('Kinh tế số');
    // Nothing of the index encoding leaks to readers.
    expect(await results(page).innerText()).not.toMatch(/\u0335/);
    // The address follows the box, so the results can be shared.
    await expect(page).toHaveURL(/\?q=dong\+tien\+dien|\?q=dong%20tien%20dien/);
  });

  test('the live status announces the count; the box and list are labelled', async ({ page }) => {
    await page.goto('/tim-kiem/?q=vietqr');
    await expect(status(page)).toHaveAttribute('role', 'status');
    await expect(status(page)).toHaveAttribute('aria-live', 'polite');
    await expect(status(page)).toHaveText(/^Có \d+ hướng dẫn cho “vietqr”\.$/);
    const count = Number(/Có (\d+)/.exec((await status(page).textContent()) ?? '')?.[1]);
    await expect(results(page).locator(':scope > li')).toHaveCount(Math.min(count, 8));
    await expect(page.getByLabel('Tìm hướng dẫn')).toHaveValue('vietqr');
    await expect(results(page)).toHaveAttribute('aria-label', 'Kết quả tìm kiếm');
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test('keyboard: arrow down from the box reaches the results, Enter opens a guide', async ({ page }) => {
    await page.goto('/tim-kiem/');
    await page.locator('#search-page-q').fill('momo');
    await expect(results(page).locator('a').first()).toBeVisible();
    await page.locator('#search-page-q').press('ArrowDown');
    await expect(results(page).locator('a').first()).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('#search-page-q')).toBeFocused();
    await page.locator('#search-page-q').press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/huong-dan\/mo-va-xac-thuc-vi-dien-tu\/$/);
  });

  test('more results load on demand', async ({ page }) => {
    await page.goto('/tim-kiem/?q=dien');
    await expect(status(page)).toHaveText(/^Có \d+/);
    const count = Number(/Có (\d+)/.exec((await status(page).textContent()) ?? '')?.[1]);
    test.skip(!(count > 8), 'needs more than 8 guides matching "dien"');
    await expect(results(page).locator(':scope > li')).toHaveCount(8);
    await page.locator('#search-page-more').click();
    await expect(results(page).locator(':scope > li')).toHaveCount(Math.min(count, 16));
    await expect(results(page).locator(':scope > li').nth(8).locator('a')).toBeFocused();
  });

  test('no results: says so and suggests the four topics and the team directory', async ({ page }) => {
    await page.goto('/tim-kiem/?q=xyzqwv');
    await expect(status(page)).toHaveText('Chưa có hướng dẫn nào cho “xyzqwv”.');
    const empty = page.getByTestId('search-empty');
    await expect(empty).toBeVisible();
    const hrefs = await empty.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['/chu-de/chinh-quyen-so/', '/chu-de/kinh-te-so/', '/chu-de/xa-hoi-so/', '/chu-de/an-toan-thong-tin/', '/to-cong-nghe-so/']);
    await expect(results(page)).toBeHidden();
  });
});

test.describe('search never answers nothing for a near miss (issue 19)', () => {
  test('a word no guide holds is left out, and the status names it', async ({ page }) => {
    // Two names no guide holds together (as below), and a word no guide holds at all.
    await page.goto(`/tim-kiem/?q=${encodeURIComponent('xyzqwv vssid shopee')}`);
    await expect(status(page)).toContainText('Không hướng dẫn nào có từ “xyzqwv”, nên đã bỏ qua.');
    await expect(status(page)).toContainText('Không hướng dẫn nào có đủ mọi từ bạn gõ.');
    expect(await foundSlugs(page)).toContain('dung-ung-dung-vssid');
  });

  test('a brand typed with two letters swapped finds its guide, and the status names the word searched', async ({ page }) => {
    await page.goto('/tim-kiem/');
    await page.locator('#search-page-q').fill('kich hoat vnied');
    await expect(status(page)).toContainText('Đã tìm “vneid” thay cho “vnied”.');
    expect((await foundSlugs(page)).slice(0, 3)).toContain('kich-hoat-tai-khoan-vneid-muc-2');
  });

  test('words no guide holds together: the guides holding the most of them, said plainly', async ({ page }) => {
    await page.goto(`/tim-kiem/?q=${encodeURIComponent('vssid shopee')}`);
    await expect(status(page)).toContainText('Không hướng dẫn nào có đủ mọi từ bạn gõ.');
    const found = await foundSlugs(page);
    expect(found).toContain('dung-ung-dung-vssid');
    expect(found).toContain('ban-hang-truc-tuyen');
  });

  test('a query of nothing but unknown words still says so (no invented results)', async ({ page }) => {
    await page.goto('/tim-kiem/?q=xyzqwv%20qqzzx');
    await expect(status(page)).toHaveText('Chưa có hướng dẫn nào cho “xyzqwv qqzzx”.');
    await expect(results(page)).toBeHidden();
  });
});

test.describe('search page without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('lists every guide grouped by topic, and the box is a plain form', async ({ page }) => {
    await page.goto('/tim-kiem/?q=dien');
    const all = page.getByTestId('all-guides');
    await expect(all).toBeVisible();
    const topicIds = await all.locator('[data-topic]').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-topic')));
    expect(topicIds).toEqual(['chinh-quyen-so', 'kinh-te-so', 'xa-hoi-so', 'an-toan-thong-tin']);
    // Each intended guide of the query set is listed once, under some topic.
    const listed = await all.locator('[data-topic] li > a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    for (const slug of new Set(searchQueries.map((q) => q.slug))) {
      expect(listed.filter((href) => href === `/huong-dan/${slug}/`)).toHaveLength(1);
    }
    await expect(all.locator('[data-topic="kinh-te-so"] a[href="/huong-dan/thanh-toan-tien-dien-nuoc/"]')).toBeVisible();
    await expect(all.locator('[data-topic="an-toan-thong-tin"] a[href="/huong-dan/nhan-biet-cuoc-goi-tin-nhan-lua-dao/"]')).toBeVisible();
    await expect(page.locator('.search-page-noscript')).toBeVisible();
    // Marked hidden: not an empty 44 px button (a button's display must not beat `hidden`).
    await expect(page.locator('#search-page-more')).toBeHidden();
    const form = page.locator('#search-page-form');
    await expect(form).toHaveAttribute('action', '/tim-kiem/');
    await expect(form).toHaveAttribute('method', 'get');
  });

  test('the search box of a guide page submits to /tim-kiem/', async ({ page }) => {
    await page.goto('/huong-dan/thanh-toan-tien-dien-nuoc/');
    await page.getByLabel('Tìm hướng dẫn').fill('momo');
    await page.getByLabel('Tìm hướng dẫn').press('Enter');
    await expect(page).toHaveURL(/\/tim-kiem\/\?q=momo$/);
  });
});

test.describe('lazy loading on guide pages', () => {
  test('the box downloads the records it shows and no others (no topics: it shows none)', async ({ page }) => {
    const fragments: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/pagefind/fragment/')) fragments.push(request.url());
    });
    await page.goto('/huong-dan/thanh-toan-tien-dien-nuoc/');
    // A query that matches a topic too (the search page lists it: the next test).
    await page.getByLabel('Tìm hướng dẫn').fill('kinh te so');
    await expect(results(page).locator('a').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const shown = await page.locator('#site-search-q-panel a[href^="/huong-dan/"], #site-search-q-panel a[href^="/tra-loi/"]').count();
    expect(shown).toBeGreaterThan(0);
    expect(fragments).toHaveLength(shown);
  });

  test('the search page still shows the topics a query matches', async ({ page }) => {
    await page.goto(`/tim-kiem/?q=${encodeURIComponent('kinh te so')}`);
    const topics = page.locator('#search-page-topics');
    await expect(topics).toBeVisible();
    await expect(topics.locator('a[href="/chu-de/kinh-te-so/"]')).toBeVisible();
  });

  test('no Pagefind file loads until the search box gets focus', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto('/huong-dan/thanh-toan-tien-dien-nuoc/');
    await page.waitForLoadState('networkidle');
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(300);
    expect(requested.filter((path) => path.startsWith('/pagefind/') || /search-(box|ui)/.test(path))).toEqual([]);

    const pagefindJs = page.waitForRequest((request) => request.url().endsWith('/pagefind/pagefind.js'));
    const wasm = page.waitForRequest((request) => /\/pagefind\/wasm\.[^/]+\.pagefind$/.test(request.url()));
    await page.getByLabel('Tìm hướng dẫn').focus();
    await pagefindJs;
    await wasm;

    // Typing now shows results right under the box.
    await page.getByLabel('Tìm hướng dẫn').pressSequentially('zalopay', { delay: 30 });
    const panelResults = results(page);
    await expect(panelResults.locator('a').first()).toHaveAttribute('href', '/huong-dan/mo-va-xac-thuc-vi-dien-tu/');
    await expect(page.locator('#site-search-q-panel')).toBeVisible();
    await expect(page.getByLabel('Tìm hướng dẫn')).toHaveAttribute('aria-controls', 'site-search-q-panel');
    await expect(page.locator('#site-search-q-panel [role="status"]')).toHaveText(/^Có \d+ hướng dẫn cho “zalopay”\.$/);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await expect(page.locator('.search-box-all'), 'no "see all" link when every result is shown').toBeHidden();
    await page.getByLabel('Tìm hướng dẫn').press('Escape');
    await expect(panelResults).toBeHidden();
  });
});
