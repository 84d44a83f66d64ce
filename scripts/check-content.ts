// `npm run check:content` (for editors): every content rule, and the guides by
// review date, oldest first. Warns from 180 days, fails from 365, measured on
// today's date in Vietnam; `npm test` runs the same rules on a fixed date.
// `npm run check:content -- --date 2027-06-01` checks as of another day.
import { fileURLToPath } from 'node:url';
import { checkContent, reviewFailDays, reviewWarnDays, todayInVietnam } from './lib/content-rules.ts';

const dateFlag = process.argv.indexOf('--date');
const today = dateFlag === -1 ? todayInVietnam() : (process.argv[dateFlag + 1] ?? '');
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
  console.error('Ngày kiểm tra phải có dạng YYYY-MM-DD, ví dụ: npm run check:content -- --date 2027-06-01');
  process.exit(2);
}

const report = checkContent({ contentDir: fileURLToPath(new URL('../content/', import.meta.url)), today, realToday: todayInVietnam() });

const label = { ok: 'ổn', warn: 'SẮP CŨ', fail: 'QUÁ CŨ' } as const;
console.log(`Hướng dẫn theo ngày rà soát (tính đến ${today}; cảnh báo từ ${reviewWarnDays} ngày, lỗi từ ${reviewFailDays} ngày):\n`);
for (const f of report.freshness) {
  const age = f.ageDays === undefined ? '   ?' : String(f.ageDays).padStart(4);
  console.log(`  ${f.reviewed ?? 'không rõ  '}  ${age} ngày  ${label[f.level].padEnd(7)} ${f.file}`);
}
if (report.warnings.length > 0) {
  console.log(`\nCảnh báo (${report.warnings.length}):`);
  for (const warning of report.warnings) console.log(`  - ${warning}`);
}
if (report.problems.length > 0) {
  console.log(`\nLỗi cần sửa (${report.problems.length}):`);
  for (const problem of report.problems) console.log(`  - ${problem}`);
  process.exit(1);
}
console.log(`\nKhông có lỗi: ${report.freshness.length} hướng dẫn đạt mọi kiểm tra.`);
