import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { type Browser, signedIn } from './admin-helpers.ts';

// Issue 21, points 4 and 6 on the directory upload: a CSV the parser could not
// read was treated as a list (its preview offered to remove 23 villages), and
// control characters in names were stored.

const header = 'Mã xã/phường,Tên thôn/tổ dân phố,Loại,Tên tổ,Họ và tên,Vai trò,Chức vụ,Số điện thoại,Công khai liên hệ,Số quyết định,Ngày quyết định,Cấp tổ,Link nhóm Zalo,Trạng thái,Mã thành viên';
let commune: Browser;

const upload = (csv: string) => {
  const form = new FormData();
  form.set('file', new File([csv], 'danh-sach.csv', { type: 'text/csv' }));
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
