// `npm run directory:import -- <file.csv|file.xlsx> [--remote] [--persist-to <dir>] [--verbose]`:
// checks the whole team list and, only if every row is valid, writes it to D1
// in one transaction. Bad rows are printed (row number, column, reason) and
// nothing is written; exit code 1.
import { defaultPersistTo, directorySession, parseDbArgs } from '../db/directory/d1.ts';
import { importDirectoryFile } from '../db/directory/import-file.ts';
import { SheetFileError } from '../db/directory/sheet-file.ts';
import { formatRowError } from '../db/directory/validate.ts';

const { target, rest, flags } = parseDbArgs(process.argv.slice(2));
const [file] = rest;
if (!file || rest.length > 1) {
  console.error('Cách dùng: npm run directory:import -- <tệp.csv|tệp.xlsx> [--remote] [--persist-to <thư mục>] [--verbose]');
  process.exit(2);
}

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
// --verbose: the time of each step, for big files.
const onProgress = flags.verbose ? (step: string) => console.log(`  … ${step} (${seconds()} s)`) : undefined;
try {
  const result = await importDirectoryFile(directorySession(target), file, onProgress ? { onProgress } : {});
  if (result.ignoredHeaders.length > 0) console.warn(`Bỏ qua các cột không có trong mẫu: ${result.ignoredHeaders.join(', ')}`);
  if (!result.ok) {
    for (const error of result.errors) console.error(formatRowError(error));
    const rows = new Set(result.errors.map((e) => e.rowNumber)).size;
    console.error(`\n✖ ${result.errors.length} lỗi ở ${rows} dòng (trong ${result.rows} dòng dữ liệu). Chưa ghi gì vào cơ sở dữ liệu; sửa tệp rồi nhập lại.`);
    process.exit(1);
  }
  for (const m of result.plan.mappedCodes) {
    console.log(`Mã cũ ${m.oldCode} (${m.old.oldName}, ${m.old.oldDistrictName}, ${m.old.oldProvinceName}) → ${m.newCode} ${m.newName} (${m.rows} dòng)`);
  }
  const { before, after, changed } = result.summary;
  const line = (label: string, key: keyof typeof before) =>
    `${label}: ${after[key]} (thêm ${after[key] - before[key]}, cập nhật ${changed[key] - (after[key] - before[key])})`;
  const where = target.remote ? 'D1 trên Cloudflare' : `D1 cục bộ (${target.persistTo ?? defaultPersistTo})`;
  console.log(`✔ Đã nhập ${result.rows} dòng vào ${where} trong ${seconds()} giây.`);
  console.log(`  ${line('Thôn/tổ dân phố', 'villages')}; ${line('Tổ', 'teams')}; ${line('Thành viên', 'members')}.`);
} catch (error) {
  if (error instanceof SheetFileError) {
    console.error(`✖ ${error.message}`);
    process.exit(1);
  }
  throw error;
}
