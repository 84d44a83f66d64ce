import Papa from 'papaparse';
import { readSheet, type CellValue, type SheetData } from 'read-excel-file/universal';
import { xlsxWorkbook } from '../../sheets/xlsx.ts';
import { directoryColumns } from './columns.ts';
import type { SheetRow } from '../import/parse-rows.ts';

/**
 * Reading and writing team lists as files: CSV (UTF-8, with the BOM Excel
 * needs to show Vietnamese) and XLSX. Cells are text both ways, so codes keep
 * their leading zeros and dates stay dd/mm/yyyy.
 */
export type SheetFormat = 'csv' | 'xlsx';

export class SheetFileError extends Error {}

export function sheetFormatOf(path: string): SheetFormat {
  const ext = /\.[^./\\]*$/.exec(path)?.[0].toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new SheetFileError(`Chỉ nhận tệp .csv hoặc .xlsx (tệp đã cho: ${path})`);
}

/** Spreadsheets turn a cell starting with = + - @ into a formula; the export writes it as '=…, the import undoes that. */
const escapedFormula = /^'[=+\-@\t\r]/;
const unescapeFormula = (text: string) => (escapedFormula.test(text) ? text.slice(1) : text);

/**
 * An uploaded or read file's rows, by its name's extension: what the CLI
 * (sheet-file.ts) and the Worker (an uploaded File's bytes) both use. No Node
 * imports: papaparse and read-excel-file run in workerd as they are.
 */
export async function readSheetBytes(bytes: Uint8Array, fileName: string): Promise<SheetRow[]> {
  return sheetFormatOf(fileName) === 'csv' ? readCsv(bytes) : readXlsx(bytes);
}

export function readCsv(bytes: Uint8Array): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new SheetFileError('Tệp CSV không phải mã UTF-8. Trong Excel hãy chọn Lưu thành "CSV UTF-8 (Comma delimited)".');
  }
  // Comma, or semicolon as Excel writes with Vietnamese regional settings (decimal comma), or tab:
  // whichever the header line uses most.
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].map((d) => ({ d, n: headerLine.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  // A file the parser could not read is not a list: an unbalanced quote
  // swallows every line after it, and the rows "missing" from what was read
  // would be offered for removal. Refuse it, naming the line.
  const problem = parsed.errors[0];
  if (problem) {
    const at = problem.index ?? 0;
    const line = text.slice(0, at).split('\n').length;
    const reason = problem.type === 'Quotes' ? 'có dấu ngoặc kép (") mở mà không đóng, hoặc đặt sai chỗ' : 'không đọc được dòng này';
    throw new SheetFileError(`Tệp CSV bị lỗi ở dòng ${line}: ${reason}. Chưa có gì thay đổi. Hãy sửa dòng này trong Excel rồi tải lên lại.`);
  }
  return parsed.data.map((cells, index) => ({ rowNumber: index + 1, cells: cells.map(unescapeFormula) }));
}

function cellText(value: CellValue | null): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates carry no time zone: read-excel-file gives them as UTC midnight.
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  return String(value);
}

/**
 * The first sheet's rows, numbered as Excel numbers them; empty rows are
 * left out. read-excel-file (small, fflate inside) rather than exceljs, which
 * was half of the Worker's code (issue 20).
 */
export async function readXlsx(bytes: Uint8Array): Promise<SheetRow[]> {
  let data: SheetData;
  try {
    // An ArrayBuffer of exactly these bytes (an upload's view may share a larger buffer).
    data = await readSheet(bytes.slice().buffer);
  } catch {
    throw new SheetFileError('Không đọc được tệp .xlsx (tệp hỏng hoặc không phải Excel).');
  }
  const rows: SheetRow[] = [];
  data.forEach((row, index) => {
    const cells = row.map((value) => unescapeFormula(cellText(value)));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length > 0) rows.push({ rowNumber: index + 1, cells });
  });
  return rows;
}

const headers = directoryColumns.map((column) => column.header);

/** Rows are cells in the order of directoryColumns; the file's bytes in the format its name asks for. */
export async function sheetBytes(rows: string[][], fileName: string): Promise<Uint8Array> {
  return sheetFormatOf(fileName) === 'csv' ? new TextEncoder().encode(toCsv(rows)) : toXlsx(rows);
}

export function toCsv(rows: string[][]): string {
  return `\uFEFF${Papa.unparse({ fields: headers, data: rows }, { newline: '\r\n', escapeFormulae: true })}\r\n`;
}

/** Choices offered as drop-down lists in the XLSX (typing anything else still works and is validated on import). */
const choices: Partial<Record<(typeof directoryColumns)[number]['key'], string[]>> = {
  villageKind: ['thôn', 'buôn', 'bản', 'ấp', 'sóc', 'làng', 'xóm', 'tổ dân phố', 'khu phố', 'khóm', 'khu'],
  role: ['Tổ trưởng', 'Tổ phó', 'Thành viên'],
  publishContact: ['Có', 'Không'],
  teamLevel: ['Thôn', 'Xã', 'Tỉnh', 'Tổ chức'],
  teamStatus: ['Đang hoạt động', 'Đã giải thể'],
};

export async function toXlsx(rows: string[][]): Promise<Uint8Array> {
  const lastRow = Math.max(rows.length + 1, 1000);
  return xlsxWorkbook([
    {
      name: 'Danh sách',
      rows: [headers, ...rows],
      widths: directoryColumns.map((column) => column.width),
      textFormat: true,
      lists: directoryColumns.flatMap((column, index) => {
        const list = choices[column.key];
        return list ? [{ column: index, choices: list, toRow: lastRow }] : [];
      }),
    },
    {
      name: 'Hướng dẫn',
      rows: [
        ['Cột', 'Bắt buộc có cột', 'Cách ghi'],
        ...directoryColumns.map((column) => [column.header, column.required ? 'Có' : 'Không', column.help]),
        [],
        ['Lưu ý', null, 'Mỗi dòng là một thành viên. Thôn chưa có tổ: chỉ ghi mã xã, tên thôn, loại. Tổ chưa có thành viên: để trống Họ và tên.'],
      ],
      widths: [22, 16, 110],
    },
  ]);
}
