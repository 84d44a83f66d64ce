// OWNER: search (issue 3). The search section of `npm run bench`: what the
// first search costs a reader (bytes, time on a throttled phone) and how well
// the query set is answered (recall). Runs real Chromium against dist/ served
// the way Cloudflare serves it (text compressed, Pagefind's files as they are).
import { chromium, devices, type Browser, type Page } from '@playwright/test';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';
import { searchQueries } from '../test/browser/search-queries.ts';
import { distDir, kb, median } from './lib/page-weight.ts';

const FIRST_SEARCH_BUDGET = 100 * 1024;

/** A phone on a weak mobile network (the profile). */
export const PHONE_PROFILE = { latencyMs: 150, downloadKbps: 1600, uploadKbps: 750, cpuSlowdown: 4 };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** Static server over dist/ that counts the bytes it sends per path (after compression). */
async function serveDist(): Promise<{ server: Server; origin: string; sent: Map<string, number> }> {
  const sent = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(distDir, path));
    if (!file.startsWith(distDir)) return void res.writeHead(400).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    const type = TYPES[extname(file)];
    // Like Cloudflare: compress text; Pagefind's own files are already gzip inside.
    const compress = type !== undefined && /gzip/.test(String(req.headers['accept-encoding']));
    res.writeHead(200, {
      'content-type': type ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...(compress ? { 'content-encoding': 'gzip' } : {}),
    });
    const count = (chunk: Buffer) => sent.set(path, (sent.get(path) ?? 0) + chunk.length);
    const body = createReadStream(file);
    if (compress) {
      const gzip = createGzip({ level: 6 });
      gzip.on('data', count);
      body.pipe(gzip).pipe(res);
    } else {
      body.on('data', (chunk) => count(chunk as Buffer));
      body.pipe(res);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, origin: `http://127.0.0.1:${port}`, sent };
}

/** Debian's Chromium (CHROMIUM_PATH overrides), launched the same way by every bench that drives a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** A page in a fresh phone-sized context (Pixel 7 at 360 px), throttled to PHONE_PROFILE on request. */
export async function phonePage(browser: Browser, throttled: boolean): Promise<Page> {
  const context = await browser.newContext({ ...devices['Pixel 7'], viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  if (throttled) await throttleLikeAPhone(page);
  return page;
}

/** Chromium's network and CPU throttling (CDP) set to PHONE_PROFILE, for one page (the assists bench uses it too). */
export async function throttleLikeAPhone(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PHONE_PROFILE.latencyMs,
    downloadThroughput: (PHONE_PROFILE.downloadKbps * 1000) / 8,
    uploadThroughput: (PHONE_PROFILE.uploadKbps * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_PROFILE.cpuSlowdown });
}

/** The first search from a guide page's box: everything downloaded from the focus to the first results. */
async function firstSearchFromGuide(browser: Browser, origin: string, sent: Map<string, number>, throttled: boolean) {
  const page = await phonePage(browser, throttled);
  await page.goto(`${origin}/huong-dan/thanh-toan-tien-dien-nuoc/`, { waitUntil: 'networkidle' });
  sent.clear();
  const box = page.locator('form[data-search-box] input[name="q"]');
  const start = Date.now();
  await box.focus();
  await box.fill('dang ky dich vu cong');
  await page.locator('[data-testid="search-results"] a').first().waitFor({ state: 'visible', timeout: 60_000 });
  const ms = Date.now() - start;
  await page.context().close();
  return { ms, files: new Map(sent) };
}

/** Opening /tim-kiem/?q=…: from navigation to the first results (HTML included in time, not in bytes). */
async function searchPageLoad(browser: Browser, origin: string, throttled: boolean) {
  const page = await phonePage(browser, throttled);
  const start = Date.now();
  await page.goto(`${origin}/tim-kiem/?q=${encodeURIComponent('nop tien dien')}`, { waitUntil: 'commit' });
  await page.locator('#search-page-results a').first().waitFor({ state: 'visible', timeout: 60_000 });
  const ms = Date.now() - start;
  await page.context().close();
  return ms;
}

async function recall(browser: Browser, origin: string) {
  const page = await phonePage(browser, false);
  await page.goto(`${origin}/tim-kiem/`);
  let top1 = 0;
  let top3 = 0;
  const misses: string[] = [];
  const notFirst: string[] = [];
  for (const { query, slug } of searchQueries) {
    await page.locator('#search-page-q').fill(query);
    await page.waitForFunction((q) => (document.querySelector('#search-page-status')?.textContent ?? '').includes(`“${q}”`), query.trim());
    const found = await page.locator('#search-page-results > li > a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const rank = found.indexOf(`/huong-dan/${slug}/`);
    if (rank === 0) top1++;
    else if (rank > 0 && rank < 3) notFirst.push(`${JSON.stringify(query)} → ${slug} at #${rank + 1}, after ${found.slice(0, rank).join(', ')}`);
    if (rank >= 0 && rank < 3) top3++;
    else misses.push(`${JSON.stringify(query)} → wanted ${slug}, got ${found.slice(0, 3).join(', ')}`);
  }
  await page.context().close();
  return { top1, top3, total: searchQueries.length, misses, notFirst };
}

export async function searchBenchSection(): Promise<void> {
  if (!existsSync(join(distDir, 'pagefind/pagefind.js'))) throw new Error('dist/pagefind is missing: run `npm run build` first');
  const { server, origin, sent } = await serveDist();
  const browser = await launchChromium();
  try {
    const { files } = await firstSearchFromGuide(browser, origin, sent, false);
    const total = [...files.values()].reduce((a, b) => a + b, 0);
    const group = (test: RegExp) => [...files].filter(([p]) => test.test(p)).reduce((a, [, b]) => a + b, 0);
    console.log('First search from a guide page\'s search box ("dang ky dich vu cong"), bytes on the wire:');
    console.log(`  our search script     ${kb(group(/^\/_astro\//))}`);
    console.log(`  pagefind.js           ${kb(group(/^\/pagefind\/pagefind\.js$/))}`);
    console.log(`  Pagefind WASM         ${kb(group(/\.pagefind$/))}`);
    console.log(`  index, filter, meta   ${kb(group(/\.(pf_index|pf_filter|pf_meta)$|entry\.json$/))}`);
    // The "Tra lỗi" wording (ERROR_INDEX_URL in site/scripts/search/search.ts), fetched with every search of two words or more.
    console.log(`  error wording index   ${kb(group(/^\/tra-loi\/chi-muc\.json$/))}`);
    console.log(`  result fragments      ${kb(group(/\.pf_fragment$/))} (${[...files.keys()].filter((p) => p.endsWith('.pf_fragment')).length} files)`);
    console.log(
      `  total                 ${kb(total)} in ${files.size} requests (goal ≤ ${kb(FIRST_SEARCH_BUDGET)})${total > FIRST_SEARCH_BUDGET ? '  ✖ OVER BUDGET' : ''}`,
    );

    const runs = 3;
    const boxTimes: number[] = [];
    const pageTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      boxTimes.push((await firstSearchFromGuide(browser, origin, sent, true)).ms);
      pageTimes.push(await searchPageLoad(browser, origin, true));
    }
    const profile = `${PHONE_PROFILE.latencyMs} ms RTT, ${PHONE_PROFILE.downloadKbps / 1000} Mbps down, CPU ×${PHONE_PROFILE.cpuSlowdown}`;
    console.log(`\nTime to first results on a throttled phone (${profile}), median of ${runs}, cold cache:`);
    console.log(`  guide page: focus the box and type → results   ${median(boxTimes)} ms  (${boxTimes.join(', ')})`);
    console.log(`  open /tim-kiem/?q=nop+tien+dien → results      ${median(pageTimes)} ms  (${pageTimes.join(', ')})`);

    const r = await recall(browser, origin);
    console.log(`\nQuery set (test/browser/search-queries.ts): recall@3 ${r.top3}/${r.total}, recall@1 ${r.top1}/${r.total}`);
    for (const miss of r.misses) console.log(`  miss: ${miss}`);
    for (const line of r.notFirst) console.log(`  not first: ${line}`);
  } finally {
    await browser.close();
    server.close();
  }
}
