import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { browserHeaders, countOf, flushWithMarker, newBrowserUserAgent, someGuide, waitForCount } from './usage-helpers.ts';

describe('guide views are counted without client JavaScript', () => {
  it('counts a browser opening a guide page, once per visitor per day', async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'view');
    const headers = browserHeaders(newBrowserUserAgent());
    const res = await SELF.fetch(`http://localhost/huong-dan/${slug}/`, { headers });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(await waitForCount(slug, 'view', before + 1)).toBe(before + 1);

    for (let i = 0; i < 3; i++) await (await SELF.fetch(`http://localhost/huong-dan/${slug}/`, { headers })).arrayBuffer();
    await flushWithMarker(slug);
    expect(await countOf(slug, 'view')).toBe(before + 1);
  });
});
