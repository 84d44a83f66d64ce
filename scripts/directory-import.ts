// `npm run directory:import -- <file.csv|file.xlsx> [--remote] [--persist-to <dir>] [--dry-run] [--verbose]`:
// checks the whole team list and, only if every row is valid, writes it to D1
// in one transaction. The file is the complete list of every commune it
// contains: villages, teams and members of those communes missing from it are
// removed (the report names them). Bad rows are printed (row number, column,
// reason) and nothing is written; exit code 1. --dry-run: the report only.
import { defaultPersistTo, directorySession, parseDbArgs } from '../db/directory/d1.ts';
import { formatChangeReport } from '../db/directory/change-report.ts';
import { importDirectoryFile } from '../db/directory/import-file.ts';
import { SheetFileError } from '../db/directory/sheet-file.ts';
import { formatRowError } from '../db/directory/validate.ts';

const { target, rest, flags } = parseDbArgs(process.argv.slice(2));
const [file] = rest;
if (!file || rest.length > 1) {
  console.error('Cách dùng: npm run directory:import -- <tệp.csv|tệp.xlsx> [--remote] [--persist-to <thư mục>] [--dry-run] [--verbose]');
  process.exit(2);
}

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
// --verbose: the time of each step, for big files.
const onProgress = flags.verbose ? (step: string) => console.log(`  … ${step} (${seconds()} s)`) : undefined;
const dryRun = flags['dry-run'] === true;
try {
  const result = await importDirectoryFile(directorySession(target), file, { dryRun, ...(onProgress ? { onProgress } : {}) });
  if (result.ignoredHeaders.length > 0) console.warn(`Bỏ qua các cột không có trong mẫu: ${result.ignoredHeaders.join(', ')}`);
  if (!result.ok) {
    for (const error of result.errors) console.error(formatRowError(error));
    const rows = new Set(result.errors.map((e) => e.rowNumber)).size;
    console.error(`\n✖ ${result.errors.length} lỗi ở ${rows} dòng (trong ${result.rows} dòng dữ liệu). Chưa ghi gì vào cơ sở dữ liệu; sửa tệp rồi nhập lại.`);
    process.exit(1);
  }
  for (const m of result.mappedCodes) {
    console.log(`Mã cũ ${m.oldCode} (${m.old.oldName}, ${m.old.oldDistrictName}, ${m.old.oldProvinceName}) → ${m.newCode} ${m.newName} (${m.rows} dòng)`);
  }
  const where = target.remote ? 'D1 trên Cloudflare' : `D1 cục bộ (${target.persistTo ?? defaultPersistTo})`;
  console.log(
    dryRun
      ? `• Chạy thử (--dry-run): ${result.rows} dòng hợp lệ; chưa ghi gì vào ${where}.`
      : `✔ Đã nhập ${result.rows} dòng vào ${where} trong ${seconds()} giây.`,
  );
  console.log(formatChangeReport(result.summary, { applied: !dryRun }));
} catch (error) {
  if (error instanceof SheetFileError) {
    console.error(`✖ ${error.message}`);
    process.exit(1);
  }
  throw error;
}
