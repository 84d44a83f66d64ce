import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshLocalD1 } from '../../../scripts/lib/local-d1.ts';
import { runScript } from './run-script.ts';

// The npm scripts as people run them, each in its own process, on a temporary
// local D1 migrated by wrangler itself (like `npm run db:migrate`).
let persistTo: string;
const run = (script: string, ...args: string[]) => runScript(persistTo, script, args);

beforeAll(async () => {
  persistTo = await freshLocalD1('directory-cli-');
}, 60_000);
afterAll(() => rm(persistTo, { recursive: true, force: true }));

describe('directory scripts', () => {
  it('directory:import prints every bad row and exits 1 without writing; db:seed is idempotent; directory:export writes the BOM CSV; the import report names every removal', async () => {
    const bad = join(persistTo, 'bad.csv');
    await writeFile(
      bad,
      '\uFEFFMa xa/phuong,Ten thon/to dan pho,Loai,Ten to,Ho va ten,Vai tro,Chuc vu,So dien thoai,Cong khai lien he,So quyet dinh,Ngay quyet dinh\r\n' +
        '24133,Thôn 1,,Tổ 1,Nguyễn Văn An,Tổ trưởng,,0912345678,Có,,\r\n' +
        '24133,Thôn 2,,Tổ 2,Trần Thị Bình,Trưởng ban,,,,,\r\n' +
        '55555,Thôn 3,,,,,,,,,\r\n',
    );
    const refused = await run('scripts/directory-import.ts', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Dòng 3, cột «Vai trò»: "Trưởng ban" không phải vai trò');
    expect(refused.stderr).toContain('Dòng 4, cột «Mã xã/phường»: không có xã/phường mã 55555');
    expect(refused.stderr).toContain('Chưa ghi gì vào cơ sở dữ liệu');

    const seeded = await run('db/seeds/seed-demo.ts');
    expect(seeded.stderr).toBe('');
    expect(seeded.stdout).toContain('Demo directory: 19 villages, 16 teams, 58 members (93 rows changed)');
    const reseeded = await run('db/seeds/seed-demo.ts');
    expect(reseeded.stdout).toContain('Demo directory: 19 villages, 16 teams, 58 members (0 rows changed)');

    const out = join(persistTo, 'export.csv');
    const exported = await run('scripts/directory-export.ts', out);
    expect(exported.code).toBe(0);
    // The demo has fixed member codes: the export is the demo file plus what the database filled in.
    const csv = await readFile(out, 'utf8');
    const demo = await readFile('db/seeds/demo-directory.csv', 'utf8');
    expect(csv.startsWith('\uFEFFMã xã/phường,')).toBe(true);
    const codes = (text: string) => [...text.matchAll(/,([0-9A-Z]{8})\r\n/g)].map((m) => m[1]).sort();
    expect(codes(csv)).toEqual(codes(demo));
    expect(codes(csv)).toHaveLength(58);

    // The list of one commune without one member: the report names who is removed, first as a dry run.
    const lines = demo.split('\r\n');
    const commune = join(persistTo, 'buon-ma-thuot.csv');
    // H’Hen Niê's (unpublished) phone changes too: the report says so without printing either number.
    const communeLines = lines.filter((l) => l.startsWith('24133,') && !l.includes('Nguyễn Văn An')).map((l) => l.replace(',0900000102,', ',0900000199,'));
    expect(communeLines.some((l) => l.includes('0900000199'))).toBe(true);
    await writeFile(commune, [lines[0], ...communeLines].join('\r\n'));
    const removedLine = '    - Thành viên: Nguyễn Văn An (mã ';
    const where = '— Tổ công nghệ số cộng đồng Tổ dân phố 1 (dữ liệu mẫu), Tổ dân phố 1, Phường Buôn Ma Thuột (24133)';
    const dry = await run('scripts/directory-import.ts', commune, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Chạy thử (--dry-run)');
    expect(dry.stdout).toContain('Thành viên: 57 (thêm 0, sửa 1, gỡ 1)');
    expect(dry.stdout).toContain('Sẽ gỡ khỏi danh bạ công khai 1 mục không còn trong tệp');
    expect(dry.stdout).toContain(removedLine);
    expect(dry.stdout).toContain(where);
    const applied = await run('scripts/directory-import.ts', commune);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Đã gỡ khỏi danh bạ công khai 1 mục không còn trong tệp');
    expect(applied.stdout).toContain(removedLine);
    // The report never prints phone numbers: not a removed member's (An's was published), not a changed one.
    expect(applied.stdout).toContain('Số điện thoại (đổi)');
    for (const phone of ['0900000101', '0900000102', '0900000199']) expect(applied.stdout).not.toContain(phone);
    const again = await run('scripts/directory-import.ts', commune);
    expect(again.stdout).toContain('Không gỡ ai, tổ hay thôn nào.');
    const afterExport = await run('scripts/directory-export.ts', out);
    expect(afterExport.code).toBe(0);
    expect(codes(await readFile(out, 'utf8'))).toHaveLength(57);
  }, 240_000);

  it('directory:import: a one-row complete list writes nothing without --allow-removals (exit 3, removals counted); --kind=changes removes nobody', async () => {
    const demo = await readFile('db/seeds/demo-directory.csv', 'utf8');
    const lines = demo.split('\r\n');
    const oneRow = join(persistTo, 'mot-dong.csv');
    const row = lines.find((l) => l.startsWith('24133,'))!.split(',');
    row[4] = 'Người Mới Dòng Lệnh';
    row[row.length - 1] = '';
    await writeFile(oneRow, [lines[0], row.join(',')].join('\r\n'));
    const countLive = async () => {
      const out = join(persistTo, 'count.csv');
      await run('scripts/directory-export.ts', out);
      return (await readFile(out, 'utf8')).split('\r\n').filter((l) => l.startsWith('24133,')).length;
    };
    const before = await countLive();
    const refused = await run('scripts/directory-import.ts', oneRow);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/Tệp này gỡ \d+ người, \d+ tổ, \d+ thôn khỏi danh sách/);
    expect(refused.stderr).toContain('--allow-removals');
    expect(await countLive()).toBe(before);
    const changes = await run('scripts/directory-import.ts', oneRow, '--kind=changes');
    expect(changes.code).toBe(0);
    expect(changes.stdout).toContain('không gỡ ai');
    expect(await countLive()).toBe(before + 1);
    const bad = await run('scripts/directory-import.ts', oneRow, '--kind=lung-tung');
    expect(bad.code).toBe(2);
  }, 240_000);
});
