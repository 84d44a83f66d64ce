// Issue 16, point 5: sign-in survives the Zalo browser. The link's page says
// which browser it is open in and, inside Zalo's own browser, how to open it in
// the phone's main one; a signed-in member makes a new one-time link for
// another browser; no message speaks of "another phone" for the same phone.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ui } from '../../site/i18n/ui.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { cookieFrom, formHeaders, linkFor, memberGet, memberPost, ORIGIN, sessionCount, signIn } from './assists-helpers.ts';

const MEMBER = 'K7Q2MZ20';
const ZALO_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; SM-A145F Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100600 ZaloTheme/light ZaloLanguage/vn';
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

describe('the sign-in link’s page', () => {
  it('inside Zalo: says so and how to open the link in the phone’s main browser; the page itself signs nobody in', async () => {
    const { path } = await linkFor(MEMBER);
    const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: { 'user-agent': ZALO_ANDROID } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Bạn đang mở liên kết này trong trình duyệt của Zalo.');
    expect(html).toContain('chọn mục mở bằng trình duyệt');
    expect(res.headers.get('set-cookie')).toBeNull();
    // Still valid: opened again in Chrome, it shows the sign-in button and names Chrome.
    const chrome = await (await SELF.fetch(`${ORIGIN}${path}`, { headers: { 'user-agent': CHROME_ANDROID } })).text();
    expect(chrome).toContain('Bạn đang mở liên kết này trong trình duyệt Chrome.');
    expect(chrome).not.toContain('chọn mục mở bằng trình duyệt');
    expect(chrome).toContain('>Đăng nhập</button>');
  });

  it('never says "another phone" when it may be the same phone', () => {
    const texts = JSON.stringify([ui.member, ui.memberBrowsers]);
    expect(texts).not.toMatch(/điện thoại khác/);
    expect(ui.member.signInKeep).toContain('Trình duyệt này');
  });
});

describe('a new sign-in link made by the member', () => {
  it('signed in (in Zalo), the member makes a link that signs them in in another browser; the first session stays', async () => {
    const inZalo = await signIn(MEMBER);
    const home = await (await memberGet('/thanh-vien/', inZalo)).text();
    expect(home).toContain('action="/thanh-vien/lien-ket-moi"');
    const made = await memberPost('/thanh-vien/lien-ket-moi', inZalo, {});
    expect(made.status).toBe(200);
    const page = await made.text();
    const url = /<code id="lien-ket-moi" class="sign-in-link">([^<]+)<\/code>/.exec(page)![1]!;
    expect(url).toMatch(/\/thanh-vien\/dang-nhap\/[A-Za-z0-9_-]{43}$/);
    expect(page).toMatch(/<button type="button" data-copy="lien-ket-moi"[^>]*hidden(="")?>Chép liên kết<\/button>/);
    expect(page).toContain(`data-share-url="${url}"`);
    const inChrome = await SELF.fetch(`${ORIGIN}${new URL(url).pathname}`, {
      method: 'POST',
      headers: formHeaders({ 'user-agent': CHROME_ANDROID }),
      redirect: 'manual',
    });
    expect(inChrome.status).toBe(303);
    const chromeCookie = cookieFrom(inChrome);
    expect((await memberGet('/thanh-vien/', chromeCookie)).status).toBe(200);
    expect((await memberGet('/thanh-vien/', inZalo)).status).toBe(200);
    expect(await sessionCount(MEMBER)).toBeGreaterThanOrEqual(2);
    // Used once: the same link again signs nobody in.
    expect((await SELF.fetch(`${ORIGIN}${new URL(url).pathname}`, { method: 'POST', headers: formHeaders(), redirect: 'manual' })).status).toBe(410);
  });

  it('signed out, there is no link to make', async () => {
    expect((await memberPost('/thanh-vien/lien-ket-moi', 'thanh_vien=khong-co', {})).status).toBe(401);
  });
});
