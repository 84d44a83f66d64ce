// The directory part of `npm run bench`: import time of 10,000 synthetic rows,
// the web upload of those rows (preview, then confirm; and a re-upload with
// removals and renames), then a synthetic national directory (≈100,000 villages, 80,000 teams,
// 400,000 members) with its import time and the local D1 size. Each in a fresh
// local D1 migrated by wrangler. Run alone: `node scripts/bench-directory.ts
// [--villages N] [--keep]` (--keep leaves the national D1 for latency benches).
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { directoryColumns } from '../functions/directory/sheet/columns.ts';
import { directorySession, withDirectoryDb } from './lib/d1.ts';
import { readDirectoryRows } from '../functions/directory/sheet/export-rows.ts';
import { generateDirectoryRows } from '../functions/directory/sheet/generate.ts';
import { importDirectoryFile } from '../functions/directory/import/import-file.ts';
import { confirmDirectoryUpload, previewDirectoryUpload } from '../functions/directory/import/import-sheet.ts';
import { readOfficialUnits } from '../functions/directory/units/official-units.ts';
import { readSheetBytes, toCsv, toXlsx } from '../functions/directory/sheet/sheet-bytes.ts';
import { writeSheetFile } from '../functions/directory/sheet/sheet-file.ts';
import { ensureOfficialUnits } from '../functions/directory/units/write-units.ts';
import { freshLocalD1 } from './lib/local-d1.ts';

/** Seconds of the web upload's two steps (the same functions as /quan-tri/nhap/), on the D1 of workerd. */
export interface UploadTiming {
  preview: number;
  apply: number;
  /** Rows added, changed, removed, over villages, teams and members. */
  added: number;
  changed: number;
  removed: number;
}

export interface DirectoryBench {
  /** Import of `rows` synthetic rows into an empty D1 (official units already loaded). */
  import10k: { rows: number; seconds: number };
  /**
   * The web upload of the same rows (CSV bytes → preview → confirm): into an empty
   * directory, then the exported list again with every 20th member removed and
   * every 10th renamed (member codes kept); and reading the rows from XLSX.
   */
  upload10k: { rows: number; first: UploadTiming; edited: UploadTiming; xlsxParseSeconds: number };
  national: {
    rows: number;
    villages: number;
    teams: number;
    members: number;
    seconds: number;
    /** Size of the local D1 SQLite files (including pages freed by the staging table). */
    d1FileBytes: number;
    /** Database size as D1 reports it (meta.size_after). */
    d1ReportedBytes: number;
    /** The local D1 (wrangler --persist-to folder), kept only with keep: true. */
    persistTo?: string;
  };
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** Imports a generated file and times it (reading, validating and writing: what a person waits for). */
async function timedImport(persistTo: string, rows: string[][]) {
  const file = join(persistTo, 'synthetic.csv');
  await writeSheetFile(file, rows);
  const target = { remote: false, persistTo };
  // Official units are loaded before the clock starts: they are a one-time step of a new database.
  await withDirectoryDb(target, ({ d1 }) => ensureOfficialUnits(d1));
  const started = performance.now();
  const result = await importDirectoryFile(directorySession(target), file);
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok) throw new Error(`synthetic file refused: ${result.errors.length} errors`);
  return { result, seconds };
}

/** Preview then confirm of one uploaded CSV, timed apart: what an official waits for at each step. */
async function timedUpload(d1: D1Database, rows: string[][]): Promise<UploadTiming> {
  const bytes = new TextEncoder().encode(toCsv(rows));
  const started = performance.now();
  const preview = await previewDirectoryUpload(d1, { bytes, fileName: 'danh-sach.csv' }, { scope: 'national' });
  const previewed = performance.now();
  if (!preview.ok) throw new Error(`upload refused: ${preview.fileError ?? `${preview.errors.length} errors`}`);
  const applied = await confirmDirectoryUpload(d1, preview.importId, { scope: 'national' });
  if (!applied.ok) throw new Error(applied.message);
  const { summary } = preview;
  const total = (list: 'added' | 'changed' | 'removed') => summary.villages[list].length + summary.teams[list].length + summary.members[list].length;
  return {
    preview: (previewed - started) / 1000,
    apply: (performance.now() - previewed) / 1000,
    added: total('added'),
    changed: total('changed'),
    removed: total('removed'),
  };
}

async function benchUpload(rows: string[][]): Promise<DirectoryBench['upload10k']> {
  const persistTo = await freshLocalD1('bench-upload-');
  try {
    return await withDirectoryDb({ remote: false, persistTo }, async ({ d1 }) => {
      await ensureOfficialUnits(d1);
      const first = await timedUpload(d1, rows);
      const name = directoryColumns.findIndex((c) => c.key === 'fullName');
      let member = 0;
      const edited = (await readDirectoryRows(d1)).flatMap((row) => {
        if (row[name] === '') return [row];
        member++;
        if (member % 20 === 0) return [];
        return [member % 10 === 0 ? row.with(name, `${row[name]} Sửa`) : row];
      });
      const editedTiming = await timedUpload(d1, edited);
      const xlsx = await toXlsx(rows);
      const parseStarted = performance.now();
      await readSheetBytes(xlsx, 'danh-sach.xlsx');
      return { rows: rows.length, first, edited: editedTiming, xlsxParseSeconds: (performance.now() - parseStarted) / 1000 };
    });
  } finally {
    await rm(persistTo, { recursive: true, force: true });
  }
}

export async function benchDirectory(options: { rows?: number; villages?: number; keep?: boolean } = {}): Promise<DirectoryBench> {
  const communes = readOfficialUnits().communes;
  const rows = options.rows ?? 10_000;
  const small = await freshLocalD1('bench-directory-');
  const smallRows = generateDirectoryRows(communes, { villages: Math.ceil(rows / 4), maxRows: rows });
  let import10k: DirectoryBench['import10k'];
  try {
    const { seconds } = await timedImport(small, smallRows);
    import10k = { rows, seconds };
  } finally {
    await rm(small, { recursive: true, force: true });
  }
  const upload10k = await benchUpload(smallRows);

  const national = await freshLocalD1('bench-directory-');
  try {
    const generated = generateDirectoryRows(communes, { villages: options.villages ?? 100_000 });
    const { result, seconds } = await timedImport(national, generated);
    const d1ReportedBytes = await withDirectoryDb({ remote: false, persistTo: national }, async ({ d1 }) => {
      const { meta } = await d1.prepare('SELECT 1').run();
      return meta.size_after;
    });
    const { after } = result.summary;
    return {
      import10k,
      upload10k,
      national: {
        rows: generated.length,
        ...after,
        seconds,
        d1FileBytes: await folderBytes(join(national, 'v3', 'd1')),
        d1ReportedBytes,
        ...(options.keep ? { persistTo: national } : {}),
      },
    };
  } finally {
    if (!options.keep) await rm(national, { recursive: true, force: true });
  }
}

/** Prints the figures; `{ title: 'Team directory (local D1)', run: () => printDirectoryBench() }` is a bench.ts section. */
export async function printDirectoryBench(options: Parameters<typeof benchDirectory>[0] = {}): Promise<DirectoryBench> {
  const bench = await benchDirectory(options);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const { import10k: small, upload10k: up, national: n } = bench;
  console.log(`import ${small.rows} rows: ${small.seconds.toFixed(1)} s`);
  const s = (seconds: number) => `${seconds.toFixed(1)} s`;
  const counts = (t: UploadTiming) => `${t.added} added, ${t.changed} changed, ${t.removed} removed`;
  console.log(
    `web upload of ${up.rows} rows (CSV → preview → confirm), empty directory: preview ${s(up.first.preview)}, apply ${s(up.first.apply)} (${counts(up.first)})`,
  );
  console.log(
    `  the export re-uploaded with 5% of members removed, 10% renamed: preview ${s(up.edited.preview)}, apply ${s(up.edited.apply)} (${counts(up.edited)})`,
  );
  console.log(`  reading the ${up.rows} rows from XLSX instead of CSV: ${s(up.xlsxParseSeconds)}`);
  console.log(
    `import synthetic national directory, ${n.rows} rows (${n.villages} villages, ${n.teams} teams, ${n.members} members): ${n.seconds.toFixed(1)} s`,
  );
  console.log(`D1 size after it: ${mb(n.d1ReportedBytes)} as D1 reports it, ${mb(n.d1FileBytes)} of local files`);
  if (n.persistTo) console.log(`kept: --persist-to ${n.persistTo}`);
  return bench;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { villages: { type: 'string' }, rows: { type: 'string' }, keep: { type: 'boolean' } } });
  console.log('Team directory (local D1 through wrangler getPlatformProxy)');
  await printDirectoryBench({
    ...(values.villages ? { villages: Number(values.villages) } : {}),
    ...(values.rows ? { rows: Number(values.rows) } : {}),
    keep: values.keep === true,
  });
}
