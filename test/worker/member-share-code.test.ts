// Issue 16, point 4: a signed-in member's shares carry their code. The
// members' area hands the guide pages the member's public code in a readable
// cookie (never the session); signing out takes it away; the toolkit opens on
// the member's own page.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { formHeaders, memberGet, ORIGIN, signIn } from './assists-helpers.ts';

const MEMBER = 'K7Q2MZ20';
let cookie: string;

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  cookie = await signIn(MEMBER);
});

const codeCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('ma_thanh_vien='));

describe("the signed-in member's code for shares", () => {
  it('the members’ area sets the code in a cookie scripts can read (not the session, which stays HttpOnly)', async () => {
    const res = await memberGet('/thanh-vien/', cookie);
    expect(res.status).toBe(200);
    const set = codeCookie(res)!;
    expect(set).toMatch(/^ma_thanh_vien=K7Q2MZ20;/);
    expect(set.toLowerCase()).not.toContain('httponly');
    expect(set).toMatch(/Path=\//);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('thanh_vien='));
    if (session) expect(session.toLowerCase()).toContain('httponly');
  });

  it('signed out, the code cookie is cleared; a stranger gets none', async () => {
    const out = await SELF.fetch(`${ORIGIN}/thanh-vien/dang-xuat`, { method: 'POST', headers: formHeaders({ cookie }), redirect: 'manual' });
    expect(codeCookie(out)).toMatch(/^ma_thanh_vien=;.*Max-Age=0/i);
    expect(codeCookie(await memberGet('/thanh-vien/', 'thanh_vien=x'))).not.toMatch(/^ma_thanh_vien=[0-9A-Z]/);
  });

  it('the toolkit opens on the signed-in member’s own page; without the cookie it asks for the code', async () => {
    const own = await SELF.fetch(`${ORIGIN}/cong-cu/`, { headers: { cookie: `ma_thanh_vien=${MEMBER}` }, redirect: 'manual' });
    expect(own.status).toBe(302);
    expect(own.headers.get('location')).toBe(`/cong-cu/${MEMBER}/`);
    const asks = await SELF.fetch(`${ORIGIN}/cong-cu/`, { redirect: 'manual' });
    expect(asks.status).toBe(200);
    expect(await asks.text()).toContain('name="ma"');
  });
});
