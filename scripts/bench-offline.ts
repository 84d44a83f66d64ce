// `npm run bench` section for issue 12 (also alone: `node scripts/bench-offline.ts`):
// the service worker's bytes, what a first visit to a guide costs, what a saved
// guide takes in the phone's storage, and how many A4 pages each guide prints to.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { qrSvg } from '../functions/views/qr-svg.ts';
import { assetsOf, SHELL_PAGES } from '../site/scripts/offline/policy.ts';
import { launchChromium } from './bench-search.ts';
import { builtPages, distDir, gzipSize, kb, measurePage, median } from './lib/page-weight.ts';
import { countPdfPages, handoutQrBox, PRINT_CONTENT_HEIGHT_PX, printGuide } from './lib/print-pages.ts';

const fileOf = (path: string) => join(distDir, path.endsWith('/') ? `${path}index.html` : path);
const read = (path: string) => readFileSync(fileOf(path));

/** A page and every file the service worker stores with it, as raw bytes (Cache Storage keeps bodies uncompressed). */
function storedBytes(path: string): { raw: number; gzip: number } {
  const html = read(path);
  let raw = html.length;
  let gzip = gzipSize(html);
  const queue = assetsOf(html.toString('utf8'));
  for (const asset of queue) {
    const file = read(asset);
    raw += file.length;
    gzip += gzipSize(file);
    if (asset.endsWith('.js')) for (const next of assetsOf(file.toString('utf8'), asset)) if (!queue.includes(next)) queue.push(next);
  }
  return { raw, gzip };
}

export function offlineBytesSection(): void {
  const sw = read('/sw.js');
  const shell = SHELL_PAGES.map(storedBytes).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }));
  const guides = builtPages().filter((p) => p.type === 'guide');
  const pageGzip = guides.map((p) => measurePage(p).blockingGzip + measurePage(p).jsGzip);
  const stored = guides.map((p) => storedBytes(p.path).raw);
  const manifest = read('/manifest.webmanifest');
  console.log(`service worker (dist/sw.js): ${kb(sw.length)} raw, ${kb(gzipSize(sw))} gzip`);
  console.log(`installed with it (offline page + /da-luu/ and their scripts): ${kb(shell.gzip)} gzip, ${kb(shell.raw)} stored`);
  console.log(
    `first visit to a guide: page + its JS ${kb(median(pageGzip))} gzip (median), then after load the worker and its install ${kb(gzipSize(sw) + shell.gzip)} → ${kb(median(pageGzip) + gzipSize(sw) + shell.gzip)} in all (manifest ${kb(gzipSize(manifest))} when the browser asks)`,
  );
  console.log(`a saved guide in storage: median ${kb(median(stored))}, max ${kb(Math.max(...stored))} (page + the files it names, uncompressed)`);
}

/** Prints every guide (full and summary) from dist/ in Chromium, the QR answered with a real QR SVG. */
export async function printSection(): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.route('http://bench.invalid/**', (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname.startsWith('/cong-cu/qr/')) return route.fulfill({ contentType: 'image/svg+xml', body: qrSvg(`https://camnangso.example.vn${pathname}`) });
      const file = fileOf(pathname);
      return existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404, body: '' });
    });
    const rows: { path: string; full: number; summary: number; qrBottom: number }[] = [];
    for (const guide of builtPages().filter((p) => p.type === 'guide')) {
      await page.goto(`http://bench.invalid${guide.path}`);
      const full = countPdfPages(await printGuide(page, 'full'));
      const summary = countPdfPages(await printGuide(page, 'summary'));
      const qr = await handoutQrBox(page);
      rows.push({ path: guide.path, full, summary, qrBottom: qr.bottom });
    }
    for (const r of rows)
      console.log(
        `${r.path.padEnd(50)} ${r.full} pages, summary ${r.summary}, QR ends at ${Math.round((r.qrBottom / PRINT_CONTENT_HEIGHT_PX) * 100)}% of page 1`,
      );
    const full = rows.map((r) => r.full);
    console.log(`\npages per printed guide: median ${median(full)}, max ${Math.max(...full)}; summary median ${median(rows.map((r) => r.summary))}`);
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  offlineBytesSection();
  console.log('');
  await printSection();
}
