import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { foldVietnamese } from '../../site/utils/fold.ts';
import { guidePaths, topicPaths } from './site-helpers.ts';

// Offline reading (issue 12) in real Chromium against the real app: the
// service worker built into dist/sw.js, the Worker and its local D1. Each test
// has its own browser context, so its own service worker and caches; the
// network is cut with context.setOffline(true), which Playwright applies to the
// service worker's own fetches too.

const runId = `${Math.floor(Math.random() * 9000) + 1000}.${Date.now() % 100000}`;
const phoneUserAgent = (n: number) =>
  `Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${runId}${n} Mobile Safari/537.36`;
test.use({ locale: 'vi-VN' });

/** Opens a page and waits until the service worker controls it and has kept it in its cache. */
async function openAndKeep(page: Page, path: string) {
  await page.goto(path);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  await expect.poll(() => isCached(page, path), { timeout: 10_000 }).toBe(true);
}

const isCached = (page: Page, path: string) => page.evaluate(async (p) => (await caches.match(p)) !== undefined, path);

/** Every URL in the service worker's caches. */
const cachedUrls = (page: Page) =>
  page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
    return urls;
  });

const titleOf = (page: Page) => page.locator('article h1').innerText();

test('a guide opened once reloads offline and says it is a saved copy, with its date', async ({ page, context }) => {
  const guide = guidePaths[0]!;
  await openAndKeep(page, guide);
  const title = await titleOf(page);
  await expect(page.locator('.saved-copy')).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('article h1')).toHaveText(title);
  const notice = page.locator('.saved-copy');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('bản đã lưu');
  await expect(notice).toContainText(/\d{2}\/\d{2}\/\d{4}/);
  // Its steps and tools still work from the cache: the page's own scripts were kept with it.
  await expect(page.getByRole('button', { name: 'Lưu để đọc khi mất mạng' })).toBeVisible();
});

test('offline, a guide never opened shows the Vietnamese offline page listing the saved one; search runs over saved guides', async ({ page, context }) => {
  const [saved, neverOpened] = [guidePaths[0]!, guidePaths[1]!];
  await openAndKeep(page, saved);
  const title = await titleOf(page);

  await context.setOffline(true);
  await page.goto(neverOpened);
  await expect(page.locator('h1')).toHaveText('Không có kết nối mạng');
  const link = page.locator('[data-saved-list] a');
  await expect(link).toHaveCount(1);
  await expect(link).toHaveText(title);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await link.click();
  await expect(page.locator('article h1')).toHaveText(title);

  // Search: typed without diacritics, answered from the saved guides.
  const word = foldVietnamese(title)
    .split(' ')
    .find((w) => w.length > 3)!;
  await page.goto(`/tim-kiem/?q=${encodeURIComponent(word)}`);
  await expect(page.locator('[data-saved-list] a')).toHaveText([title]);
  await expect(page.getByRole('searchbox', { name: 'Tìm trong các hướng dẫn đã lưu' })).toHaveValue(word);
  await page.getByRole('searchbox', { name: 'Tìm trong các hướng dẫn đã lưu' }).fill('khongcohuongdannaykhop');
  await expect(page.locator('[data-saved-list] a')).toHaveCount(0);
  await expect(page.locator('[data-saved-status]')).toContainText('Không có hướng dẫn đã lưu nào khớp');
});

async function viewsOf(request: APIRequestContext): Promise<Map<string, { views: number; shareClicks: number; helpfulYes: number }>> {
  const body = (await (await request.get('/api/usage')).json()) as {
    guides: { slug: string; views: number; shareClicks: number; helpfulYes: number }[];
  };
  return new Map(body.guides.map((g) => [g.slug, g]));
}
const slugOf = (path: string) => path.split('/')[2]!;

test('"save topic", then offline every guide of the topic opens; saving counts no view', async ({ browser, request }) => {
  const context = await browser.newContext({ userAgent: phoneUserAgent(1), locale: 'vi-VN' });
  const page = await context.newPage();
  const topic = topicPaths[0]!;
  await openAndKeep(page, topic);
  const guides = await page.locator('.cards a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(guides.length).toBeGreaterThan(1);
  const before = await viewsOf(request);

  await page.getByRole('button', { name: `Lưu cả ${guides.length} hướng dẫn để đọc khi mất mạng` }).click();
  await expect(page.locator('[data-save-offline] [role=status]')).toHaveText(`Đã lưu ${guides.length} hướng dẫn. Bạn mở được chúng cả khi mất mạng.`);

  await context.setOffline(true);
  for (const guide of guides) {
    await page.goto(guide);
    await expect(page.locator('article h1'), guide).toBeVisible();
    await expect(page.locator('.saved-copy'), guide).toBeVisible();
  }
  // The worker's own fetches are not views (give a wrongly queued count time to land).
  await context.setOffline(false);
  await page.waitForTimeout(2500);
  const after = await viewsOf(request);
  for (const guide of guides) expect(after.get(slugOf(guide))?.views ?? 0, guide).toBe(before.get(slugOf(guide))?.views ?? 0);
  await context.close();
});

test('/da-luu/ lists saved guides with size and date; removing one removes it', async ({ page, context }) => {
  const [first, second] = [guidePaths[2]!, guidePaths[3]!];
  await openAndKeep(page, first);
  const firstTitle = await titleOf(page);
  await openAndKeep(page, second);
  const secondTitle = await titleOf(page);

  await page.goto('/da-luu/');
  await expect(page.locator('h1')).toHaveText('Hướng dẫn đã lưu');
  const items = page.locator('[data-saved-list] li');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText(secondTitle); // newest first
  for (const item of await items.all()) await expect(item).toContainText(/Khoảng \d+ KB, lưu lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  await expect(page.locator('[data-saved-status]')).toContainText('2 hướng dẫn, tổng cộng khoảng');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.getByRole('button', { name: `Xoá bản lưu “${firstTitle}”` }).click();
  await expect(page.locator('[data-saved-status]')).toHaveText(`Đã xoá bản lưu “${firstTitle}”.`);
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(secondTitle);
  expect(await isCached(page, first)).toBe(false);

  // Gone for real: offline it is no longer there, the other one is.
  await context.setOffline(true);
  await page.goto(first);
  await expect(page.locator('h1')).toHaveText('Không có kết nối mạng');
  await page.goto(second);
  await expect(page.locator('article h1')).toHaveText(secondTitle);
});

test('share links and the helpful form always reach the Worker: counted online, never answered from the cache', async ({ browser, request }) => {
  const context = await browser.newContext({ userAgent: phoneUserAgent(2), locale: 'vi-VN' });
  const page = await context.newPage();
  const [opened, shared] = [guidePaths[4]!, guidePaths[5]!];
  await openAndKeep(page, opened);
  const before = (await viewsOf(request)).get(slugOf(shared)) ?? { views: 0, shareClicks: 0, helpfulYes: 0 };

  // With the worker in control: the share link, then the guide it leads to, are counted by the Worker.
  await page.goto(`/g/${slugOf(shared)}/`);
  expect(new URL(page.url()).pathname).toBe(shared);
  await page.getByRole('button', { name: 'Có', exact: true }).click();
  await expect(page.locator('[data-helpful-thanks]')).toBeVisible();
  await expect
    .poll(
      async () => {
        const g = (await viewsOf(request)).get(slugOf(shared));
        return { views: g?.views ?? 0, shareClicks: g?.shareClicks ?? 0, helpfulYes: g?.helpfulYes ?? 0 };
      },
      { timeout: 10_000, intervals: [250] },
    )
    .toEqual({ views: before.views + 1, shareClicks: before.shareClicks + 1, helpfulYes: before.helpfulYes + 1 });

  // Nothing of those was kept: no share link, no form answer, no "thank you" copy of the page.
  await page.goto(shared);
  await expect.poll(() => isCached(page, shared), { timeout: 10_000 }).toBe(true);
  const urls = await cachedUrls(page);
  expect(urls.filter((u) => /\/g\/|gop-y|\?/.test(u))).toEqual([]);

  // Offline: the share link and the form are not served at all.
  await context.setOffline(true);
  await expect(page.goto(`/g/${slugOf(shared)}/`)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  const reader = await context.newPage();
  await reader.goto(shared); // the saved copy
  await expect(reader.locator('.saved-copy')).toBeVisible();
  const posted = await reader.evaluate(
    (action) =>
      fetch(action, { method: 'POST', body: new URLSearchParams({ answer: 'yes' }) }).then(
        () => 'answered',
        () => 'failed',
      ),
    `${shared}gop-y/`,
  );
  expect(posted).toBe('failed');
  await context.close();
});

test('the web app manifest gives the name and icons for "Add to home screen"', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const res = await request.get(href!);
  expect(res.headers()['content-type']).toContain('manifest+json');
  const manifest = (await res.json()) as { name: string; start_url: string; display: string; icons: { src: string; sizes: string }[] };
  expect(manifest).toMatchObject({ name: 'Cẩm nang số', start_url: '/', display: 'standalone' });
  for (const icon of manifest.icons) {
    const png = await request.get(icon.src);
    expect(png.headers()['content-type'], icon.src).toBe('image/png');
    const body = await png.body();
    expect(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
  }
});

test('a new build replaces the saved copies without ever mixing old and new files', async ({ page }) => {
  const [opened, savedByOldBuild] = [guidePaths[6]!, guidePaths[7]!];
  await openAndKeep(page, opened);
  const oldBuild = 'cns-000000000000';
  // What a previous build left: a guide saved two days ago, naming a script that no longer exists.
  await page.evaluate(
    async ({ oldBuild, path }) => {
      const cache = await caches.open(oldBuild);
      await cache.put('/_astro/old-build.js', new Response('/* old */', { headers: { 'content-type': 'text/javascript' } }));
      const html = `<!doctype html><html lang="vi"><body><main id="main"><article><h1>Bản cũ</h1></article></main><script type="module" src="/_astro/old-build.js"></script></body></html>`;
      const headers = {
        'content-type': 'text/html; charset=utf-8',
        'x-saved-at': String(Date.now() - 2 * 86400_000),
        'x-pinned': 'true',
        'x-title': 'B%E1%BA%A3n%20c%C5%A9',
        'x-bytes': '200',
      };
      await cache.put(path, new Response(html, { headers }));
    },
    { oldBuild, path: savedByOldBuild },
  );
  // A new worker version installs and activates, as after a deploy (a new script URL makes the browser install it).
  await page.evaluate(() => navigator.serviceWorker.register('/sw.js?nouvelle-version=1'));

  await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 15_000 }).not.toContain(oldBuild);
  // The old copy was carried over, then refreshed in the background: the current page, still saved for good.
  await expect
    .poll(() => page.evaluate(async (p) => (await (await caches.match(p))?.text()) ?? '', savedByOldBuild), { timeout: 15_000 })
    .not.toContain('Bản cũ');
  const state = await page.evaluate(async (p) => {
    const names = await caches.keys();
    const cache = await caches.open(names[0]!);
    const paths = (await cache.keys()).map((r) => new URL(r.url).pathname);
    const missing: string[] = [];
    for (const path of paths) {
      const res = (await cache.match(path))!;
      if (!res.headers.get('content-type')?.includes('html')) continue;
      for (const m of (await res.text()).matchAll(/(?<=["'(\s,])\/_astro\/[^"'()\s,?#]+/g)) if (!paths.includes(m[0])) missing.push(`${path} → ${m[0]}`);
    }
    return { names, paths, missing, pinned: (await cache.match(p))!.headers.get('x-pinned') };
  }, savedByOldBuild);
  expect(state.names).toHaveLength(1);
  expect(state.paths).toContain(opened);
  expect(state.paths).not.toContain('/_astro/old-build.js');
  expect(state.missing, 'files named by a saved page but not saved with it').toEqual([]);
  expect(state.pinned).toBe('true');
});
