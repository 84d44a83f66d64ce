// Hardened edges (issue 10): security headers on every kind of answer, no 500
// for anything a client can put in a path, bare section paths, 405 JSON, and
// origins that never come from the request's Host header.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import published from '../../content/published-urls.json';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { usagePlaces } from './usage-helpers.ts';

beforeAll(() => insertDirectoryFixture(env.DB));

const guidePath = published[0]!;
const guideSlug = guidePath.split('/')[2]!;

async function get(url: string, init: RequestInit = {}) {
  return SELF.fetch(url.startsWith('http') ? url : `http://localhost${url}`, { redirect: 'manual', ...init });
}

/**
 * What Cloudflare's asset server answers, without the Worker (paths outside
 * run_worker_first): SELF reaches only the Worker, the ASSETS binding is that
 * asset server, dist/_headers applied.
 */
async function asset(path: string) {
  return env.ASSETS.fetch(`http://localhost${path}`, { redirect: 'manual' });
}

async function sha256(text: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
}

function directives(csp: string | null): Map<string, string[]> {
  expect(csp, 'content-security-policy').toBeTruthy();
  return new Map(
    csp!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectSecurityHeaders(res: Response, what: string) {
  const csp = directives(res.headers.get('content-security-policy'));
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(csp.get('default-src'), what).toEqual(["'self'"]);
  expect(csp.get('object-src'), what).toEqual(["'none'"]);
  expect(csp.get('worker-src'), what).toEqual(["'self'"]);
  expect(csp.get('manifest-src'), what).toEqual(["'self'"]);
  for (const list of [csp.get('script-src')!, csp.get('style-src')!]) {
    expect(list, what).toContain("'self'");
    expect(list, what).not.toContain("'unsafe-inline'");
    expect(list, what).not.toContain("'unsafe-eval'");
    expect(
      list.every((v) => v === "'self'" || v === "'wasm-unsafe-eval'" || v === "'unsafe-hashes'" || /^'sha256-[A-Za-z0-9+/=]+'$/.test(v)),
      what,
    ).toBe(true);
  }
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('permissions-policy'), what).toMatch(/camera=\(\).*geolocation=\(\)/);
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
}

/** Every inline <script>, <style> and style="" of a page must be allowed by the page's own CSP, by hash. */
async function expectInlineCodeAllowed(res: Response, html: string, what: string) {
  const csp = directives(res.headers.get('content-security-policy'));
  const scripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!);
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!);
  const attributes = [...html.matchAll(/<[^>]+\sstyle="([^"]*)"/gi)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  for (const s of scripts) expect(csp.get('script-src'), `${what}: script ${s.slice(0, 40)}`).toContain(await sha256(s));
  for (const s of styles) expect(csp.get('style-src'), `${what}: style ${s.slice(0, 40)}`).toContain(await sha256(s));
  for (const s of attributes) {
    expect(csp.get('style-src'), `${what}: style="${s}"`).toContain(await sha256(s));
    expect(csp.get('style-src')).toContain("'unsafe-hashes'");
  }
  expect(html, `${what}: inline event handler`).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  return { scripts: scripts.length, styles: styles.length, attributes: attributes.length };
}

describe('security headers', () => {
  it.each([
    ['a guide page (through the Worker)', guidePath, get],
    ['the home page (an asset)', '/', asset],
    ['a topic list (an asset)', '/chu-de/', asset],
    ['the search page (an asset)', '/tim-kiem/', asset],
    ['the about page (an asset)', '/gioi-thieu/', asset],
    ['the 404 page (an asset)', '/khong-co-trang-nay/', asset],
    ['the 404 page (through the Worker)', '/huong-dan/khong-co-trang-nay/', get],
    ['a directory page (rendered by the Worker)', '/to-cong-nghe-so/', get],
    ['a directory search page', '/to-cong-nghe-so/tim/?q=ea', get],
    ['a usage report page', '/thong-ke/', get],
    ['the member toolkit', `/cong-cu/${usagePlaces.teams.commune.member}/`, get],
  ])('are on %s, whose inline code the CSP allows by hash', async (what, path, fetcher) => {
    const res = await fetcher(path);
    expect(res.status, what).toBeLessThan(500);
    expectSecurityHeaders(res, what);
    const html = await res.text();
    const counts = await expectInlineCodeAllowed(res, html, what);
    expect(counts.styles, `${what}: the site's CSS is inlined`).toBeGreaterThan(0);
  });

  it('allow a guide page exactly its own handout-QR style attribute', async () => {
    const res = await get(guidePath);
    const html = await res.text();
    expect(html).toContain(`style="--qr:url(/cong-cu/qr/${guideSlug}.svg)"`);
    expect((await expectInlineCodeAllowed(res, html, guidePath)).attributes).toBe(1);
    const other = directives((await get('/to-cong-nghe-so/')).headers.get('content-security-policy'));
    expect(other.get('style-src')).not.toContain("'unsafe-hashes'");
  });

  it.each([
    ['a script', '/_astro/', asset],
    // Drawn by the preview image Worker behind the citizens' Worker (OG_IMAGES), not a file in dist/.
    ['a preview image', `/og/${guideSlug}.png`, get],
    ['the sitemap', '/sitemap.xml', asset],
    ['robots.txt', '/robots.txt', asset],
    ['the search index', '/pagefind/pagefind.js', asset],
    ['a QR code (Worker)', `/cong-cu/qr/${guideSlug}.svg`, get],
  ])('are on %s', async (what, path, fetcher) => {
    let url = path;
    if (path === '/_astro/') {
      const page = await (await asset('/tim-kiem/')).text();
      url = /src="(\/_astro\/[^"]+\.js)"/.exec(page)![1]!;
    }
    const res = await fetcher(url);
    expect(res.status, url).toBe(200);
    expectSecurityHeaders(res, what);
    await res.arrayBuffer();
  });

  it.each([
    ['a JSON answer', '/api/provinces', 200],
    ['an API 404', '/api/khong-co', 404],
    ['an API 400', '/api/provinces/abc', 400],
    ['a redirect', '/to-cong-nghe-so', 301],
    ['a share-link redirect', `/g/${guideSlug}/`, 302],
  ])('are on %s', async (what, path, status) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expectSecurityHeaders(res, what);
    await res.arrayBuffer();
  });

  it('send HSTS over https only', async () => {
    const https = await get(`https://localhost${guidePath}`);
    expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
    await https.arrayBuffer();
    const http = await get(guidePath);
    expect(http.headers.get('strict-transport-security')).toBeNull();
    await http.arrayBuffer();
  });
});

describe('paths a client can send', () => {
  const nasty = ['%0a', '%00', '%0d%0a', '%0d%0aSet-Cookie:%20x=1', '%09', '%1b', '%7f', '%e2%80%a8', '%ff', '%', '%zz', '..%2f..%2f'];
  const sections = ['/thong-ke/', '/to-cong-nghe-so/', '/to-cong-nghe-so/66/', '/cong-cu/', '/g/', '/huong-dan/', '/api/provinces/', '/api/communes/', '/'];

  it.each(sections)('control characters, NUL, CR/LF and broken escapes under %s never answer 500 nor reach a header raw', async (section) => {
    for (const bit of nasty) {
      for (const path of [`${section}${bit}`, `${section}${bit}/`, `${section}a${bit}b`]) {
        const res = await get(path);
        expect(res.status, path).toBeGreaterThanOrEqual(300);
        expect(res.status, path).toBeLessThan(500);
        for (const [name, value] of res.headers) {
          expect(/[\u0000-\u001f\u007f]/.test(value), `${path}: ${name}`).toBe(false);
        }
        expect(res.headers.get('set-cookie'), path).toBeNull();
        await res.arrayBuffer();
      }
    }
  });

  it('redirects /thong-ke/%0a to its slash form with the character still encoded', async () => {
    const res = await get('/thong-ke/%0a');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/thong-ke/%0a/');
    const next = await get(res.headers.get('location')!);
    expect(next.status).toBe(404);
    await next.arrayBuffer();
  });

  it.each([
    `/thong-ke/${'a'.repeat(5000)}/`,
    `/to-cong-nghe-so/${'9'.repeat(5000)}/`,
    `/huong-dan/${'a'.repeat(5000)}/`,
    `/g/${'a'.repeat(3000)}/${'B'.repeat(3000)}`,
    `/api/communes/${'1'.repeat(5000)}`,
    `/to-cong-nghe-so/tim/?q=${'a'.repeat(48)}`,
    `/to-cong-nghe-so/tim/?q=${'ư'.repeat(200)}`,
    `/to-cong-nghe-so/tim/?q=${encodeURIComponent('%_'.repeat(40))}`,
    `/api/usage?province=${'x'.repeat(5000)}`,
    `/thong-ke/?from=${'2'.repeat(3000)}`,
  ])('answers an over-long word without a 500: %#', async (path) => {
    const res = await get(path);
    expect(res.status, path.slice(0, 60)).toBeLessThan(500);
    await res.arrayBuffer();
  });

  it('answers odd headers without a 500', async () => {
    const odd: Record<string, string>[] = [
      { accept: 'x'.repeat(8000) },
      { 'if-none-match': `"${'a'.repeat(4000)}` },
      { 'accept-language': 'vi;q=abc,,;;' },
      { cookie: `a=${'%'.repeat(3000)}` },
      { 'user-agent': '' },
    ];
    for (const headers of odd) {
      const res = await get(guidePath, { headers });
      expect(res.status).toBeLessThan(500);
      await res.arrayBuffer();
    }
  });
});

describe('bare section paths', () => {
  it.each(['/thong-ke', '/to-cong-nghe-so', '/cong-cu', '/to-cong-nghe-so/tim'])('%s redirects to its trailing-slash form', async (path) => {
    const res = await get(`${path}?a=1`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${path}/?a=1`);
  });
});

describe('wrong methods on /api/*', () => {
  it.each([
    ['POST', '/api/provinces'],
    ['PUT', '/api/provinces/66'],
    ['DELETE', '/api/communes/24169'],
    ['PATCH', '/api/teams/1'],
    ['POST', '/api/usage'],
    ['DELETE', '/api/health'],
    ['POST', '/api/openapi.json'],
  ])('%s %s answers 405 JSON with Allow', async (method, path) => {
    const res = await get(path, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('method_not_allowed');
    expect(body.error.message).toContain('GET');
  });

  it('answers an unknown API path with 404 JSON whatever the method', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await get('/api/khong-co', { method });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});

describe('origins never come from the Host header', () => {
  const forged = 'http://attacker.example';

  it('keeps canonical and og:url of a Worker page on SITE_URL', async () => {
    const html = await (await get(`${forged}/to-cong-nghe-so/`)).text();
    expect(html).toContain(`<link rel="canonical" href="${env.SITE_URL}/to-cong-nghe-so/">`);
    expect(html).toContain(`<meta property="og:url" content="${env.SITE_URL}/to-cong-nghe-so/">`);
    expect(html).not.toContain('attacker.example');
  });

  it('keeps the member toolkit links and the OpenAPI servers on SITE_URL', async () => {
    const toolkit = await (await get(`${forged}/cong-cu/${usagePlaces.teams.commune.member}/`)).text();
    expect(toolkit).toContain(`${env.SITE_URL}/g/`);
    expect(toolkit).not.toContain('attacker.example');
    const doc = (await (await get(`${forged}/api/openapi.json`)).json()) as { servers: { url: string }[] };
    expect(doc.servers).toEqual([{ url: env.SITE_URL }]);
  });
});
