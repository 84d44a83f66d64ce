import { describe, expect, it } from 'vitest';
import { GUIDE_BODY_SLOT, guideBodyOf, withGuideBody } from '../../site/integrations/search-records.ts';

// Issue 20: a guide's search record takes its body from the built guide page
// instead of rendering the guide a second time.

const page = (body: string) =>
  `<html><body><article class="guide"><h1>T</h1><div class="guide-meta"><div>x</div></div>` +
  `<div class="guide-content">${body}</div><section class="share-bar"><div>chia sẻ</div></section></article></body></html>`;

describe('guideBodyOf', () => {
  it('returns exactly the inner HTML of .guide-content, nested blocks included', () => {
    const body = '<p>Bước 1</p><div class="callout"><div class="callout-title">Lưu ý</div><p>OTP</p></div><ol><li>a</li></ol>';
    expect(guideBodyOf(page(body), 'p')).toBe(body);
  });

  it("stops at its own closing tag, not at the page's next blocks", () => {
    expect(guideBodyOf(page('<p>chỉ thế này</p>'), 'p')).not.toContain('chia sẻ');
  });

  it('fails the build for a page without the block or with it never closed', () => {
    expect(() => guideBodyOf('<html><body><p>x</p></body></html>', 'dist/huong-dan/x/index.html')).toThrow(/guide-content/);
    expect(() => guideBodyOf('<div class="guide-content"><div><p>x</p></div>', 'p')).toThrow(/never closed/);
  });
});

describe('withGuideBody', () => {
  it('puts the body where the slot stands, once', () => {
    expect(withGuideBody(`<main><p>mô tả</p>${GUIDE_BODY_SLOT}</main>`, '<p>thân</p>', 'p')).toBe('<main><p>mô tả</p><p>thân</p></main>');
  });

  it('fails for a record page without the slot', () => {
    expect(() => withGuideBody('<main></main>', '<p>thân</p>', 'p')).toThrow(/slot/);
  });
});
