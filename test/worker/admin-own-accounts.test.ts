// Issue 16, point 9: officials' own accounts. A new password (other sessions
// end), new recovery codes, the sessions open and signing out everywhere; a
// higher admin resets a lower official's two-step sign-in; national admins
// invite national admins; a commune officer is invited from lists. Each
// change scoped on the server and audited.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { Browser, seedOfficial, signedIn, testPassword, totpKeyForTests } from './admin-helpers.ts';

let province: Browser;
let national: Browser;

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  province = (await signedIn({ username: 'tinh.daklak.tk', role: 'province', provinceCode: '66', totpKey: totpKeyForTests })).browser;
  national = (await signedIn({ username: 'toan.quoc.tk', role: 'national', totpKey: totpKeyForTests })).browser;
});

const audit = (action: string, subject: string) =>
  env.DB.prepare('SELECT actor, province_code, commune_code FROM audit_log WHERE action = ? AND subject = ?')
    .bind(action, subject)
    .all<{ actor: string; province_code: string | null; commune_code: string | null }>();
const sessions = async (id: number) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM official_sessions WHERE official_id = ?').bind(id).first<{ n: number }>())!.n;

describe('own account', () => {
  it('changes the password: the current one first, the rules of a new one, other sessions end, audited', async () => {
    const { browser, id } = await signedIn({ username: 'xa.eakao.mk', role: 'commune', provinceCode: '66', communeCode: '24169' });
    const other = new Browser();
    await other.signIn('xa.eakao.mk');
    expect(await sessions(id)).toBe(2);
    const page = await (await browser.get('/quan-tri/bao-mat')).text();
    expect(page).toContain('Các phiên đăng nhập đang mở');
    expect(page.match(/Đăng nhập lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/g)).toHaveLength(2);
    expect(page).toContain('(phiên bạn đang dùng)');

    const wrong = await browser.post('/quan-tri/bao-mat/mat-khau', { mat_khau_cu: 'khong-phai-mat-khau', mat_khau_moi: 'ruong-bac-thang-mu-cang' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Mật khẩu hiện tại không đúng');
    const weak = await browser.post('/quan-tri/bao-mat/mat-khau', { mat_khau_cu: testPassword, mat_khau_moi: '123' });
    expect(weak.status).toBe(400);
    expect(await sessions(id)).toBe(2);

    const changed = await browser.post('/quan-tri/bao-mat/mat-khau', { mat_khau_cu: testPassword, mat_khau_moi: 'ruong-bac-thang-mu-cang' });
    expect(changed.status).toBe(303);
    const after = await (await browser.get(changed.headers.get('location')!)).text();
    expect(after).toContain('Đã đổi mật khẩu');
    expect(await sessions(id)).toBe(1);
    expect((await other.get('/quan-tri/')).headers.get('location')).toMatch(/^\/quan-tri\/dang-nhap/);
    expect((await new Browser().signIn('xa.eakao.mk', testPassword)).status).toBe(400);
    expect((await new Browser().signIn('xa.eakao.mk', 'ruong-bac-thang-mu-cang')).status).toBe(303);
    expect((await audit('official.password.change', `official:${id}`)).results).toEqual([{ actor: 'xa.eakao.mk', province_code: '66', commune_code: '24169' }]);
  }, 30_000); // several password hashes and a refused sign-in's pause

  it('makes new recovery codes (the old ones stop working) after the password, audited', async () => {
    const { browser, id } = await signedIn({ username: 'tinh.daklak.ma', role: 'province', provinceCode: '66', totpKey: totpKeyForTests });
    await env.DB.prepare("INSERT INTO official_recovery_codes (official_id, code_hash) VALUES (?, 'cu')").bind(id).run();
    expect((await browser.post('/quan-tri/bao-mat/ma-khoi-phuc', { mat_khau: 'sai-mat-khau-roi' })).status).toBe(400);
    const res = await browser.post('/quan-tri/bao-mat/ma-khoi-phuc', { mat_khau: testPassword });
    expect(res.status).toBe(200);
    expect((await res.text()).match(/<li><code>[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}<\/code><\/li>/g)).toHaveLength(10);
    const hashes = (await env.DB.prepare('SELECT code_hash FROM official_recovery_codes WHERE official_id = ?').bind(id).all<{ code_hash: string }>()).results;
    expect(hashes).toHaveLength(10);
    expect(hashes.map((h) => h.code_hash)).not.toContain('cu');
    expect((await audit('official.recovery_codes.regenerate', `official:${id}`)).results).toHaveLength(1);
  });

  it('signs out everywhere: every session of the account ends, audited', async () => {
    const { browser, id } = await signedIn({ username: 'xa.eakao.moinoi', role: 'commune', provinceCode: '66', communeCode: '24169' });
    await new Browser().signIn('xa.eakao.moinoi');
    expect(await sessions(id)).toBe(2);
    const res = await browser.post('/quan-tri/dang-xuat-moi-noi', {});
    expect(res.status).toBe(303);
    expect(await sessions(id)).toBe(0);
    expect((await audit('sign_out.everywhere', `official:${id}`)).results).toHaveLength(1);
  });
});

describe('a higher admin resets a lower official’s two-step sign-in', () => {
  it('only within scope: the key and codes cleared, their sessions ended, audited; another province’s or a peer’s refused', async () => {
    const { browser: officer, id } = await signedIn({
      username: 'xa.eakao.mat',
      role: 'commune',
      provinceCode: '66',
      communeCode: '24169',
      totpKey: totpKeyForTests,
    });
    expect(await sessions(id)).toBe(1);
    const list = await (await province.get('/quan-tri/tai-khoan')).text();
    expect(list).toContain(`action="/quan-tri/tai-khoan/${id}/dat-lai-hai-buoc"`);
    const elsewhere = await seedOfficial({ username: 'xa.bentre.mat', role: 'commune', provinceCode: '86', communeCode: '28789', totpKey: totpKeyForTests });
    const peer = await seedOfficial({ username: 'tinh.daklak.ngang', role: 'province', provinceCode: '66', totpKey: totpKeyForTests });
    for (const target of [elsewhere, peer]) {
      expect((await province.post(`/quan-tri/tai-khoan/${target}/dat-lai-hai-buoc`, {})).status).toBe(403);
      expect(await env.DB.prepare('SELECT totp_enabled_at FROM officials WHERE id = ?').bind(target).first('totp_enabled_at')).not.toBeNull();
    }
    expect((await officer.post(`/quan-tri/tai-khoan/${id}/dat-lai-hai-buoc`, {})).status).toBe(403);

    const reset = await province.post(`/quan-tri/tai-khoan/${id}/dat-lai-hai-buoc`, {});
    expect(reset.status).toBe(303);
    expect(await (await province.get(reset.headers.get('location')!)).text()).toContain('Đã đặt lại đăng nhập hai bước của Cán bộ xa.eakao.mat');
    expect(await env.DB.prepare('SELECT totp_key, totp_enabled_at FROM officials WHERE id = ?').bind(id).first()).toEqual({
      totp_key: null,
      totp_enabled_at: null,
    });
    expect(await sessions(id)).toBe(0);
    expect((await audit('official.two_factor.reset', `official:${id}`)).results).toEqual([
      { actor: 'tinh.daklak.tk', province_code: '66', commune_code: '24169' },
    ]);
    // Their password alone signs them in now.
    expect((await new Browser().signIn('xa.eakao.mat')).headers.get('location')).toBe('/quan-tri/');
  });
});

describe('invitations from lists', () => {
  it('a national admin invites a national admin; a province admin cannot', async () => {
    const res = await national.post('/quan-tri/tai-khoan/moi', { role: 'national', name: 'Anh Quốc Gia Mới' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/quan-tri/moi/');
    expect(await env.DB.prepare("SELECT role, province_code, commune_code FROM invitations WHERE display_name = 'Anh Quốc Gia Mới'").first()).toEqual({
      role: 'national',
      province_code: null,
      commune_code: null,
    });
    expect((await province.post('/quan-tri/tai-khoan/moi', { role: 'national', name: 'Không Được' })).status).toBe(403);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM invitations WHERE display_name = 'Không Được'").first('n')).toBe(0);
  });

  it('a commune officer is invited by picking the province, then the commune, from lists', async () => {
    const first = await (await national.get('/quan-tri/tai-khoan')).text();
    expect(first).toMatch(/<select id="tinh" name="tinh">[\s\S]*<option value="66">Đắk Lắk<\/option>/);
    const picked = await (await national.get('/quan-tri/tai-khoan?tinh=66')).text();
    expect(picked).toMatch(/<select id="xa" name="xa">[\s\S]*<option value="24169">Phường Ea Kao<\/option>/);
    expect(picked).not.toContain('Phường Bến Tre');
    expect(picked).not.toContain('name="scope"');
    const res = await national.post('/quan-tri/tai-khoan/moi', { tinh: '66', role: 'commune', xa: '24169', name: 'Chị Chọn Từ Danh Sách' });
    expect(res.status).toBe(200);
    expect(await env.DB.prepare("SELECT role, province_code, commune_code FROM invitations WHERE display_name = 'Chị Chọn Từ Danh Sách'").first()).toEqual({
      role: 'commune',
      province_code: '66',
      commune_code: '24169',
    });
    const province66 = await (await province.get('/quan-tri/tai-khoan')).text();
    expect(province66).toMatch(/<select id="xa" name="xa">[\s\S]*Phường Ea Kao/);
    expect((await province.post('/quan-tri/tai-khoan/moi', { tinh: '66', role: 'commune', xa: '28789', name: 'Ngoài Tỉnh' })).status).toBe(403);
  });
});
