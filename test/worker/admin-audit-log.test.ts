// Issue 16, point 3: the audit log is for officials, in Vietnamese. Actions,
// subjects and fields in words, names instead of codes, Vietnam time, before →
// after only for what changed; filters by official, action and date; a CSV
// download; no stored key anywhere in the page or the file.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { type Browser, signedIn } from './admin-helpers.ts';
import { formatDateTime } from '../../site/utils/format.ts';

let commune: Browser;
let communeId: number;
let colleague: Browser;
let colleagueId: number;

const header =
  'Mã xã/phường,Tên thôn/tổ dân phố,Loại,Tên tổ,Họ và tên,Vai trò,Chức vụ,Số điện thoại,Công khai liên hệ,Số quyết định,Ngày quyết định,Cấp tổ,Link nhóm Zalo,Trạng thái,Mã thành viên';

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  ({ browser: commune, id: communeId } = await signedIn({ username: 'xa.eakao.nk', role: 'commune', provinceCode: '66', communeCode: '24169' }));
  ({ browser: colleague, id: colleagueId } = await signedIn({ username: 'xa.eakao.nk2', role: 'commune', provinceCode: '66', communeCode: '24169' }));
  // A member added, then only their role changed; a team stopped; a one-row complete list applied.
  await commune.post('/quan-tri/to/1/thanh-vien', { ho_ten: 'Phạm Văn Nhật Ký', vai_tro: 'thanh_vien', chuc_vu: 'Công an viên', dien_thoai: '' });
  const { id } = (await env.DB.prepare("SELECT id FROM members WHERE full_name = 'Phạm Văn Nhật Ký'").first<{ id: number }>())!;
  await commune.post(`/quan-tri/thanh-vien/${id}`, { ho_ten: 'Phạm Văn Nhật Ký', vai_tro: 'to_pho', chuc_vu: 'Công an viên', dien_thoai: '' });
  await colleague.post('/quan-tri/to/2/ngung', {});
  const form = new FormData();
  form.set('kind', 'full');
  form.set(
    'file',
    new File(
      [
        [header, '24169,Buôn Ea Kao,buôn,Tổ công nghệ số cộng đồng buôn Ea Kao,Phạm Văn Nhật Ký,Tổ phó,Công an viên,,Không,12/QĐ-UBND,15/03/2024,,,,'].join(
          '\n',
        ),
      ],
      'mot.csv',
      { type: 'text/csv' },
    ),
  );
  const preview = await (await commune.post('/quan-tri/nhap/', form)).text();
  const importId = preview.match(/name="importId" value="([^"]+)"/)![1]!;
  const applied = await commune.post('/quan-tri/nhap/xac-nhan', { importId, allowRemovals: 'yes' });
  if (applied.status !== 200) throw new Error(`import answered ${applied.status}`);
});

/** Every stored action key and JSON field name the log holds: none may reach the page. */
async function storedKeys(): Promise<string[]> {
  const rows = (
    await env.DB.prepare('SELECT action, subject, before_json, after_json FROM audit_log').all<{
      action: string;
      subject: string | null;
      before_json: string | null;
      after_json: string | null;
    }>()
  ).results;
  const keys = new Set<string>();
  for (const row of rows) {
    keys.add(row.action);
    if (row.subject) keys.add(`${row.subject.split(':')[0]!}:`);
    for (const json of [row.before_json, row.after_json]) if (json) for (const key of Object.keys(JSON.parse(json) as object)) keys.add(key);
  }
  return [...keys];
}
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
/** What a reader meets in the page's main part: its text, and the values of its form fields and links. */
const visible = (html: string) => {
  const part = main(html);
  const values = [...part.matchAll(/(?:value|href)="([^"]*)"/g)].map((m) => m[1]);
  return [part.replace(/<[^>]+>/g, ' '), ...values].join('\n');
};
const rowsOf = (html: string) => html.match(/<tr>[\s\S]*?<\/tr>/g)?.slice(1) ?? [];

describe('the audit log page', () => {
  it('speaks plain Vietnamese: names, not codes; no stored key anywhere in the page', async () => {
    const res = await commune.get('/quan-tri/nhat-ky');
    expect(res.status).toBe(200);
    const html = await res.text();
    const keys = await storedKeys();
    expect(keys).toEqual(expect.arrayContaining(['import.apply', 'member.create', 'fullName', 'membersRemoved', 'teamsAdded', 'member:', 'communes:']));
    const seen = visible(html);
    for (const key of keys) expect(seen, key).not.toContain(key);
    const removed = Number(
      await env.DB.prepare(
        "SELECT count(*) AS n FROM members m JOIN teams t ON t.id = m.team_id WHERE t.commune_code = '24169' AND m.removed_at IS NOT NULL",
      ).first('n'),
    );
    expect(removed).toBeGreaterThan(1);
    expect(html).toContain(`Nhập danh sách Phường Ea Kao: thêm 0, sửa 0, gỡ ${removed}`);
    expect(html).toContain('Thêm thành viên');
    expect(html).toContain('Cho tổ ngừng hoạt động');
    expect(html).toContain('Cán bộ xa.eakao.nk (xa.eakao.nk)'); // the official by name
    expect(main(html)).toContain('Phường Ea Kao');
    const latest = await env.DB.prepare('SELECT at FROM audit_log ORDER BY id DESC LIMIT 1').first<{ at: number }>();
    expect(html).toContain(`>${formatDateTime(latest!.at)}</td>`);
    expect(html).toContain('Giờ Việt Nam');
  });

  it('shows before → after only for what changed', async () => {
    const html = await (await commune.get('/quan-tri/nhat-ky?viec=sua-thanh-vien')).text();
    const rows = rowsOf(html);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Vai trò: Thành viên → Tổ phó');
    expect(rows[0]).not.toContain('Họ và tên');
    expect(rows[0]).not.toContain('Chức vụ');
  });

  it('filters by official, action and date, and refuses an impossible date', async () => {
    const byColleague = rowsOf(await (await commune.get(`/quan-tri/nhat-ky?ai=${colleagueId}`)).text());
    expect(byColleague.length).toBeGreaterThan(0);
    expect(byColleague.every((row) => row.includes('xa.eakao.nk2'))).toBe(true);
    expect(byColleague.some((row) => row.includes('Cho tổ ngừng hoạt động'))).toBe(true);
    const mine = rowsOf(await (await commune.get(`/quan-tri/nhat-ky?ai=${communeId}&viec=them-thanh-vien`)).text());
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain('Phạm Văn Nhật Ký');
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 31 * 3600_000).toISOString().slice(0, 10);
    expect(rowsOf(await (await commune.get(`/quan-tri/nhat-ky?tu=${today}&den=${today}`)).text()).length).toBeGreaterThan(3);
    expect(rowsOf(await (await commune.get(`/quan-tri/nhat-ky?tu=${tomorrow}`)).text())).toHaveLength(0);
    const bad = await commune.get('/quan-tri/nhat-ky?tu=2026-02-31');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Ngày lọc không hợp lệ');
  });

  it('downloads the filtered log as CSV, in the same words', async () => {
    const res = await commune.get('/quan-tri/nhat-ky?dinh-dang=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const csv = await res.text();
    // (Response.text() drops the byte-order mark Excel needs; the header follows it.)
    expect(csv.startsWith('Lúc (giờ Việt Nam),Người thực hiện,Việc,Đối tượng,Nơi,Chi tiết\r\n')).toBe(true);
    expect(csv).toContain('Nhập danh sách Phường Ea Kao');
    for (const key of await storedKeys()) expect(csv, key).not.toContain(key);
    const filtered = await (await commune.get('/quan-tri/nhat-ky?dinh-dang=csv&viec=ngung-to')).text();
    expect(filtered.trim().split('\r\n')).toHaveLength(2);
  });
});
