// Issue 23, point 4: activity days (one definition), the province's rates
// (audited, province admins with two-step sign-in only) and the month's
// allowance sheet per commune: days and amounts against figures counted by
// hand from the entries below, scoped to the official, every sheet shown or
// downloaded in the audit log.
import { env } from 'cloudflare:test';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberActivityDays } from '../../functions/assists/activity.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { type Browser, signedIn, totpKeyForTests } from './admin-helpers.ts';
import { insertEntry, memberIdOf } from './assists-helpers.ts';

const YBHIN = 'K7Q2MZ20'; // team 1 (buôn Ea Kao), Phường Ea Kao 24169
const NGA = 'P3X9TA21'; // team 1
const BINH = 'B2N6HV23'; // team 1, removed from the list below: not on the sheet
const CUONG = 'M5J7KE24'; // team 2 (thôn 2), Phường Ea Kao
const MAI = 'E9V3XB30'; // team 7, Phường Buôn Ma Thuột 24133
const NAM = 'H8S2NJ31'; // team 8, Đắk Lắk's province team (no commune)

let eaKao: Browser;
let bmt: Browser;
let daklak: Browser;
let daklakNo2fa: Browser;
let vinhLong: Browser;

const entry = (code: string, people: number, day: string) => insertEntry(code, people, day);

const confirm = (assistId: number, visitor: string) =>
  env.DB.prepare('INSERT INTO assist_confirmations (assist_id, visitor, day, confirmed_at) VALUES (?, ?, ?, 0)').bind(assistId, visitor, '2026-03-02').run();

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  ({ browser: eaKao } = await signedIn({ username: 'xa.eakao', role: 'commune', provinceCode: '66', communeCode: '24169' }));
  ({ browser: bmt } = await signedIn({ username: 'xa.bmt', role: 'commune', provinceCode: '66', communeCode: '24133' }));
  ({ browser: daklak } = await signedIn({ username: 'tinh.daklak', role: 'province', provinceCode: '66', totpKey: totpKeyForTests }));
  ({ browser: daklakNo2fa } = await signedIn({ username: 'tinh.daklak2', role: 'province', provinceCode: '66' }));
  ({ browser: vinhLong } = await signedIn({ username: 'xa.bentre', role: 'commune', provinceCode: '86', communeCode: '28789' }));
  // Y Bhin Niê: 2, 5 and 31 March (two entries on the 2nd) = 3 days, 7 people; 2 citizens confirmed the 2 March entry.
  const first = await entry(YBHIN, 3, '2026-03-02');
  await entry(YBHIN, 2, '2026-03-02');
  await entry(YBHIN, 1, '2026-03-05');
  await entry(YBHIN, 1, '2026-03-31');
  await entry(YBHIN, 5, '2026-04-01'); // another month
  await entry(YBHIN, 5, '2026-02-28'); // another month
  const voided = await entry(YBHIN, 4, '2026-03-10'); // voided: no activity day, not counted
  await env.DB.prepare('UPDATE assists SET voided_at = 1, voided_by = ? WHERE id = ?').bind('test', voided).run();
  await confirm(first, 'visitor-a');
  await confirm(first, 'visitor-b');
  await confirm(voided, 'visitor-c');
  // H'Nga Mlô: 5 March = 1 day, 4 people.
  await entry(NGA, 4, '2026-03-05');
  // Lê Văn Cường (team 2): 15 and 16 March = 2 days, 4 people, 1 confirmed.
  await confirm(await entry(CUONG, 2, '2026-03-15'), 'visitor-d');
  await entry(CUONG, 2, '2026-03-16');
  // Trần Thị Bình recorded, then left the team's list: not a current member.
  await entry(BINH, 6, '2026-03-20');
  await env.DB.prepare('UPDATE members SET removed_at = 1 WHERE code = ?').bind(BINH).run();
  // Other places.
  await entry(MAI, 8, '2026-03-07');
  await entry(NAM, 1, '2026-03-09');
});

const MARCH = 'thang=2026-03';

/** The cells of the sheet's row of a member (text of each <td>, tags stripped). */
function rowOf(html: string, name: string): string[] {
  const row = new RegExp(`<tr><td data-label="STT">\\d+</td><td><strong>${name}</strong>[\\s\\S]*?</tr>`).exec(html)?.[0];
  if (!row) throw new Error(`no row for ${name}`);
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

const totalRow = (html: string, after = 0) =>
  [...(/<tr class="allowance-total">[\s\S]*?<\/tr>/.exec(html.slice(after))?.[0] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, ''),
  );

const auditRows = async (action: string) =>
  (
    await env.DB.prepare('SELECT actor, subject, after_json AS after FROM audit_log WHERE action = ? ORDER BY id')
      .bind(action)
      .all<{ actor: string; subject: string; after: string }>()
  ).results;

describe('activity days', () => {
  it('are the days with at least one recorded, not voided assist (one definition)', async () => {
    expect(await memberActivityDays(env.DB, await memberIdOf(YBHIN), '2026-03-01', '2026-03-31')).toEqual(['2026-03-02', '2026-03-05', '2026-03-31']);
    expect(await memberActivityDays(env.DB, await memberIdOf(CUONG), '2026-03-16', '2026-04-30')).toEqual(['2026-03-16']);
    expect(await memberActivityDays(env.DB, await memberIdOf(MAI), '2026-04-01', '2026-04-30')).toEqual([]);
  });

  it('also count a served shift (issue 17) and a scam alert passed on (issue 18), once a day whatever the source', async () => {
    const member = await memberIdOf(MAI);
    const place = await env.DB.prepare(
      'SELECT t.id AS team, t.province_code AS province, t.commune_code AS commune FROM members m JOIN teams t ON t.id = m.team_id WHERE m.id = ?',
    )
      .bind(member)
      .first<{ team: number; province: string; commune: string }>();
    const now = Date.now();
    const plan = await env.DB.prepare(
      `INSERT INTO duty_plans (form_key, province_code, commune_code, kind, first_day, last_day, created_by, created_at) VALUES ('activity-test', ?, ?, 'shift', '2026-04-01', '2026-04-30', 'test', ?) RETURNING id`,
    )
      .bind(place!.province, place!.commune, now)
      .first<{ id: number }>();
    const shift = (day: string, status: string) =>
      env.DB.prepare(
        `INSERT INTO duty_events (plan_id, kind, province_code, commune_code, day, start_time, end_time, place, status, created_at, updated_at) VALUES (?, 'shift', ?, ?, ?, '07:30', '11:00', 'UBND xã', ?, ?, ?) RETURNING id`,
      )
        .bind(plan!.id, place!.province, place!.commune, day, status, now, now)
        .first<{ id: number }>();
    const served = await shift('2026-04-02', 'planned');
    const notServed = await shift('2026-04-03', 'planned');
    const cancelled = await shift('2026-04-04', 'cancelled');
    await env.DB.batch([
      env.DB.prepare('INSERT INTO duty_assignments (event_id, member_id, served_at) VALUES (?, ?, ?)').bind(served!.id, member, now),
      env.DB.prepare('INSERT INTO duty_assignments (event_id, member_id) VALUES (?, ?)').bind(notServed!.id, member),
      env.DB.prepare('INSERT INTO duty_assignments (event_id, member_id, served_at) VALUES (?, ?, ?)').bind(cancelled!.id, member, now),
    ]);
    const alert = await env.DB.prepare(
      `INSERT INTO scam_alerts (slug, title, scam_text, advice_text, starts_on, ends_on, form_key, created_at, updated_at) VALUES ('activity-test', 'T', 'S', 'A', '2026-04-01', '2026-04-30', 'activity-test', ?, ?) RETURNING id`,
    )
      .bind(now, now)
      .first<{ id: number }>();
    await env.DB.prepare(
      `INSERT INTO scam_alert_reach (alert_id, member_id, team_id, province_code, commune_code, channel, people, first_day, day, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'zalo', 30, '2026-04-02', '2026-04-09', ?, ?)`,
    )
      .bind(alert!.id, member, place!.team, place!.province, place!.commune, now, now)
      .run();
    // 2 April: served shift and alert first marked, one day; 9 April: the alert marked again; not the shift not served, nor the cancelled one.
    expect(await memberActivityDays(env.DB, member, '2026-04-01', '2026-04-30')).toEqual(['2026-04-02', '2026-04-09']);
  });
});

describe('the allowance sheet without rates', () => {
  it('lists every current member of the commune with their team, dates, days and help, no amounts', async () => {
    const res = await eaKao.get(`/quan-tri/ho-tro/bang-ke/?${MARCH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('Tỉnh chưa đặt mức chi');
    expect(html).not.toContain('Thành tiền');
    expect(rowOf(html, 'Y Bhin Niê').slice(1)).toEqual(['Y Bhin Niê', 'Tổ công nghệ số cộng đồng buôn Ea Kao', '2, 5, 31', '3', '7', '2']);
    expect(rowOf(html, 'Võ Thị Hạnh').slice(3)).toEqual(['', '0', '0', '0']); // a current member with no activity is listed
    expect(html).not.toContain('Trần Thị Bình'); // removed from the list
    expect(html).not.toContain('Ngô Thị Mai'); // another commune
  });
});

describe('rates', () => {
  it('a province admin (two-step on) sets them; audited; the sheet then shows amounts', async () => {
    const form = await daklak.get('/quan-tri/ho-tro/muc-chi/');
    expect(form.status).toBe(200);
    const res = await daklak.post('/quan-tri/ho-tro/muc-chi/', { 'muc-ngay': '50.000', 'muc-thang': '300000', 'tu-thang': '2026-03' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('ket-qua=da-luu');
    const row = await env.DB.prepare(
      'SELECT from_month AS fromMonth, per_member_day AS d, per_team_month AS m, set_by AS who FROM assist_rates WHERE province_code = ?',
    )
      .bind('66')
      .first();
    expect(row).toEqual({ fromMonth: '2026-03', d: 50000, m: 300000, who: 'tinh.daklak' });
    const audit = await auditRows('assist.rate.set');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'tinh.daklak', subject: 'rates:66:2026-03' });
    expect(JSON.parse(audit[0]!.after)).toEqual({ perMemberDay: 50000, perTeamMonth: 300000 });
    // Sending the same again changes nothing and logs nothing.
    expect(
      (await daklak.post('/quan-tri/ho-tro/muc-chi/', { 'muc-ngay': '50000', 'muc-thang': '300 000', 'tu-thang': '2026-03' })).headers.get('location'),
    ).toContain('khong-doi');
    expect(await auditRows('assist.rate.set')).toHaveLength(1);
  });

  it('refuses bad amounts with a clear message, commune officers, other provinces and admins without two-step sign-in; nothing written', async () => {
    for (const value of ['-5', 'năm mươi nghìn', '0', '1000000000', '12,5']) {
      const bad = await daklak.post('/quan-tri/ho-tro/muc-chi/', { 'muc-ngay': value, 'muc-thang': '', 'tu-thang': '2026-03' });
      expect(bad.status, value).toBe(400);
      expect(await bad.text()).toContain('Mức chi là số tiền (đồng), số nguyên từ 1 đến 100.000.000');
    }
    for (const month of ['', '2026-13', 'tháng 3']) {
      const bad = await daklak.post('/quan-tri/ho-tro/muc-chi/', { 'muc-ngay': '1', 'tu-thang': month });
      expect(bad.status, month).toBe(400);
      expect(await bad.text()).toContain('Hãy chọn tháng bắt đầu áp dụng');
    }
    const noMonth = await daklak.post('/quan-tri/ho-tro/muc-chi/', { 'muc-ngay': '1' });
    expect(noMonth.status).toBe(400);
    expect((await eaKao.post('/quan-tri/ho-tro/muc-chi/', { 'muc-ngay': '1', 'muc-thang': '1', 'tu-thang': '2026-03' })).status).toBe(403);
    expect((await daklakNo2fa.post('/quan-tri/ho-tro/muc-chi/', { 'muc-ngay': '1', 'muc-thang': '1', 'tu-thang': '2026-03' })).status).toBe(403);
    expect((await vinhLong.post('/quan-tri/ho-tro/muc-chi/', { 'muc-ngay': '1', 'tu-thang': '2026-03' })).status).toBe(403);
    // A commune officer reads the rates, without a save button.
    const readOnly = await (await eaKao.get('/quan-tri/ho-tro/muc-chi/')).text();
    expect(readOnly).toContain('Chỉ quản trị tỉnh sửa được mức chi.');
    expect(readOnly).not.toContain('Lưu mức chi');
    const rows = await env.DB.prepare('SELECT from_month AS fromMonth, per_member_day AS d, per_team_month AS m FROM assist_rates WHERE province_code = ?')
      .bind('66')
      .all();
    expect(rows.results).toEqual([{ fromMonth: '2026-03', d: 50000, m: 300000 }]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM assist_rates WHERE province_code = '86'").first('n')).toBe(0);
    expect(await auditRows('assist.rate.set')).toHaveLength(1);
  });
});

describe('the allowance sheet with rates', () => {
  it('computes each member’s amount (days × 50,000 đ) and each active team’s 300,000 đ, with totals; A4 signature lines', async () => {
    const html = await (await eaKao.get(`/quan-tri/ho-tro/bang-ke/?${MARCH}`)).text();
    expect(html).toContain('Bảng kê ngày hoạt động của thành viên Tổ công nghệ số cộng đồng, tháng 03/2026');
    expect(html).toContain('Phường Ea Kao, Đắk Lắk');
    expect(rowOf(html, 'Y Bhin Niê').slice(3)).toEqual(['2, 5, 31', '3', '7', '2', '150.000']);
    expect(rowOf(html, 'H’Nga Mlô').slice(3)).toEqual(['5', '1', '4', '0', '50.000']);
    expect(rowOf(html, 'Lê Văn Cường').slice(2)).toEqual(['Tổ công nghệ số cộng đồng thôn 2', '15, 16', '2', '4', '1', '100.000']);
    expect(rowOf(html, 'Bùi Quốc Huy').slice(3)).toEqual(['', '0', '0', '0', '0']);
    expect(html).toMatch(/Mức chi theo tổ: Tổ công nghệ số cộng đồng buôn Ea Kao<\/td><td class="number" data-label="Thành tiền \(đồng\)">300.000</);
    expect(html).toMatch(/Mức chi theo tổ: Tổ công nghệ số phường Ea Kao<\/td><td class="number" data-label="Thành tiền \(đồng\)">0</); // no activity
    // 6 days, 15 people, 3 confirmed; 300,000 + 600,000 đ.
    expect(totalRow(html)).toEqual(['', 'Tổng cộng', '6', '15', '3', '900.000']);
    for (const line of ['Chủ tịch UBND xã', 'Kế toán', 'Người lập bảng']) expect(html).toContain(line);
    expect(html).toContain('data-print');
  });

  it('a province admin gets one sheet per commune of the province, and its province-level teams', async () => {
    const html = await (await daklak.get(`/quan-tri/ho-tro/bang-ke/?${MARCH}`)).text();
    const sections = [...html.matchAll(/<section class="allowance-sheet"[^>]*><h2[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(sections).toEqual(['Phường Buôn Ma Thuột, Đắk Lắk', 'Phường Ea Kao, Đắk Lắk', 'Tổ cấp tỉnh (không thuộc xã nào), Đắk Lắk']);
    expect(rowOf(html, 'Ngô Thị Mai').slice(3)).toEqual(['7', '1', '8', '0', '50.000']);
    expect(rowOf(html, 'Đinh Công Nam').slice(3)).toEqual(['9', '1', '1', '0', '50.000']);
    expect(html).not.toContain('Hoàng Văn Lâm'); // a dissolved team's member
    const eaKaoAt = html.indexOf('Phường Ea Kao, Đắk Lắk</h2>');
    expect(totalRow(html, eaKaoAt)).toEqual(['', 'Tổng cộng', '6', '15', '3', '900.000']);
    const one = await (await daklak.get(`/quan-tri/ho-tro/bang-ke/?xa=24133&${MARCH}`)).text();
    expect(totalRow(one)).toEqual(['', 'Tổng cộng', '1', '8', '0', '350.000']);
  });

  it('downloads as XLSX with the same figures, one worksheet per commune', async () => {
    const res = await daklak.get(`/quan-tri/ho-tro/bang-ke/?${MARCH}&dinh-dang=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('bang-ke-66-2026-03.xlsx');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const workbook = strFromU8(files['xl/workbook.xml']!);
    expect(workbook).toContain('24169 Phường Ea Kao');
    expect(workbook).toContain('24133 Phường Buôn Ma Thuột');
    const sheets = Object.keys(files)
      .filter((f) => f.startsWith('xl/worksheets/sheet'))
      .map((f) => strFromU8(files[f]!));
    const eaKaoSheet = sheets.find((s) => s.includes('Y Bhin Niê'))!;
    expect(eaKaoSheet).toBeDefined();
    expect(eaKaoSheet).not.toContain('Ngô Thị Mai');
    // Y Bhin Niê's row: dates, 3 days, 7 people, 2 confirmed, 150000 đ; the total 900000 đ.
    expect(eaKaoSheet).toMatch(
      /Y Bhin Niê<\/t><\/is><\/c><c[^>]*t="inlineStr"><is><t[^>]*>Tổ công nghệ số cộng đồng buôn Ea Kao<\/t><\/is><\/c><c[^>]*><is><t[^>]*>2, 5, 31<\/t><\/is><\/c><c[^>]*><v>3<\/v><\/c><c[^>]*><v>7<\/v><\/c><c[^>]*><v>2<\/v><\/c><c[^>]*><v>150000<\/v>/,
    );
    expect(eaKaoSheet).toMatch(/Tổng cộng<\/t><\/is><\/c><c[^>]*><v>6<\/v><\/c><c[^>]*><v>15<\/v><\/c><c[^>]*><v>3<\/v><\/c><c[^>]*><v>900000<\/v>/);
    expect(eaKaoSheet).toContain('Chủ tịch UBND xã');
    expect(eaKaoSheet).toContain('Kế toán');
  });

  it('every sheet shown or downloaded is in the audit log, with who, where and which month', async () => {
    const rows = await auditRows('allowance.download');
    const seen = rows.map((r) => [r.actor, r.subject, JSON.parse(r.after).format]);
    expect(seen).toContainEqual(['xa.eakao', 'allowance:24169:2026-03', 'print']);
    expect(seen).toContainEqual(['tinh.daklak', 'allowance:66:2026-03', 'print']);
    expect(seen).toContainEqual(['tinh.daklak', 'allowance:24133:2026-03', 'print']);
    expect(seen).toContainEqual(['tinh.daklak', 'allowance:66:2026-03', 'xlsx']);
    const before = rows.length;
    await eaKao.get(`/quan-tri/ho-tro/bang-ke/?${MARCH}&dinh-dang=xlsx`);
    expect(await auditRows('allowance.download')).toHaveLength(before + 1);
  });

  it('refuses officials outside the scope (403, no data, nothing logged) and bad months (400)', async () => {
    const before = (await auditRows('allowance.download')).length;
    for (const [browser, path] of [
      [eaKao, `/quan-tri/ho-tro/bang-ke/?xa=24133&${MARCH}`],
      [eaKao, `/quan-tri/ho-tro/bang-ke/?xa=24133&${MARCH}&dinh-dang=xlsx`],
      [bmt, `/quan-tri/ho-tro/bang-ke/?xa=24169&${MARCH}&dinh-dang=xlsx`],
      [bmt, `/quan-tri/ho-tro/bang-ke/?xa=tinh&${MARCH}`],
      [vinhLong, `/quan-tri/ho-tro/bang-ke/?xa=24169&${MARCH}`],
      [vinhLong, `/quan-tri/ho-tro/bang-ke/?tinh=66&${MARCH}&dinh-dang=xlsx`],
    ] as const) {
      const res = await browser.get(path);
      expect([403, 200], path).toContain(res.status);
      const body = await res.text();
      expect(body, path).not.toContain('Y Bhin Niê');
      expect(body, path).not.toContain('Ngô Thị Mai');
      if (!path.includes('tinh=66')) expect(res.status, path).toBe(403);
    }
    // ?tinh= is a national admin's: a commune officer of Vĩnh Long still sees only their own commune.
    expect(await auditRows('allowance.download')).toHaveLength(before + 1);
    for (const month of ['2026-13', '26-03', '2026-3', 'thang-ba']) {
      const res = await eaKao.get(`/quan-tri/ho-tro/bang-ke/?thang=${encodeURIComponent(month)}`);
      expect(res.status, month).toBe(400);
      expect(await res.text()).toContain('Tháng không hợp lệ');
    }
  });
});

describe('rates that change', () => {
  it('apply from their month on: an earlier month’s sheet keeps the rates in force then', async () => {
    const res = await daklak.post('/quan-tri/ho-tro/muc-chi/', { 'muc-ngay': '60000', 'muc-thang': '', 'tu-thang': '2026-04' });
    expect(res.status).toBe(303);
    const rates = await (await daklak.get('/quan-tri/ho-tro/muc-chi/')).text();
    expect(rates).toContain('Các mức chi đã đặt');
    expect(rates).toMatch(/04\/2026[\s\S]*60\.000 đ[\s\S]*03\/2026[\s\S]*50\.000 đ/);
    // March: still 50,000 đ a day and 300,000 đ a team.
    const march = await (await eaKao.get(`/quan-tri/ho-tro/bang-ke/?${MARCH}`)).text();
    expect(totalRow(march)).toEqual(['', 'Tổng cộng', '6', '15', '3', '900.000']);
    // April: 60,000 đ a day, no team rate: Y Bhin Niê's 1 April.
    const april = await (await eaKao.get('/quan-tri/ho-tro/bang-ke/?thang=2026-04')).text();
    expect(rowOf(april, 'Y Bhin Niê').slice(3)).toEqual(['1', '1', '5', '0', '60.000']);
    expect(april).not.toContain('Mức chi theo tổ: '); // no team rows without a team rate
    expect(totalRow(april)).toEqual(['', 'Tổng cộng', '1', '5', '0', '60.000']);
    // February: before any rate, no amounts.
    const february = await (await eaKao.get('/quan-tri/ho-tro/bang-ke/?thang=2026-02')).text();
    expect(february).toContain('Tỉnh chưa đặt mức chi');
    expect(rowOf(february, 'Y Bhin Niê').slice(3)).toEqual(['28', '1', '5', '0']);
    expect(await auditRows('assist.rate.set')).toHaveLength(2);
  });
});
