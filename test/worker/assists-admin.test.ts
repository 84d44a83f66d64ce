import { env, SELF } from 'cloudflare:test';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { auditActions, type Browser, origin as requestOrigin, signedIn, totpKeyForTests } from './admin-helpers.ts';
import { formHeaders, memberGet, memberIdOf, memberPost, sessionCount, signIn } from './assists-helpers.ts';

// Officials of Đắk Lắk (66): a commune officer of Phường Ea Kao (24169), one of
// Phường Buôn Ma Thuột (24133), a province admin (two-step on); one of Vĩnh Long (86).
let eaKao: Browser;
let bmt: Browser;
let daklak: Browser;
let vinhLong: Browser;
const YBHIN = 'K7Q2MZ20'; // member of team 1, commune 24169
const MAI = 'E9V3XB30'; // member of team 7, commune 24133
let entryEaKao = 0;
let entryBmt = 0;

async function entry(code: string, people: number, day: string): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO assists (member_id, team_id, province_code, commune_code, village_id, task, people, day, created_at, updated_at)
     SELECT m.id, t.id, t.province_code, t.commune_code, t.village_id, 'vneid-muc-2', ?, ?, 0, 0 FROM members m JOIN teams t ON t.id = m.team_id WHERE m.code = ?
     RETURNING id`,
  )
    .bind(people, day, code)
    .first<{ id: number }>();
  return row!.id;
}

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  ({ browser: eaKao } = await signedIn({ username: 'xa.eakao', role: 'commune', provinceCode: '66', communeCode: '24169' }));
  ({ browser: bmt } = await signedIn({ username: 'xa.bmt', role: 'commune', provinceCode: '66', communeCode: '24133' }));
  ({ browser: daklak } = await signedIn({ username: 'tinh.daklak', role: 'province', provinceCode: '66', totpKey: totpKeyForTests }));
  ({ browser: vinhLong } = await signedIn({ username: 'xa.bentre', role: 'commune', provinceCode: '86', communeCode: '28789' }));
  entryEaKao = await entry(YBHIN, 7, '2026-03-02');
  entryBmt = await entry(MAI, 9, '2026-03-03');
});

const MARCH = 'from=2026-03-01&to=2026-03-31';

/** Every XML part of an XLSX file, as one text (names are inline strings). */
const xlsxText = (bytes: ArrayBuffer) =>
  Object.values(unzipSync(new Uint8Array(bytes)))
    .map((file) => strFromU8(file))
    .join('\n');

describe('members’ names in reports', () => {
  it('appear to an official of the scope, never on the public pages', async () => {
    const own = await eaKao.get(`/quan-tri/ho-tro/?${MARCH}`);
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toContain('no-store');
    const html = await own.text();
    expect(html).toContain('Theo thành viên');
    expect(html).toContain('Y Bhin Niê');
    expect(html).not.toContain('Ngô Thị Mai'); // another commune's member
    const province = await (await daklak.get(`/quan-tri/ho-tro/?${MARCH}`)).text();
    expect(province).toContain('Y Bhin Niê');
    expect(province).toContain('Ngô Thị Mai');
    const publicPage = await (await SELF.fetch(`http://localhost/thong-ke/66/24169/?${MARCH}`)).text();
    expect(publicPage).toContain('Tổ công nghệ số cộng đồng buôn Ea Kao');
    expect(publicPage).not.toContain('Y Bhin Niê');
    // The public download: the XLSX is the one with team sheets (the CSV holds only the tasks).
    const xlsxPublic = await SELF.fetch(`http://localhost/thong-ke/66/24169/?${MARCH}&dinh-dang=ho-tro-xlsx`);
    expect(xlsxPublic.status).toBe(200);
    const publicXlsx = xlsxText(await xlsxPublic.arrayBuffer());
    expect(publicXlsx).toContain('Tổ công nghệ số cộng đồng buôn Ea Kao'); // a real report with its team sheet
    expect(publicXlsx).not.toContain('Theo thành viên');
    expect(publicXlsx).not.toContain('Y Bhin Niê');
  });

  it('the official’s XLSX holds the names of the scope only, and is never cached', async () => {
    const own = await eaKao.get(`/quan-tri/ho-tro/?${MARCH}&dinh-dang=ho-tro-xlsx`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toContain('ho-tro-24169-');
    expect(own.headers.get('cache-control')).toContain('no-store');
    const xlsx = xlsxText(await own.arrayBuffer());
    expect(xlsx).toContain('Theo thành viên');
    expect(xlsx).toContain('Y Bhin Niê');
    expect(xlsx).not.toContain('Ngô Thị Mai');
    expect((await eaKao.get(`/quan-tri/ho-tro/?xa=24133&${MARCH}&dinh-dang=ho-tro-xlsx`)).status).toBe(403);
    const province = xlsxText(await (await daklak.get(`/quan-tri/ho-tro/?${MARCH}&dinh-dang=ho-tro-xlsx`)).arrayBuffer());
    expect(province).toContain('Y Bhin Niê');
    expect(province).toContain('Ngô Thị Mai');
  });

  it('are refused outside the scope (403) and without a session (sign-in)', async () => {
    expect((await eaKao.get(`/quan-tri/ho-tro/?xa=24133&${MARCH}`)).status).toBe(403);
    expect((await vinhLong.get(`/quan-tri/ho-tro/?xa=24169`)).status).toBe(403);
    const anonymous = await SELF.fetch('http://localhost/quan-tri/ho-tro/', { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/quan-tri/dang-nhap');
  });
});

describe('the one read filter by scope (scopeWhere)', () => {
  it('a commune officer’s recent entries are their commune’s only; the province admin’s hold every commune of the province', async () => {
    const own = await (await eaKao.get('/quan-tri/ho-tro/ghi-nhan/')).text();
    expect(own).toContain('Y Bhin Niê');
    expect(own).not.toContain('Ngô Thị Mai'); // a sibling commune of the same province
    const province = await (await daklak.get('/quan-tri/ho-tro/ghi-nhan/')).text();
    expect(province).toContain('Y Bhin Niê');
    expect(province).toContain('Ngô Thị Mai');
  });
});

describe('sign-in links issued by officials', () => {
  it('a commune officer issues a link shown as a QR code and a copyable link; it signs the member in; audited', async () => {
    const memberId = await memberIdOf(YBHIN);
    const res = await eaKao.post(`/quan-tri/ho-tro/thanh-vien/${memberId}/lien-ket`, {});
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<svg[^>]+role="img" aria-label="Mã QR đăng nhập của Y Bhin Niê"/);
    const url = /id="lien-ket" type="text" readonly="" value="([^"]+)"/.exec(html)?.[1];
    expect(url).toMatch(/\/thanh-vien\/dang-nhap\/[A-Za-z0-9_-]{43}$/);
    // The deployed origin, not the Host this request came in with (https://example.com): it is printed.
    expect(new URL(url!).origin).toBe(new URL(env.SITE_URL).origin);
    expect(new URL(url!).origin).not.toBe(requestOrigin);
    const signedIn = await SELF.fetch(url!, { method: 'POST', headers: formHeaders({ origin: new URL(url!).origin }), redirect: 'manual' });
    expect(signedIn.status).toBe(303);
    expect(await auditActions(`member:${memberId}`)).toContain('member.sign_in_link.issue');
    const audit = await env.DB.prepare("SELECT after_json FROM audit_log WHERE action = 'member.sign_in_link.issue'").first<{ after_json: string }>();
    expect(audit!.after_json).not.toContain(url!.split('/').at(-1)!); // the token is never logged
  });

  it('revokes a member’s links and sessions; audited', async () => {
    const cookie = await signIn(YBHIN);
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(200);
    const memberId = await memberIdOf(YBHIN);
    const res = await eaKao.post(`/quan-tri/ho-tro/thanh-vien/${memberId}/thu-hoi`, {});
    expect(res.status).toBe(303);
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(401);
    expect(await sessionCount(YBHIN)).toBe(0);
    expect(await auditActions(`member:${memberId}`)).toContain('member.access.revoke');
    // The page it leads to says what happened, by the member's name…
    const back = new URL(res.headers.get('location')!, 'http://x');
    const shown = await (await eaKao.get(`${back.pathname}${back.search}`)).text();
    expect(shown).toMatch(/Đã thu hồi: [^<]+ bị đăng xuất trên \d+ điện thoại/);
    // …but no text from the URL: a crafted link cannot put a "success" message in front of an official.
    const crafted = await (await eaKao.get(`/quan-tri/ho-tro/thanh-vien/?xa=24169&da-thu-hoi=${encodeURIComponent('Đã duyệt chuyển tiền')}`)).text();
    expect(crafted).not.toContain('Đã duyệt chuyển tiền');
    expect(crafted).not.toContain('class="notice notice-success"');
  });

  it('cannot touch another commune’s member (403), nor act without the CSRF token', async () => {
    const memberId = await memberIdOf(MAI);
    // Open (unused, unrevoked) links only: a revoke keeps the rows but closes them.
    const links = async () =>
      (await env.DB.prepare('SELECT count(*) AS n FROM member_sign_in_links WHERE member_id = ? AND used_at IS NULL AND revoked_at IS NULL')
        .bind(memberId)
        .first<{ n: number }>())!.n;
    const cookie = await signIn(MAI);
    const before = await links();
    const audits = await auditActions(`member:${memberId}`);
    expect((await eaKao.post(`/quan-tri/ho-tro/thanh-vien/${memberId}/lien-ket`, {})).status).toBe(403);
    expect((await vinhLong.post(`/quan-tri/ho-tro/thanh-vien/${memberId}/thu-hoi`, {})).status).toBe(403);
    expect((await bmt.post(`/quan-tri/ho-tro/thanh-vien/${memberId}/lien-ket`, {}, { csrf: false })).status).toBe(403);
    expect((await bmt.post(`/quan-tri/ho-tro/thanh-vien/${memberId}/thu-hoi`, {}, { csrf: false })).status).toBe(403);
    expect(await links()).toBe(before);
    expect((await memberGet('/thanh-vien/', cookie)).status).toBe(200); // still signed in
    expect(await auditActions(`member:${memberId}`)).toEqual(audits);
    expect((await bmt.post(`/quan-tri/ho-tro/thanh-vien/${memberId}/lien-ket`, {})).status).toBe(200);
    expect(await links()).toBe(before + 1);
  });

  it('lists the members of the officer’s commune with their sign-in state', async () => {
    const html = await (await eaKao.get('/quan-tri/ho-tro/thanh-vien/')).text();
    expect(html).toContain('Y Bhin Niê');
    expect(html).toContain('Võ Thị Hạnh');
    expect(html).not.toContain('Ngô Thị Mai');
    expect(html).toContain('Cấp liên kết đăng nhập');
  });
});

describe('voiding an entry', () => {
  const counted = async () => ((await (await SELF.fetch(`http://localhost/api/assists?${MARCH}&province=66`)).json()) as { total: number }).total;

  it('an official of the scope voids an entry: kept, no longer counted, audited', async () => {
    const before = await counted();
    expect((await bmt.post(`/quan-tri/ho-tro/ghi-nhan/${entryEaKao}/huy`, {})).status).toBe(403); // another commune
    expect(await counted()).toBe(before);
    const res = await eaKao.post(`/quan-tri/ho-tro/ghi-nhan/${entryEaKao}/huy`, {});
    expect(res.status).toBe(303);
    expect(await counted()).toBe(before - 7);
    const row = await env.DB.prepare('SELECT voided_at AS v, voided_by AS by FROM assists WHERE id = ?').bind(entryEaKao).first<{ v: number; by: string }>();
    expect(row!.v).not.toBeNull();
    expect(row!.by).toBe('xa.eakao');
    expect(await auditActions(`assist:${entryEaKao}`)).toEqual(['assist.void']);
    // Voiding twice changes nothing and logs nothing more.
    await eaKao.post(`/quan-tri/ho-tro/ghi-nhan/${entryEaKao}/huy`, {});
    expect(await auditActions(`assist:${entryEaKao}`)).toEqual(['assist.void']);
    const list = await (await eaKao.get('/quan-tri/ho-tro/ghi-nhan/')).text();
    expect(list).toContain('Đã huỷ (xa.eakao)');
  });

  it('the province admin voids in any commune of the province; the member can no longer edit it', async () => {
    expect((await vinhLong.post(`/quan-tri/ho-tro/ghi-nhan/${entryBmt}/huy`, {})).status).toBe(403);
    expect((await daklak.post(`/quan-tri/ho-tro/ghi-nhan/${entryBmt}/huy`, {})).status).toBe(303);
    expect(await auditActions(`assist:${entryBmt}`)).toEqual(['assist.void']);
    // An entry still inside its 7-day window: only the void stops the member.
    await env.DB.prepare('UPDATE assists SET created_at = ?, updated_at = ? WHERE id = ?').bind(Date.now(), Date.now(), entryBmt).run();
    const mai = await signIn(MAI);
    expect((await memberGet(`/thanh-vien/ghi-nhan/${entryBmt}/`, mai)).status).toBe(409);
    expect((await memberPost(`/thanh-vien/ghi-nhan/${entryBmt}/`, mai, { task: 'vneid-muc-2', people: '1', day: '2026-03-03' })).status).toBe(409);
    expect((await memberPost(`/thanh-vien/ghi-nhan/${entryBmt}/xoa`, mai, {})).status).toBe(409);
    const row = await env.DB.prepare('SELECT people, voided_at AS v FROM assists WHERE id = ?').bind(entryBmt).first<{ people: number; v: number | null }>();
    expect(row!.people).toBe(9);
    expect(row!.v).not.toBeNull();
  });
});

describe('targets', () => {
  const target = (indicator: string, commune: string) =>
    env.DB.prepare("SELECT target, denominator, set_by_role AS role FROM assist_targets WHERE indicator = ? AND province_code = '66' AND commune_code = ?")
      .bind(indicator, commune)
      .first<{ target: number; denominator: number | null; role: string }>();

  it('the province admin sets province and commune targets (audited); bad numbers are refused', async () => {
    const bad = await daklak.post('/quan-tri/ho-tro/chi-tieu/', { 'muc-tieu-vneid': '-5', 'mau-so-vneid': '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Chỉ tiêu là số người');
    expect(await target('vneid', '')).toBeNull();
    expect((await daklak.post('/quan-tri/ho-tro/chi-tieu/', { 'muc-tieu-vneid': '5000', 'mau-so-vneid': '120000' })).status).toBe(303);
    expect(await target('vneid', '')).toEqual({ target: 5000, denominator: 120000, role: 'province' });
    expect((await daklak.post('/quan-tri/ho-tro/chi-tieu/?xa=24169', { 'muc-tieu-vneid': '300' })).status).toBe(303);
    expect(await target('vneid', '24169')).toEqual({ target: 300, denominator: null, role: 'province' });
    expect(await auditActions('target:vneid:66')).toEqual(['assist.target.set']);
    expect(await auditActions('target:vneid:24169')).toEqual(['assist.target.set']);
    // Shown on the public commune report.
    expect(await (await SELF.fetch('http://localhost/thong-ke/66/24169/')).text()).toContain('Tiến độ so với chỉ tiêu');
  });

  it('a commune officer sets their commune’s own target only where the province has not', async () => {
    // The province set VNeID for Ea Kao above: the officer cannot change it…
    const locked = await eaKao.post('/quan-tri/ho-tro/chi-tieu/', { 'muc-tieu-vneid': '10', 'muc-tieu-suc-khoe': '50' });
    expect(locked.status).toBe(403);
    expect(await locked.text()).toContain('Tỉnh đã đặt chỉ tiêu này');
    expect(await target('vneid', '24169')).toMatchObject({ target: 300 });
    expect(await target('suc-khoe', '24169')).toBeNull();
    // …but sets the others, keeping the province's untouched.
    expect((await eaKao.post('/quan-tri/ho-tro/chi-tieu/', { 'muc-tieu-vneid': '300', 'muc-tieu-suc-khoe': '50' })).status).toBe(303);
    expect(await target('suc-khoe', '24169')).toEqual({ target: 50, denominator: null, role: 'commune' });
    // Not another commune's, not the province's.
    expect((await eaKao.post('/quan-tri/ho-tro/chi-tieu/?xa=24133', { 'muc-tieu-suc-khoe': '50' })).status).toBe(403);
    expect(await target('suc-khoe', '24133')).toBeNull();
    expect((await vinhLong.post('/quan-tri/ho-tro/chi-tieu/?xa=24169', { 'muc-tieu-suc-khoe': '1' })).status).toBe(403);
  });
});
