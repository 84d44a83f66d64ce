// Issue 23, point 3: an entry's outcome (done, or one of the fixed reasons it
// stalled), validated by the member form's schema, and the "bản đồ điểm
// nghẽn" officials read per commune and province, with its CSV.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { vietnamDay } from '../../functions/assists/entries.ts';
import { stallReasonIds } from '../../functions/assists/outcomes.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { type Browser, signedIn, totpKeyForTests } from './admin-helpers.ts';
import { insertEntry, memberGet, memberIdOf, memberPost, signIn } from './assists-helpers.ts';

const YBHIN = 'K7Q2MZ20'; // team 1, Phường Ea Kao (24169), Đắk Lắk (66)
const MAI = 'E9V3XB30'; // team 7, Phường Buôn Ma Thuột (24133), Đắk Lắk
const PHUC = 'D7K5QT33'; // team 9, Phường Bến Tre (28789), Vĩnh Long (86)
let cookie = '';
let eaKao: Browser;
let bmt: Browser;
let daklak: Browser;
let vinhLong: Browser;

const entry = (code: string, people: number, day: string, outcome: string | null) => insertEntry(code, people, day, { outcome });

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  cookie = await signIn(YBHIN);
  ({ browser: eaKao } = await signedIn({ username: 'xa.eakao', role: 'commune', provinceCode: '66', communeCode: '24169' }));
  ({ browser: bmt } = await signedIn({ username: 'xa.bmt', role: 'commune', provinceCode: '66', communeCode: '24133' }));
  ({ browser: daklak } = await signedIn({ username: 'tinh.daklak', role: 'province', provinceCode: '66', totpKey: totpKeyForTests }));
  ({ browser: vinhLong } = await signedIn({ username: 'xa.bentre', role: 'commune', provinceCode: '86', communeCode: '28789' }));
  // March 2026 (weeks of 2 and 9 March): Ea Kao 3 stalled on NFC, 2 on SIM, 4 done;
  // Buôn Ma Thuột 5 stalled on NFC, one voided entry; Vĩnh Long 6 on OTP.
  await entry(YBHIN, 3, '2026-03-02', 'nfc');
  await entry(YBHIN, 2, '2026-03-10', 'sim-khong-chinh-chu');
  await entry(YBHIN, 4, '2026-03-10', 'xong');
  await entry(YBHIN, 9, '2026-03-11', null);
  await entry(MAI, 5, '2026-03-03', 'nfc');
  const voided = await entry(MAI, 7, '2026-03-04', 'loi-ung-dung');
  await env.DB.prepare('UPDATE assists SET voided_at = 1, voided_by = ? WHERE id = ?').bind('test', voided).run();
  await entry(PHUC, 6, '2026-03-05', 'otp-song');
});

const count = async (memberCode: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM assists WHERE member_id = ?')
    .bind(await memberIdOf(memberCode))
    .first<{ n: number }>())!.n;

describe('the outcome on the member’s form', () => {
  it('offers done and every fixed reason, and no free text', async () => {
    const html = await (await memberGet('/thanh-vien/', cookie)).text();
    const select = /<select id="outcome" name="outcome"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '';
    const values = [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual(['', 'xong', ...stallReasonIds]);
    expect(select).toContain('Điện thoại không đọc được chip (NFC)');
    expect(select).toContain('SIM không đứng tên chính chủ');
    expect(html).not.toMatch(/<textarea/);
  });

  it('records an outcome, shows it in the history, and keeps it through an edit', async () => {
    const res = await memberPost('/thanh-vien/ghi-nhan', cookie, { task: 'vneid-muc-2', people: '2', outcome: 'cccd-chip' });
    expect(res.status).toBe(303);
    const id = Number(new URL(res.headers.get('location')!, 'http://x').searchParams.get('da-ghi'));
    const row = await env.DB.prepare('SELECT outcome FROM assists WHERE id = ?').bind(id).first<{ outcome: string }>();
    expect(row!.outcome).toBe('cccd-chip');
    const html = await (await memberGet('/thanh-vien/', cookie)).text();
    expect(html).toContain('Chưa xong: Chưa có căn cước gắn chip hoặc sai thông tin giấy tờ');
    const edit = await (await memberGet(`/thanh-vien/ghi-nhan/${id}/`, cookie)).text();
    expect(edit).toMatch(/<option value="cccd-chip" selected/);
    expect((await memberPost(`/thanh-vien/ghi-nhan/${id}/`, cookie, { task: 'vneid-muc-2', people: '2', outcome: 'xong' })).status).toBe(303);
    expect((await env.DB.prepare('SELECT outcome FROM assists WHERE id = ?').bind(id).first<{ outcome: string }>())!.outcome).toBe('xong');
    // Left blank: no outcome said.
    expect((await memberPost(`/thanh-vien/ghi-nhan/${id}/`, cookie, { task: 'vneid-muc-2', people: '2', outcome: '' })).status).toBe(303);
    expect((await env.DB.prepare('SELECT outcome FROM assists WHERE id = ?').bind(id).first<{ outcome: string | null }>())!.outcome).toBeNull();
  });

  it.each(['ten-nguoi-dan', 'Nguyễn Văn A, 0912345678', 'XONG', 'done', ' nfc2'])(
    'refuses outcome %j with a clear message and writes nothing',
    async (outcome) => {
      const before = await count(YBHIN);
      const res = await memberPost('/thanh-vien/ghi-nhan', cookie, { task: 'vneid-muc-2', people: '2', outcome });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('Hãy chọn kết quả trong danh sách.');
      expect(html).toContain('aria-invalid="true"');
      expect(await count(YBHIN)).toBe(before);
    },
  );
});

describe('bản đồ điểm nghẽn', () => {
  const MARCH = 'from=2026-03-01&to=2026-03-31';

  it('a commune officer sees their commune’s reasons in a table and a weekly chart, nothing of other communes', async () => {
    const res = await eaKao.get(`/quan-tri/ho-tro/diem-nghen/?${MARCH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('Bản đồ điểm nghẽn: Phường Ea Kao, Đắk Lắk');
    expect(html).toContain('Đã xong: 4 người. Chưa xong: 5 người.');
    expect(html).toMatch(
      /Điện thoại không đọc được chip \(NFC\)<\/td><td data-label="Đơn vị có thể xử lý">[^<]*<\/td><td class="number" data-label="Số người">3</,
    );
    expect(html).toMatch(/SIM không đứng tên chính chủ<\/td><td[^>]*>[^<]*<\/td><td class="number" data-label="Số người">2</);
    expect(html).toContain('id="diem-nghen-theo-tuan-title"');
    // A stacked week's one tooltip names the segments drawn, not the reasons nobody had; an empty week has none.
    expect(html).toContain('<g><title>02/03/2026: Điện thoại không đọc được chip (NFC) 3</title><rect ');
    expect(html).not.toContain('<title>16/03/2026');
    expect(html).not.toContain('Ứng dụng báo lỗi</td>'); // voided, and another commune's
  });

  it('a province admin sees the province with each commune; the CSV carries the same counts', async () => {
    const html = await (await daklak.get(`/quan-tri/ho-tro/diem-nghen/?${MARCH}`)).text();
    expect(html).toContain('Bản đồ điểm nghẽn: Đắk Lắk');
    expect(html).toContain('Đã xong: 4 người. Chưa xong: 10 người.');
    expect(html).toContain('Theo xã, phường');
    const csv = await daklak.get(`/quan-tri/ho-tro/diem-nghen/?${MARCH}&dinh-dang=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('diem-nghen-66-2026-03-01-2026-03-31.csv');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Mã lý do,Lý do chưa xong,Đơn vị có thể xử lý,Số người,Số lần ghi nhận,Địa bàn,Từ ngày,Đến ngày');
    expect(lines).toContain('nfc,Điện thoại không đọc được chip (NFC),"Công an xã, phường (đọc chip tại chỗ)",8,2,Đắk Lắk,2026-03-01,2026-03-31');
    expect(lines).toContain('sim-khong-chinh-chu,SIM không đứng tên chính chủ,Doanh nghiệp viễn thông,2,1,Đắk Lắk,2026-03-01,2026-03-31');
    expect(lines).toContain('loi-ung-dung,Ứng dụng báo lỗi,Đơn vị quản lý ứng dụng,0,0,Đắk Lắk,2026-03-01,2026-03-31'); // the voided entry is not counted
    expect(lines).toContain('nfc,Điện thoại không đọc được chip (NFC),"Công an xã, phường (đọc chip tại chỗ)",5,,Phường Buôn Ma Thuột,2026-03-01,2026-03-31');
    expect(lines.join('\n')).not.toContain('otp-song,Không nhận được mã OTP hoặc không có sóng,"Doanh nghiệp viễn thông, ngân hàng",6'); // Vĩnh Long's
    // One commune of the province through ?xa=.
    const one = await (await daklak.get(`/quan-tri/ho-tro/diem-nghen/?xa=24133&${MARCH}&dinh-dang=csv`)).text();
    expect(one).toContain('nfc,Điện thoại không đọc được chip (NFC),"Công an xã, phường (đọc chip tại chỗ)",5,1,"Phường Buôn Ma Thuột, Đắk Lắk"');
  });

  it('refuses other communes and provinces (403, no data) and bad periods (400)', async () => {
    for (const [browser, path] of [
      [eaKao, `/quan-tri/ho-tro/diem-nghen/?xa=24133&${MARCH}`],
      [eaKao, `/quan-tri/ho-tro/diem-nghen/?xa=24133&${MARCH}&dinh-dang=csv`],
      [bmt, `/quan-tri/ho-tro/diem-nghen/?xa=tinh&${MARCH}`],
      [vinhLong, `/quan-tri/ho-tro/diem-nghen/?xa=24169&${MARCH}&dinh-dang=csv`],
    ] as const) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).not.toContain('Điện thoại không đọc được chip');
    }
    const bad = await eaKao.get('/quan-tri/ho-tro/diem-nghen/?from=2026-13-01');
    expect(bad.status).toBe(400);
    const reversed = await eaKao.get('/quan-tri/ho-tro/diem-nghen/?from=2026-03-31&to=2026-03-01');
    expect(reversed.status).toBe(400);
  });

  it('the officials’ list of recent entries shows each outcome', async () => {
    const html = await (await eaKao.get('/quan-tri/ho-tro/ghi-nhan/')).text();
    expect(html).toMatch(
      /02\/03\/2026<\/strong> · Kích hoạt VNeID mức 2 · 3 người · 0 người dân xác nhận · Y Bhin Niê \([^)]*\)\s*· Chưa xong: Điện thoại không đọc được chip \(NFC\)/,
    );
    expect(html).toContain('· Đã làm xong');
  });

  it('the member’s own fresh entry shows up for their commune officer', async () => {
    await memberPost('/thanh-vien/ghi-nhan', cookie, { task: 'vi-dien-tu', people: '1', outcome: 'otp-song' });
    const today = vietnamDay();
    const html = await (await eaKao.get(`/quan-tri/ho-tro/diem-nghen/?from=${today}&to=${today}`)).text();
    expect(html).toMatch(/Không nhận được mã OTP hoặc không có sóng<\/td><td[^>]*>[^<]*<\/td><td class="number" data-label="Số người">1</);
  });
});
