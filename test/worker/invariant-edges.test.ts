// Edges of the rules the suite had let slip (issue 22 point 6: mutations that
// survived): each test here fails when its rule is loosened by one step.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { vietnamDay } from '../../functions/assists/entries.ts';
import { DAILY_CAP, RECORD_WINDOW_DAYS } from '../../functions/assists/tasks.ts';
import { consumeInvitation, findInvitation, invitationStatements } from '../../functions/auth/invitations.ts';
import { hashPassword } from '../../functions/auth/password.ts';
import { addDays } from '../../functions/usage/report.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { signedIn, totpKeyForTests } from './admin-helpers.ts';
import { linkFor, memberGet, memberIdOf, memberPost, ORIGIN, sessionCount, signIn } from './assists-helpers.ts';
import { databaseSnapshot } from './db-snapshot.ts';

const DAY_MS = 86_400_000;
const MEMBER = 'W8D4RC22'; // Nguyễn Văn An, team 1 (commune 24169)
let cookie = '';
const today = () => vietnamDay();

/** What Chrome on Android sends when a person opens a link: a full top-level navigation. */
const browserNavigation = {
  'user-agent': 'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8',
  'sec-fetch-site': 'none',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-user': '?1',
  'sec-fetch-dest': 'document',
  'sec-ch-ua-mobile': '?1',
  'upgrade-insecure-requests': '1',
};

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  cookie = await signIn(MEMBER);
});

async function newEntry(createdAt: number, day = today()): Promise<number> {
  const res = await memberPost('/thanh-vien/ghi-nhan', cookie, { task: 'khac', people: '1', day });
  expect(res.status).toBe(303);
  const id = Number(new URL(res.headers.get('location')!, ORIGIN).searchParams.get('da-ghi'));
  await env.DB.prepare('UPDATE assists SET created_at = ? WHERE id = ?').bind(createdAt, id).run();
  return id;
}

describe('a GET never burns a link, even one that looks like a person opening it', () => {
  it('a member’s sign-in link opened with full browser navigation headers stays unused; only the POST signs in', async () => {
    const { path } = await linkFor('B2N6HV23');
    const before = await databaseSnapshot();
    const sessions = await sessionCount('B2N6HV23');
    for (let i = 0; i < 2; i++) {
      const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: browserNavigation, redirect: 'manual' });
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie()).toEqual([]);
      await res.body?.cancel();
    }
    expect(await databaseSnapshot()).toBe(before);
    expect(await sessionCount('B2N6HV23')).toBe(sessions);
    const post = await SELF.fetch(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { ...browserNavigation, origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
      redirect: 'manual',
    });
    expect(post.status).toBe(303);
  });

  it('an official’s invitation opened with full browser navigation headers stays open', async () => {
    const { token, statements } = await invitationStatements(
      env.DB,
      { role: 'commune', provinceCode: '66', communeCode: '24169', displayName: 'Anh Tú' },
      'cli',
    );
    await env.DB.batch(statements);
    const before = await databaseSnapshot();
    const res = await SELF.fetch(`https://example.com/quan-tri/moi/${token}`, { headers: browserNavigation, redirect: 'manual' });
    expect(res.status).toBe(200);
    await res.body?.cancel();
    expect(await databaseSnapshot()).toBe(before);
    expect((await findInvitation(env.DB, token))?.usedAt ?? null).toBeNull();
  });
});

describe(`the ${RECORD_WINDOW_DAYS}-day edit window, both edges`, () => {
  it('an entry made just inside the window can be edited; one made just outside cannot, and is left as it was', async () => {
    const inside = await newEntry(Date.now() - RECORD_WINDOW_DAYS * DAY_MS + 60_000);
    expect((await memberGet(`/thanh-vien/ghi-nhan/${inside}/`, cookie)).status).toBe(200);
    const outside = await newEntry(Date.now() - RECORD_WINDOW_DAYS * DAY_MS - 60_000);
    expect((await memberGet(`/thanh-vien/ghi-nhan/${outside}/`, cookie)).status).toBe(409);
    const before = await databaseSnapshot();
    expect((await memberPost(`/thanh-vien/ghi-nhan/${outside}/`, cookie, { task: 'khac', people: '2', day: today() })).status).toBe(409);
    expect((await memberPost(`/thanh-vien/ghi-nhan/${outside}/xoa`, cookie, {})).status).toBe(409);
    expect(await databaseSnapshot()).toBe(before);
  });
});

describe('the day window and the people cap, both edges', () => {
  it(`a day ${RECORD_WINDOW_DAYS} days back is accepted, ${RECORD_WINDOW_DAYS + 1} is not; today is, tomorrow is not`, async () => {
    const post = (day: string) => memberPost('/thanh-vien/ghi-nhan', cookie, { task: 'lua-dao', people: '1', day });
    expect((await post(addDays(today(), -RECORD_WINDOW_DAYS))).status).toBe(303);
    expect((await post(addDays(today(), -RECORD_WINDOW_DAYS - 1))).status).toBe(400);
    expect((await post(today())).status).toBe(303);
    expect((await post(addDays(today(), 1))).status).toBe(400);
  });

  it(`up to ${DAILY_CAP} people for one task and day are recorded; one more is refused and nothing is written`, async () => {
    const day = addDays(today(), -2);
    const post = (people: number) => memberPost('/thanh-vien/ghi-nhan', cookie, { task: 'vneid-muc-2', people: String(people), day });
    expect((await post(DAILY_CAP - 1)).status).toBe(303);
    expect((await post(1)).status).toBe(303); // exactly the cap
    const before = await databaseSnapshot();
    expect((await post(1)).status).toBe(400); // one over
    expect(await databaseSnapshot()).toBe(before);
    const { n } = (await env.DB.prepare("SELECT sum(people) AS n FROM assists WHERE member_id = ? AND task = 'vneid-muc-2' AND day = ?")
      .bind(await memberIdOf(MEMBER), day)
      .first<{ n: number }>())!;
    expect(n).toBe(DAILY_CAP);
  });
});

describe('an invitation is used once, even by two requests racing past its page check', () => {
  it('the second acceptance of the same invitation creates nothing', async () => {
    const { token, statements } = await invitationStatements(
      env.DB,
      { role: 'commune', provinceCode: '66', communeCode: '24133', displayName: 'Chị Hoa' },
      'cli',
    );
    await env.DB.batch(statements);
    // Both requests found the invitation open before either used it.
    const invitation = (await findInvitation(env.DB, token))!;
    const passwordHash = await hashPassword('hai-yeu-cau-cung-luc');
    expect(await consumeInvitation(env.DB, invitation.id, { username: 'dua.mot', passwordHash })).toBeTypeOf('number');
    const before = await databaseSnapshot();
    expect(await consumeInvitation(env.DB, invitation.id, { username: 'dua.hai', passwordHash })).toBeUndefined();
    expect(await databaseSnapshot()).toBe(before);
  });
});

describe('removing a member withdraws their phone and consent everywhere', () => {
  it('the consent date goes with the phone', async () => {
    const { browser } = await signedIn({ username: 'xoa.tinh', role: 'province', provinceCode: '66', totpKey: totpKeyForTests });
    const id = await memberIdOf('K7Q2MZ20'); // phone published with consent
    const row = () =>
      env.DB.prepare('SELECT phone, publish_contact AS publish, consent_date AS consent, removed_at AS removed FROM members WHERE id = ?')
        .bind(id)
        .first<Record<string, unknown>>();
    await env.DB.prepare("UPDATE members SET consent_date = '2026-01-05' WHERE id = ?").bind(id).run();
    expect(await row()).toMatchObject({ phone: '0912345678', publish: 1, consent: '2026-01-05' });
    expect((await browser.post(`/quan-tri/thanh-vien/${id}/ngung`, {})).status).toBe(303);
    const after = await row();
    expect(after).toMatchObject({ phone: null, publish: 0, consent: null });
    expect(after!.removed).not.toBeNull();
  });
});
