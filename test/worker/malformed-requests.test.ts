import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ui } from '../../site/i18n/ui.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { auditActions, Browser, origin, seedOfficial, signedIn, testPassword } from './admin-helpers.ts';
import { ORIGIN, formHeaders, signIn as memberSignIn } from './assists-helpers.ts';

// Issue 21, point 5: malformed requests answered 500 (and a sign-in's session
// was created before it). Each now gets a 400 with a clear message, or is
// sent home, and changes nothing.

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

const unreadable = [
  {
    what: 'multipart without a boundary',
    type: 'multipart/form-data',
    body: (csrf: string) => `--x\r\ncontent-disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--x--\r\n`,
  },
  {
    what: 'truncated multipart',
    type: 'multipart/form-data; boundary=b',
    body: (csrf: string) =>
      `--b\r\ncontent-disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--b\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\n\r\n66,24169`,
  },
  { what: 'a form declared as UTF-16', type: 'application/x-www-form-urlencoded; charset=utf-16', body: (csrf: string) => `csrf=${csrf}&chi_tieu=5` },
];

describe('return addresses after sign-in', () => {
  it.each([
    ['CR/LF', '/quan-tri/a%0D%0ASet-Cookie:%20x=1'],
    ['NUL', '/quan-tri/%00'],
    ['ESC', '/quan-tri/%1B[31m'],
    ['an over-long address', `/quan-tri/${'a'.repeat(600)}`],
  ])('%s in ?tiep= signs in and goes to the admin home', async (_, tiep) => {
    const username = `tiep.${Math.random().toString(36).slice(2, 8)}`;
    await seedOfficial({ username, role: 'commune', provinceCode: '66', communeCode: '24169' });
    const browser = new Browser();
    const res = await browser.post(`/quan-tri/dang-nhap?tiep=${tiep}`, { username, password: testPassword });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/quan-tri/');
    expect((await browser.get('/quan-tri/')).status).toBe(200);
  });

  it('a plain return address still works', async () => {
    const username = 'tiep.binh-thuong';
    await seedOfficial({ username, role: 'commune', provinceCode: '66', communeCode: '24169' });
    const res = await new Browser().post('/quan-tri/dang-nhap?tiep=%2Fquan-tri%2Fnhat-ky', { username, password: testPassword });
    expect(res.headers.get('location')).toBe('/quan-tri/nhat-ky');
  });

  it('a page behind sign-in keeps a short return address and drops an over-long one', async () => {
    const short = await SELF.fetch(`${origin}/quan-tri/nhat-ky`, { redirect: 'manual' });
    expect(short.headers.get('location')).toBe('/quan-tri/dang-nhap?tiep=%2Fquan-tri%2Fnhat-ky');
    const long = await SELF.fetch(`${origin}/quan-tri/nhat-ky?x=${'a'.repeat(600)}`, { redirect: 'manual' });
    expect(long.headers.get('location')).toBe('/quan-tri/dang-nhap');
  });
});

describe('forms that cannot be read', () => {
  it.each(unreadable)("an official's $what gets a 400 page and changes nothing, token in the header or not", async ({ type, body }) => {
    const { browser } = await signedIn({
      username: `hong.${type.length}.${Math.random().toString(36).slice(2, 6)}`,
      role: 'commune',
      provinceCode: '66',
      communeCode: '24169',
    });
    const before = await auditActions();
    for (const path of [
      '/quan-tri/ho-tro/chi-tieu/',
      '/quan-tri/nhap/xac-nhan',
      '/quan-tri/hai-buoc/cai-dat',
      '/quan-tri/dang-nhap',
      '/quan-tri/xa/24169/to',
    ]) {
      for (const header of [true, false]) {
        const res = await SELF.fetch(`${origin}${path}`, {
          method: 'POST',
          body: body(browser.csrf),
          headers: { cookie: browser.cookieHeader(), origin, 'content-type': type, ...(header ? { 'x-csrf-token': browser.csrf } : {}) },
          redirect: 'manual',
        });
        expect(res.status, `${path} ${header}`).toBe(400);
        expect(await res.text()).toContain(ui.badInput.unreadableForm);
      }
    }
    expect(await auditActions()).toEqual(before);
  });

  it.each(unreadable)("a member's $what gets a 400 page and records nothing", async ({ type, body }) => {
    const cookie = await memberSignIn('K7Q2MZ20');
    const count = async () => (await env.DB.prepare('SELECT count(*) AS n FROM assists').first<{ n: number }>())!.n;
    const before = await count();
    const res = await SELF.fetch(`${ORIGIN}/thanh-vien/ghi-nhan`, {
      method: 'POST',
      headers: formHeaders({ cookie, 'content-type': type }),
      body: body(''),
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(ui.badInput.unreadableForm);
    expect(await count()).toBe(before);
  });
});
