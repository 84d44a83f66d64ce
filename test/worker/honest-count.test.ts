import { describe, expect, it } from 'vitest';
import { uncountableReason } from '../../functions/usage/honest-count.ts';
import { browserHeaders } from './usage-helpers.ts';

// The decision for one request, in the Workers runtime; usage-count.test.ts
// proves end to end that a skipped request never reaches D1.
const PAGE = 'https://camnangso.example.vn/huong-dan/dang-nhap-dich-vu-cong-bang-vneid/';
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36';

function get(userAgent: string, extra: Record<string, string> = {}, method = 'GET') {
  return new Request(PAGE, { method, headers: browserHeaders(userAgent, extra) });
}

describe('uncountableReason', () => {
  it('counts a phone browser opening a page', () => {
    expect(uncountableReason(get(CHROME_ANDROID))).toBeNull();
  });

  it('counts in-app browsers of Zalo, Facebook and Messenger (a citizen tapping the link)', () => {
    const inApp = [
      'Mozilla/5.0 (Linux; Android 12; SM-A125F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100588 ZaloTheme/light ZaloLanguage/vi',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Zalo iOS/24.05.01 ZaloTheme/dark ZaloLanguage/vi',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/450.0.0.38.108;FBBV/600000000;FBDV/iPhone14,7;FBMD/iPhone;FBSN/iOS;FBSV/17.0;FBSS/3;FBCR/;FBID/phone;FBLC/vi_VN;FBOP/80]',
      'Mozilla/5.0 (Linux; Android 13; SM-A145F Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 [FB_IAB/Orca-Android;FBAV/440.0.0.30.109;]',
    ];
    for (const ua of inApp) expect(uncountableReason(get(ua)), ua).toBeNull();
  });

  it.each([
    ['Facebook / Messenger', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
    ['Facebook (Facebot)', 'Facebot'],
    ['Meta fetcher', 'meta-externalfetcher/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)'],
    ['Zalo (name without a browser engine)', 'Zalo'],
    ['Zalo PC', 'ZaloPC-win32-24.9.4'],
    ['Zalo (compatible token)', 'Mozilla/5.0 (compatible; Zalo/1.0; +https://zalo.me)'],
    ['Telegram', 'TelegramBot (like TwitterBot)'],
    ['WhatsApp', 'WhatsApp/2.23.20.0 A'],
    ['Viber', 'Viber/21.7.0'],
    ['X / Twitter', 'Twitterbot/1.0'],
    ['Slack', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)'],
    ['Slack images', 'Slack-ImgProxy (+https://api.slack.com/robots)'],
    ['Discord', 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)'],
    ['LinkedIn', 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)'],
    ['Skype / Teams', 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com'],
    [
      'Microsoft preview',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/117.0.0.0 Safari/537.36 Edg/117.0.0.0 MicrosoftPreview/2.0 +https://aka.ms/MicrosoftPreview',
    ],
    ['KakaoTalk scraper', 'facebookexternalhit/1.1; kakaotalk-scrap/1.0; +https://devtalk.kakao.com/'],
    ['Line', 'Line/13.0.0'],
  ])('does not count the %s link previewer', (_name, ua) => {
    expect(uncountableReason(get(ua))).toBe('link_preview');
  });

  it.each([
    [
      'Googlebot',
      'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    ],
    ['Bingbot', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'],
    ['curl', 'curl/8.5.0'],
    ['python', 'python-requests/2.31.0'],
    ['headless Chrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36'],
  ])('does not count known bots (isbot): %s', (_name, ua) => {
    expect(uncountableReason(get(ua))).toBe('bot');
  });

  it('does not count a request without a user agent', () => {
    expect(uncountableReason(get('', {}))).toBe('no_user_agent');
  });

  it('does not count HEAD requests', () => {
    expect(uncountableReason(get(CHROME_ANDROID, {}, 'HEAD'))).toBe('method');
  });

  it.each([
    ['Sec-Purpose: prefetch', { 'sec-purpose': 'prefetch' }],
    ['Sec-Purpose: prefetch;prerender', { 'sec-purpose': 'prefetch;prerender' }],
    ['Purpose: prefetch', { purpose: 'prefetch' }],
    ['X-Purpose: preview', { 'x-purpose': 'preview' }],
    ['X-Moz: prefetch', { 'x-moz': 'prefetch' }],
  ])('does not count prefetch or prerender (%s)', (_name, headers) => {
    expect(uncountableReason(get(CHROME_ANDROID, headers))).toBe('prefetch');
  });

  it.each([
    ['Accept without HTML (a previewer posing as a browser)', { accept: '*/*' }],
    ['no Accept-Language', { 'accept-language': '' }],
    ['fetched into an iframe', { 'sec-fetch-dest': 'iframe' }],
    ['fetched by a script', { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' }],
  ])('does not count what is not a page navigation: %s', (_name, headers) => {
    expect(uncountableReason(get(CHROME_ANDROID, headers))).toBe('not_navigation');
  });

  it("counts a page opened through the site's service worker (mode navigate, destination empty)", () => {
    expect(uncountableReason(get(CHROME_ANDROID, { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'same-origin' }))).toBeNull();
  });

  it('does not count the service worker saving or refreshing a guide in the background (its own fetch)', () => {
    const headers = { accept: '*/*', 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors', 'sec-fetch-site': 'same-origin' };
    expect(uncountableReason(get(CHROME_ANDROID, headers))).toBe('not_navigation');
  });

  it('counts old browsers that send no Fetch Metadata headers', () => {
    const req = new Request(PAGE, {
      headers: {
        'user-agent': 'Mozilla/5.0 (Linux; Android 7.0; SM-J701F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/64.0.3282.137 Mobile Safari/537.36',
        accept: 'text/html,*/*;q=0.8',
        'accept-language': 'vi',
      },
    });
    expect(uncountableReason(req)).toBeNull();
  });

  it('counts a same-site form post and refuses a cross-site one', () => {
    const post = (extra: Record<string, string>) =>
      new Request(`${PAGE}gop-y/`, { method: 'POST', headers: browserHeaders(CHROME_ANDROID, { 'sec-fetch-site': 'same-origin', ...extra }) });
    expect(uncountableReason(post({}), 'POST')).toBeNull();
    expect(uncountableReason(post({ 'sec-fetch-site': 'cross-site' }), 'POST')).toBe('cross_site');
    const noFetchMetadata = new Request(`${PAGE}gop-y/`, {
      method: 'POST',
      headers: { 'user-agent': CHROME_ANDROID, accept: 'text/html', 'accept-language': 'vi', origin: 'https://evil.example' },
    });
    expect(uncountableReason(noFetchMetadata, 'POST')).toBe('cross_site');
    expect(uncountableReason(post({}), 'GET')).toBe('method');
  });
});
