import { type ColumnKey, type RawRow, columnForHeader, directoryColumns } from '../sheet/columns.ts';

/** One spreadsheet row as read from CSV or XLSX: its number as the spreadsheet shows it (1-based). */
export interface SheetRow {
  rowNumber: number;
  cells: string[];
}

/** A problem in one row; `column` is the column's header as the template writes it. */
export interface RowError {
  rowNumber: number;
  column?: string;
  message: string;
}

export interface ParsedSheet {
  rows: RawRow[];
  /** Columns found in the header: an absent optional column leaves stored values alone. */
  columns: Set<ColumnKey>;
  /** Row number of the header (1 for the template). */
  headerRowNumber: number;
  errors: RowError[];
  /** Header cells that name no column of the template: ignored, but worth telling. */
  ignoredHeaders: string[];
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/**
 * Maps a sheet's cells to template columns by header text, ignoring case,
 * accents and punctuation, so "MA XA/PHUONG" and "Mã xã, phường" both match.
 * The first non-empty row is the header; empty rows are skipped but keep their
 * numbers, so errors point at the row a person sees in the spreadsheet.
 */
export function parseRows(sheet: SheetRow[]): ParsedSheet {
  const errors: RowError[] = [];
  const header = sheet.find((row) => !isBlank(row.cells));
  if (!header) {
    return {
      rows: [],
      columns: new Set(),
      headerRowNumber: 1,
      errors: [{ rowNumber: 1, message: 'tệp trống: không có dòng tiêu đề' }],
      ignoredHeaders: [],
    };
  }
  const indexByColumn = new Map<ColumnKey, number>();
  const ignoredHeaders: string[] = [];
  header.cells.forEach((text, index) => {
    if (text.trim() === '') return;
    const key = columnForHeader(text);
    if (!key) ignoredHeaders.push(text.trim());
    else if (indexByColumn.has(key)) {
      errors.push({ rowNumber: header.rowNumber, column: text.trim(), message: 'cột bị lặp lại trong dòng tiêu đề' });
    } else indexByColumn.set(key, index);
  });
  for (const column of directoryColumns) {
    if (column.required && !indexByColumn.has(column.key)) {
      errors.push({ rowNumber: header.rowNumber, column: column.header, message: 'thiếu cột này trong dòng tiêu đề (xem tệp mẫu)' });
    }
  }
  const rows: RawRow[] = [];
  for (const row of sheet) {
    if (row.rowNumber <= header.rowNumber || isBlank(row.cells)) continue;
    const raw: RawRow = { rowNumber: row.rowNumber };
    for (const [key, index] of indexByColumn) raw[key] = (row.cells[index] ?? '').trim();
    rows.push(raw);
  }
  return { rows, columns: new Set(indexByColumn.keys()), headerRowNumber: header.rowNumber, errors, ignoredHeaders };
}
