// Issue 16, point 2: every change says what happened. Removing a member or
// stopping a team asks first on its own page (a plain form, no JavaScript);
// every save, add, remove and revoke returns to its list with a success
// notice (role="status") naming what changed — and only for rows in scope.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { type Browser, signedIn, totpKeyForTests } from './admin-helpers.ts';

let commune: Browser;
let otherCommune: Browser;
let province: Browser;

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  commune = (await signedIn({ username: 'xa.eakao.tb', role: 'commune', provinceCode: '66', communeCode: '24169' })).browser;
  otherCommune = (await signedIn({ username: 'xa.bentre.tb', role: 'commune', provinceCode: '86', communeCode: '28789' })).browser;
  province = (await signedIn({ username: 'tinh.daklak.tb', role: 'province', provinceCode: '66', totpKey: totpKeyForTests })).browser;
});

const statusNotice = (html: string) => /<div class="notice notice-success" role="status">([\s\S]*?)<\/div>/.exec(html)?.[1];
async function follow(browser: Browser, res: Response) {
  expect(res.status).toBe(303);
  return (await browser.get(res.headers.get('location')!)).text();
}

describe('confirmation pages', () => {
  it('removing a member: the edit page links to a confirmation page naming them; the page itself changes nothing; its form removes and the list says who left', async () => {
    const add = await commune.post('/quan-tri/to/1/thanh-vien', { ho_ten: 'Lê Thị Sắp Rời', vai_tro: 'thanh_vien', dien_thoai: '0912000333' });
    expect(statusNotice(await follow(commune, add))).toBe('Đã thêm Lê Thị Sắp Rời vào Tổ công nghệ số cộng đồng buôn Ea Kao.');
    const { id } = (await env.DB.prepare("SELECT id FROM members WHERE full_name = 'Lê Thị Sắp Rời'").first<{ id: number }>())!;
    const edit = await (await commune.get(`/quan-tri/thanh-vien/${id}`)).text();
    expect(edit).toContain(`href="/quan-tri/thanh-vien/${id}/ngung"`);
    expect(edit).not.toContain(`action="/quan-tri/thanh-vien/${id}/ngung"`);
    const confirm = await commune.get(`/quan-tri/thanh-vien/${id}/ngung`);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('Cho Lê Thị Sắp Rời rời tổ?');
    expect(html).toContain(`<form method="post" action="/quan-tri/thanh-vien/${id}/ngung">`);
    expect(html).toContain(`href="/quan-tri/thanh-vien/${id}"`); // the way back
    expect(await env.DB.prepare('SELECT removed_at FROM members WHERE id = ?').bind(id).first('removed_at')).toBeNull();
    const removed = await commune.post(`/quan-tri/thanh-vien/${id}/ngung`, {});
    expect(removed.headers.get('location')).toBe(`/quan-tri/xa/24169?da=go-tv&id=${id}`);
    const list = await follow(commune, removed);
    expect(statusNotice(list)).toBe('Lê Thị Sắp Rời đã rời Tổ công nghệ số cộng đồng buôn Ea Kao. Số điện thoại của họ đã được xóa.');
    expect(await env.DB.prepare('SELECT removed_at FROM members WHERE id = ?').bind(id).first('removed_at')).not.toBeNull();
    // Another commune's officer cannot read the name through a crafted link, nor open the confirmation page.
    expect(statusNotice(await (await otherCommune.get(`/quan-tri/xa/28789?da=go-tv&id=${id}`)).text())).toBeUndefined();
    expect((await otherCommune.get(`/quan-tri/thanh-vien/${id}/ngung`)).status).not.toBe(200);
  });

  it('stopping a team: a confirmation page with its member count; confirmed, the list says the team stopped; a save names the team', async () => {
    const edit = await (await commune.get('/quan-tri/to/2')).text();
    expect(edit).toContain('href="/quan-tri/to/2/ngung"');
    const team = await env.DB.prepare('SELECT name, active FROM teams WHERE id = 2').first<{ name: string; active: number }>();
    expect(team!.active).toBe(1);
    const confirm = await (await commune.get('/quan-tri/to/2/ngung')).text();
    expect(confirm).toContain(`Cho tổ «${team!.name}» ngừng hoạt động?`);
    expect(confirm).toMatch(/\d+ thành viên của tổ vẫn ở trong danh sách/);
    expect(await env.DB.prepare('SELECT active FROM teams WHERE id = 2').first('active')).toBe(1);
    const stopped = await commune.post('/quan-tri/to/2/ngung', {});
    expect(statusNotice(await follow(commune, stopped))).toContain(`Tổ «${team!.name}» đã ngừng hoạt động.`);
    const back = await commune.post('/quan-tri/to/2/hoat-dong', {});
    expect(statusNotice(await follow(commune, back))).toBe(`Tổ «${team!.name}» đã hoạt động lại.`);
  });

  it('a province admin revoking an invitation returns to the accounts page saying whose invitation went', async () => {
    const created = await province.post('/quan-tri/tai-khoan/moi', { role: 'commune', scope: '24169', name: 'Chị Lan Thử Mời' });
    expect(created.status).toBe(200);
    const { id } = (await env.DB.prepare("SELECT id FROM invitations WHERE display_name = 'Chị Lan Thử Mời'").first<{ id: number }>())!;
    const revoked = await province.post(`/quan-tri/tai-khoan/moi/${id}/thu-hoi`, {});
    expect(statusNotice(await follow(province, revoked))).toBe('Đã thu hồi lời mời dành cho Chị Lan Thử Mời. Đường link đó không dùng được nữa.');
  });
});

describe('team lists', () => {
  it('show the leader first and the consent date as a date (never "?")', async () => {
    await env.DB.exec("UPDATE members SET consent_date = '2026-11-20' WHERE code = 'K7Q2MZ20'");
    await env.DB.exec("UPDATE members SET publish_contact = 1, consent_date = NULL, phone = '0987654321' WHERE code = 'P3X9TA21'");
    const html = await (await commune.get('/quan-tri/xa/24169')).text();
    const team = html.slice(html.indexOf('id="to-1"'), html.indexOf('</section>', html.indexOf('id="to-1"')));
    const names = [...team.matchAll(/<a href="\/quan-tri\/thanh-vien\/\d+">([^<]+)<\/a> — ([^,<(]+)/g)].map((m) => m[2]!.trim());
    expect(names[0]).toBe('Tổ trưởng');
    expect(names.indexOf('Tổ phó')).toBeLessThan(names.lastIndexOf('Thành viên'));
    expect(team).toContain('Đồng ý công khai số từ 20/11/2026');
    expect(team).toContain('chưa ghi ngày đồng ý');
    expect(team).not.toContain('?)');
  });
});
