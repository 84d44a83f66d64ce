import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { REDIRECTS_PATH } from '../../functions/guide-catalog.ts';
import worker from '../../functions/index.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { browserHeaders, countOf, flushWithMarker, newBrowserUserAgent, someGuide, usagePlaces, waitForCount } from './usage-helpers.ts';

beforeAll(() => insertDirectoryFixture(env.DB));

async function tap(path: string, userAgent = newBrowserUserAgent(), method = 'GET') {
  const res = await SELF.fetch(`http://localhost${path}`, { method, headers: browserHeaders(userAgent), redirect: 'manual' });
  const html = await res.text();
  return Object.assign(res, { html });
}

describe('member share links /g/<guide>/<member-code>', () => {
  it("counts a click for the member's team and redirects to the guide (302, not cached)", async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'share_click', usagePlaces.teams.commune.id);
    const res = await tap(`/g/${slug}/${usagePlaces.teams.commune.member}`);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location') ?? '', 'http://localhost').pathname).toBe(`/huong-dan/${slug}/`);
    expect(res.headers.get('location')).not.toContain(usagePlaces.teams.commune.member);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await waitForCount(slug, 'share_click', before + 1, usagePlaces.teams.commune.id)).toBe(before + 1);
  });

  it('normalizes a code typed in lower case or with a dash to the member it names', async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'share_click', usagePlaces.teams.commune.id);
    const typed = `${usagePlaces.teams.commune.member.slice(0, 4)}-${usagePlaces.teams.commune.member.slice(4)}`.toLowerCase();
    expect((await tap(`/g/${slug}/${typed}`)).status).toBe(302);
    expect(await waitForCount(slug, 'share_click', before + 1, usagePlaces.teams.commune.id)).toBe(before + 1);
  });

  it("counts a village team's member for that team, once per visitor per day", async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'share_click', usagePlaces.teams.village.id);
    const ua = newBrowserUserAgent();
    for (let i = 0; i < 3; i++) expect((await tap(`/g/${slug}/${usagePlaces.teams.village.member}`, ua)).status).toBe(302);
    expect(await waitForCount(slug, 'share_click', before + 1, usagePlaces.teams.village.id)).toBe(before + 1);
    await flushWithMarker(slug);
    expect(await countOf(slug, 'share_click', usagePlaces.teams.village.id)).toBe(before + 1);
  });

  it('still redirects an unknown or malformed member code, counted as not attributed', async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'share_click', 0);
    for (const code of ['KHONGCO42', 'x', '%3Cscript%3E', 'a.b']) {
      const res = await tap(`/g/${slug}/${code}`);
      expect(res.status, code).toBe(302);
      expect(new URL(res.headers.get('location') ?? '', 'http://localhost').pathname).toBe(`/huong-dan/${slug}/`);
    }
    expect(await waitForCount(slug, 'share_click', before + 4, 0)).toBe(before + 4);
  });

  it('accepts /g/<guide>/ without a code (not attributed) and a trailing slash after the code', async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'share_click', usagePlaces.teams.otherCommune.id);
    expect((await tap(`/g/${slug}/`)).status).toBe(302);
    expect((await tap(`/g/${slug}`)).status).toBe(302);
    expect((await tap(`/g/${slug}/${usagePlaces.teams.otherCommune.member}/`)).status).toBe(302);
    expect(await waitForCount(slug, 'share_click', before + 1, usagePlaces.teams.otherCommune.id)).toBe(before + 1);
  });

  it("answers an unknown guide with the site's 404 page, and counts nothing", async () => {
    const { slug } = await someGuide();
    for (const path of [
      '/g/khong-co-huong-dan-nay/LAN7Q2',
      '/g/Khong-Hop-Le/',
      '/g/..%2F..%2Fetc/x',
      `/g/${slug}/${usagePlaces.teams.commune.member}/thua`,
      '/g/',
    ]) {
      const res = await tap(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
      // The site's 404 page, with its search box: the reader can still find the guide.
      expect(res.html).toMatch(/<form role="search" action="\/tim-kiem\/"/);
    }
    await flushWithMarker(slug);
    const row = await env.DB.prepare('SELECT count(*) AS n FROM usage_daily WHERE guide != ?').bind(slug).first<{ n: number }>();
    expect(row?.n).toBe(0);
  });

  it('redirects a previewer too, without counting it', async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'share_click', usagePlaces.teams.commune.id);
    const res = await tap(`/g/${slug}/${usagePlaces.teams.commune.member}`, 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)');
    expect(res.status).toBe(302);
    await flushWithMarker(slug);
    expect(await countOf(slug, 'share_click', usagePlaces.teams.commune.id)).toBe(before);
  });
});

describe('share links of a renamed guide', () => {
  /** The real Worker, with a renamed-guide map of our own (the shipped content/redirects.yaml may be empty). */
  async function tapWithRedirects(path: string, redirects: Record<string, string>) {
    const assets = {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => {
        const url = new URL(input instanceof Request ? input.url : input);
        return url.pathname === REDIRECTS_PATH ? Promise.resolve(Response.json(redirects)) : env.ASSETS.fetch(input, init);
      },
    } as Fetcher;
    const ctx = createExecutionContext();
    const req = new Request(`http://localhost${path}`, { headers: browserHeaders(newBrowserUserAgent()), redirect: 'manual' });
    const res = await worker.fetch(req, { ...env, ASSETS: assets }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }

  it("opens the guide it became and counts the click for that guide and the member's team", async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'share_click', usagePlaces.teams.commune.id);
    const res = await tapWithRedirects(`/g/ten-cu-da-doi/${usagePlaces.teams.commune.member}`, { 'ten-cu-da-doi': slug });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/huong-dan/${slug}/`);
    expect(await waitForCount(slug, 'share_click', before + 1, usagePlaces.teams.commune.id)).toBe(before + 1);
  });

  it('answers an old slug that is in no map with the 404 page, counting nothing', async () => {
    const res = await tapWithRedirects(`/g/ten-cu-da-doi/${usagePlaces.teams.commune.member}`, { 'ten-khac': 'x' });
    expect(res.status).toBe(404);
    expect(await countOf('ten-cu-da-doi', 'share_click')).toBe(0);
  });
});
