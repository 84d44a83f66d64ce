import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { invitationStatements } from '../../functions/auth/invitations.ts';
import { auditActions, Browser, origin, seedOfficial, startEarlyInLimiterWindow, signedIn, testPassword, totpKeyForTests, totpNow } from './admin-helpers.ts';

beforeAll(async () => {
  await env.DB.batch([
    env.DB.prepare(
      `insert or ignore into provinces (code, name, kind, name_folded) values ('66', 'Tỉnh Đắk Lắk', 'Tỉnh', 'tinh dak lak'), ('86', 'Tỉnh Vĩnh Long', 'Tỉnh', 'tinh vinh long')`,
    ),
    env.DB.prepare(
      `insert or ignore into communes (code, province_code, name, name_folded) values ('24169', '66', 'Phường Ea Kao', 'phuong ea kao'), ('28789', '86', 'Phường Bến Tre', 'phuong ben tre')`,
    ),
  ]);
});

async function invite(role: 'national' | 'province' | 'commune', provinceCode: string | null, communeCode: string | null, now = Date.now()) {
  const { token, statements } = await invitationStatements(env.DB, { role, provinceCode, communeCode, displayName: 'Chị Lan' }, 'cli', now);
  await env.DB.batch(statements);
  return token;
}

const officialCount = async () => (await env.DB.prepare('SELECT count(*) AS n FROM officials').first<{ n: number }>())!.n;

describe('invitations', () => {
  it('GET shows the form and changes nothing; POST creates the account and signs it in', async () => {
    const token = await invite('commune', '66', '24169');
    const before = await officialCount();
    // A link previewer fetching twice.
    for (let i = 0; i < 2; i++) {
      const res = await SELF.fetch(`${origin}/quan-tri/moi/${token}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('name="username"');
      expect(html).toContain('name="password"');
      expect(html).toContain('Phường Ea Kao');
    }
    expect(await officialCount()).toBe(before);
    const used = await env.DB.prepare('SELECT used_at FROM invitations WHERE id = (SELECT max(id) FROM invitations)').first<{ used_at: number | null }>();
    expect(used!.used_at).toBeNull();

    const browser = new Browser();
    await browser.get(`/quan-tri/moi/${token}`);
    const res = await browser.post(`/quan-tri/moi/${token}`, { username: 'canbo.eakao', password: testPassword });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/quan-tri/');
    expect(await officialCount()).toBe(before + 1);
    const home = await browser.get('/quan-tri/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Cán bộ xã');
    // Used once: a second POST creates nothing.
    const again = await new Browser().post(`/quan-tri/moi/${token}`, { username: 'someone.else', password: testPassword });
    expect(again.status).toBe(410);
    expect(await officialCount()).toBe(before + 1);
    expect(await auditActions()).toContain('invitation.accept');
  });

  it('refuses short and common passwords and keeps the invitation open', async () => {
    const token = await invite('commune', '66', '24169');
    const browser = new Browser();
    const short = await browser.post(`/quan-tri/moi/${token}`, { username: 'canbo.ngan', password: 'ngan123' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('ít nhất 10 ký tự');
    const common = await browser.post(`/quan-tri/moi/${token}`, { username: 'canbo.ngan', password: 'matkhau123' });
    expect(common.status).toBe(400);
    expect(await common.text()).toContain('quá phổ biến');
    expect(await env.DB.prepare('SELECT 1 FROM officials WHERE username = ?').bind('canbo.ngan').first()).toBeNull();
    const ok = await browser.post(`/quan-tri/moi/${token}`, { username: 'canbo.ngan', password: testPassword });
    expect(ok.status).toBe(303);
  });

  it('an expired invitation cannot be used', async () => {
    const token = await invite('commune', '66', '24169', Date.now() - 8 * 24 * 3600 * 1000);
    const browser = new Browser();
    const page = await browser.get(`/quan-tri/moi/${token}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('hết hạn');
    const res = await browser.post(`/quan-tri/moi/${token}`, { username: 'canbo.hethan', password: testPassword });
    expect(res.status).toBe(410);
    expect(await env.DB.prepare('SELECT 1 FROM officials WHERE username = ?').bind('canbo.hethan').first()).toBeNull();
  });
});

describe('sign-in', () => {
  it('signs in with the right password, sets a safe session cookie, and refuses a wrong one with the same message as an unknown user', {
    timeout: 20_000,
  }, async () => {
    await seedOfficial({ username: 'dangnhap.xa', role: 'commune', provinceCode: '66', communeCode: '24169' });
    const browser = new Browser();
    const page = await browser.get('/quan-tri/dang-nhap');
    expect(page.status).toBe(200);
    const form = await page.text();
    expect(form).toContain('name="username"');
    expect(form).toContain('name="csrf"');

    const wrong = await browser.post('/quan-tri/dang-nhap', { username: 'dangnhap.xa', password: 'sai-mat-khau-roi' });
    expect(wrong.status).toBe(400);
    const wrongText = await wrong.text();
    expect(wrongText).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    const unknown = await new Browser().post('/quan-tri/dang-nhap', { username: 'khong.co.ai', password: 'sai-mat-khau-roi' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(browser.cookies.has('__Host-cns_session')).toBe(false);

    const res = await browser.post('/quan-tri/dang-nhap', { username: 'dangnhap.xa', password: testPassword });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((line) => line.startsWith('__Host-cns_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
    expect((await browser.get('/quan-tri/')).status).toBe(200);
    expect(await auditActions()).toEqual(expect.arrayContaining(['sign_in.failed', 'sign_in']));
  });

  it('without a session, /quan-tri/ redirects to sign-in', async () => {
    const res = await new Browser().get('/quan-tri/');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/quan-tri/dang-nhap?tiep=%2Fquan-tri%2F');
  });

  it('blocks repeated attempts on one account with 429 and a Vietnamese message', async () => {
    await seedOfficial({ username: 'bi.chan', role: 'commune', provinceCode: '66', communeCode: '24169' });
    // SIGNIN_ACCOUNT_LIMITER: 5 a minute (wrangler.toml). Seven attempts take ~10 s: leave them 30.
    await startEarlyInLimiterWindow(60, 30_000);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await new Browser().post('/quan-tri/dang-nhap', { username: 'bi.chan', password: `doan-mo-${i}-abcdef` });
      statuses.push(res.status);
      if (res.status === 429) expect(await res.text()).toContain('quá nhiều lần');
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
    // Even the right password is refused while blocked.
    const right = await new Browser().post('/quan-tri/dang-nhap', { username: 'bi.chan', password: testPassword });
    expect(right.status).toBe(429);
  }, 60_000);

  it('a POST without the CSRF token gets 403 and changes nothing', async () => {
    await seedOfficial({ username: 'csrf.xa', role: 'commune', provinceCode: '66', communeCode: '24169' });
    const browser = new Browser();
    await browser.get('/quan-tri/dang-nhap');
    const res = await browser.post('/quan-tri/dang-nhap', { username: 'csrf.xa', password: testPassword }, { csrf: false });
    expect(res.status).toBe(403);
    expect(browser.cookies.has('__Host-cns_session')).toBe(false);
    const forged = await browser.post('/quan-tri/dang-nhap', { username: 'csrf.xa', password: testPassword }, { csrf: 'a'.repeat(32) });
    expect(forged.status).toBe(403);
    const token = await invite('commune', '66', '24169');
    const invitation = await browser.post(`/quan-tri/moi/${token}`, { username: 'csrf.moi', password: testPassword }, { csrf: false });
    expect(invitation.status).toBe(403);
    expect(await env.DB.prepare('SELECT 1 FROM officials WHERE username = ?').bind('csrf.moi').first()).toBeNull();
  });
});

describe('sessions', () => {
  it('an expired session is refused and deleted', async () => {
    const { browser, id } = await signedIn({ username: 'het.han', role: 'commune', provinceCode: '66', communeCode: '24169' });
    await env.DB.prepare('UPDATE official_sessions SET expires_at = ? WHERE official_id = ?')
      .bind(Date.now() - 1000, id)
      .run();
    const res = await browser.get('/quan-tri/');
    expect(res.status).toBe(303);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM official_sessions WHERE official_id = ?').bind(id).first('n')).toBe(0);
  });

  it('renews a session that is used (sliding expiry)', async () => {
    const { browser, id } = await signedIn({ username: 'truot.han', role: 'commune', provinceCode: '66', communeCode: '24169' });
    const soon = Date.now() + 2 * 24 * 3600 * 1000;
    await env.DB.prepare('UPDATE official_sessions SET expires_at = ? WHERE official_id = ?').bind(soon, id).run();
    expect((await browser.get('/quan-tri/')).status).toBe(200);
    const after = await env.DB.prepare('SELECT expires_at FROM official_sessions WHERE official_id = ?').bind(id).first<number>('expires_at');
    expect(after!).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
  });

  it('signing out everywhere ends every session of the account', async () => {
    const { browser, id } = await signedIn({ username: 'moi.noi', role: 'commune', provinceCode: '66', communeCode: '24169' });
    const other = new Browser();
    expect((await other.signIn('moi.noi')).status).toBe(303);
    const res = await browser.post('/quan-tri/dang-xuat-moi-noi', {});
    expect(res.status).toBe(303);
    expect((await other.get('/quan-tri/')).status).toBe(303);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM official_sessions WHERE official_id = ?').bind(id).first('n')).toBe(0);
  });
});

describe('two-step sign-in', () => {
  it('asks for the code after the password, and accepts a valid one', async () => {
    await seedOfficial({ username: 'hai.buoc', role: 'province', provinceCode: '66', totpKey: totpKeyForTests });
    const browser = new Browser();
    const first = await browser.post('/quan-tri/dang-nhap', { username: 'hai.buoc', password: testPassword });
    expect(first.headers.get('location')).toMatch(/^\/quan-tri\/hai-buoc/);
    expect((await browser.get('/quan-tri/')).headers.get('location')).toBe('/quan-tri/hai-buoc');
    expect((await browser.post('/quan-tri/hai-buoc', { ma: '000000' === totpNow() ? '111111' : '000000' })).status).toBe(400);
    const code = totpNow();
    const ok = await browser.post('/quan-tri/hai-buoc', { ma: code });
    expect(ok.status).toBe(303);
    expect((await browser.get('/quan-tri/')).status).toBe(200);
    // The same code, seen by someone else, cannot be used again.
    const thief = new Browser();
    await thief.post('/quan-tri/dang-nhap', { username: 'hai.buoc', password: testPassword });
    expect((await thief.post('/quan-tri/hai-buoc', { ma: code })).status).toBe(400);
    expect((await thief.get('/quan-tri/')).status).toBe(303);
  });

  it('a province admin without two-step sign-in can read but not change anything', async () => {
    const { browser } = await signedIn({ username: 'tinh.chua.bat', role: 'province', provinceCode: '66' });
    expect((await browser.get('/quan-tri/')).status).toBe(200);
    const res = await browser.post('/quan-tri/tai-khoan/moi', { role: 'commune', scope: '24169', name: 'Anh Ba' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('đăng nhập hai bước');
    expect(await env.DB.prepare("SELECT 1 FROM invitations WHERE display_name = 'Anh Ba'").first()).toBeNull();
  });
});

describe('turning on two-step sign-in', () => {
  it('GET stores nothing; POST with a valid code turns it on and gives recovery codes that work once', { timeout: 20_000 }, async () => {
    const { browser, id } = await signedIn({ username: 'quoc.gia', role: 'national' });
    // Required before any change.
    const blocked = await browser.post('/quan-tri/tai-khoan/moi', { role: 'province', scope: '66', name: 'Chị Sáu' });
    expect(blocked.status).toBe(403);
    expect(await env.DB.prepare("SELECT 1 FROM invitations WHERE display_name = 'Chị Sáu'").first()).toBeNull();

    const page = await browser.get('/quan-tri/hai-buoc/cai-dat');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<svg');
    const key = html.match(/name="khoa" value="([A-Z2-7]{32})"/)![1]!;
    expect(await env.DB.prepare('SELECT totp_key FROM officials WHERE id = ?').bind(id).first('totp_key')).toBeNull();

    expect((await browser.post('/quan-tri/hai-buoc/cai-dat', { khoa: key, ma: totpNow(key) === '123456' ? '654321' : '123456' })).status).toBe(400);
    const on = await browser.post('/quan-tri/hai-buoc/cai-dat', { khoa: key, ma: totpNow(key) });
    expect(on.status).toBe(200);
    const codes = [...(await on.text()).matchAll(/<code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<\/code>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    // Now changes are allowed.
    expect((await browser.post('/quan-tri/tai-khoan/moi', { role: 'province', scope: '66', name: 'Chị Sáu' })).status).toBe(200);

    // A new sign-in needs the second step; a recovery code works once.
    const phone = new Browser();
    await phone.post('/quan-tri/dang-nhap', { username: 'quoc.gia', password: testPassword });
    expect((await phone.post('/quan-tri/hai-buoc', { ma: codes[0]! })).status).toBe(303);
    expect((await phone.get('/quan-tri/')).status).toBe(200);
    const again = new Browser();
    await again.post('/quan-tri/dang-nhap', { username: 'quoc.gia', password: testPassword });
    expect((await again.post('/quan-tri/hai-buoc', { ma: codes[0]! })).status).toBe(400);
    expect(await auditActions(`official:${id}`)).toEqual(expect.arrayContaining(['two_factor.enable', 'sign_in.password', 'sign_in']));
  });
});

describe('/api/admin', () => {
  it('answers 401 JSON without a session, and the official with one', async () => {
    const res = await SELF.fetch(`${origin}/api/admin/toi`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'Cần đăng nhập.' } });
    const { browser } = await signedIn({ username: 'api.xa', role: 'commune', provinceCode: '66', communeCode: '24169' });
    const me = await browser.get('/api/admin/toi');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ official: { username: 'api.xa', role: 'commune', communeCode: '24169' } });
  });
});

describe('second step window', () => {
  it('a session waiting for its second step expires after 10 minutes', async () => {
    const id = await seedOfficial({ username: 'cham.tre', role: 'province', provinceCode: '66', totpKey: totpKeyForTests });
    const browser = new Browser();
    await browser.post('/quan-tri/dang-nhap', { username: 'cham.tre', password: testPassword });
    await env.DB.prepare('UPDATE official_sessions SET created_at = ? WHERE official_id = ?')
      .bind(Date.now() - 11 * 60 * 1000, id)
      .run();
    const res = await browser.post('/quan-tri/hai-buoc', { ma: totpNow() });
    expect(res.headers.get('location')).toBe('/quan-tri/dang-nhap');
    expect((await browser.get('/quan-tri/')).headers.get('location')).toMatch(/^\/quan-tri\/dang-nhap/);
  });
});
