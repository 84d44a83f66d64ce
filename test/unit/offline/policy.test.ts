import { describe, expect, it } from 'vitest';
import { assetsOf, cachePolicy } from '../../../site/scripts/offline/policy.ts';

// What the service worker may answer from its cache (site/scripts/offline/policy.ts).
describe('cachePolicy', () => {
  it.each([
    ['/g/tao-tai-khoan-dich-vu-cong/7KQ2M9XD', 'a member share link'],
    ['/g/tao-tai-khoan-dich-vu-cong/', 'a share link without a member'],
    ['/quan-tri/', 'the admin area'],
    ['/quan-tri/danh-sach/', 'an admin page'],
    ['/thanh-vien/', 'the member area'],
    ['/thanh-vien/ghi-nhan/', 'a member page'],
    ['/api/usage', 'an API'],
    ['/api/health', 'the health API'],
    ['/cong-cu/', 'the member toolkit'],
    ['/cong-cu/qr/tao-tai-khoan-dich-vu-cong.svg', 'a QR code (may carry a member code)'],
    ['/huong-dan/tao-tai-khoan-dich-vu-cong/gop-y/', 'the helpful form answer'],
    ['/huong-dan/tao-tai-khoan-dich-vu-cong/gop-y', 'the helpful form answer without a slash'],
    ['/xac-nhan/', 'the confirmation code form (issue 23)'],
    ['/xac-nhan/K7Q2MZ20/', 'a citizen confirming help'],
  ])('never touches %s (%s)', (path) => {
    expect(cachePolicy(path)).toBe('never');
  });

  it('keeps guide pages, the pages that lead to them, and build files', () => {
    expect(cachePolicy('/huong-dan/tao-tai-khoan-dich-vu-cong/')).toBe('guide');
    for (const page of ['/', '/chu-de/', '/chu-de/chinh-quyen-so/', '/da-luu/', '/mat-mang/', '/gioi-thieu/']) expect(cachePolicy(page), page).toBe('page');
    expect(cachePolicy('/_astro/client.UPch9K2K.js')).toBe('asset');
    expect(cachePolicy('/icons/icon-192.png')).toBe('asset');
  });

  it('leaves live pages and everything else to the network', () => {
    for (const path of [
      '/to-cong-nghe-so/',
      '/thong-ke/',
      '/tim-kiem/',
      '/pagefind/pagefind.js',
      '/du-lieu/huong-dan.json',
      '/sw.js',
      '/gioi-thieu-x/',
      '/huong-dan/Khong-Hop-Le/',
    ]) {
      expect(cachePolicy(path), path).toBe('network');
    }
  });
});

describe('assetsOf', () => {
  it('finds the build files a page names (scripts, lazy chunks in inline scripts, srcset images), once each', () => {
    const html = `<script type="module" src="/_astro/a.B1.js"></script>
      <script>const p="/_astro/player.C2.js";</script>
      <img src="/_astro/pic.D3.webp" srcset="/_astro/pic.D3.webp 360w, /_astro/pic.E4.webp 720w">
      <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"><a href="/huong-dan/x/">x</a>
      <script type="module" src="/_astro/a.B1.js"></script>`;
    expect(assetsOf(html).sort()).toEqual(
      ['/_astro/a.B1.js', '/_astro/player.C2.js', '/_astro/pic.D3.webp', '/_astro/pic.E4.webp', '/icons/apple-touch-icon.png'].sort(),
    );
  });

  it("follows a script's relative imports from its own folder", () => {
    const js = 'import{n as e}from"./client.UPch9K2K.js";import("./player.X.js");const u=`../_astro/fold.js`;';
    expect(assetsOf(js, '/_astro/SaveOffline.C2.js').sort()).toEqual(['/_astro/client.UPch9K2K.js', '/_astro/fold.js', '/_astro/player.X.js']);
  });
});
