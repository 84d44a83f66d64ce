import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { signedIn } from './admin-helpers.ts';
import { linkFor, memberGet, memberIdOf, sessionCount, signIn } from './assists-helpers.ts';
import { sha256Hex } from '../../functions/auth/crypto.ts';

// Issue 21, point 3: removing a member or stopping a team only suspended their
// phone sessions; reactivating the team or re-uploading the member brought the
// old cookie back. Removal now ends sessions and unused sign-in links for good.

const TEAM = 1; // village team of commune 24169
const LEADER = 'K7Q2MZ20';
const DEPUTY = 'P3X9TA21';

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

const linkRevoked = async (token: string) =>
  (
    await env.DB.prepare('SELECT revoked_at AS r FROM member_sign_in_links WHERE token_hash = ?')
      .bind(await sha256Hex(token))
      .first<{ r: number | null }>()
  )?.r;

async function official() {
  const { browser } = await signedIn({ username: `xa.${Math.random().toString(36).slice(2, 8)}`, role: 'commune', provinceCode: '66', communeCode: '24169' });
  return browser;
}

describe('removal ends member access for good', () => {
  it('a removed member stays signed out after being uploaded again', async () => {
    const cookie = await signIn(DEPUTY);
    const { token } = await linkFor(DEPUTY);
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(200);
    const browser = await official();
    expect((await browser.post(`/quan-tri/thanh-vien/${await memberIdOf(DEPUTY)}/ngung`, {})).status).toBe(303);
    expect(await sessionCount(DEPUTY)).toBe(0);
    expect(await linkRevoked(token)).toBeGreaterThan(Date.now() - 60_000);
    // The import's upsert brings a member back this way (removed_at cleared).
    await env.DB.prepare('UPDATE members SET removed_at = NULL WHERE code = ?').bind(DEPUTY).run();
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(401);
  });

  it('a stopped team stays signed out after it is reactivated', async () => {
    const cookie = await signIn(LEADER);
    const { token } = await linkFor(LEADER);
    const browser = await official();
    expect((await browser.post(`/quan-tri/to/${TEAM}/ngung`, {})).status).toBe(303);
    expect(await sessionCount(LEADER)).toBe(0);
    expect(await linkRevoked(token)).toBeGreaterThan(Date.now() - 60_000);
    expect((await browser.post(`/quan-tri/to/${TEAM}/hoat-dong`, {})).status).toBe(303);
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(401);
    // A new link signs the member in again: only the old access is gone.
    expect((await memberGet('/thanh-vien/', await signIn(LEADER))).status).toBe(200);
  });

  it("a team removed by an import ends its members' sessions", async () => {
    const cookie = await signIn(LEADER);
    await env.DB.prepare('UPDATE teams SET removed_at = ?, active = 0 WHERE id = ?').bind(new Date().toISOString(), TEAM).run();
    await env.DB.prepare('UPDATE teams SET removed_at = NULL, active = 1 WHERE id = ?').bind(TEAM).run();
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(401);
  });
});
