import { describe, expect, it } from 'vitest';
import { builtPages, GUIDE_BLOCKING_BUDGET, GUIDE_JS_BUDGET, kb, measurePage } from '../../scripts/lib/page-weight.ts';

const pages = builtPages().map((page) => ({ ...page, weight: measurePage(page) }));
const guides = pages.filter((page) => page.type === 'guide');

describe('guide page budgets (every guide in dist/)', () => {
  it('finds the guide pages to measure', () => {
    expect(guides.length).toBeGreaterThan(0);
  });

  it.each(guides.map((g) => [g.path, g] as const))('%s: HTML + render-blocking CSS ≤ 14 KB gzip', (_path, { weight }) => {
    expect(
      weight.blockingGzip,
      `${kb(weight.blockingGzip)} (of which inline CSS ${kb(weight.inlineCssGzip)}, linked CSS ${kb(weight.linkedCssGzip)})`,
    ).toBeLessThanOrEqual(GUIDE_BLOCKING_BUDGET);
  });

  it.each(guides.map((g) => [g.path, g] as const))('%s: own JavaScript ≤ 4 KB gzip', (_path, { weight }) => {
    expect(weight.jsGzip, kb(weight.jsGzip)).toBeLessThanOrEqual(GUIDE_JS_BUDGET);
  });

  it.each(guides.map((g) => [g.path, g] as const))('%s: CSS is inlined, not a blocking request', (_path, { weight }) => {
    expect(weight.linkedCssGzip).toBe(0);
    expect(weight.inlineCssGzip).toBeGreaterThan(0);
  });
});

describe('every built page', () => {
  it.each(pages.map((p) => [p.path, p] as const))('%s requests nothing from another origin', (_path, { weight }) => {
    expect(weight.externalRequests).toEqual([]);
  });

  it.each(pages.map((p) => [p.path, p] as const))('%s runs JavaScript only deferred (module or defer)', (_path, { weight }) => {
    expect(weight.blockingScripts.map((s) => s.src ?? s.inline.slice(0, 80))).toEqual([]);
  });
});
