import { env, SELF } from 'cloudflare:test';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { taskIds } from '../../functions/assists/tasks.ts';
import { xlsxWorkbook } from '../../functions/sheets/xlsx.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { signedIn } from './admin-helpers.ts';
import { memberPost, signIn } from './assists-helpers.ts';

// Issue 21, point 7: XLSX exports kept text beginning with = + - @ as is; the
// CSV exports neutralised it. One rule now for every export.

const FORMULA = '=HYPERLINK("http://evil.example","Bấm vào đây")';

/** Every XML part of an .xlsx, as one text (character references decoded: exceljs writes ' as &apos;). */
const xlsxText = (bytes: Uint8Array) =>
  Object.values(unzipSync(bytes))
    .map((part) => strFromU8(part))
    .join('\n')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"');

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  // A team name an official typed (names may start with any printable character).
  await env.DB.prepare('UPDATE teams SET name = ? WHERE id = 1').bind(FORMULA).run();
});

describe('formulas in exported cells are text', () => {
  it('the report workbook writer neutralises = + - @ like the CSV, and keeps numbers as numbers', () => {
    const text = xlsxText(
      xlsxWorkbook([
        {
          name: 'Bảng',
          rows: [
            ['Tên', 'Số'],
            ['=1+1', -5],
            ['+84 912', 3],
            ['-x', 0],
            ['@SUM(A1)', 1],
            ['Bình thường', 2],
          ],
        },
      ]),
    );
    for (const cell of ['=1+1', '+84 912', '-x', '@SUM(A1)']) expect(text).toContain(`>'${cell}</t>`);
    expect(text).toContain('>Bình thường</t>');
    expect(text).toContain('<v>-5</v>');
  });

  it("the public assists sheet of a commune writes the team's name as text", async () => {
    const cookie = await signIn('K7Q2MZ20');
    expect((await memberPost('/thanh-vien/ghi-nhan', cookie, { task: taskIds[0]!, people: '3' })).status).toBe(303);
    const res = await SELF.fetch('http://localhost/thong-ke/66/24169/?dinh-dang=ho-tro-xlsx');
    expect(res.status).toBe(200);
    const text = xlsxText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain(`>'=HYPERLINK(`);
    expect(text).not.toMatch(/>=HYPERLINK\(/);
  });

  it('the directory export writes it as text in XLSX as in CSV', async () => {
    const { browser } = await signedIn({ username: 'xa.xuat', role: 'commune', provinceCode: '66', communeCode: '24169' });
    const xlsx = await browser.get('/quan-tri/xuat?dinh-dang=xlsx');
    expect(xlsx.status).toBe(200);
    const text = xlsxText(new Uint8Array(await xlsx.arrayBuffer()));
    expect(text).toContain(`>'=HYPERLINK(`);
    expect(text).not.toMatch(/>=HYPERLINK\(/);
    const csv = await (await browser.get('/quan-tri/xuat?dinh-dang=csv')).text();
    expect(csv).toContain(`"'=HYPERLINK(`);
  });
});
