import { env, SELF } from 'cloudflare:test';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import published from '../../content/published-urls.json';
import type { AppEnv } from '../../functions/env.ts';
import { REDIRECTS_PATH } from '../../functions/guide-catalog.ts';
import { guidePages } from '../../functions/routes/guide-pages.ts';

const origin = 'http://localhost';

/**
 * The real router on the real built assets, except that the renamed-guide map
 * is the one given here: the shipped content/redirects.yaml may be empty.
 */
function appWithRedirects(redirects: Record<string, string>) {
  const app = new Hono<AppEnv>().route('/', guidePages);
  const assets = {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input);
      return url.pathname === REDIRECTS_PATH ? Promise.resolve(Response.json(redirects)) : env.ASSETS.fetch(input, init);
    },
  } as Fetcher;
  return (path: string) => app.request(`${origin}${path}`, { redirect: 'manual' }, { ...env, ASSETS: assets });
}

/** Renamed guides for tests: old slugs that are no page, each pointing at a published guide. */
const [guideA, guideB] = published.map((url) => url.split('/')[2]!);
const redirectFixture: Record<string, string> = { 'ten-cu': guideA!, 'ten-cu-khac': guideB!, 'gop-vao-a': guideA! };

describe('guide pages through the Worker', () => {
  const [firstGuide] = published;

  it('serves a published guide page', async () => {
    expect(firstGuide).toBeDefined();
    const res = await SELF.fetch(`${origin}${firstGuide}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/<h1>[^<]+<\/h1>/);
  });

  it('answers an unknown guide with the Vietnamese 404 page and status 404', async () => {
    const res = await SELF.fetch(`${origin}/huong-dan/khong-co-huong-dan-nay/`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="vi"');
    expect(html).toContain('Không tìm thấy trang');
  });

  it('answers every renamed guide of the shipped map plus a fixture map with a 301 to its new page', async () => {
    // The shipped content/redirects.yaml may be empty: the fixture keeps this loop from passing vacuously.
    const shipped = (await (await env.ASSETS.fetch(`${origin}${REDIRECTS_PATH}`)).json()) as Record<string, string>;
    const redirects = { ...shipped, ...redirectFixture };
    expect(Object.keys(redirects).length).toBeGreaterThanOrEqual(Object.keys(redirectFixture).length);
    const request = appWithRedirects(redirects);
    for (const [from, to] of Object.entries(redirects)) {
      const res = await request(`/huong-dan/${from}/`);
      expect(res.status, from).toBe(301);
      expect(res.headers.get('location')).toBe(`${origin}/huong-dan/${to}/`);
    }
  });
});

describe('renamed guides', () => {
  const request = appWithRedirects({ 'ten-cu': 'tao-tai-khoan-dich-vu-cong' });

  it('redirects the old slug permanently to the new guide URL', async () => {
    const res = await request('/huong-dan/ten-cu/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${origin}/huong-dan/tao-tai-khoan-dich-vu-cong/`);
  });

  it('keeps the query string (e.g. a share tag from Zalo)', async () => {
    const res = await request('/huong-dan/ten-cu/?nguon=zalo&x=1');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${origin}/huong-dan/tao-tai-khoan-dich-vu-cong/?nguon=zalo&x=1`);
  });

  it('redirects the old slug without a trailing slash too', async () => {
    const res = await request('/huong-dan/ten-cu');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${origin}/huong-dan/tao-tai-khoan-dich-vu-cong/`);
  });

  it('still 404s a slug that is in neither the pages nor the map', async () => {
    const res = await request('/huong-dan/ten-khac/');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Không tìm thấy trang');
  });
});
