import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { type Browser, signedIn, totpKeyForTests } from './admin-helpers.ts';

// Issue 21, points 4 and 6 on the directory upload: a CSV the parser could not
// read was treated as a list (its preview offered to remove 23 villages), and
// control characters in names were stored.

const header =
  'Mã xã/phường,Tên thôn/tổ dân phố,Loại,Tên tổ,Họ và tên,Vai trò,Chức vụ,Số điện thoại,Công khai liên hệ,Số quyết định,Ngày quyết định,Cấp tổ,Link nhóm Zalo,Trạng thái,Mã thành viên';
let commune: Browser;

const upload = (csv: string) => {
  const form = new FormData();
  form.set('file', new File([csv], 'danh-sach.csv', { type: 'text/csv' }));
  // The complete list (issue 16 asks which kind a file is): the parser refuses the file before any plan.
  form.set('kind', 'full');
  return commune.post('/quan-tri/nhap/', form);
};
const staged = async () => (await env.DB.prepare('SELECT count(*) AS n FROM directory_import_chunks').first<{ n: number }>())!.n;

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  ({ browser: commune } = await signedIn({ username: 'xa.tai-len', role: 'commune', provinceCode: '66', communeCode: '24169' }));
});

describe('a CSV the parser cannot read', () => {
  it('an unbalanced quote refuses the file, naming the line, and stages nothing', async () => {
    const csv = [
      header,
      '24169,Buôn Ea Kao,buôn,Tổ CNS buôn Ea Kao,Y Bhin Niê,Tổ trưởng,,,Không,,,,,,',
      '24169,"Thôn 2,thôn,Tổ thôn 2,Nguyễn Văn An,Tổ trưởng,,,Không,,,,,,',
      '24169,Thôn 10,thôn,Tổ thôn 10,Trần Thị Bình,Tổ trưởng,,,Không,,,,,,',
    ].join('\n');
    const res = await upload(csv);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Tệp CSV bị lỗi ở dòng 3');
    expect(html).not.toContain('name="importId"');
    expect(await staged()).toBe(0);
  });
});

const controls = ['\u0000', '\u001b[31m', '\u0001', '\u001f', '\u007f', '\u0085'];
const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;

describe('control characters in names', () => {
  it.each(controls.map((ch) => [`U+${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`, ch]))(
    '%s in an uploaded name refuses the file, naming the row',
    async (_, ch) => {
      const csv = [header, `24169,Buôn Ea Kao,buôn,Tổ CNS buôn Ea Kao,Y Bhin${ch}Niê,Tổ trưởng,,,Không,,,,,,`].join('\n');
      const res = await upload(csv);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('Dòng 2');
      expect(html).toContain('ký tự điều khiển');
      expect(await staged()).toBe(0);
    },
  );

  it.each(controls.map((ch) => [`U+${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`, ch]))(
    "%s in an official's team or member form is refused and nothing is stored",
    async (_, ch) => {
      const teams = await count('SELECT count(*) AS n FROM teams');
      const members = await count('SELECT count(*) AS n FROM members');
      const team = await commune.post('/quan-tri/xa/24169/to', { ten: `Tổ${ch} mới`, cap: 'village', thon: '3' });
      expect(team.status).toBe(400);
      expect(await team.text()).toContain('ký tự điều khiển');
      const member = await commune.post('/quan-tri/to/1/thanh-vien', { ho_ten: `Người${ch}Thử`, vai_tro: 'thanh_vien', dien_thoai: '' });
      expect(member.status).toBe(400);
      expect(await member.text()).toContain('ký tự điều khiển');
      const position = await commune.post('/quan-tri/to/1/thanh-vien', { ho_ten: 'Người Thử', chuc_vu: `Cán${ch}bộ`, vai_tro: 'thanh_vien', dien_thoai: '' });
      expect(position.status).toBe(400);
      expect(await count('SELECT count(*) AS n FROM teams')).toBe(teams);
      expect(await count('SELECT count(*) AS n FROM members')).toBe(members);
      expect(
        await count(`SELECT count(*) AS n FROM members WHERE full_name GLOB '*[' || char(1) || '-' || char(31) || ']*' OR instr(full_name, char(0)) > 0`),
      ).toBe(0);
    },
  );

  it('an invitation name with a control character is refused', async () => {
    const { browser } = await signedIn({ username: 'tinh.moi-nguoi', role: 'province', provinceCode: '66', totpKey: totpKeyForTests });
    const invitations = await count('SELECT count(*) AS n FROM invitations');
    const res = await browser.post('/quan-tri/tai-khoan/moi', { role: 'commune', scope: '24169', name: 'Anh\u0000Ba' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('ký tự điều khiển');
    expect(await count('SELECT count(*) AS n FROM invitations')).toBe(invitations);
  });

  it('line breaks and tabs pasted from a spreadsheet cell still become spaces', async () => {
    const res = await commune.post('/quan-tri/to/1/thanh-vien', { ho_ten: 'Người\tXuống\r\nDòng', vai_tro: 'thanh_vien', dien_thoai: '' });
    expect(res.status).toBe(303);
    expect(await count("SELECT count(*) AS n FROM members WHERE full_name = 'Người Xuống Dòng'")).toBe(1);
  });
});
