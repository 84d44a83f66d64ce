import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtErrorUrls, builtGuideSlugs, builtRedirects, checkPublishedUrls, readPublishedUrls } from '../../scripts/lib/published-urls.ts';
import { parseRedirects, resolveRedirects } from '../../site/utils/redirects.ts';
import { slugPattern } from '../../site/utils/urls.ts';

const published = readPublishedUrls();
const built = builtGuideSlugs();
const redirects = builtRedirects();
const errorPages = builtErrorUrls();

describe('published guide URLs never break (content/published-urls.json)', () => {
  it('every published URL is still a guide page or redirects to one', () => {
    const { broken } = checkPublishedUrls(published, built, redirects, errorPages);
    expect(
      broken,
      `Các đường dẫn đã đăng này không còn trang nào. Nếu đã đổi tên hướng dẫn, thêm một dòng "ten-cu: ten-moi" vào content/redirects.yaml (xem CONTENT.md).`,
    ).toEqual([]);
  });

  it('every built guide is in the manifest', () => {
    const { unlisted } = checkPublishedUrls(published, built, redirects, errorPages);
    expect(
      unlisted,
      'Hướng dẫn mới chưa có trong content/published-urls.json: chạy `npm run urls:update` (hoặc thêm các dòng này vào tệp) rồi commit.',
    ).toEqual([]);
  });

  it('lists the "Tra lỗi" list and every entry page built (issue 19)', () => {
    expect(errorPages[0]).toBe('/tra-loi/');
    expect(errorPages.length).toBeGreaterThan(1);
    expect(errorPages.filter((url) => !published.includes(url))).toEqual([]);
  });

  it('lists each URL once', () => {
    expect(published.length).toBeGreaterThan(0);
    expect(new Set(published).size).toBe(published.length);
  });

  it('every built guide has a slug made of lowercase ASCII words', () => {
    expect(built.filter((slug) => !slugPattern.test(slug))).toEqual([]);
  });
});

describe('renamed guides (content/redirects.yaml)', () => {
  it('the Worker gets exactly the redirects editors wrote, resolved to published guides', () => {
    const yaml = readFileSync(new URL('../../content/redirects.yaml', import.meta.url), 'utf8');
    expect(redirects).toEqual(resolveRedirects(parseRedirects(yaml), new Set(built)));
  });

  it('no redirect starts at a guide that is still published', () => {
    expect(Object.keys(redirects).filter((slug) => built.includes(slug))).toEqual([]);
  });
});
