// Issue 16, point 1: an upload can never wipe a list by surprise. A one-row
// file sent as the complete list previews its removals first (red, counts and
// names) and is refused without the second consent; sent as "only people to
// add or correct" it removes nobody.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { type Browser, signedIn } from './admin-helpers.ts';

let commune: Browser;

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  commune = (await signedIn({ username: 'xa.eakao.tai', role: 'commune', provinceCode: '66', communeCode: '24169' })).browser;
});

const header =
  'Mã xã/phường,Tên thôn/tổ dân phố,Loại,Tên tổ,Họ và tên,Vai trò,Chức vụ,Số điện thoại,Công khai liên hệ,Số quyết định,Ngày quyết định,Cấp tổ,Link nhóm Zalo,Trạng thái,Mã thành viên';
const oneRow = (name: string) =>
  [header, `24169,Buôn Ea Kao,buôn,Tổ công nghệ số cộng đồng buôn Ea Kao,${name},Thành viên,,,Không,12/QĐ-UBND,15/03/2024,,,,`].join('\n');

function upload(browser: Browser, csv: string, kind?: string) {
  const form = new FormData();
  if (kind !== undefined) form.set('kind', kind);
  form.set('file', new File([csv], 'mot-dong.csv', { type: 'text/csv' }));
  return browser.post('/quan-tri/nhap/', form);
}

const live = async () => {
  const row = await env.DB.prepare(
    `SELECT (SELECT count(*) FROM members m JOIN teams t ON t.id = m.team_id WHERE t.commune_code = '24169' AND m.removed_at IS NULL) AS members,
            (SELECT count(*) FROM teams WHERE commune_code = '24169' AND removed_at IS NULL) AS teams,
            (SELECT count(*) FROM villages WHERE commune_code = '24169' AND removed_at IS NULL) AS villages`,
  ).first<{ members: number; teams: number; villages: number }>();
  return row!;
};
const importId = (html: string) => html.match(/name="importId" value="([^"]+)"/)![1]!;

describe('upload: what the file is', () => {
  it('asks what the file is: no `kind` is refused with a Vietnamese message, nothing staged', async () => {
    const res = await upload(commune, oneRow('Người Chưa Chọn'));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Hãy chọn tệp là loại nào');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM directory_import_chunks').first('n')).toBe(0);
    const page = await (await commune.get('/quan-tri/nhap/')).text();
    expect(page).toContain('name="kind" value="changes"');
    expect(page).toContain('name="kind" value="full"');
  });

  it('a one-row complete list previews every removal first in a red warning with the counts, and a confirm without the second consent changes nothing', async () => {
    const before = await live();
    expect(before.teams).toBeGreaterThan(1);
    const preview = await upload(commune, oneRow('Người Mới Một Dòng'), 'full');
    expect(preview.status).toBe(200);
    const html = await preview.text();
    const removedMembers = before.members;
    const counts = `${removedMembers} người, ${before.teams - 1} tổ, ${before.villages - 1} thôn`;
    // The warning comes before the list of changes, in an alert.
    const warning = html.indexOf(`${counts} sẽ bị gỡ khỏi danh sách`);
    expect(warning).toBeGreaterThan(0);
    expect(html.lastIndexOf('role="alert"', warning)).toBeGreaterThan(html.indexOf('<main'));
    expect(html.indexOf('class="notice notice-error"')).toBeLessThan(warning);
    expect(warning).toBeLessThan(html.indexOf('Người Mới Một Dòng'));
    expect(html).toContain('Y Bhin Niê'); // named among the removals
    expect(html).toContain(`name="allowRemovals"`);
    expect(html).toContain(`đồng ý gỡ ${removedMembers + before.teams - 1 + before.villages - 1} mục (${counts})`);

    const id = importId(html);
    const refused = await commune.post('/quan-tri/nhap/xac-nhan', { importId: id });
    expect(refused.status).toBe(409);
    const again = await refused.text();
    expect(again).toContain('Chưa ghi gì');
    expect(again).toContain('name="allowRemovals"');
    expect(await live()).toEqual(before);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'import.apply'").first('n')).toBe(0);

    // With the checkbox: applied, and the page says what changed.
    const applied = await commune.post('/quan-tri/nhap/xac-nhan', { importId: id, allowRemovals: 'yes' });
    expect(applied.status).toBe(200);
    expect(await applied.text()).toContain('Đã cập nhật');
    expect(await live()).toEqual({ members: 1, teams: 1, villages: 1 });
  });

  it('"only people to add or correct" removes nobody, and needs no second step', async () => {
    // Bring the commune back first: its complete list, from the fixture's rows still stored (removed ones included).
    await env.DB.exec("UPDATE villages SET removed_at = NULL WHERE commune_code = '24169'");
    await env.DB.exec("UPDATE teams SET removed_at = NULL WHERE commune_code = '24169'");
    await env.DB.exec("UPDATE members SET removed_at = NULL WHERE team_id IN (SELECT id FROM teams WHERE commune_code = '24169')");
    const before = await live();
    const preview = await upload(commune, oneRow('Người Thêm Riêng'), 'changes');
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('không ai bị gỡ');
    expect(html).not.toContain('sẽ bị gỡ khỏi danh sách');
    expect(html).not.toContain('name="allowRemovals"');
    const applied = await commune.post('/quan-tri/nhap/xac-nhan', { importId: importId(html) });
    expect(applied.status).toBe(200);
    expect(await live()).toEqual({ ...before, members: before.members + 1 });
    expect(await env.DB.prepare("SELECT removed_at FROM members WHERE full_name = 'Y Bhin Niê'").first('removed_at')).toBeNull();
  });

  it('a complete list removing one member of many needs no second step, but still shows the warning', async () => {
    const rows = (
      await env.DB.prepare(
        `SELECT v.name AS village, v.kind, t.name AS team, m.full_name, m.code, t.decision_number, t.decision_date FROM members m JOIN teams t ON t.id = m.team_id LEFT JOIN villages v ON v.id = t.village_id
         WHERE t.commune_code = '24169' AND m.removed_at IS NULL AND t.removed_at IS NULL ORDER BY m.id`,
      ).all<{ village: string | null; kind: string | null; team: string; full_name: string; code: string }>()
    ).results;
    expect(rows.length).toBeGreaterThan(4);
    // Every member but the last; their teams and villages all still named (villages without teams too).
    const villages = (
      await env.DB.prepare("SELECT name, kind FROM villages WHERE commune_code = '24169' AND removed_at IS NULL").all<{ name: string; kind: string }>()
    ).results;
    const teamsWithout = (
      await env.DB.prepare(
        `SELECT t.name AS team, v.name AS village, v.kind FROM teams t LEFT JOIN villages v ON v.id = t.village_id WHERE t.commune_code = '24169' AND t.removed_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM members m WHERE m.team_id = t.id AND m.removed_at IS NULL)`,
      ).all<{ team: string; village: string | null; kind: string | null }>()
    ).results;
    const csv = [
      header,
      ...rows.slice(0, -1).map((r) => `24169,${r.village ?? ''},${r.kind ?? ''},${r.team},${r.full_name},,,,,,,,,,${r.code}`),
      ...teamsWithout.map((r) => `24169,${r.village ?? ''},${r.kind ?? ''},${r.team},,,,,,,,,,,`),
      ...villages.map((v) => `24169,${v.name},${v.kind},,,,,,,,,,,,`),
    ].join('\n');
    const preview = await upload(commune, csv, 'full');
    const html = await preview.text();
    expect(preview.status, html.slice(html.indexOf('<main'), html.indexOf('<main') + 2000)).toBe(200);
    expect(html).toContain('1 người sẽ bị gỡ khỏi danh sách');
    expect(html).not.toContain('name="allowRemovals"');
    const applied = await commune.post('/quan-tri/nhap/xac-nhan', { importId: importId(html) });
    expect(applied.status).toBe(200);
    expect(await env.DB.prepare('SELECT removed_at FROM members WHERE code = ?').bind(rows.at(-1)!.code).first('removed_at')).not.toBeNull();
  });
});
