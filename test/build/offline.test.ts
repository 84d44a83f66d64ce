import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtPages, distDir, gzipSize, kb } from '../../scripts/lib/page-weight.ts';
import { buildHash } from '../../site/integrations/offline.ts';
import { assetsOf } from '../../site/scripts/offline/policy.ts';
import { MemoryCacheStorage, Network, startWorker } from './offline-worker.ts';

// The built offline pieces (issue 12): the service worker, the pages it
// installs with, and the web app manifest with its icons.
const SW_BUDGET = 4 * 1024;
const read = (path: string) => readFileSync(join(distDir, path));

describe('service worker (dist/sw.js)', () => {
  const sw = read('sw.js').toString('utf8');

  it(`is at most ${kb(SW_BUDGET)} gzip`, () => {
    expect(gzipSize(sw), kb(gzipSize(sw))).toBeLessThanOrEqual(SW_BUDGET);
  });

  it('installs into a cache named after this build, with the offline page, /da-luu/ and every file they name', async () => {
    const caches = new MemoryCacheStorage();
    await startWorker(caches, new Network()).install();
    const build = await buildHash(distDir);
    expect(await caches.keys()).toEqual([`cns-${build}`]);
    const kept = caches.caches.get(`cns-${build}`)!.paths();
    for (const page of ['mat-mang/index.html', 'da-luu/index.html']) expect(existsSync(join(distDir, page)), page).toBe(true);
    expect(kept).toEqual(expect.arrayContaining(['/mat-mang/', '/da-luu/']));
    for (const page of ['mat-mang', 'da-luu']) {
      const named = assetsOf(read(`${page}/index.html`).toString('utf8'));
      expect(named.length, page).toBeGreaterThan(0);
      expect(kept).toEqual(expect.arrayContaining(named));
    }
  });

  it('offline, a guide opened before opens from its saved copy (saying so); one never opened gets the offline page', async () => {
    const caches = new MemoryCacheStorage();
    const network = new Network();
    const worker = startWorker(caches, network);
    await worker.install();
    const [opened, other] = builtPages()
      .filter((p) => p.type === 'guide')
      .map((p) => p.path);
    const online = await worker.navigate(opened!);
    expect(online!.status).toBe(200);
    // Online, the page came from the network: the Worker saw (and counts) the visit.
    expect(network.requested).toContain(opened);
    network.online = false;
    const saved = await (await worker.navigate(opened!))!.text();
    expect(saved).toContain('saved-copy');
    expect(saved).toContain(/<h1\b[^>]*>([^<]*)/.exec(read(`${opened!.slice(1)}index.html`).toString('utf8'))![1]);
    const never = await (await worker.navigate(other!))!.text();
    expect(never).toBe(read('mat-mang/index.html').toString('utf8'));
  });

  it('never answers for the admin and member areas, share links or APIs, online or offline', async () => {
    const network = new Network();
    const worker = startWorker(new MemoryCacheStorage(), network);
    await worker.install();
    network.online = false;
    for (const path of ['/quan-tri/', '/thanh-vien/', '/g/tao-tai-khoan-dich-vu-cong/7KQ2M9XD', '/api/usage', '/cong-cu/']) {
      expect(await worker.navigate(path), path).toBeUndefined();
    }
  });

  it('a new build gets a new cache; activating it drops the old one and carries over the guides saved in it', async () => {
    const caches = new MemoryCacheStorage();
    const network = new Network();
    const build = await buildHash(distDir);
    const first = startWorker(caches, network);
    await first.install();
    const guide = builtPages().find((p) => p.type === 'guide')!.path;
    await first.navigate(guide);
    const next = startWorker(caches, network, read('sw.js').toString('utf8').replaceAll(build, 'nextbuild000'));
    await next.install();
    await next.activate();
    expect(await caches.keys()).toEqual(['cns-nextbuild000']);
    expect(caches.caches.get('cns-nextbuild000')!.paths()).toContain(guide);
  });
});

describe('registration', () => {
  it.each(
    builtPages()
      .filter((p) => p.type === 'guide' || p.type === 'home')
      .map((p) => [p.path, p] as const),
  )('%s registers the worker only after load, and links the manifest', (_path, page) => {
    const html = readFileSync(page.file, 'utf8');
    expect(html).toMatch(/addEventListener\(\s*["'`]load["'`]\s*,\s*\(\)\s*=>\s*navigator\.serviceWorker\.register\(["'`]\/sw\.js["'`]\)/);
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
  });
});

describe('web app manifest', () => {
  const manifest = JSON.parse(read('manifest.webmanifest').toString('utf8')) as {
    name: string;
    short_name: string;
    lang: string;
    start_url: string;
    display: string;
    icons: { src: string; sizes: string; type: string; purpose: string }[];
  };

  it('names the site and opens its home page like an app', () => {
    expect(manifest).toMatchObject({ name: 'Cẩm nang số', short_name: 'Cẩm nang số', lang: 'vi', start_url: '/', display: 'standalone' });
  });

  it('lists PNG icons of 192 and 512 px, one maskable, each the size it says', () => {
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of [...manifest.icons, { src: '/icons/apple-touch-icon.png', sizes: '180x180' }]) {
      const png = read(icon.src);
      expect(png.subarray(1, 4).toString('latin1'), icon.src).toBe('PNG');
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
  });
});

describe('the pages about saved guides (/da-luu/, /mat-mang/)', () => {
  const offlinePages = builtPages().filter((p) => p.type === 'offline');

  it('are both built', () => {
    expect(offlinePages.map((p) => p.path).sort()).toEqual(['/da-luu/', '/mat-mang/']);
  });

  it.each(offlinePages.map((p) => [p.path, p] as const))('%s is kept out of search engines (about this phone only)', (_path, page) => {
    const html = readFileSync(page.file, 'utf8');
    expect(html).toMatch(/<meta name="robots" content="noindex"/);
    expect(html).not.toMatch(/rel="canonical"/);
  });
});
