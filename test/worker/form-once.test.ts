// Issue 16, point 6: no double records. A double tap, a resent form or the
// back button sends the same one-time token (field `once`): the assist is
// recorded once, and so is every officials' change; the repeat lands where
// the first one did. A refused form gives its token back.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { memberGet, memberIdOf, memberPost, signIn } from './assists-helpers.ts';
import { type Browser, signedIn } from './admin-helpers.ts';

const MEMBER = 'K7Q2MZ20';
let cookie: string;
let officer: Browser;

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  cookie = await signIn(MEMBER);
  officer = (await signedIn({ username: 'xa.eakao.once', role: 'commune', provinceCode: '66', communeCode: '24169' })).browser;
});

const onceOf = (html: string, action: string) => {
  const form = new RegExp(`<form method="post" action="${action.replace(/[/?]/g, '\\$&')}"[\\s\\S]*?</form>`).exec(html)![0];
  return /name="once" value="([a-z2-7]{32})"/.exec(form)![1]!;
};
const assistCount = async () =>
  (await env.DB.prepare('SELECT count(*) AS n FROM assists WHERE member_id = ?')
    .bind(await memberIdOf(MEMBER))
    .first<{ n: number }>())!.n;

describe('the assist form is recorded once', () => {
  it('renders a fresh token each time; a resent form records once and lands on the same “recorded” page', async () => {
    const page = await (await memberGet('/thanh-vien/', cookie)).text();
    const once = onceOf(page, '/thanh-vien/ghi-nhan');
    expect(onceOf(await (await memberGet('/thanh-vien/', cookie)).text(), '/thanh-vien/ghi-nhan')).not.toBe(once);
    const before = await assistCount();
    const form = { once, task: 'vneid-muc-2', people: '2' };
    const first = await memberPost('/thanh-vien/ghi-nhan', cookie, form);
    expect(first.status).toBe(303);
    const again = await memberPost('/thanh-vien/ghi-nhan', cookie, form);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await assistCount()).toBe(before + 1);
  });

  it('a double tap (two requests at once) records once', async () => {
    const before = await assistCount();
    const once = onceOf(await (await memberGet('/thanh-vien/', cookie)).text(), '/thanh-vien/ghi-nhan');
    const form = { once, task: 'lua-dao', people: '1' };
    const [a, b] = await Promise.all([memberPost('/thanh-vien/ghi-nhan', cookie, form), memberPost('/thanh-vien/ghi-nhan', cookie, form)]);
    expect([a.status, b.status].sort()).toEqual([303, 303]);
    expect(await assistCount()).toBe(before + 1);
  });

  it('a form without its token records nothing and says why; a refused form gives its token back', async () => {
    const before = await assistCount();
    const res = await memberPost('/thanh-vien/ghi-nhan', cookie, { once: '', task: 'vneid-muc-2', people: '2' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Chưa có gì được ghi');
    const once = onceOf(await (await memberGet('/thanh-vien/', cookie)).text(), '/thanh-vien/ghi-nhan');
    expect((await memberPost('/thanh-vien/ghi-nhan', cookie, { once, task: 'vneid-muc-2', people: '99' })).status).toBe(400);
    expect(await assistCount()).toBe(before);
    expect((await memberPost('/thanh-vien/ghi-nhan', cookie, { once, task: 'vneid-muc-2', people: '3' })).status).toBe(303);
    expect(await assistCount()).toBe(before + 1);
  });
});

describe('every officials’ form is sent once', () => {
  it('adding a member twice with the same form adds one member and one audit entry', async () => {
    const page = await (await officer.get('/quan-tri/to/1/thanh-vien')).text();
    const once = onceOf(page, '/quan-tri/to/1/thanh-vien');
    const form = { once, ho_ten: 'Người Gửi Hai Lần', vai_tro: 'thanh_vien', chuc_vu: '', dien_thoai: '' };
    const [a, b] = await Promise.all([officer.post('/quan-tri/to/1/thanh-vien', form), officer.post('/quan-tri/to/1/thanh-vien', form)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const third = await officer.post('/quan-tri/to/1/thanh-vien', form);
    expect(third.headers.get('location')).toBe(a.headers.get('location'));
    expect(await env.DB.prepare("SELECT count(*) AS n FROM members WHERE full_name = 'Người Gửi Hai Lần'").first('n')).toBe(1);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'member.create' AND after_json LIKE '%Người Gửi Hai Lần%'").first('n'),
    ).toBe(1);
  });

  it('every officials’ form page carries a token; a form without one changes nothing', async () => {
    for (const path of ['/quan-tri/to/1', '/quan-tri/to/1/thanh-vien', '/quan-tri/xa/24169', '/quan-tri/nhap/']) {
      const html = await (await officer.get(path)).text();
      const forms = html.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
      const officialForms = forms.filter((f) => !f.includes('/quan-tri/dang-xuat'));
      expect(officialForms.length, path).toBeGreaterThan(0);
      // The upload's first step stages a preview and records nothing: it may answer twice.
      for (const form of officialForms.filter((f) => !f.includes('action="/quan-tri/nhap/"'))) expect(form, path).toMatch(/name="once" value="[a-z2-7]{32}"/);
    }
    const res = await officer.post('/quan-tri/to/1/thanh-vien', { ho_ten: 'Người Không Mã', vai_tro: 'thanh_vien' }, { once: false });
    expect(res.status).toBe(400);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM members WHERE full_name = 'Người Không Mã'").first('n')).toBe(0);
  });
});
