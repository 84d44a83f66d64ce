import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { origin } from './admin-helpers.ts';

// Issue 21, point 2: password spraying — many user names, one address, a new
// user agent each time — was never limited: the client limit was keyed on
// address and user agent together.

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
  it('30 user names from one IPv4 address, each with its own user agent: blocked after 20', async () => {
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt('192.0.2.77', i)));
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(statuses.filter((s) => s === 400)).toHaveLength(20);
  }, 30_000);

  it('IPv6 addresses of one /64 count as one address; another address is not blocked', async () => {
    const statuses = await Promise.all(Array.from({ length: 25 }, (_, i) => attempt(`2001:db8:aa:bb::${(i + 1).toString(16)}`, 100 + i)));
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(await attempt('2001:db8:aa:bc::1', 200)).toBe(400);
  }, 30_000);
});
