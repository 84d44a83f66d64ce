import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtPages, distDir, gzipSize, kb } from '../../scripts/lib/page-weight.ts';
import { buildHash } from '../../site/integrations/offline.ts';

// The built offline pieces (issue 12): the service worker, the pages it
// installs with, and the web app manifest with its icons.
const SW_BUDGET = 4 * 1024;
const read = (path: string) => readFileSync(join(distDir, path));

describe('service worker (dist/sw.js)', () => {
  const sw = read('sw.js').toString('utf8');

  it(`is at most ${kb(SW_BUDGET)} gzip`, () => {
    expect(gzipSize(sw), kb(gzipSize(sw))).toBeLessThanOrEqual(SW_BUDGET);
  });

  it('names its cache after a hash of this build, so a new build gets a new worker and cache', async () => {
    const build = await buildHash(distDir);
    expect(sw).toContain('"cns-"');
    expect(sw).toContain(`"${build}"`);
  });

  it('installs with the offline page and /da-luu/, which exist', () => {
    for (const page of ['mat-mang/index.html', 'da-luu/index.html']) expect(existsSync(join(distDir, page)), page).toBe(true);
    expect(sw).toContain('/mat-mang/');
    expect(sw).toContain('/da-luu/');
  });
});

describe('registration', () => {
  it.each(builtPages().filter((p) => p.type === 'guide' || p.type === 'home').map((p) => [p.path, p] as const))(
    '%s registers the worker only after load, and links the manifest',
    (_path, page) => {
      const html = readFileSync(page.file, 'utf8');
      expect(html).toMatch(/addEventListener\(\s*["'`]load["'`]\s*,\s*\(\)\s*=>\s*navigator\.serviceWorker\.register\(["'`]\/sw\.js["'`]\)/);
      expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    },
  );
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
