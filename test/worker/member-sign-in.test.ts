import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../functions/auth/crypto.ts';
import { MEMBER_SESSION_TTL_MS, revokeMemberAccess, SIGN_IN_LINK_TTL_MS } from '../../functions/assists/member-auth.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { cookieFrom, formHeaders, linkFor, memberGet, memberIdOf, memberPost, ORIGIN, sessionCount, signIn } from './assists-helpers.ts';

// Fixture members: team 1 (village team of commune 24169) and team 6 (dissolved).
const MEMBER = 'K7Q2MZ20'; // Y Bhin Niê
const OTHER = 'P3X9TA21';
const ZALO_PREVIEWER = 'Zalo-Link-Preview/1.0';

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

async function linkRow(token: string) {
  return env.DB.prepare('SELECT used_at AS usedAt, revoked_at AS revokedAt FROM member_sign_in_links WHERE token_hash = ?')
    .bind(await sha256Hex(token))
    .first<{ usedAt: number | null; revokedAt: number | null }>();
}

const post = (path: string, headers = formHeaders()) => SELF.fetch(`${ORIGIN}${path}`, { method: 'POST', headers, redirect: 'manual' });

describe('member sign-in link', () => {
  it('GET shows the "Đăng nhập" button and changes nothing, whoever fetches it', async () => {
    const { token, path } = await linkFor(MEMBER);
    const before = await sessionCount(MEMBER);
    for (const headers of [
      { 'user-agent': ZALO_PREVIEWER },
      { 'user-agent': 'facebookexternalhit/1.1' },
      { 'user-agent': 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/131 Mobile Safari/537.36' },
    ]) {
      const res = await SELF.fetch(`${ORIGIN}${path}`, { headers });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Y Bhin Niê');
      expect(html).toMatch(/<form method="post"><button type="submit">Đăng nhập<\/button>/);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('cache-control')).toContain('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect((await SELF.fetch(`${ORIGIN}${path}`, { method: 'HEAD' })).headers.get('set-cookie')).toBeNull();
    expect(await linkRow(token)).toEqual({ usedAt: null, revokedAt: null });
    expect(await sessionCount(MEMBER)).toBe(before);
  });

  it('POST from the page signs in on that phone for 180 days; only hashes are stored', async () => {
    const { token, path } = await linkFor(MEMBER);
    const res = await post(path);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/thanh-vien/');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toContain(`Max-Age=${MEMBER_SESSION_TTL_MS / 1000}`);
    const cookie = cookieFrom(res);
    const home = await memberGet('/thanh-vien/', cookie);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Xin chào, Y Bhin Niê');
    expect((await linkRow(token))?.usedAt).not.toBeNull();
    // Neither the link token nor the session token is in D1, only their SHA-256.
    const sessionToken = cookie.split('=')[1]!;
    const stored = await env.DB.prepare('SELECT token_hash FROM member_sessions UNION ALL SELECT token_hash FROM member_sign_in_links').all<{
      token_hash: string;
    }>();
    const hashes = stored.results.map((r) => r.token_hash);
    expect(hashes).not.toContain(sessionToken);
    expect(hashes).not.toContain(token);
    expect(hashes).toContain(await sha256Hex(sessionToken));
  });

  it('a link signs in once: a second POST is refused and opens no session', async () => {
    const { path } = await linkFor(OTHER);
    expect((await post(path)).status).toBe(303);
    const sessions = await sessionCount(OTHER);
    const again = await post(path);
    expect(again.status).toBe(410);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('đã được dùng');
    expect(await sessionCount(OTHER)).toBe(sessions);
  });

  it('a previewer fetching the link first does not stop the member signing in', async () => {
    const { path } = await linkFor(MEMBER);
    await SELF.fetch(`${ORIGIN}${path}`, { headers: { 'user-agent': ZALO_PREVIEWER } });
    await SELF.fetch(`${ORIGIN}${path}`, { headers: { 'user-agent': 'facebookexternalhit/1.1' } });
    expect((await post(path)).status).toBe(303);
  });

  it('an expired link shows why and signs nobody in', async () => {
    const { token, path } = await linkFor(MEMBER, Date.now() - SIGN_IN_LINK_TTL_MS - 1000);
    const page = await SELF.fetch(`${ORIGIN}${path}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('đã hết hạn');
    const res = await post(path);
    expect(res.status).toBe(410);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await linkRow(token))?.usedAt).toBeNull();
  });

  it('issuing a new link revokes the member’s unused one', async () => {
    const first = await linkFor(MEMBER);
    await linkFor(MEMBER);
    const res = await post(first.path);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('đã bị thu hồi');
  });

  it('a member session past its 180 days is refused, and cannot record anything', async () => {
    const cookie = await signIn(OTHER);
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(200);
    const hash = await sha256Hex(cookie.split('=')[1]!);
    await env.DB.prepare('UPDATE member_sessions SET expires_at = ? WHERE token_hash = ?')
      .bind(Date.now() - 1000, hash)
      .run();
    try {
      const after = await memberGet('/thanh-vien/', cookie);
      expect(after.status).toBe(401);
      expect(await after.text()).toContain('Bạn chưa đăng nhập');
      const before = await env.DB.prepare('SELECT count(*) AS n FROM assists').first<number>('n');
      const record = await memberPost('/thanh-vien/ghi-nhan', cookie, { task: 'khac', people: '1' });
      expect(record.status).toBe(401);
      expect(await env.DB.prepare('SELECT count(*) AS n FROM assists').first<number>('n')).toBe(before);
    } finally {
      await env.DB.prepare('DELETE FROM member_sessions WHERE token_hash = ?').bind(hash).run();
    }
  });

  it('revocation ends every session and unused link of the member at once', async () => {
    const cookie = await signIn(MEMBER);
    const pending = await linkFor(MEMBER);
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(200);
    const revoked = await revokeMemberAccess(env.DB, await memberIdOf(MEMBER));
    expect(revoked.links).toBe(1);
    expect(revoked.sessions).toBeGreaterThanOrEqual(1);
    const after = await memberGet('/thanh-vien/', cookie);
    expect(after.status).toBe(401);
    expect(await after.text()).toContain('Bạn chưa đăng nhập');
    expect((await post(pending.path)).status).toBe(410);
  });

  it('a member whose team is dissolved is signed out at once and cannot use a link', async () => {
    const code = 'W8D4RC22';
    const cookie = await signIn(code);
    const pending = await linkFor(code);
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(200);
    await env.DB.prepare('UPDATE teams SET active = 0 WHERE id = 1').run();
    try {
      expect((await memberGet('/thanh-vien/', cookie)).status).toBe(401);
      const res = await post(pending.path);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('không còn hoạt động');
    } finally {
      await env.DB.prepare('UPDATE teams SET active = 1 WHERE id = 1').run();
    }
  });

  it('a member removed from the directory is signed out at once and cannot use a link', async () => {
    const code = 'B2N6HV23';
    const cookie = await signIn(code);
    const pending = await linkFor(code);
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(200);
    await env.DB.prepare('UPDATE members SET removed_at = ?, phone = NULL, publish_contact = 0 WHERE code = ?').bind(new Date().toISOString(), code).run();
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(401);
    const page = await SELF.fetch(`${ORIGIN}${pending.path}`);
    expect(page.status).toBe(410);
    expect((await post(pending.path)).status).toBe(410);
  });

  it('the public member code is never a credential', async () => {
    const link = await SELF.fetch(`${ORIGIN}/thanh-vien/dang-nhap/${MEMBER}`, { method: 'POST', headers: formHeaders(), redirect: 'manual' });
    expect(link.status).toBe(404);
    expect(link.headers.get('set-cookie')).toBeNull();
    for (const cookie of [`thanh_vien=${MEMBER}`, `thanh_vien=${'A'.repeat(43)}`]) {
      expect((await memberGet('/thanh-vien/', cookie)).status).toBe(401);
    }
  });

  it('a POST from another site is refused with 403 and consumes nothing', async () => {
    const { token, path } = await linkFor(OTHER);
    const res = await post(path, formHeaders({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }));
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await linkRow(token))?.usedAt).toBeNull();
  });

  it('without a session the member area explains how to sign in (401)', async () => {
    const res = await SELF.fetch(`${ORIGIN}/thanh-vien/`);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('liên kết đăng nhập riêng');
  });

  it('signing out ends the session on the server', async () => {
    const cookie = await signIn(OTHER);
    const res = await SELF.fetch(`${ORIGIN}/thanh-vien/dang-xuat`, { method: 'POST', headers: formHeaders({ cookie }), redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Bạn đã đăng xuất');
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(401);
  });
});
