// Every family of officials' forms, read through its zod schema (issue 22.4):
// a bad field gets a clear Vietnamese error and writes nothing — no row, no
// audit entry. One good form per family where the schema reshapes a value
// ("1.500" is 1500, a phone is stored as the import stores it).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminAccountsUi, adminDirectoryUi, adminImportUi, adminUi } from '../../site/i18n/admin-ui.ts';
import { ui } from '../../site/i18n/ui.ts';
import { vietnamDay } from '../../functions/assists/entries.ts';
import { addDays } from '../../functions/usage/report.ts';
import { type Browser, signedIn, totpKeyForTests } from './admin-helpers.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';

let eaKao: Browser;
let daklak: Browser;

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  ({ browser: eaKao } = await signedIn({ username: 'xa.eakao.forms', role: 'commune', provinceCode: '66', communeCode: '24169' }));
  ({ browser: daklak } = await signedIn({ username: 'tinh.daklak.forms', role: 'province', provinceCode: '66', totpKey: totpKeyForTests }));
});

const tables = [
  'members',
  'teams',
  'invitations',
  'directory_import_chunks',
  'assist_targets',
  'assist_rates',
  'duty_plans',
  'duty_events',
  'scam_alerts',
  'audit_log',
] as const;
/** Row counts of every table an officials' form writes, and of the audit log. */
async function counts(): Promise<Record<string, number>> {
  const rows = await env.DB.batch(tables.map((table) => env.DB.prepare(`SELECT count(*) AS n FROM ${table}`)));
  return Object.fromEntries(tables.map((table, i) => [table, (rows[i]!.results[0] as { n: number }).n]));
}

/** Posts a bad form: 400 (or the status given), the Vietnamese message in the page, and no row or audit entry anywhere. */
async function refused(send: () => Promise<Response>, message: string, status = 400) {
  const before = await counts();
  const res = await send();
  expect(res.status).toBe(status);
  const html = await res.text();
  expect(html).toContain(message);
  expect(html).toMatch(/<html lang="vi"/);
  expect(await counts()).toEqual(before);
}

describe("officials' forms refuse a bad field in Vietnamese and write nothing", () => {
  it('directory: a member name over the import’s 120 characters, a team’s link that is not Zalo', async () => {
    await refused(() => eaKao.post('/quan-tri/to/1/thanh-vien', { ho_ten: 'Ê'.repeat(121), vai_tro: 'thanh_vien', dien_thoai: '' }), 'dài quá 120 ký tự');
    await refused(() => eaKao.post('/quan-tri/xa/24169/to', { ten: 'Tổ mới', cap: 'commune', zalo: 'https://example.com/nhom' }), 'không phải link Zalo');
    // The refused form comes back as typed, to fix one field, not retype all.
    const again = await (
      await eaKao.post('/quan-tri/xa/24169/to', { ten: 'Tổ Sửa Lại', cap: 'organisation', zalo: 'zalo.me/g/abc', ngay_qd: '31/02/2025' })
    ).text();
    expect(again).toContain(adminDirectoryUi.errors.badDate);
    expect(again).toContain('value="Tổ Sửa Lại"');
    expect(again).toContain('value="https://zalo.me/g/abc"');
    expect(again).toContain('value="31/02/2025"');
    expect(again).toMatch(/<option value="organisation" selected/);
    // The schema's output is what is stored: the phone as the import stores it.
    const ok = await eaKao.post('/quan-tri/to/1/thanh-vien', { ho_ten: '  Phạm   Thị  Mẫu ', vai_tro: 'to_pho', dien_thoai: '+84 912 000 333' });
    expect(ok.status).toBe(303);
    expect(await env.DB.prepare("SELECT role, phone FROM members WHERE full_name = 'Phạm Thị Mẫu'").first()).toEqual({ role: 'to_pho', phone: '0912000333' });
  });

  it('accounts: an invitation for a name with a control character', async () => {
    await refused(
      () => daklak.post('/quan-tri/tai-khoan/moi', { role: 'commune', xa: '24169', name: 'Cán bộ\u0007 mới' }),
      `${adminAccountsUi.name}: có ký tự điều khiển`,
    );
  });

  it('import: an upload that does not say what kind of list it is', async () => {
    const form = new FormData();
    form.set('file', new File(['Mã xã\n24169\n'], 'danh-sach.csv', { type: 'text/csv' }));
    await refused(() => eaKao.post('/quan-tri/nhap/', form), adminImportUi.noKind);
  });

  it('targets: "1.5" is refused, "1.500" is saved as 1500', async () => {
    await refused(() => daklak.post('/quan-tri/ho-tro/chi-tieu/', { 'muc-tieu-vneid': '1.5' }), ui.assistsAdmin.targetErrors.target);
    expect((await daklak.post('/quan-tri/ho-tro/chi-tieu/', { 'muc-tieu-vneid': '1.500', 'mau-so-vneid': '12 000' })).status).toBe(303);
    const row = await env.DB.prepare(
      "SELECT target, denominator FROM assist_targets WHERE indicator = 'vneid' AND province_code = '66' AND commune_code = ''",
    ).first();
    expect(row).toEqual({ target: 1500, denominator: 12000 });
  });

  it('rates: a month not written year-month', async () => {
    await refused(() => daklak.post('/quan-tri/ho-tro/muc-chi/', { 'muc-ngay': '50.000', 'tu-thang': '03/2026' }), ui.allowance.fromMonthError);
  });

  it('roster: a shift that ends before it starts', async () => {
    const body = new FormData();
    for (const [k, v] of Object.entries({
      'form-key': 'forms-test-key-0001-xxxxxx',
      day: addDays(vietnamDay(), 2),
      start: '11:00',
      end: '07:30',
      place: 'Nhà văn hoá buôn',
      weeks: '1',
    }))
      body.set(k, v);
    await refused(() => eaKao.post('/quan-tri/lich/them/?xa=24169&loai=buoi', body), ui.roster.errors.end);
  });

  it('alerts: a title that holds a link', async () => {
    const form = new FormData();
    const today = vietnamDay();
    for (const [k, v] of Object.entries({
      'tieu-de': 'Lừa đảo qua lua-dao.example.com',
      'ke-gian': 'Kẻ gian gửi tin nhắn.',
      'nen-lam': 'Không bấm vào.',
      'pham-vi': '66',
      'tu-ngay': today,
      'den-ngay': addDays(today, 10),
      buoc: 'dang',
      'ma-form': crypto.randomUUID(),
    }))
      form.set(k, v);
    await refused(() => daklak.post('/quan-tri/canh-bao/moi', form), ui.alerts.errors.noLinks);
  });

  it('two-step set-up: a key that is not one the page made', async () => {
    await refused(() => eaKao.post('/quan-tri/hai-buoc/cai-dat', { khoa: 'not-a-key', ma: '123456' }), adminUi.twoFactor.wrongCode);
    expect(await env.DB.prepare("SELECT totp_enabled_at FROM officials WHERE username = 'xa.eakao.forms'").first('totp_enabled_at')).toBeNull();
  });
});
