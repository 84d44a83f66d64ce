import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { Browser, origin, seedOfficial, startEarlyInLimiterWindow, testPassword, totpKeyForTests, totpNow } from './admin-helpers.ts';

// Issue 21, point 2: password spraying — many user names, one address, a new
// user agent each time — was never limited: the client limit was keyed on
// address and user agent together.

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

async function attempt(ip: string, i: number): Promise<number> {
  const csrf = 'a'.repeat(32);
  const res = await SELF.fetch(`${origin}/quan-tri/dang-nhap`, {
    method: 'POST',
    body: new URLSearchParams({ username: `phun.${i}`, password: `mat-khau-doan-${i}`, csrf }),
    headers: { cookie: `__Host-cns_csrf=${csrf}`, origin, 'cf-connecting-ip': ip, 'user-agent': `Mozilla/5.0 Spray/${i}` },
    redirect: 'manual',
  });
  await res.arrayBuffer();
  return res.status;
}

describe('sign-in attempts are limited per address', () => {
  it('24 user names from one IPv4 address, each with its own user agent: blocked after 20', async () => {
    // The limits count per wall-clock minute: attempts that straddle two would reset half way.
    await startEarlyInLimiterWindow(60, 30_000);
    const statuses = await Promise.all(Array.from({ length: 24 }, (_, i) => attempt('192.0.2.77', i)));
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    expect(statuses.filter((s) => s === 400)).toHaveLength(20);
  }, 120_000);

  it('IPv6 addresses of one /64 count as one address; another address is not blocked', async () => {
    // The limits count per wall-clock minute: attempts that straddle two would reset half way.
    await startEarlyInLimiterWindow(60, 30_000);
    const statuses = await Promise.all(Array.from({ length: 22 }, (_, i) => attempt(`2001:db8:aa:bb::${(i + 1).toString(16)}`, 100 + i)));
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect(await attempt('2001:db8:aa:bc::1', 200)).toBe(400);
  }, 120_000);
});

describe('an account under attack does not lock out its owner', () => {
  async function attack(username: string) {
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        new Browser(`198.18.0.${i + 1}`).post('/quan-tri/dang-nhap', { username, password: `doan-sai-${i}-xyz` }).then((r) => r.status),
      ),
    );
    expect(statuses).toContain(429);
  }

  it('the owner signs in from a browser that signed in before; a new browser is still refused', async () => {
    // The limits count per wall-clock minute: attempts that straddle two would reset half way.
    await startEarlyInLimiterWindow(60, 30_000);
    await seedOfficial({ username: 'chu.tai-khoan', role: 'commune', provinceCode: '66', communeCode: '24169' });
    const owner = new Browser();
    expect((await owner.signIn('chu.tai-khoan')).status).toBe(303);
    expect((await owner.post('/quan-tri/dang-xuat', {})).status).toBe(303);
    await attack('chu.tai-khoan');
    expect((await new Browser().signIn('chu.tai-khoan')).status).toBe(429);
    const again = await owner.signIn('chu.tai-khoan');
    expect(again.status).toBe(303);
    expect((await owner.get('/quan-tri/')).status).toBe(200);
    // The known device of another account does not open this one.
    await seedOfficial({ username: 'nguoi.khac', role: 'commune', provinceCode: '66', communeCode: '24169' });
    const other = new Browser();
    expect((await other.signIn('nguoi.khac')).status).toBe(303);
    expect((await other.signIn('chu.tai-khoan')).status).toBe(429);
  }, 120_000);

  it('with two-step sign-in, the owner still passes both steps', async () => {
    // The limits count per wall-clock minute: attempts that straddle two would reset half way.
    await startEarlyInLimiterWindow(60, 30_000);
    await seedOfficial({ username: 'chu.hai-buoc', role: 'province', provinceCode: '66', totpKey: totpKeyForTests });
    const owner = new Browser();
    expect((await owner.signIn('chu.hai-buoc', testPassword, totpKeyForTests)).status).toBe(303);
    expect((await owner.post('/quan-tri/dang-xuat', {})).status).toBe(303);
    await attack('chu.hai-buoc');
    const first = await owner.post('/quan-tri/dang-nhap', { username: 'chu.hai-buoc', password: testPassword });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toMatch(/^\/quan-tri\/hai-buoc/);
    expect((await owner.get('/quan-tri/')).status).toBe(303); // not in before the second step
    // Each code works once: the first sign-in used this 30-second step's code, as if it were the last step's.
    await env.DB.prepare("UPDATE officials SET totp_last_step = NULL WHERE username = 'chu.hai-buoc'").run();
    expect((await owner.post('/quan-tri/hai-buoc', { ma: totpNow() })).status).toBe(303);
    expect((await owner.get('/quan-tri/')).status).toBe(200);
  }, 120_000);
});
