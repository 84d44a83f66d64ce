import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryColumns, type ColumnKey } from '../../../../functions/directory/sheet/columns.ts';
import { readDirectoryRows } from '../../../../functions/directory/sheet/export-rows.ts';
import { applyDirectoryChanges } from '../../../../functions/directory/import/apply.ts';
import { importDirectoryFile } from '../../../../functions/directory/import/import-file.ts';
import { planDirectorySheet } from '../../../../functions/directory/import/import-sheet.ts';
import { readSheetFile, writeSheetFile } from '../../../../functions/directory/sheet/sheet-file.ts';
import { formatRowError } from '../../../../functions/directory/import/validate.ts';
import { openTempD1, tableCounts, type TempD1 } from '../temp-d1.ts';

// Import semantics against a real local D1 holding the demo directory: a list
// is the complete list of every commune it contains.
const demoCsv = 'db/seeds/demo-directory.csv';
let dir: string;
let db: TempD1;
let fileNo = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'directory-changes-'));
  db = await openTempD1();
  const seeded = await importDirectoryFile(db.session, demoCsv);
  if (!seeded.ok) throw new Error(seeded.errors.map(formatRowError).join('\n'));
}, 60_000);
afterAll(async () => {
  await db?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const at = (key: ColumnKey) => directoryColumns.findIndex((c) => c.key === key);
const memberColumns = (['fullName', 'role', 'position', 'phone', 'publishContact', 'memberCode'] as const).map(at);
async function file(rows: string[][]): Promise<string> {
  const path = join(dir, `list-${++fileNo}.csv`);
  await writeSheetFile(path, rows);
  return path;
}
const commune = (code: string) => readDirectoryRows(db.d1, { communeCode: code });
const memberRow = (code: string) =>
  db.d1
    .prepare('SELECT id, team_id, full_name, phone, publish_contact, removed_at FROM members WHERE code = ?')
    .bind(code)
    .first<{ id: number; team_id: number; full_name: string; phone: string | null; publish_contact: number; removed_at: string | null }>();

describe('a list is the complete list of its communes', () => {
  it('removes the members, teams and villages missing from it — by name in the plan, with a date, phone and consent cleared — and touches no other commune', async () => {
    const original = await commune('24133');
    const anCode = original.find((row) => row[at('fullName')] === 'Nguyễn Văn An')![at('memberCode')]!;
    const edited = original
      .filter((row) => row[at('fullName')] !== 'Nguyễn Văn An')
      .filter((row) => row[at('teamName')] !== 'Tổ công nghệ số cộng đồng phường Buôn Ma Thuột (dữ liệu mẫu)')
      .filter((row) => row[at('villageName')] !== 'Tổ dân phố 3');
    const path = await file(edited);
    const otherCommunes = await readDirectoryRows(db.d1);
    const before = await tableCounts(db.d1);

    const planned = await importDirectoryFile(db.session, path, { dryRun: true });
    if (!planned.ok) throw new Error(planned.errors.map(formatRowError).join('\n'));
    const { summary } = planned;
    expect(summary.members.removed.map((m) => m.fullName)).toEqual([
      'Nguyễn Văn An',
      'Bùi Thị Hoa',
      'Đỗ Văn Khánh',
      'H’Linh Mlô',
      'Ngô Văn Minh',
      'Dương Thị Ngọc',
    ]);
    expect(summary.teams.removed.map((t) => `${t.name} — ${t.place}`)).toEqual([
      'Tổ công nghệ số cộng đồng phường Buôn Ma Thuột (dữ liệu mẫu) — Phường Buôn Ma Thuột (24133)',
    ]);
    expect(summary.villages.removed.map((v) => v.name)).toEqual(['Tổ dân phố 3']);
    expect(summary.changed).toEqual({ villages: 1, teams: 1, members: 6 });
    expect(summary.after).toEqual({ villages: 18, teams: 15, members: 52 });
    // The dry run wrote nothing.
    expect(await tableCounts(db.d1)).toEqual(before);

    const applied = await importDirectoryFile(db.session, path);
    if (!applied.ok) throw new Error(applied.errors.map(formatRowError).join('\n'));
    // The plan is what the apply did.
    expect(applied.summary).toEqual(summary);
    const live = await db.d1
      .prepare(
        'SELECT (SELECT count(*) FROM villages WHERE removed_at IS NULL) AS villages, (SELECT count(*) FROM teams WHERE removed_at IS NULL) AS teams, (SELECT count(*) FROM members WHERE removed_at IS NULL) AS members',
      )
      .first();
    expect(live).toEqual(summary.after);
    // Rows are kept (past reports still add up), hidden, and the removed member keeps no phone.
    expect(await tableCounts(db.d1)).toEqual(before);
    const an = await memberRow(anCode);
    expect(an).toMatchObject({ full_name: 'Nguyễn Văn An', phone: null, publish_contact: 0 });
    expect(an!.removed_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const team = await db.d1
      .prepare('SELECT active, removed_at FROM teams WHERE name = ?')
      .bind('Tổ công nghệ số cộng đồng phường Buôn Ma Thuột (dữ liệu mẫu)')
      .first();
    expect(team).toMatchObject({ active: 0, removed_at: an!.removed_at });
    const phones = await db.d1
      .prepare('SELECT count(*) AS n FROM members WHERE removed_at IS NOT NULL AND (phone IS NOT NULL OR publish_contact = 1)')
      .first('n');
    expect(phones).toBe(0);
    // The export (and so the next round trip) has exactly the edited list; other communes are as they were.
    expect(await commune('24133')).toEqual(edited);
    const others = (rows: string[][]) => rows.filter((row) => row[at('communeCode')] !== '24133');
    expect(others(await readDirectoryRows(db.d1))).toEqual(others(otherCommunes));

    // The same file again changes nothing.
    const again = await importDirectoryFile(db.session, path);
    expect(again.ok && again.summary.changed).toEqual({ villages: 0, teams: 0, members: 0 });
  }, 120_000);

  it('brings back a removed member listed again: the same person, the same code', async () => {
    const anCode = (await readSheetFile(demoCsv)).find((r) => r.cells[at('fullName')] === 'Nguyễn Văn An' && r.cells[at('communeCode')] === '24133')!.cells[
      at('memberCode')
    ]!;
    const anId = (await memberRow(anCode))!.id;
    const rows = (await readSheetFile(demoCsv))
      .slice(1)
      .map((r) => r.cells)
      .filter((cells) => cells[at('communeCode')] === '24133');
    const result = await importDirectoryFile(db.session, await file(rows));
    if (!result.ok) throw new Error(result.errors.map(formatRowError).join('\n'));
    expect(result.summary.members.added.map((m) => [m.fullName, m.restored])).toContainEqual(['Nguyễn Văn An', true]);
    expect(result.summary.teams.added.map((t) => [t.name, t.restored])).toEqual([['Tổ công nghệ số cộng đồng phường Buôn Ma Thuột (dữ liệu mẫu)', true]]);
    expect(result.summary.villages.added.map((v) => [v.name, v.restored])).toEqual([['Tổ dân phố 3', true]]);
    expect(await memberRow(anCode)).toMatchObject({ id: anId, phone: '0900000101', publish_contact: 1, removed_at: null });
    expect(await db.d1.prepare('SELECT count(*) AS n FROM members').first('n')).toBe(58);
  }, 60_000);
});

describe('a member keeps their identity through their member code', () => {
  it('a corrected name updates the same person; a move to another team of the commune too', async () => {
    const rows = await commune('24373');
    const code = (name: string) => rows.find((row) => row[at('fullName')] === name)![at('memberCode')]!;
    const [thu, uyen] = [code('Đinh Thị Thu'), code('Phan Thị Uyên')];
    const [thuBefore, uyenBefore] = [await memberRow(thu), await memberRow(uyen)];
    const thon1 = rows.find((row) => row[at('villageName')] === 'Thôn 1')!;
    const edited = rows.map((row) => {
      if (row[at('memberCode')] === thu) return row.with(at('fullName'), 'Đinh Thị Thư');
      // Uyên moves from Thôn 2's team to Thôn 1's, as a plain member.
      if (row[at('memberCode')] === uyen) return thon1.map((cell, i) => (memberColumns.includes(i) ? row[i]! : cell)).with(at('role'), 'Thành viên');
      return row;
    });
    const result = await importDirectoryFile(db.session, await file(edited));
    if (!result.ok) throw new Error(result.errors.map(formatRowError).join('\n'));
    const { members } = result.summary;
    expect(members.added).toEqual([]);
    expect(members.removed).toEqual([]);
    expect(members.changed.map((m) => [m.fullName, m.fields.map((f) => f.column)])).toEqual([
      ['Đinh Thị Thư', ['fullName']],
      ['Phan Thị Uyên', ['teamName', 'role']],
    ]);
    expect(members.changed[1]!.fields[0]).toMatchObject({
      before: 'Tổ công nghệ số cộng đồng Thôn 2 (dữ liệu mẫu) (Thôn 2, Xã Ea Kar (24373))',
      after: 'Tổ công nghệ số cộng đồng Thôn 1 (dữ liệu mẫu) (Thôn 1, Xã Ea Kar (24373))',
    });
    const [thuAfter, uyenAfter] = [await memberRow(thu), await memberRow(uyen)];
    expect(thuAfter).toEqual({ ...thuBefore, full_name: 'Đinh Thị Thư' });
    expect(uyenAfter!.id).toBe(uyenBefore!.id);
    expect(uyenAfter!.team_id).not.toBe(uyenBefore!.team_id);
    const namesakes = await db.d1
      .prepare("SELECT count(*) AS n FROM members m JOIN teams t ON t.id = m.team_id WHERE t.commune_code = '24373' AND m.full_name IN (?, ?)")
      .bind('Đinh Thị Thu', 'Đinh Thị Thư')
      .first('n');
    expect(namesakes).toBe(1);
  }, 60_000);

  it('two members of a team may swap names through their codes', async () => {
    const rows = await commune('24373');
    const names = ['Lý Văn Phúc', 'Mai Thị Quyên'];
    const swapped = rows.map((row) => (names.includes(row[at('fullName')]!) ? row.with(at('fullName'), names.find((n) => n !== row[at('fullName')])!) : row));
    const result = await importDirectoryFile(db.session, await file(swapped));
    if (!result.ok) throw new Error(result.errors.map(formatRowError).join('\n'));
    expect(result.summary.members.changed.map((m) => m.fullName).sort()).toEqual([...names].sort());
    const sorted = (list: string[][]) => list.map((row) => row.join('|')).sort();
    expect(sorted(await commune('24373'))).toEqual(sorted(swapped));
    const codeOf = (list: string[][], name: string) => list.find((row) => row[at('fullName')] === name)![at('memberCode')];
    expect(codeOf(await commune('24373'), 'Lý Văn Phúc')).toBe(codeOf(rows, 'Mai Thị Quyên'));
  }, 60_000);

  it('a member code of someone outside the scope rejects the file, naming the row', async () => {
    const outsider = (await commune('24559'))[0]![at('memberCode')]!;
    const rows = (await commune('24373')).map((row) => (row[at('fullName')] === 'Y Khoa Byă' ? row.with(at('memberCode'), outsider) : row));
    const row = rows.findIndex((r) => r[at('fullName')] === 'Y Khoa Byă') + 2;
    const before = await readDirectoryRows(db.d1);
    const result = await importDirectoryFile(db.session, await file(rows), { scope: { communeCode: '24373' } });
    expect(result.ok ? [] : result.errors.map(formatRowError)).toEqual([
      expect.stringMatching(
        new RegExp(`^Dòng ${row}, cột «Mã thành viên»: mã ${outsider} là của .+ Xã Ea Na \\(24559\\)\\), ngoài phạm vi được sửa \\(Xã Ea Kar \\(24373\\)\\)$`),
      ),
    ]);
    expect(await readDirectoryRows(db.d1)).toEqual(before);
  }, 60_000);
});

describe('all or nothing', () => {
  it('a failure inside the write leaves the directory exactly as it was, staging included', async () => {
    const rows = (await commune('29602')).filter((row) => row[at('role')] !== 'Thành viên');
    const before = await readDirectoryRows(db.d1);
    const counts = await tableCounts(db.d1);
    const planned = await planDirectorySheet(db.d1, [
      { rowNumber: 1, cells: directoryColumns.map((c) => c.header) },
      ...rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
    ]);
    if (!planned.ok) throw new Error(planned.errors.map(formatRowError).join('\n'));
    expect(planned.changes.summary.members.removed.length).toBeGreaterThan(2);
    // The last statement of the transaction fails: everything before it is rolled back.
    await expect(applyDirectoryChanges(db.d1, planned.changes, { extraStatements: [db.d1.prepare('INSERT INTO no_such_table VALUES (1)')] })).rejects.toThrow(
      /no_such_table/,
    );
    expect(await readDirectoryRows(db.d1)).toEqual(before);
    expect(await tableCounts(db.d1)).toEqual(counts);
    // Without the failure the same plan applies.
    const applied = await applyDirectoryChanges(db.d1, planned.changes);
    expect(applied.ok && applied.summary.changed).toEqual(planned.changes.summary.changed);
  }, 60_000);
});
