// The one CSRF rule (issue 22 point 2, issue 21 point 8): every POST the app
// registers, sent with a foreign Origin (or a cross-site Sec-Fetch-Site) by a
// signed-in browser holding the right token, in every body type, is refused
// in the officials' and members' areas and changes nothing anywhere. The token
// is bound to the session and rotated at sign-in; the member cookie takes
// `__Host-` on https like the officials'.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenOfSession } from '../../functions/auth/cookies.ts';
import { ui } from '../../site/i18n/ui.ts';
import { app } from '../../functions/index.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { Browser, origin, signedIn, testPassword, totpKeyForTests, seedOfficial } from './admin-helpers.ts';
import { linkFor, memberIdOf } from './assists-helpers.ts';
import { databaseSnapshot } from './db-snapshot.ts';

let national: Browser;
let member: Browser;
const params: Record<string, string> = {};

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  national = (await signedIn({ username: 'csrf.toanquoc', role: 'national', totpKey: totpKeyForTests })).browser;
  member = new Browser();
  const { path } = await linkFor('K7Q2MZ20');
  await member.get(path);
  expect((await member.post(path, {})).status).toBe(303);
  const entry = await env.DB.prepare(
    `INSERT INTO assists (member_id, team_id, province_code, commune_code, task, people, day, created_at, updated_at)
     VALUES (?, 1, '66', '24169', 'khac', 1, date('now'), unixepoch() * 1000, unixepoch() * 1000) RETURNING id`,
  )
    .bind(await memberIdOf('K7Q2MZ20'))
    .first<{ id: number }>();
  Object.assign(params, { code: '24169', id: String(entry!.id), slug: 'dang-ky-tai-khoan-dinh-danh-dien-tu-muc-2' });
});

const sessionArea = /^\/(quan-tri|thanh-vien)\/|^\/api\/admin\//;

/** Every POST route the app registers, with its parameters filled with real rows. */
async function postRoutes(): Promise<{ path: string; url: string; browser: Browser }[]> {
  const paths = [...new Set(app.routes.filter((r) => r.method === 'POST').map((r) => r.path))];
  const out = [];
  for (const path of paths) {
    let url = path;
    // Tokens in the path: a live sign-in link, a live invitation.
    if (url.includes(':token')) url = url.replace(':token', url.startsWith('/thanh-vien/') ? (await linkFor('P3X9TA21')).token : 'khongco');
    url = url.replace(/:(\w+)/g, (_, name: string) => params[name] ?? (name === 'id' ? '1' : 'x'));
    out.push({ path, url, browser: path.startsWith('/thanh-vien/') ? member : national });
  }
  return out;
}

const bodies: Record<string, () => { body?: BodyInit; type?: string }> = {
  form: () => ({ body: new URLSearchParams({ ghi_chu: 'x' }), type: 'application/x-www-form-urlencoded' }),
  multipart: () => {
    const form = new FormData();
    form.set('ghi_chu', 'x');
    return { body: form };
  },
  json: () => ({ body: JSON.stringify({ ghi_chu: 'x' }), type: 'application/json' }),
  text: () => ({ body: 'ghi_chu=x', type: 'text/plain' }),
  none: () => ({}),
};

/** A POST with the browser's cookies and the right token (header and field), from another site. */
async function foreignPost(browser: Browser, url: string, kind: string, headers: Record<string, string>): Promise<Response> {
  const { body, type } = bodies[kind]!();
  const memberCookie = browser.cookies.get('__Host-thanh_vien');
  const token = url.startsWith('/thanh-vien/') && memberCookie ? csrfTokenOfSession(memberCookie) : browser.csrf;
  if (body instanceof URLSearchParams || body instanceof FormData) body.set('csrf', token);
  return SELF.fetch(origin + url, {
    method: 'POST',
    body,
    headers: { cookie: browser.cookieHeader(), 'x-csrf-token': token, ...(type ? { 'content-type': type } : {}), ...headers },
    redirect: 'manual',
  });
}

describe('a foreign Origin on every POST', () => {
  for (const [name, headers] of [
    ['Origin of another site', { origin: 'https://evil.example' }],
    ['Origin "null" (sandboxed frame)', { origin: 'null' }],
    ['Sec-Fetch-Site cross-site, no Origin', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site (a subdomain)', { origin: origin, 'sec-fetch-site': 'same-site' }],
  ] as const) {
    it(`${name}: refused in every session area whatever the body, and nothing changes anywhere`, async () => {
      const routes = await postRoutes();
      expect(routes.filter((r) => sessionArea.test(r.path)).length).toBeGreaterThan(25);
      const failures: string[] = [];
      for (const { path, url, browser } of routes) {
        for (const kind of Object.keys(bodies)) {
          const before = await databaseSnapshot();
          const res = await foreignPost(browser, url, kind, headers);
          await res.body?.cancel();
          if (sessionArea.test(path) && res.status !== 403) failures.push(`${kind} POST ${url}: ${res.status}`);
          if (res.status >= 500) failures.push(`${kind} POST ${url}: ${res.status}`);
          if ((await databaseSnapshot()) !== before) failures.push(`${kind} POST ${url} changed the database`);
        }
      }
      expect(failures).toEqual([]);
    }, 120_000);
  }

  it('Origin "null" with Sec-Fetch-Site same-origin (a member page, sent with no referrer) is this site', async () => {
    const res = await foreignPost(member, '/thanh-vien/ghi-nhan', 'form', { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(400); // reached the form's own validation
  });

  it('the same requests from this site are not refused for their origin (the table above is not refusing everything)', async () => {
    const res = await foreignPost(member, '/thanh-vien/ghi-nhan', 'form', { origin: origin, 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(400); // reached the form's own validation
    const json = await foreignPost(national, '/quan-tri/nhat-ky', 'json', { origin });
    // The rule let it through: the once-only rule behind it answers (a JSON body carries no form token, issue 16).
    expect(json.status).toBe(400);
    expect(await json.text()).toContain(ui.formOnce.missingTitle);
  });
});

describe('the token is bound to the session', () => {
  it('is rotated at sign-in: the pre-session token no longer works, the new one does', async () => {
    await seedOfficial({ username: 'csrf.xa', role: 'commune', provinceCode: '66', communeCode: '24169' });
    const browser = new Browser();
    await browser.get('/quan-tri/dang-nhap');
    const before = browser.csrf;
    expect(before).toMatch(/^[a-z2-7]{32}$/);
    expect((await browser.signIn('csrf.xa', testPassword)).status).toBe(303);
    const after = browser.csrf;
    expect(after).not.toBe(before);
    expect(after).toBe(csrfTokenOfSession(browser.cookies.get('__Host-cns_session')!));
    const team = { level: 'village', ten: 'Tổ thử token', thon: '1' };
    expect((await browser.post('/quan-tri/xa/24169/to', team, { csrf: before })).status).toBe(403);
    // The token of another session (another official's) is refused too.
    expect((await browser.post('/quan-tri/xa/24169/to', team, { csrf: national.csrf })).status).toBe(403);
    const page = await browser.get('/quan-tri/xa/24169');
    expect(await page.text()).toContain(`name="csrf" value="${after}"`);
  });

  it('a member’s forms carry their session’s token; another member’s token is refused', async () => {
    const page = await member.get('/thanh-vien/');
    const token = csrfTokenOfSession(member.cookies.get('__Host-thanh_vien')!);
    expect(await page.text()).toContain(`name="csrf" value="${token}"`);
    const other = new Browser();
    const { path } = await linkFor('W8D4RC22');
    await other.get(path);
    await other.post(path, {});
    const before = await databaseSnapshot();
    const stolen = csrfTokenOfSession(other.cookies.get('__Host-thanh_vien')!);
    expect((await member.post('/thanh-vien/ghi-nhan', { task: 'khac', people: '1' }, { csrf: stolen })).status).toBe(403);
    expect(await databaseSnapshot()).toBe(before);
  });
});

describe('session cookies on https', () => {
  it('the member session cookie takes the __Host- prefix, like the officials’', async () => {
    const { path } = await linkFor('B2N6HV23');
    const res = await SELF.fetch(origin + path, { method: 'POST', headers: { origin, 'sec-fetch-site': 'same-origin' }, redirect: 'manual' });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((line) => line.includes('thanh_vien='))!;
    expect(cookie).toMatch(/^__Host-thanh_vien=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});
