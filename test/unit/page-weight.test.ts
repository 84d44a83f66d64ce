import { describe, expect, it } from 'vitest';
import { gzipSize, measureHtml, pageType } from '../../scripts/lib/page-weight.ts';

const assets: Record<string, string> = {
  '/_astro/site.css': 'body{color:red}'.repeat(50),
  '/_astro/app.js': 'import{a}from"./chunk.js";import("/_astro/lazy.js");console.log(a)',
  '/_astro/chunk.js': 'export const a=1;'.repeat(20),
  '/_astro/lazy.js': 'x'.repeat(5000),
};
const read = (path: string) => assets[path];

describe('measureHtml', () => {
  it('counts linked same-origin stylesheets as render-blocking, inline CSS inside the HTML', () => {
    const html = '<html><head><style>p{margin:0}</style><link rel="stylesheet" href="/_astro/site.css"></head></html>';
    const weight = measureHtml(html, read);
    expect(weight.linkedCssGzip).toBe(gzipSize(assets['/_astro/site.css']!));
    expect(weight.blockingGzip).toBe(weight.htmlGzip + weight.linkedCssGzip);
    expect(weight.inlineCssGzip).toBe(gzipSize('p{margin:0}'));
  });

  it('counts module scripts with their static imports but not dynamic import()', () => {
    const weight = measureHtml('<script type="module" src="/_astro/app.js"></script>', read);
    expect(weight.jsGzip).toBe(gzipSize(assets['/_astro/app.js']!) + gzipSize(assets['/_astro/chunk.js']!));
    expect(weight.blockingScripts).toEqual([]);
  });

  it('flags classic scripts that block parsing, but not defer, module or JSON-LD', () => {
    const html =
      '<script src="/a.js"></script><script>var x=1</script><script defer src="/b.js"></script>' +
      '<script type="module">1</script><script type="application/ld+json">{}</script>';
    expect(measureHtml(html, read).blockingScripts.map((s) => s.src ?? s.inline)).toEqual(['/a.js', 'var x=1']);
  });

  it('finds requests to other origins in scripts, styles, images, fonts and frames', () => {
    const html = [
      '<script type="module" src="https://cdn.example.com/x.js"></script>',
      '<link rel="stylesheet" href="//fonts.example.com/css">',
      '<img src="http://img.example.com/a.png" srcset="/local.png 1x, https://img.example.com/b.png 2x">',
      '<iframe src="https://video.example.com/embed"></iframe>',
      '<style>@font-face{src:url(https://fonts.example.com/f.woff2)}</style>',
    ].join('');
    expect(measureHtml(html, read).externalRequests).toEqual([
      'https://cdn.example.com/x.js',
      '//fonts.example.com/css',
      'http://img.example.com/a.png',
      'https://img.example.com/b.png',
      'https://video.example.com/embed',
      'https://fonts.example.com/f.woff2',
    ]);
  });

  it('does not count links, canonical URLs, data: URIs or same-origin assets as external requests', () => {
    const html =
      '<link rel="canonical" href="https://camnangso.example.vn/"><a href="https://dichvucong.gov.vn/">x</a>' +
      '<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=\'http://www.w3.org/2000/svg\'%3E"><img src="/a.png">';
    expect(measureHtml(html, read).externalRequests).toEqual([]);
  });
});

describe('pageType', () => {
  it.each([
    ['/', 'home'],
    ['/chu-de/', 'topics'],
    ['/chu-de/kinh-te-so/', 'topic'],
    ['/huong-dan/x/', 'guide'],
    ['/gioi-thieu/', 'about'],
    ['/404.html', '404'],
    ['/khung-trang/', 'shell'],
    ['/tim-kiem/', 'other'],
  ])('%s is %s', (path, type) => expect(pageType(path)).toBe(type));
});
