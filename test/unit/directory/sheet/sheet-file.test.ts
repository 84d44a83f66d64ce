import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { directoryColumns } from '../../../../functions/directory/sheet/columns.ts';
import { readCsv, readSheetFile, SheetFileError, sheetFormatOf, toCsv, writeSheetFile } from '../../../../functions/directory/sheet/sheet-file.ts';

const headers = directoryColumns.map((c) => c.header);
const dir = await mkdtemp(join(tmpdir(), 'sheet-file-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const row = (cells: Record<number, string>) => headers.map((_, i) => cells[i] ?? '');
const sample = [
  row({ 0: '02647', 1: 'Thôn 1', 3: 'Tổ "Số" 1, Lào Cai', 4: 'Nguyễn Văn An', 7: '0912345678', 10: '15/08/2025', 14: 'AB12CD34' }),
  row({ 0: '24133', 1: 'Buôn Ko Sier', 4: '=HYPERLINK("x")', 6: 'dòng 1\ndòng 2' }),
];

describe('CSV', () => {
  it('writes UTF-8 with a BOM, the template header, CRLF lines', () => {
    const csv = toCsv(sample);
    expect(csv.startsWith('\uFEFFMã xã/phường,Tên thôn/tổ dân phố,Loại,')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${headers.join(',')}`);
  });

  it('reads back exactly what it wrote (quotes, commas, line breaks, leading zeros, formula-like text)', () => {
    const rows = readCsv(new TextEncoder().encode(toCsv(sample)));
    expect(rows[0]!.cells).toEqual(headers);
    expect(rows.slice(1, 3).map((r) => r.cells)).toEqual(sample);
    expect(toCsv(sample)).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('reads semicolon-separated files (Excel with Vietnamese regional settings)', () => {
    const rows = readCsv(new TextEncoder().encode('Mã xã/phường;Tên thôn/tổ dân phố\r\n24133;Thôn 1\r\n'));
    expect(rows.map((r) => r.cells)).toEqual([['Mã xã/phường', 'Tên thôn/tổ dân phố'], ['24133', 'Thôn 1'], ['']]);
  });

  it('refuses a file that is not UTF-8 with a hint in Vietnamese', () => {
    expect(() => readCsv(new Uint8Array([0x4d, 0xe3, 0x20, 0x78, 0xe3]))).toThrow(/UTF-8/);
  });
});

describe('XLSX', () => {
  it('round-trips cells as text', async () => {
    const path = join(dir, 'a.xlsx');
    await writeSheetFile(path, sample);
    const rows = await readSheetFile(path);
    expect(rows[0]!.cells).toEqual(headers);
    expect(rows.slice(1).map((r) => r.cells)).toEqual(
      sample
        .map((cells) => {
          const copy = [...cells];
          while (copy.length > 0 && copy[copy.length - 1] === '') copy.pop();
          return [...copy, ...Array(0)];
        })
        .map((cells, i) => [...cells, ...Array(Math.max(0, rows[i + 1]!.cells.length - cells.length)).fill('')]),
    );
  });
});

describe('files', () => {
  it('knows .csv and .xlsx only', () => {
    expect(sheetFormatOf('a.CSV')).toBe('csv');
    expect(sheetFormatOf('b.xlsx')).toBe('xlsx');
    expect(() => sheetFormatOf('c.xls')).toThrow(SheetFileError);
  });

  it('ships templates whose header is the column definition', async () => {
    const csv = await readFile('db/templates/danh-sach-to-cong-nghe-so.csv');
    expect(readCsv(csv)[0]!.cells).toEqual(headers);
    const xlsx = await readSheetFile('db/templates/danh-sach-to-cong-nghe-so.xlsx');
    expect(xlsx.map((r) => r.cells)).toEqual([headers]);
    // The first eleven columns are the official template, in order.
    expect(headers.slice(0, 11)).toEqual([
      'Mã xã/phường',
      'Tên thôn/tổ dân phố',
      'Loại',
      'Tên tổ',
      'Họ và tên',
      'Vai trò',
      'Chức vụ',
      'Số điện thoại',
      'Công khai liên hệ',
      'Số quyết định',
      'Ngày quyết định',
    ]);
  });
});

describe('XLSX without exceljs (issue 20)', () => {
  it('offers drop-down lists and formats every column as text, typed cells included', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const { toXlsx } = await import('../../../../functions/directory/sheet/sheet-bytes.ts');
    const sheet = strFromU8(unzipSync(await toXlsx(sample))['xl/worksheets/sheet1.xml']!);
    const roleColumn = String.fromCharCode(65 + directoryColumns.findIndex((c) => c.key === 'role'));
    expect(sheet).toContain(`sqref="${roleColumn}2:${roleColumn}1000"><formula1>&quot;Tổ trưởng,Tổ phó,Thành viên&quot;</formula1>`);
    // Every column's own style is the text format, so 0912… typed later keeps its zero.
    expect(sheet.match(/<col [^>]*style="2"\/>/g)).toHaveLength(directoryColumns.length);
    expect(sheet).toContain('<c r="A2" s="2" t="inlineStr"><is><t xml:space="preserve">02647</t></is></c>');
  });

  it('reads a date Excel stored as a number as dd/mm/yyyy, and numbers as their digits', async () => {
    const { unzipSync, zipSync, strToU8, strFromU8 } = await import('fflate');
    const { readXlsx, toXlsx } = await import('../../../../functions/directory/sheet/sheet-bytes.ts');
    const files = unzipSync(await toXlsx([]));
    // Style 4: Excel's built-in short date (numFmtId 14), as Excel writes a typed date.
    files['xl/styles.xml'] = strToU8(
      strFromU8(files['xl/styles.xml']!).replace(
        /<cellXfs count="(\d+)">(.*)<\/cellXfs>/,
        (_, n: string, xfs: string) =>
          `<cellXfs count="${Number(n) + 1}">${xfs}<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`,
      ),
    );
    files['xl/worksheets/sheet1.xml'] = strToU8(
      strFromU8(files['xl/worksheets/sheet1.xml']!).replace(
        '</sheetData>',
        '<row r="3"><c r="A3"><v>24133</v></c><c r="K3" s="4"><v>45884</v></c></row></sheetData>',
      ),
    );
    const rows = await readXlsx(zipSync(files));
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 3]);
    expect(rows[1]!.cells[0]).toBe('24133');
    expect(rows[1]!.cells[10]).toBe('15/08/2025');
  });
});
