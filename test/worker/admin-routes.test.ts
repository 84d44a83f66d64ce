// Every admin route × every role, including cross-scope attempts: reads of
// another scope get 403 without its private fields, writes get 403 and change
// nothing; without a session /quan-tri/* redirects to sign-in.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { Browser, origin, seedOfficial, signedIn, totpKeyForTests } from './admin-helpers.ts';

type Role = 'anonymous' | 'commune' | 'province' | 'national';
let browsers: Record<Role, Browser>;
let otherCommuneOfficialId: number;
let ownCommuneOfficialId: number;

const memberId = async (code: string) => (await env.DB.prepare('SELECT id FROM members WHERE code = ?').bind(code).first<number>('id'))!;
let ownMember: number; // K7Q2MZ20, team 1, commune 24169 (province 66)
let otherMember: number; // D7K5QT33, team 9, commune 28789 (province 86)

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  ownMember = await memberId('K7Q2MZ20');
  otherMember = await memberId('D7K5QT33');
  const commune = await signedIn({ username: 'xa.eakao', role: 'commune', provinceCode: '66', communeCode: '24169' });
  ownCommuneOfficialId = commune.id;
  const province = await signedIn({ username: 'tinh.daklak', role: 'province', provinceCode: '66', totpKey: totpKeyForTests });
  const national = await signedIn({ username: 'toan.quoc', role: 'national', totpKey: totpKeyForTests });
  otherCommuneOfficialId = await seedOfficial({ username: 'xa.bentre', role: 'commune', provinceCode: '86', communeCode: '28789' });
  browsers = { anonymous: new Browser(), commune: commune.browser, province: province.browser, national: national.browser };
});

// [path, roles that may read it]
const ownScopeReads: [string, Role[]][] = [
  ['/quan-tri/', ['commune', 'province', 'national']],
  ['/quan-tri/xa/24169', ['commune', 'province', 'national']],
  ['/quan-tri/to/1', ['commune', 'province', 'national']],
  ['/quan-tri/to/1/thanh-vien', ['commune', 'province', 'national']],
  ['/quan-tri/nhat-ky', ['commune', 'province', 'national']],
  ['/quan-tri/nhap/', ['commune', 'province', 'national']],
  ['/quan-tri/xuat', ['commune', 'province', 'national']],
  ['/quan-tri/bao-mat', ['commune', 'province', 'national']],
  ['/quan-tri/hai-buoc/cai-dat', ['commune', 'province', 'national']],
  ['/quan-tri/tinh/66', ['province', 'national']],
  ['/quan-tri/tai-khoan', ['province', 'national']],
  ['/quan-tri/xa/28789', ['national']],
  ['/quan-tri/to/9', ['national']],
  ['/quan-tri/to/9/thanh-vien', ['national']],
  ['/quan-tri/tinh/86', ['national']],
  // "Hỗ trợ người dân" (issue 9): members' names, entries and targets.
  ['/quan-tri/ho-tro/', ['commune', 'province', 'national']],
  ['/quan-tri/ho-tro/?xa=24169', ['commune', 'province', 'national']],
  ['/quan-tri/ho-tro/?xa=24133', ['province', 'national']],
  ['/quan-tri/ho-tro/?xa=28789', ['national']],
  ['/quan-tri/ho-tro/thanh-vien/', ['commune', 'province', 'national']],
  ['/quan-tri/ho-tro/thanh-vien/?xa=28789', ['national']],
  ['/quan-tri/ho-tro/ghi-nhan/', ['commune', 'province', 'national']],
  ['/quan-tri/ho-tro/ghi-nhan/?xa=28789', ['national']],
  ['/quan-tri/ho-tro/chi-tieu/', ['commune', 'province', 'national']],
  ['/quan-tri/ho-tro/chi-tieu/?xa=28789', ['national']],
  // Issue 23: why help stalls, the allowance sheet (names and money), rates, honesty checks.
  ['/quan-tri/ho-tro/diem-nghen/', ['commune', 'province', 'national']],
  ['/quan-tri/ho-tro/diem-nghen/?xa=24133', ['province', 'national']],
  ['/quan-tri/ho-tro/diem-nghen/?xa=28789', ['national']],
  ['/quan-tri/ho-tro/bang-ke/?xa=24169', ['commune', 'province', 'national']],
  ['/quan-tri/ho-tro/bang-ke/?xa=24133&dinh-dang=xlsx', ['province', 'national']],
  ['/quan-tri/ho-tro/bang-ke/?xa=28789', ['national']],
  ['/quan-tri/ho-tro/muc-chi/?xa=24169', ['commune', 'province', 'national']],
  ['/quan-tri/ho-tro/kiem-tra/', ['commune', 'province', 'national']],
  ['/quan-tri/ho-tro/kiem-tra/?xa=24133', ['province', 'national']],
  ['/quan-tri/ho-tro/kiem-tra/?xa=28789', ['national']],
];

describe('GET routes × roles', () => {
  for (const [path, allowed] of ownScopeReads) {
    it(`${path}: ${allowed.join(', ')} read it; others are refused`, async () => {
      for (const role of ['anonymous', 'commune', 'province', 'national'] as Role[]) {
        const res = await browsers[role].get(path);
        const expected = role === 'anonymous' ? 303 : allowed.includes(role) ? 200 : 403;
        expect({ role, status: res.status }).toEqual({ role, status: expected });
        if (role === 'anonymous') expect(res.headers.get('location')).toMatch(/^\/quan-tri\/dang-nhap\?tiep=/);
        if (res.status === 200) expect(res.headers.get('cache-control')).toBe('private, no-store');
      }
    });
  }

  it('a member page is readable only within its scope, and its private phone never leaks outside', async () => {
    const own = await browsers.commune.get(`/quan-tri/thanh-vien/${ownMember}`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('0912345678');
    const other = await browsers.commune.get(`/quan-tri/thanh-vien/${otherMember}`);
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain('0919888777');
    expect((await browsers.province.get(`/quan-tri/thanh-vien/${otherMember}`)).status).toBe(403);
    expect((await browsers.national.get(`/quan-tri/thanh-vien/${otherMember}`)).status).toBe(200);
    const commune = await browsers.commune.get('/quan-tri/xa/24169');
    // Private fields of the own scope: a phone not published.
    expect(await commune.text()).toContain('0987654321');
  });

  it('the export holds only the scope', async () => {
    const res = await browsers.commune.get('/quan-tri/xuat?dinh-dang=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.csv');
    const csv = await res.text();
    expect(csv).toContain('Y Bhin Niê');
    expect(csv).not.toContain('Châu Văn Phúc');
    expect(csv).not.toContain('Hoàng Văn Lâm'); // 24133, same province, other commune
    const province = await (await browsers.province.get('/quan-tri/xuat?dinh-dang=csv')).text();
    expect(province).toContain('Hoàng Văn Lâm');
    expect(province).not.toContain('Châu Văn Phúc');
    const xlsx = await browsers.national.get('/quan-tri/xuat?dinh-dang=xlsx');
    expect(xlsx.status).toBe(200);
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b])); // zip
  });
});

const snapshot = async () =>
  JSON.stringify(
    await env.DB.batch([
      env.DB.prepare('SELECT * FROM members ORDER BY id'),
      env.DB.prepare('SELECT * FROM teams ORDER BY id'),
      env.DB.prepare('SELECT id, disabled_at FROM officials ORDER BY id'),
      env.DB.prepare('SELECT id, revoked_at FROM invitations ORDER BY id'),
      env.DB.prepare('SELECT id, official_id FROM official_sessions ORDER BY id'),
      // A refused write leaves no audit entry either.
      env.DB.prepare('SELECT id, action, subject FROM audit_log ORDER BY id'),
    ]).then((results) => results.map((r) => r.results)),
  );

describe('cross-scope writes get 403 and change nothing', () => {
  const attempts: [Role, string, Record<string, string>][] = [
    ['commune', `/quan-tri/thanh-vien/OTHER`, { ho_ten: 'Tên Mới', vai_tro: 'thanh_vien' }],
    ['commune', `/quan-tri/thanh-vien/OTHER/ngung`, {}],
    ['commune', '/quan-tri/to/9', { ten: 'Tổ đổi tên', cap: 'commune' }],
    ['commune', '/quan-tri/to/9/ngung', {}],
    ['commune', '/quan-tri/to/9/thanh-vien', { ho_ten: 'Người Lạ', vai_tro: 'thanh_vien' }],
    ['commune', '/quan-tri/xa/28789/to', { ten: 'Tổ lạ', cap: 'commune' }],
    ['commune', '/quan-tri/tai-khoan/moi', { role: 'commune', scope: '24169', name: 'Ai đó' }],
    ['commune', '/quan-tri/tai-khoan/OTHER_OFFICIAL/khoa', {}],
    ['province', `/quan-tri/thanh-vien/OTHER`, { ho_ten: 'Tên Mới', vai_tro: 'thanh_vien' }],
    ['province', '/quan-tri/to/9/ngung', {}],
    ['province', '/quan-tri/xa/28789/to', { ten: 'Tổ lạ', cap: 'commune' }],
    ['province', '/quan-tri/tai-khoan/moi', { role: 'commune', scope: '28789', name: 'Ai đó' }],
    ['province', '/quan-tri/tai-khoan/moi', { role: 'province', scope: '66', name: 'Ai đó' }],
    ['province', '/quan-tri/tai-khoan/OTHER_OFFICIAL/khoa', {}],
  ];
  for (const [role, pathTemplate, fields] of attempts) {
    it(`${role} POST ${pathTemplate}`, async () => {
      const path = pathTemplate.replace('OTHER_OFFICIAL', String(otherCommuneOfficialId)).replace('OTHER', String(otherMember));
      const before = await snapshot();
      const res = await browsers[role].post(path, fields);
      expect(res.status).toBe(403);
      expect(await snapshot()).toBe(before);
    });
  }

  it('anonymous POSTs redirect to sign-in and change nothing', async () => {
    const before = await snapshot();
    const res = await browsers.anonymous.post(`/quan-tri/thanh-vien/${ownMember}/ngung`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/quan-tri/dang-nhap');
    expect(await snapshot()).toBe(before);
  });

  it('the same forms without the CSRF token get 403 even in scope', async () => {
    const before = await snapshot();
    const res = await browsers.commune.post(`/quan-tri/thanh-vien/${ownMember}/ngung`, {}, { csrf: false });
    expect(res.status).toBe(403);
    expect(await snapshot()).toBe(before);
  });
});

describe('disabling an account', () => {
  it('a province admin disables a commune officer of the province: their sessions end at once', async () => {
    const victim = await signedIn({ username: 'xa.bmt', role: 'commune', provinceCode: '66', communeCode: '24133' });
    expect((await victim.browser.get('/quan-tri/')).status).toBe(200);
    const res = await browsers.province.post(`/quan-tri/tai-khoan/${victim.id}/khoa`, {});
    expect(res.status).toBe(303);
    expect((await victim.browser.get('/quan-tri/')).status).toBe(303);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM official_sessions WHERE official_id = ?').bind(victim.id).first('n')).toBe(0);
    // And cannot sign in again.
    expect((await new Browser().signIn('xa.bmt')).status).toBe(400);
    const audit = await env.DB.prepare("SELECT actor, before_json, after_json FROM audit_log WHERE action = 'official.disable' AND subject = ?")
      .bind(`official:${victim.id}`)
      .first<{ actor: string; before_json: string; after_json: string }>();
    expect(audit).toEqual({ actor: 'tinh.daklak', before_json: '{"disabled":false}', after_json: '{"disabled":true}' });
  });

  it('a commune officer cannot disable their own peers', async () => {
    const peer = await seedOfficial({ username: 'xa.eakao2', role: 'commune', provinceCode: '66', communeCode: '24169' });
    const before = await snapshot();
    for (const id of [peer, ownCommuneOfficialId]) {
      const res = await browsers.commune.post(`/quan-tri/tai-khoan/${id}/khoa`, {});
      expect(res.status).toBe(403);
    }
    expect(await snapshot()).toBe(before);
    expect((await browsers.commune.get('/quan-tri/')).status).toBe(200);
  });
});

describe('invitations in the app', () => {
  it('a province admin invites a commune officer of the province, then revokes it', async () => {
    const res = await browsers.province.post('/quan-tri/tai-khoan/moi', { role: 'commune', scope: '24133', name: 'Anh Tư' });
    expect(res.status).toBe(200);
    const html = await res.text();
    const url = html.match(/\/quan-tri\/moi\/([a-z2-7]{32})/);
    expect(url).not.toBeNull();
    expect(html).toContain(`${env.SITE_URL}/quan-tri/moi/${url![1]}`);
    expect((await SELF.fetch(`${origin}/quan-tri/moi/${url![1]}`)).status).toBe(200);
    const row = await env.DB.prepare("SELECT id FROM invitations WHERE display_name = 'Anh Tư'").first<{ id: number }>();
    const revoke = await browsers.province.post(`/quan-tri/tai-khoan/moi/${row!.id}/thu-hoi`, {});
    expect(revoke.status).toBe(303);
    const page = await SELF.fetch(`${origin}/quan-tri/moi/${url![1]}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('thu hồi');
    const accept = await new Browser().post(`/quan-tri/moi/${url![1]}`, { username: 'anh.tu', password: 'dong-lua-xanh-muot' });
    expect(accept.status).toBe(410);
    expect(await env.DB.prepare("SELECT 1 FROM officials WHERE username = 'anh.tu'").first()).toBeNull();
    // Both changes are in the audit log, by whom and where; the token never is.
    const created = await env.DB.prepare(
      "SELECT actor, commune_code AS commune, after_json AS after FROM audit_log WHERE action = 'invitation.create' AND after_json LIKE '%Anh Tư%'",
    ).all<{ actor: string; commune: string; after: string }>();
    expect(created.results).toHaveLength(1);
    expect(created.results[0]).toMatchObject({ actor: 'tinh.daklak', commune: '24133' });
    expect(JSON.parse(created.results[0]!.after)).toMatchObject({ role: 'commune', displayName: 'Anh Tư' });
    expect(created.results[0]!.after).not.toContain(url![1]);
    expect(
      await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'invitation.revoke' AND subject = ?").bind(`invitation:${row!.id}`).first('actor'),
    ).toBe('tinh.daklak');
    // Revoking it again (another tab) changes nothing and logs nothing more.
    expect((await browsers.province.post(`/quan-tri/tai-khoan/moi/${row!.id}/thu-hoi`, {})).status).toBe(303);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'invitation.revoke' AND subject = ?").bind(`invitation:${row!.id}`).first('n'),
    ).toBe(1);
    // Created and revoked: the same subject, the invitation's id.
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'invitation.create' AND subject = ?").bind(`invitation:${row!.id}`).first('n'),
    ).toBe(1);
  });

  it('a national admin invites a province admin', async () => {
    const res = await browsers.national.post('/quan-tri/tai-khoan/moi', { role: 'province', scope: '86', name: 'Chị Năm' });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/\/quan-tri\/moi\/[a-z2-7]{32}/);
  });
});
