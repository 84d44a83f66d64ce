import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDirectoryRows } from '../../functions/directory/sheet/export-rows.ts';
import { confirmDirectoryUpload, previewDirectoryUpload } from '../../functions/directory/import/import-sheet.ts';
import { directoryColumns } from '../../functions/directory/sheet/columns.ts';
import { toCsv, toXlsx } from '../../functions/directory/sheet/sheet-bytes.ts';
import { formatRowError } from '../../functions/directory/import/validate.ts';
import { findPublicMember } from '../../functions/toolkit/public-member.ts';
import { writeUsageEvents } from '../../functions/usage/consumer.ts';
import { utcDay } from '../../functions/usage/visitor.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';

// The web upload's engine in workerd with the real D1: a commune's list read
// from CSV/XLSX bytes, previewed, confirmed; then every public page and API
// response reflects it at once.
const eaKao = { communeCode: '24169' };
const column = (key: (typeof directoryColumns)[number]['key']) => directoryColumns.findIndex((c) => c.key === key);
const csv = (rows: string[][]) => new TextEncoder().encode(toCsv(rows));
const fetchText = async (path: string) => {
  const res = await SELF.fetch(`http://localhost${path}`);
  return { status: res.status, body: await res.text() };
};

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

describe('web upload of a commune list (preview → confirm)', () => {
  it('removes who is missing, keeps identity across a name correction, and every public view follows at once', async () => {
    // Before: Y Bhin Niê (published phone) is public, with her phone.
    const before = await fetchText('/api/communes/24169');
    expect(before.body).toContain('Y Bhin Niê');
    expect(before.body).toContain('0912345678');
    expect(await findPublicMember(env.DB, 'K7Q2MZ20')).toMatchObject({ fullName: 'Y Bhin Niê', phone: '0912345678' });
    const coverageBefore = JSON.parse((await fetchText('/api/coverage?commune=24169')).body);

    // The commune's export, edited as an officer would: one member gone, the school's team gone,
    // a village without team gone, a name corrected (same member code).
    const exported = await readDirectoryRows(env.DB, eaKao);
    const edited = exported
      .filter((row) => row[column('fullName')] !== 'Y Bhin Niê')
      .filter((row) => row[column('teamName')] !== 'Tổ công nghệ số Trường THCS Ea Kao')
      .filter((row) => row[column('villageName')] !== 'Thôn 10')
      .map((row) => (row[column('fullName')] === 'Trần Thị Bình' ? row.with(column('fullName'), 'Trần Thị Bính') : row));

    const preview = await previewDirectoryUpload(env.DB, { bytes: csv(edited), fileName: 'danh-sach.csv' }, { scope: eaKao });
    if (!preview.ok) throw new Error(preview.fileError ?? preview.errors.map(formatRowError).join('\n'));
    const { summary } = preview;
    expect(summary.units).toEqual({ communes: ['24169'], provinces: [] });
    expect(summary.members.removed.map((m) => [m.fullName, m.code, m.team.name])).toEqual([
      ['Y Bhin Niê', 'K7Q2MZ20', 'Tổ công nghệ số cộng đồng buôn Ea Kao'],
      ['Bùi Quốc Huy', 'G3M9PN28', 'Tổ công nghệ số Trường THCS Ea Kao'],
    ]);
    expect(summary.teams.removed.map((t) => t.name)).toEqual(['Tổ công nghệ số Trường THCS Ea Kao']);
    expect(summary.villages.removed.map((v) => v.name)).toEqual(['Thôn 10']);
    expect(summary.members.changed).toMatchObject([
      { code: 'B2N6HV23', fullName: 'Trần Thị Bính', fields: [{ column: 'fullName', before: 'Trần Thị Bình', after: 'Trần Thị Bính' }] },
    ]);
    expect(summary.members.added).toEqual([]);
    expect(summary.changed).toEqual({ villages: 1, teams: 1, members: 3 });

    // The preview wrote nothing public.
    expect((await fetchText('/api/communes/24169')).body).toContain('Y Bhin Niê');

    const applied = await confirmDirectoryUpload(env.DB, preview.importId, { scope: eaKao });
    if (!applied.ok) throw new Error(applied.message);
    expect(applied.summary.after).toEqual(summary.after);

    // Gone from the commune page, the API, the team, the member toolkit, search; the phone with her.
    const communeApi = await fetchText('/api/communes/24169');
    expect(communeApi.body).not.toContain('Y Bhin Niê');
    expect(communeApi.body).not.toContain('0912345678');
    expect(communeApi.body).not.toContain('Trường THCS Ea Kao');
    expect(communeApi.body).not.toContain('Thôn 10');
    expect(communeApi.body).toContain('Trần Thị Bính');
    const page = await fetchText('/to-cong-nghe-so/66/24169/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Trần Thị Bính');
    expect(page.body).not.toContain('Y Bhin Niê');
    expect(page.body).not.toContain('0912 345 678');
    expect((await fetchText('/api/teams/1')).body).not.toContain('Y Bhin Niê');
    expect((await fetchText('/api/teams/5')).status).toBe(404);
    // The member toolkit (/cong-cu/<code>/) finds no such member any more.
    expect(await findPublicMember(env.DB, 'K7Q2MZ20')).toBeNull();
    expect(await findPublicMember(env.DB, 'B2N6HV23')).toMatchObject({ fullName: 'Trần Thị Bính' });
    const search = await fetchText(`/to-cong-nghe-so/tim/?q=${encodeURIComponent('thon ea kao')}`);
    expect(search.body).toContain('Thôn 2');
    expect(search.body).not.toContain('Thôn 10');

    // Removed teams, villages and members count nowhere.
    const coverageAfter = JSON.parse((await fetchText('/api/coverage?commune=24169')).body);
    expect(coverageAfter.coverage.villages).toBe(coverageBefore.coverage.villages - 1);
    expect(coverageAfter.coverage.teams.organisation).toBe(coverageBefore.coverage.teams.organisation - 1);
    expect(coverageAfter.coverage.teams.total).toBe(coverageBefore.coverage.teams.total - 1);
    expect(coverageAfter.coverage.members).toBe(coverageBefore.coverage.members - 2);

    // Kept for past reports, with the date; the phone and consent cleared; the corrected name is the same row.
    const rows = await env.DB.prepare(
      "SELECT code, full_name, phone, publish_contact, removed_at FROM members WHERE code IN ('K7Q2MZ20', 'G3M9PN28', 'B2N6HV23') ORDER BY code",
    ).all<{ code: string; full_name: string; phone: string | null; publish_contact: number; removed_at: string | null }>();
    expect(rows.results.map((r) => [r.code, r.full_name, r.phone, r.publish_contact, r.removed_at !== null])).toEqual([
      ['B2N6HV23', 'Trần Thị Bính', null, 0, false],
      ['G3M9PN28', 'Bùi Quốc Huy', null, 0, true],
      ['K7Q2MZ20', 'Y Bhin Niê', null, 0, true],
    ]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM members WHERE full_name LIKE 'Trần Thị B%'").first('n')).toBe(1);
    // And out of the officials' export.
    expect((await readDirectoryRows(env.DB, eaKao)).flat()).not.toContain('Y Bhin Niê');

    // The same list again, as XLSX this time: nothing to change.
    const again = await previewDirectoryUpload(env.DB, { bytes: await toXlsx(edited), fileName: 'danh-sach.xlsx' }, { scope: eaKao });
    expect(again.ok && again.summary.changed).toEqual({ villages: 0, teams: 0, members: 0 });
  });

  it('a removed member’s share links still count, but no longer for their team', async () => {
    const day = utcDay();
    const visitor = (n: number) => n.toString(16).padStart(64, '0');
    await writeUsageEvents(
      env.DB,
      [
        { day, guide: 'chia-se-sau-nhap', kind: 'share_click', member: 'K7Q2MZ20', visitor: visitor(1) },
        { day, guide: 'chia-se-sau-nhap', kind: 'share_click', member: 'B2N6HV23', visitor: visitor(2) },
      ],
      day,
    );
    const counted = await env.DB.prepare("SELECT team_id, member_code, count FROM usage_daily WHERE guide = 'chia-se-sau-nhap' ORDER BY team_id").all();
    expect(counted.results).toEqual([
      { team_id: 0, member_code: '', count: 1 },
      { team_id: 1, member_code: 'B2N6HV23', count: 1 },
    ]);
  });

  it('refuses a file with a row outside the scope, naming the rows, and writes nothing', async () => {
    const rows = await readDirectoryRows(env.DB, 'national');
    const before = JSON.stringify(rows);
    const preview = await previewDirectoryUpload(env.DB, { bytes: csv(rows), fileName: 'ca-tinh.csv' }, { scope: eaKao });
    expect(preview.ok).toBe(false);
    if (preview.ok) return;
    const outside = rows.map((row, i) => ({ row: i + 2, code: row[column('communeCode')] })).filter((r) => r.code !== '24169');
    expect(outside.length).toBeGreaterThan(2);
    const scopeErrors = preview.errors.filter((e) => e.column === 'Mã xã/phường');
    expect(scopeErrors.map((e) => e.rowNumber)).toEqual(outside.map((r) => r.row));
    expect(formatRowError(scopeErrors[0]!)).toMatch(/^Dòng \d+, cột «Mã xã\/phường»: .+ nằm ngoài phạm vi được sửa \(Phường Ea Kao \(24169\)\)$/);
    // A province admin of Đắk Lắk: the Vĩnh Long rows are refused.
    const province = await previewDirectoryUpload(env.DB, { bytes: csv(rows), fileName: 'ca-tinh.csv' }, { scope: { provinceCode: '66' } });
    expect(province.ok ? [] : province.errors.filter((e) => e.column === 'Mã xã/phường').map(formatRowError)).toEqual([
      expect.stringMatching(/^Dòng \d+, cột «Mã xã\/phường»: Phường Bến Tre \(28789\) nằm ngoài phạm vi được sửa \(Đắk Lắk \(66\)\)$/),
    ]);
    expect(JSON.stringify(await readDirectoryRows(env.DB, 'national'))).toBe(before);
  });

  it('a preview is confirmed once, only in its scope, and refused if the directory changed since', async () => {
    const rows = await readDirectoryRows(env.DB, { communeCode: '28789' });
    // His team stays, without members (the row keeps the team's cells only).
    const memberColumns = (['fullName', 'role', 'position', 'phone', 'publishContact', 'memberCode'] as const).map(column);
    const without = rows.map((row) => (row[column('fullName')] === 'Châu Văn Phúc' ? row.map((cell, i) => (memberColumns.includes(i) ? '' : cell)) : row));
    const first = await previewDirectoryUpload(env.DB, { bytes: csv(without), fileName: 'a.csv' }, { scope: { provinceCode: '86' } });
    if (!first.ok) throw new Error('refused');
    expect(first.summary.members.removed.map((m) => m.fullName)).toEqual(['Châu Văn Phúc']);

    expect(await confirmDirectoryUpload(env.DB, first.importId, { scope: { communeCode: '28789' } })).toMatchObject({ ok: false, reason: 'scope' });

    // Someone else's import in between: the first preview is stale, and nothing of it is written.
    const renamed = rows.map((row) => (row[column('fullName')] === 'Châu Văn Phúc' ? row.with(column('position'), 'Trưởng khu phố') : row));
    const second = await previewDirectoryUpload(env.DB, { bytes: csv(renamed), fileName: 'b.csv' }, { scope: { provinceCode: '86' } });
    if (!second.ok) throw new Error('refused');
    expect((await confirmDirectoryUpload(env.DB, second.importId, { scope: { provinceCode: '86' } })).ok).toBe(true);
    const stale = await confirmDirectoryUpload(env.DB, first.importId, { scope: { provinceCode: '86' } });
    expect(stale).toMatchObject({ ok: false, reason: 'stale' });
    expect((await fetchText('/api/communes/28789')).body).toContain('Châu Văn Phúc');
    expect(await confirmDirectoryUpload(env.DB, second.importId, { scope: { provinceCode: '86' } })).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('a file that is not a spreadsheet gets a clear message, not an error page', async () => {
    const garbage = await previewDirectoryUpload(env.DB, { bytes: new Uint8Array([0x50, 0x4b, 1, 2, 3]), fileName: 'x.xlsx' }, { scope: eaKao });
    expect(garbage).toMatchObject({ ok: false, fileError: 'Không đọc được tệp .xlsx (tệp hỏng hoặc không phải Excel).' });
    const latin1 = await previewDirectoryUpload(env.DB, { bytes: new Uint8Array([0x4d, 0xe3, 0x20]), fileName: 'x.csv' }, { scope: eaKao });
    expect(latin1.ok === false && latin1.fileError).toMatch(/UTF-8/);
    const pdf = await previewDirectoryUpload(env.DB, { bytes: new Uint8Array([1]), fileName: 'x.pdf' }, { scope: eaKao });
    expect(pdf.ok === false && pdf.fileError).toMatch(/\.csv hoặc \.xlsx/);
  });
});
