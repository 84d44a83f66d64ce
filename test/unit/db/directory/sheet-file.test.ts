import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { directoryColumns } from '../../../../db/directory/columns.ts';
import { readCsv, readSheetFile, SheetFileError, sheetFormatOf, toCsv, writeSheetFile } from '../../../../db/directory/sheet-file.ts';

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
    expect(rows.slice(1).map((r) => r.cells)).toEqual(sample.map((cells) => {
      const copy = [...cells];
      while (copy.length > 0 && copy[copy.length - 1] === '') copy.pop();
      return [...copy, ...Array(0)];
    }).map((cells, i) => [...cells, ...Array(Math.max(0, rows[i + 1]!.cells.length - cells.length)).fill('')]));
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
    expect(headers.slice(0, 11)).toEqual(['Mã xã/phường', 'Tên thôn/tổ dân phố', 'Loại', 'Tên tổ', 'Họ và tên', 'Vai trò', 'Chức vụ', 'Số điện thoại', 'Công khai liên hệ', 'Số quyết định', 'Ngày quyết định']);
  });
});
