// `npm run directory:import -- <file.csv|file.xlsx> [--kind=full|changes] [--dry-run] [--allow-removals] [--remote] [--persist-to <dir>] [--verbose]`:
// checks the whole team list and, only if every row is valid, writes it to D1
// in one transaction. By default (--kind=full) the file is the complete list
// of every commune it contains: villages, teams and members of those communes
// missing from it are removed (the report names them); --kind=changes: only
// people to add or correct, nobody is removed. Bad rows are printed (row
// number, column, reason) and nothing is written; exit code 1. --dry-run: the
// report only (the preview). A large removal (any team or village, or more
// than a quarter of a commune's members) writes nothing, exit code 3, unless
// --allow-removals is given: the same rule as the web upload's second step.
import { defaultPersistTo, directorySession, parseDbArgs } from './lib/d1.ts';
import { formatChangeReport, removalCounts } from '../functions/directory/import/change-report.ts';
import { importKinds, type ImportKind } from '../functions/directory/import/changes.ts';
import { importDirectoryFile } from '../functions/directory/import/import-file.ts';
import { SheetFileError } from '../functions/directory/sheet/sheet-file.ts';
import { formatRowError } from '../functions/directory/import/validate.ts';

const { target, rest, flags } = parseDbArgs(process.argv.slice(2));
const [file] = rest;
const kind = flags.kind === undefined ? 'full' : flags.kind;
if (!file || rest.length > 1 || !importKinds.includes(kind as ImportKind)) {
  console.error(
    'Cách dùng: npm run directory:import -- <tệp.csv|tệp.xlsx> [--kind=full|changes] [--dry-run] [--allow-removals] [--remote] [--persist-to <thư mục>] [--verbose]',
  );
  process.exit(2);
}

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
// --verbose: the time of each step, for big files.
const onProgress = flags.verbose ? (step: string) => console.log(`  … ${step} (${seconds()} s)`) : undefined;
const dryRun = flags['dry-run'] === true;
const allowRemovals = flags['allow-removals'] === true;
try {
  const result = await importDirectoryFile(directorySession(target), file, {
    dryRun,
    allowRemovals,
    kind: kind as ImportKind,
    ...(onProgress ? { onProgress } : {}),
  });
  if (result.ignoredHeaders.length > 0) console.warn(`Bỏ qua các cột không có trong mẫu: ${result.ignoredHeaders.join(', ')}`);
  if (!result.ok && result.removalsRefused) {
    console.error(formatChangeReport(result.removalsRefused, { applied: false }));
    console.error(
      `\n✖ Tệp này gỡ ${removalCounts(result.removalsRefused)} khỏi danh sách (có tổ, thôn, hoặc hơn một phần tư số thành viên của một xã). Chưa ghi gì.` +
        '\n  Nếu đúng là muốn gỡ, chạy lại với --allow-removals; nếu tệp chỉ gồm người cần thêm hoặc sửa, dùng --kind=changes.',
    );
    process.exit(3);
  }
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
