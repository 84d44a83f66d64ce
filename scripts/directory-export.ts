// `npm run directory:export -- <file.csv|file.xlsx> [--remote] [--persist-to <dir>]`:
// the whole directory in the import template's columns plus member codes;
// importing the file again rebuilds the same directory. The file holds every
// member's phone number (consent or not): it is the officials' own list.
import { parseDbArgs, withDirectoryDb } from './lib/d1.ts';
import { readDirectoryRows } from '../functions/directory/sheet/export-rows.ts';
import { SheetFileError, sheetFormatOf, writeSheetFile } from '../functions/directory/sheet/sheet-file.ts';

const { target, rest } = parseDbArgs(process.argv.slice(2));
const [file] = rest;
if (!file || rest.length > 1) {
  console.error('Cách dùng: npm run directory:export -- <tệp.csv|tệp.xlsx> [--remote] [--persist-to <thư mục>]');
  process.exit(2);
}
try {
  sheetFormatOf(file);
} catch (error) {
  if (error instanceof SheetFileError) {
    console.error(`✖ ${error.message}`);
    process.exit(2);
  }
  throw error;
}

await withDirectoryDb(target, async ({ d1, target: where }) => {
  const rows = await readDirectoryRows(d1);
  await writeSheetFile(file, rows);
  console.log(`✔ Đã xuất ${rows.length} dòng từ ${where} ra ${file}.`);
});
