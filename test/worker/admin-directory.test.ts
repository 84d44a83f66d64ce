// An official keeps their directory: add, edit, consent (with its date), remove;
// the public page follows at once; every change is in the audit log, which
// each official reads for their scope only. Uploads: preview, confirm, scope.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture, phoneFormats } from './fixtures/directory.ts';
import { type Browser, origin, signedIn, totpKeyForTests } from './admin-helpers.ts';
import { formatDateTime } from '../../site/utils/format.ts';

let commune: Browser;
let otherCommune: Browser;
let province: Browser;

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  commune = (await signedIn({ username: 'xa.eakao', role: 'commune', provinceCode: '66', communeCode: '24169' })).browser;
  otherCommune = (await signedIn({ username: 'xa.bentre', role: 'commune', provinceCode: '86', communeCode: '28789' })).browser;
  province = (await signedIn({ username: 'tinh.daklak', role: 'province', provinceCode: '66', totpKey: totpKeyForTests })).browser;
});

const publicCommunePage = async () => (await SELF.fetch(`${origin}/to-cong-nghe-so/66/24169/`)).text();
const memberByName = (name: string) =>
  env.DB.prepare('SELECT id, code, phone, publish_contact, consent_date, removed_at FROM members WHERE full_name = ?').bind(name).first<{
    id: number;
    code: string;
    phone: string | null;
    publish_contact: number;
    consent_date: string | null;
    removed_at: string | null;
  }>();

describe('editing members', () => {
  it('adds a member with consent and its date; the public page shows the phone; withdrawing consent hides it; removal takes the member off', async () => {
    const add = await commune.post('/quan-tri/to/1/thanh-vien', {
      ho_ten: 'Lò Văn Sáu',
      vai_tro: 'thanh_vien',
      chuc_vu: '',
      dien_thoai: '0912 000 111',
      cong_khai: 'co',
      ngay_dong_y: '2026-11-20',
    });
    expect(add.status).toBe(303);
    const added = await memberByName('Lò Văn Sáu');
    expect(added).toMatchObject({ phone: '0912000111', publish_contact: 1, consent_date: '2026-11-20', removed_at: null });
    let page = await publicCommunePage();
    expect(page).toContain('Lò Văn Sáu');
    expect(phoneFormats('0912000111').some((format) => page.includes(format))).toBe(true);
    // The page with the phone now sits in the edge cache: withdrawing consent
    // through the admin route must purge it, not just change the row.
    const warm = await SELF.fetch(`${origin}/to-cong-nghe-so/66/24169/`);
    expect(warm.headers.get('x-edge-cache')).toBe('hit');
    await warm.arrayBuffer();

    const withdraw = await commune.post(`/quan-tri/thanh-vien/${added!.id}`, { ho_ten: 'Lò Văn Sáu', vai_tro: 'thanh_vien', dien_thoai: '0912000111' });
    expect(withdraw.status).toBe(303);
    expect(await memberByName('Lò Văn Sáu')).toMatchObject({ publish_contact: 0, consent_date: null });
    const purged = await SELF.fetch(`${origin}/to-cong-nghe-so/66/24169/`);
    expect(purged.headers.get('x-edge-cache')).toBe('miss');
    await purged.arrayBuffer();
    page = await publicCommunePage();
    expect(page).toContain('Lò Văn Sáu');
    expect(phoneFormats('0912000111').some((format) => page.includes(format))).toBe(false);

    const remove = await commune.post(`/quan-tri/thanh-vien/${added!.id}/ngung`, {});
    expect(remove.status).toBe(303);
    expect(await memberByName('Lò Văn Sáu')).toMatchObject({ phone: null, publish_contact: 0 });
    expect((await memberByName('Lò Văn Sáu'))!.removed_at).not.toBeNull();
    expect(await publicCommunePage()).not.toContain('Lò Văn Sáu');

    const audit = await env.DB.prepare('SELECT action, actor, before_json, after_json, commune_code FROM audit_log WHERE subject = ? ORDER BY id')
      .bind(`member:${added!.code}`)
      .all<{ action: string; actor: string; before_json: string | null; after_json: string | null; commune_code: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(['member.create', 'member.consent', 'member.remove']);
    expect(audit.results.every((r) => r.actor === 'xa.eakao' && r.commune_code === '24169')).toBe(true);
    expect(JSON.parse(audit.results[1]!.before_json!)).toMatchObject({ publishContact: true, consentDate: '2026-11-20' });
    expect(JSON.parse(audit.results[1]!.after_json!)).toMatchObject({ publishContact: false, consentDate: null });
  });

  it('refuses consent without its date, and a bad phone, with a Vietnamese error and no change', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM members').first('n');
    const noDate = await commune.post('/quan-tri/to/1/thanh-vien', {
      ho_ten: 'Người Thử',
      vai_tro: 'thanh_vien',
      dien_thoai: '0912000222',
      cong_khai: 'co',
      ngay_dong_y: '',
    });
    expect(noDate.status).toBe(400);
    expect(await noDate.text()).toContain('ngày thành viên đồng ý');
    const badPhone = await commune.post('/quan-tri/to/1/thanh-vien', { ho_ten: 'Người Thử', vai_tro: 'thanh_vien', dien_thoai: '12ab' });
    expect(badPhone.status).toBe(400);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM members').first('n')).toBe(before);
  });
});

describe('editing teams', () => {
  it('adds a team, renames it, deactivates it; each step audited with before → after', async () => {
    const add = await commune.post('/quan-tri/xa/24169/to', { ten: 'Tổ công nghệ số Thôn 10 mới', cap: 'village', thon: '3' });
    expect(add.status).toBe(303);
    const team = await env.DB.prepare("SELECT id, active FROM teams WHERE name = 'Tổ công nghệ số Thôn 10 mới'").first<{ id: number; active: number }>();
    expect(team!.active).toBe(1);
    expect((await commune.post(`/quan-tri/to/${team!.id}`, { ten: 'Tổ công nghệ số Thôn 10', cap: 'village', thon: '3' })).status).toBe(303);
    expect((await commune.post(`/quan-tri/to/${team!.id}/ngung`, {})).status).toBe(303);
    const row = await env.DB.prepare('SELECT name, active FROM teams WHERE id = ?').bind(team!.id).first();
    expect(row).toEqual({ name: 'Tổ công nghệ số Thôn 10', active: 0 });
    const audit = await env.DB.prepare('SELECT action, before_json, after_json FROM audit_log WHERE subject = ? ORDER BY id')
      .bind(`team:${team!.id}`)
      .all<{ action: string; before_json: string | null; after_json: string | null }>();
    expect(audit.results.map((r) => r.action)).toEqual(['team.create', 'team.update', 'team.deactivate']);
    expect(JSON.parse(audit.results[1]!.before_json!).name).toBe('Tổ công nghệ số Thôn 10 mới');
    expect(JSON.parse(audit.results[1]!.after_json!).name).toBe('Tổ công nghệ số Thôn 10');
  });
});

describe('audit log page', () => {
  it('each official reads their scope and the scopes below, nothing else', async () => {
    // Its own entries, one in each province: the test does not lean on what earlier tests wrote.
    await commune.post('/quan-tri/to/1/thanh-vien', { ho_ten: 'Người Ea Kao Nhật Ký', vai_tro: 'thanh_vien', dien_thoai: '' });
    await otherCommune.post('/quan-tri/to/9/thanh-vien', { ho_ten: 'Người Bến Tre', vai_tro: 'thanh_vien', dien_thoai: '0912999888' });
    const own = await (await commune.get('/quan-tri/nhat-ky')).text();
    expect(own).toContain('Thêm thành viên'); // the action in plain words (issue 16), never its stored key
    expect(own).toContain('Người Ea Kao Nhật Ký');
    expect(own).not.toContain('Người Bến Tre');
    expect(own).not.toContain('0912999888');
    const provinceLog = await (await province.get('/quan-tri/nhat-ky')).text();
    expect(provinceLog).toContain('Người Ea Kao Nhật Ký'); // a commune of the province
    expect(provinceLog).not.toContain('0912999888'); // another province
    const theirs = await (await otherCommune.get('/quan-tri/nhat-ky')).text();
    expect(theirs).toContain('0912999888');
    expect(theirs).not.toContain('Người Ea Kao Nhật Ký');
    // When, in Vietnam's time and the site's one date-time format (site/utils/format.ts).
    const latest = await env.DB.prepare('SELECT at FROM audit_log ORDER BY id DESC LIMIT 1').first<{ at: number }>();
    expect(theirs).toContain(`>${formatDateTime(latest!.at)}</td>`);
    expect(formatDateTime(latest!.at)).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
  });
});

const header =
  'Mã xã/phường,Tên thôn/tổ dân phố,Loại,Tên tổ,Họ và tên,Vai trò,Chức vụ,Số điện thoại,Công khai liên hệ,Số quyết định,Ngày quyết định,Cấp tổ,Link nhóm Zalo,Trạng thái,Mã thành viên';
const upload = (browser: Browser, csv: string, name = 'danh-sach.csv') => {
  const form = new FormData();
  form.set('kind', 'full');
  form.set('file', new File([csv], name, { type: 'text/csv' }));
  return browser.post('/quan-tri/nhap/', form);
};

describe('upload /quan-tri/nhap/', () => {
  it('previews without writing, then applies all at once on confirm, with an audit entry', async () => {
    const csv = [header, '24133,Tổ dân phố 1,tổ dân phố,Tổ mới phường BMT,Nguyễn Thị Mới,Tổ trưởng,,0912777666,Có,,,,,,'].join('\n');
    const before = await env.DB.prepare('SELECT count(*) AS n FROM teams WHERE removed_at IS NULL').first('n');
    const preview = await upload(province, csv);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('Xem trước thay đổi');
    expect(html).toContain('Nguyễn Thị Mới');
    expect(html).toContain('Hoàng Văn Lâm'); // 24133's current members, missing from the file: removed
    expect(await env.DB.prepare('SELECT count(*) AS n FROM teams WHERE removed_at IS NULL').first('n')).toBe(before);
    const importId = html.match(/name="importId" value="([^"]+)"/)![1]!;
    const confirm = await province.post('/quan-tri/nhap/xac-nhan', { importId, allowRemovals: 'yes' });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Đã cập nhật');
    expect(await env.DB.prepare("SELECT removed_at FROM members WHERE full_name = 'Hoàng Văn Lâm'").first('removed_at')).not.toBeNull();
    expect(await env.DB.prepare("SELECT 1 AS x FROM members WHERE full_name = 'Nguyễn Thị Mới' AND removed_at IS NULL").first('x')).toBe(1);
    const audit = await env.DB.prepare("SELECT actor, after_json FROM audit_log WHERE action = 'import.apply'").first<{ actor: string; after_json: string }>();
    expect(audit!.actor).toBe('tinh.daklak');
    expect(JSON.parse(audit!.after_json).membersRemoved).toContain('Hoàng Văn Lâm');
    // The same preview cannot be applied twice.
    expect((await province.post('/quan-tri/nhap/xac-nhan', { importId, allowRemovals: 'yes' })).status).toBe(410);
  });

  it('one row outside the uploader’s scope rejects the whole file, naming the row', async () => {
    const csv = [
      header,
      '24169,Buôn Ea Kao,buôn,Tổ CNS buôn Ea Kao,Y Bhin Niê,Tổ trưởng,,,Không,,,,,,',
      '28789,Khu phố 3,khu phố,Tổ lạ,Người Lạ,Thành viên,,,Không,,,,,,',
    ].join('\n');
    const res = await upload(commune, csv);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Dòng 3');
    expect(html).toContain('ngoài phạm vi');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM directory_import_chunks').first('n')).toBe(0);
  });

  it('refuses a file that is not CSV/XLSX with a Vietnamese message', async () => {
    const res = await upload(commune, 'hello', 'anh.jpg');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('.csv');
  });
});

describe('limits', () => {
  it('a body over 5 MB is refused with 413 before anything is read or staged', async () => {
    const form = new FormData();
    form.set('file', new File([new Uint8Array(6 * 1024 * 1024).fill(65)], 'lon.csv', { type: 'text/csv' }));
    const res = await commune.post('/quan-tri/nhap/', form);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('5 MB');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM directory_import_chunks').first('n')).toBe(0);
  });

  it('province-level teams are listed for the province admin and editable by them only', async () => {
    const page = await (await province.get('/quan-tri/tinh/66')).text();
    expect(page).toContain('/quan-tri/to/8');
    expect((await province.get('/quan-tri/to/8')).status).toBe(200);
    expect((await commune.get('/quan-tri/to/8')).status).toBe(403);
  });

  it('a province-level team saved from its form stays province-level, with no village asked for', async () => {
    const form = await (await province.get('/quan-tri/to/8')).text();
    expect(form).not.toContain('name="cap"');
    expect(form).not.toContain('name="thon"');
    const res = await province.post('/quan-tri/to/8', { ten: 'Tổ công nghệ số tỉnh Đắk Lắk (đổi tên)', zalo: '', so_qd: '', ngay_qd: '' });
    expect(res.status).toBe(303);
    const team = await env.DB.prepare('SELECT name, level, commune_code, village_id, place_key FROM teams WHERE id = 8').first();
    expect(team).toEqual({ name: 'Tổ công nghệ số tỉnh Đắk Lắk (đổi tên)', level: 'province', commune_code: null, village_id: null, place_key: 'p:66' });
  });
});

describe('the forms check fields as the import does', () => {
  it('keeps a position as long as the import allows, refuses a longer one and an impossible date, and changes nothing then', async () => {
    const position = 'Cán bộ '.repeat(22).trim(); // 153 characters: over the old 120-character cut, within the import's 160
    const added = await commune.post('/quan-tri/to/1/thanh-vien', { ho_ten: 'Đinh Văn Dài', vai_tro: 'thanh_vien', chuc_vu: position, dien_thoai: '' });
    expect(added.status).toBe(303);
    const member = await env.DB.prepare("SELECT id, position FROM members WHERE full_name = 'Đinh Văn Dài'").first<{ id: number; position: string }>();
    expect(member!.position).toBe(position);
    const tooLong = await commune.post(`/quan-tri/thanh-vien/${member!.id}`, {
      ho_ten: 'Đinh Văn Dài',
      vai_tro: 'thanh_vien',
      chuc_vu: 'x'.repeat(161),
      dien_thoai: '',
    });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('dài quá 160 ký tự');
    const badDate = await commune.post('/quan-tri/to/1', {
      ten: 'Tổ công nghệ số cộng đồng buôn Ea Kao',
      cap: 'village',
      thon: '1',
      so_qd: '12/QĐ',
      ngay_qd: '2025-02-31',
    });
    expect(badDate.status).toBe(400);
    expect(await env.DB.prepare('SELECT position FROM members WHERE id = ?').bind(member!.id).first('position')).toBe(position);
    expect(await env.DB.prepare('SELECT decision_date FROM teams WHERE id = 1').first('decision_date')).not.toBe('2025-02-31');
  });
});
