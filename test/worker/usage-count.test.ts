import { purgeUsageState } from '../../functions/usage/purge.ts';
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { dailySalt, utcDay, visitorHash } from '../../functions/usage/visitor.ts';
import { browserHeaders, countOf, flushWithMarker, newBrowserUserAgent, someGuide, waitForCount } from './usage-helpers.ts';

// End to end in the Workers runtime: request → honest-count gate → queue →
// consumer → D1. Negative cases send a marker event afterwards and wait for it,
// so "not counted" means "the queue flushed and the count did not move".

async function openGuide(slug: string, headers: Record<string, string>, method = 'GET') {
  const res = await SELF.fetch(`http://localhost/huong-dan/${slug}/`, { method, headers });
  await res.arrayBuffer();
  return res;
}

async function openGuideText(slug: string, headers: Record<string, string>) {
  const res = await SELF.fetch(`http://localhost/huong-dan/${slug}/`, { headers });
  return { status: res.status, cacheControl: res.headers.get('cache-control'), html: await res.text() };
}

describe('guide views are counted without client JavaScript', () => {
  it('counts a browser opening a guide page, once per visitor per day', async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'view');
    const headers = browserHeaders(newBrowserUserAgent());
    expect((await openGuide(slug, headers)).status).toBe(200);
    expect(await waitForCount(slug, 'view', before + 1)).toBe(before + 1);

    for (let i = 0; i < 3; i++) await openGuide(slug, headers);
    await flushWithMarker(slug);
    expect(await countOf(slug, 'view')).toBe(before + 1);
  });

  it('counts another visitor (another device or another network) separately', async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'view');
    const ua = newBrowserUserAgent();
    await openGuide(slug, browserHeaders(ua, { 'cf-connecting-ip': '198.51.100.1' }));
    await openGuide(slug, browserHeaders(ua, { 'cf-connecting-ip': '198.51.100.2' }));
    await openGuide(slug, browserHeaders(newBrowserUserAgent(), { 'cf-connecting-ip': '198.51.100.1' }));
    expect(await waitForCount(slug, 'view', before + 3)).toBe(before + 3);
  });

  it('does not count pages that are not a guide, 404s or redirects', async () => {
    const { slug } = await someGuide();
    const headers = browserHeaders(newBrowserUserAgent());
    const missing = await openGuide('khong-co-huong-dan-nay', headers);
    expect(missing.status).toBe(404);
    const noSlash = await SELF.fetch(`http://localhost/huong-dan/${slug}`, { headers, redirect: 'manual' });
    await noSlash.arrayBuffer();
    expect(noSlash.status).toBeGreaterThanOrEqual(300);
    expect(noSlash.status).toBeLessThan(400);
    await flushWithMarker(slug);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM usage_daily WHERE guide = 'khong-co-huong-dan-nay'").first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});

describe('honest counts: what is never counted', () => {
  it('link previewers of Zalo, Facebook, Messenger, Telegram, WhatsApp, Viber, X, Slack, Discord, LinkedIn, Skype', async () => {
    const { slug } = await someGuide();
    const previewers = [
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'Zalo',
      'Mozilla/5.0 (compatible; Zalo/1.0; +https://zalo.me)',
      'TelegramBot (like TwitterBot)',
      'WhatsApp/2.23.20.0 A',
      'Viber/21.7.0',
      'Twitterbot/1.0',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
      'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
      'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com',
    ];
    const views = await countOf(slug, 'view');
    const shares = await countOf(slug, 'share_click');
    for (const ua of previewers) {
      // Previewers fetch the shared link and follow its redirect; many send browser-like headers.
      const share = await SELF.fetch(`http://localhost/g/${slug}/`, { headers: browserHeaders(ua), redirect: 'manual' });
      expect(share.status).toBe(302);
      expect((await openGuide(slug, browserHeaders(ua))).status).toBe(200);
    }
    await flushWithMarker(slug);
    expect(await countOf(slug, 'view')).toBe(views);
    expect(await countOf(slug, 'share_click')).toBe(shares + 1); // the marker only
  });

  it('a previewer posing as a browser (no HTML in Accept, no Accept-Language)', async () => {
    const { slug } = await someGuide();
    const views = await countOf(slug, 'view');
    await openGuide(slug, { 'user-agent': newBrowserUserAgent(), accept: '*/*' });
    await openGuide(slug, browserHeaders(newBrowserUserAgent(), { 'accept-language': '' }));
    await flushWithMarker(slug);
    expect(await countOf(slug, 'view')).toBe(views);
  });

  it('known bots (isbot)', async () => {
    const { slug } = await someGuide();
    const views = await countOf(slug, 'view');
    for (const ua of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'curl/8.5.0',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    ]) {
      expect((await openGuide(slug, browserHeaders(ua))).status).toBe(200);
    }
    await flushWithMarker(slug);
    expect(await countOf(slug, 'view')).toBe(views);
  });

  it('HEAD requests', async () => {
    const { slug } = await someGuide();
    const views = await countOf(slug, 'view');
    const shares = await countOf(slug, 'share_click');
    const ua = newBrowserUserAgent();
    expect((await openGuide(slug, browserHeaders(ua), 'HEAD')).status).toBe(200);
    const share = await SELF.fetch(`http://localhost/g/${slug}/`, { method: 'HEAD', headers: browserHeaders(ua), redirect: 'manual' });
    expect(share.status).toBe(302);
    await flushWithMarker(slug);
    expect(await countOf(slug, 'view')).toBe(views);
    expect(await countOf(slug, 'share_click')).toBe(shares + 1); // the marker only
  });

  it('prefetch and prerender (Sec-Purpose, Purpose, X-Purpose, X-Moz)', async () => {
    const { slug } = await someGuide();
    const views = await countOf(slug, 'view');
    const hints: Record<string, string>[] = [
      { 'sec-purpose': 'prefetch' },
      { 'sec-purpose': 'prefetch;prerender' },
      { purpose: 'prefetch' },
      { 'x-purpose': 'preview' },
      { 'x-moz': 'prefetch' },
    ];
    for (const hint of hints) {
      expect((await openGuide(slug, browserHeaders(newBrowserUserAgent(), hint))).status).toBe(200);
    }
    await flushWithMarker(slug);
    expect(await countOf(slug, 'view')).toBe(views);
  });
});

describe('privacy', () => {
  it('stores no IP address or user agent anywhere, only a salted hash', async () => {
    const { slug } = await someGuide();
    const ip = '192.0.2.123';
    const ua = newBrowserUserAgent();
    const before = await countOf(slug, 'view');
    await openGuide(slug, browserHeaders(ua, { 'cf-connecting-ip': ip }));
    expect(await waitForCount(slug, 'view', before + 1)).toBe(before + 1);

    const { results: tables } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    ).all<{ name: string }>();
    expect(tables.map((t) => t.name)).toContain('visitor_days');
    for (const { name } of tables) {
      const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
      const dump = JSON.stringify(results);
      expect(dump, name).not.toContain(ip);
      expect(dump, name).not.toContain(ua.slice(-20));
    }
    const seen = await env.DB.prepare("SELECT visitor_hash FROM visitor_days WHERE day = ? AND instr(seen, '|' || ? || ':view|') > 0")
      .bind(utcDay(), slug)
      .all<{ visitor_hash: string }>();
    expect(seen.results.length).toBeGreaterThan(0);
    for (const row of seen.results) expect(row.visitor_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps one random salt per day, the cron deletes the salts of past days, and every hash changes with the salt', async () => {
    await env.DB.prepare("INSERT OR REPLACE INTO visitor_salts (day, salt) VALUES ('2030-01-01', 'old-salt')").run();
    const first = await dailySalt(env.DB, '2030-01-02');
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await dailySalt(env.DB, '2030-01-02')).toBe(first);
    const salts = async () =>
      (await env.DB.prepare("SELECT day FROM visitor_salts WHERE day BETWEEN '2030-01-01' AND '2030-01-02' ORDER BY day").all<{ day: string }>()).results.map(
        (r) => r.day,
      );
    expect(await salts()).toEqual(['2030-01-01', '2030-01-02']);
    // The cron's purge (visitor rows left alone here: maxSteps 0) removes the salts of past days.
    expect((await purgeUsageState(env.DB, '2030-01-02', 0)).salts).toBeGreaterThanOrEqual(1);
    expect(await salts()).toEqual(['2030-01-02']);

    const next = await dailySalt(env.DB, '2030-01-03');
    expect(next).not.toBe(first);
    const req = new Request('https://camnangso.example.vn/huong-dan/x/', { headers: { 'cf-connecting-ip': '192.0.2.1', 'user-agent': 'UA' } });
    expect(await visitorHash(first, req)).not.toBe(await visitorHash(next, req));
    expect(await visitorHash(next, req)).toBe(await visitorHash(next, new Request(req.url, { headers: req.headers })));
    // The site host is part of the hash: the same person on another site is another visitor.
    const elsewhere = new Request('https://other.example/huong-dan/x/', { headers: { 'cf-connecting-ip': '192.0.2.1', 'user-agent': 'UA' } });
    expect(await visitorHash(next, elsewhere)).not.toBe(await visitorHash(next, req));
    await purgeUsageState(env.DB, '2030-01-03', 0);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM visitor_salts WHERE day < '2030-01-03'").first<{ n: number }>();
    expect(left?.n).toBe(0);
    // Back to today for the other tests of this file.
    await env.DB.prepare("DELETE FROM visitor_salts WHERE day >= '2030-01-01'").run();
  });
});

describe('the guide view hot path', () => {
  it("reads the day's salt from D1 once per isolate, not on every view", async () => {
    const day = '2030-02-01';
    const salt = await dailySalt(env.DB, day);
    // Were D1 read again, the next call would return this row's new value.
    await env.DB.prepare('UPDATE visitor_salts SET salt = ? WHERE day = ?').bind('f'.repeat(64), day).run();
    expect(await dailySalt(env.DB, day)).toBe(salt);
    await env.DB.prepare('DELETE FROM visitor_salts WHERE day = ?').bind(day).run();
  });

  it('serves a guide view as the built asset, byte for byte, without the feedback rewrite', async () => {
    const { slug } = await someGuide();
    const views = await countOf(slug, 'view');
    const asset = await env.ASSETS.fetch(`http://localhost/huong-dan/${slug}/`);
    const res = await openGuideText(slug, browserHeaders(newBrowserUserAgent()));
    expect(res.status).toBe(200);
    expect(res.cacheControl).toBe(asset.headers.get('cache-control'));
    expect(res.cacheControl).not.toBe('private, no-store');
    expect(res.html).toBe(await asset.text());
    // Counted all the same (in the background, after the answer).
    expect(await waitForCount(slug, 'view', views + 1)).toBe(views + 1);
  });
});

describe('rate limiting (Workers rate-limiting binding, keyed by the visitor hash)', () => {
  it('serves an abusive client but stops counting it, and answers its form posts with 429', async () => {
    // The limiter's windows are aligned to the wall-clock minute: start well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    const { slug } = await someGuide();
    const headers = browserHeaders(newBrowserUserAgent());
    const views = await countOf(slug, 'view');
    // 30 counted events a minute are allowed (wrangler.toml); share taps use them up.
    for (let i = 0; i < 30; i++) {
      const res = await SELF.fetch(`http://localhost/g/${slug}/`, { headers, redirect: 'manual' });
      expect(res.status).toBe(302);
    }
    // Still served, but a view — a kind this visitor has not been counted for — is not counted.
    expect((await openGuide(slug, headers)).status).toBe(200);
    const post = await SELF.fetch(`http://localhost/huong-dan/${slug}/gop-y/`, {
      method: 'POST',
      headers: { ...headers, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'answer=yes',
      redirect: 'manual',
    });
    expect(post.status).toBe(429);
    expect(post.headers.get('retry-after')).toBe('60');
    expect(await post.text()).toContain('Chưa gửi được góp ý');

    await flushWithMarker(slug);
    expect(await countOf(slug, 'view')).toBe(views);
  }, 90_000);
});
