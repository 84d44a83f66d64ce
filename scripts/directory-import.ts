// `npm run directory:import -- <file.csv|file.xlsx> [--remote] [--persist-to <dir>]`:
// checks the whole team list and, only if every row is valid, writes it to D1
// in one transaction. Bad rows are printed (row number, column, reason) and
// nothing is written; exit code 1.
import { withDirectoryDb, parseDbArgs } from '../db/directory/d1.ts';
import { importDirectoryFile } from '../db/directory/import-file.ts';
import { SheetFileError } from '../db/directory/sheet-file.ts';
import { formatRowError } from '../db/directory/validate.ts';

const { target, rest } = parseDbArgs(process.argv.slice(2));
const [file] = rest;
if (!file || rest.length > 1) {
  console.error('Cách dùng: npm run directory:import -- <tệp.csv|tệp.xlsx> [--remote] [--persist-to <thư mục>]');
  process.exit(2);
}

const started = performance.now();
try {
  await withDirectoryDb(target, async ({ d1, target: where }) => {
    const result = await importDirectoryFile(d1, file);
    if (result.ignoredHeaders.length > 0) console.warn(`Bỏ qua các cột không có trong mẫu: ${result.ignoredHeaders.join(', ')}`);
    if (!result.ok) {
      for (const error of result.errors) console.error(formatRowError(error));
      const rows = new Set(result.errors.map((e) => e.rowNumber)).size;
      console.error(`\n✖ ${result.errors.length} lỗi ở ${rows} dòng (trong ${result.rows} dòng dữ liệu). Chưa ghi gì vào cơ sở dữ liệu; sửa tệp rồi nhập lại.`);
      process.exitCode = 1;
      return;
    }
    for (const m of result.plan.mappedCodes) {
      console.log(`Mã cũ ${m.oldCode} (${m.old.oldName}, ${m.old.oldDistrictName}, ${m.old.oldProvinceName}) → ${m.newCode} ${m.newName} (${m.rows} dòng)`);
    }
    const { before, after, changed } = result.summary;
    const line = (label: string, key: keyof typeof before) =>
      `${label}: ${after[key]} (thêm ${after[key] - before[key]}, cập nhật ${changed[key] - (after[key] - before[key])})`;
    console.log(`✔ Đã nhập ${result.rows} dòng vào ${where} trong ${((performance.now() - started) / 1000).toFixed(1)} giây.`);
    console.log(`  ${line('Thôn/tổ dân phố', 'villages')}; ${line('Tổ', 'teams')}; ${line('Thành viên', 'members')}.`);
  });
} catch (error) {
  if (error instanceof SheetFileError) {
    console.error(`✖ ${error.message}`);
    process.exit(1);
  }
  throw error;
}
