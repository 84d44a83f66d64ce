import { readFile, writeFile } from 'node:fs/promises';
import type { SheetRow } from '../import/parse-rows.ts';
import { readSheetBytes, sheetBytes } from './sheet-bytes.ts';

export { readCsv, SheetFileError, sheetFormatOf, toCsv } from './sheet-bytes.ts';

/** Team lists as files, for the command-line tools; the formats themselves are in sheet-bytes.ts. */
export async function readSheetFile(path: string): Promise<SheetRow[]> {
  return readSheetBytes(await readFile(path), path);
}

/** Rows are cells in the order of directoryColumns. */
export async function writeSheetFile(path: string, rows: string[][]): Promise<void> {
  await writeFile(path, await sheetBytes(rows, path));
}
