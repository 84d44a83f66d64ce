// Scam alerts (issue 18) in workerd with the real D1 and the built site:
// publishing scope, dates and scope of what shows, "đã phổ biến" marks, reach
// per commune, the loudspeaker script, the line on guides, /api/alerts.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { alertPassedOnDays } from '../../functions/alerts/alerts.ts';
import { vietnamDay } from '../../functions/assists/entries.ts';
import { addDays } from '../../functions/usage/report.ts';
import { csrfFieldName } from '../../functions/auth/csrf.tsx';
import { auditActions, signedIn, totpKeyForTests, type Browser } from './admin-helpers.ts';
import { memberGet, memberIdOf, memberPost, signIn } from './assists-helpers.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';

const today = vietnamDay();
const RELATED_GUIDE = 'nhan-biet-cuoc-goi-tin-nhan-lua-dao';
const UNRELATED_GUIDE = 'so-suc-khoe-dien-tu';

/** Alerts straight into D1, each with its own window and scope. */
const fixtureAlerts = [
  { slug: 'quoc-gia-hien-hanh', province: null, from: addDays(today, -2), to: addDays(today, 10), guides: [RELATED_GUIDE] },
  { slug: 'quoc-gia-da-het', province: null, from: addDays(today, -30), to: addDays(today, -1), guides: [UNRELATED_GUIDE] },
  { slug: 'quoc-gia-sap-toi', province: null, from: addDays(today, 1), to: addDays(today, 20), guides: [UNRELATED_GUIDE] },
  { slug: 'dak-lak-hien-hanh', province: '66', from: today, to: today, guides: [UNRELATED_GUIDE] },
  { slug: 'vinh-long-hien-hanh', province: '86', from: addDays(today, -1), to: addDays(today, 5), guides: [] },
];

async function insertAlert(a: (typeof fixtureAlerts)[number], withdrawn = false): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO scam_alerts (slug, title, scam_text, advice_text, contacts_json, guides_json, province_code, starts_on, ends_on, form_key, created_at, updated_at, withdrawn_at)
     VALUES (?, ?, ?, ?, '["113"]', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  )
    .bind(
      a.slug,
      `Cảnh báo ${a.slug}`,
      'Kẻ gian gọi điện, xưng là công an.\nHọ gửi đường link https://vneid-capnhat.top/tai-app, hỏi mã OTP.',
      'Không bấm link.\nKhông đọc mã OTP cho ai.',
      JSON.stringify(a.guides),
      a.province,
      a.from,
      a.to,
      `k-${a.slug}`,
      Date.now(),
      Date.now(),
      withdrawn ? Date.now() : null,
    )
    .first<{ id: number }>();
  return row!.id;
}

const ids = new Map<string, number>();
beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  for (const a of fixtureAlerts) ids.set(a.slug, await insertAlert(a));
  ids.set('da-go', await insertAlert({ slug: 'da-go', province: null, from: addDays(today, -1), to: addDays(today, 3), guides: [RELATED_GUIDE] }, true));
});

const alertCount = async () => (await env.DB.prepare('SELECT count(*) AS n FROM scam_alerts').first<{ n: number }>())!.n;

function alertForm(fields: Partial<Record<string, string | string[]>>): FormData {
  const form = new FormData();
  const all: Record<string, string | string[]> = {
    'tieu-de': 'Giả danh công an gọi điện đòi cập nhật VNeID',
    'ke-gian': 'Kẻ gian xưng là công an phường, bảo bạn cài ứng dụng lạ.',
    'nen-lam': 'Không cài ứng dụng theo lời người lạ.\nĐến công an xã để hỏi.',
    'so-goi': ['113', '19000368'],
    'huong-dan': [RELATED_GUIDE],
    'pham-vi': '66',
    'tu-ngay': today,
    'den-ngay': addDays(today, 30),
    ...fields,
  } as Record<string, string | string[]>;
  for (const [k, v] of Object.entries(all)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
  return form;
}

describe('publishing: who may publish what (server-side)', () => {
  let province: Browser;
  let national: Browser;
  beforeAll(async () => {
    province = (await signedIn({ username: 'tinh66', role: 'province', provinceCode: '66', totpKey: totpKeyForTests })).browser;
    national = (await signedIn({ username: 'quocgia', role: 'national', totpKey: totpKeyForTests })).browser;
  });

  it('a province admin cannot publish a national alert nor one for another province: 403, nothing written', async () => {
    const before = await alertCount();
    for (const scope of ['toan-quoc', '86']) {
      for (const buoc of ['xem-truoc', 'dang']) {
        const res = await province.post('/quan-tri/canh-bao/moi', alertForm({ 'pham-vi': scope, buoc, 'ma-form': crypto.randomUUID() }));
        expect(res.status, `${scope} ${buoc}`).toBe(403);
      }
    }
    expect(await alertCount()).toBe(before);
    // Nor edit or withdraw another province's alert, nor a national one.
    for (const slug of ['vinh-long-hien-hanh', 'quoc-gia-hien-hanh']) {
      expect((await province.post(`/quan-tri/canh-bao/${ids.get(slug)}/go`, {})).status).toBe(403);
      expect((await province.post(`/quan-tri/canh-bao/${ids.get(slug)}/sua`, alertForm({ buoc: 'luu' }))).status).toBe(403);
    }
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM scam_alerts WHERE withdrawn_at IS NOT NULL').first<{ n: number }>();
    expect(rows!.n).toBe(1);
  });

  it('a commune officer publishes nothing; a national admin without two-step sign-in changes nothing', async () => {
    const { browser: commune } = await signedIn({ username: 'xa24169', role: 'commune', provinceCode: '66', communeCode: '24169' });
    expect((await commune.post('/quan-tri/canh-bao/moi', alertForm({ buoc: 'dang', 'ma-form': crypto.randomUUID() }))).status).toBe(403);
    const { browser: noTotp } = await signedIn({ username: 'quocgia2', role: 'national' });
    expect((await noTotp.post('/quan-tri/canh-bao/moi', alertForm({ 'pham-vi': 'toan-quoc', buoc: 'dang', 'ma-form': crypto.randomUUID() }))).status).toBe(403);
  });

  it('a province admin previews, then publishes for their province once (a double tap is one alert), audited', async () => {
    const preview = await province.post('/quan-tri/canh-bao/moi', alertForm({ buoc: 'xem-truoc' }));
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('Xem trước cảnh báo');
    const formKey = /name="ma-form" value="([^"]+)"/.exec(html)![1]!;
    const before = await alertCount();
    const first = await province.post('/quan-tri/canh-bao/moi', alertForm({ buoc: 'dang', 'ma-form': formKey }));
    const second = await province.post('/quan-tri/canh-bao/moi', alertForm({ buoc: 'dang', 'ma-form': formKey }));
    expect(first.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await alertCount()).toBe(before + 1);
    const id = /\/quan-tri\/canh-bao\/(\d+)\//.exec(first.headers.get('location')!)![1];
    const row = await env.DB.prepare('SELECT slug, province_code AS p, contacts_json AS c FROM scam_alerts WHERE id = ?')
      .bind(Number(id))
      .first<{ slug: string; p: string; c: string }>();
    expect(row).toMatchObject({ p: '66', c: '["113","19000368"]' });
    expect(await auditActions(`alert:${id}`)).toEqual(['alert.publish']);
    const done = await province.get(first.headers.get('location')!);
    expect(await done.text()).toContain('Đã đăng cảnh báo');
    // An edit is audited with before and after; sending the same edit again changes nothing and writes nothing.
    const edit = () => province.post(`/quan-tri/canh-bao/${id}/sua`, alertForm({ buoc: 'luu', 'den-ngay': addDays(today, 20) }));
    expect((await edit()).headers.get('location')).toBe(`/quan-tri/canh-bao/${id}/?da-sua`);
    expect((await edit()).headers.get('location')).toBe(`/quan-tri/canh-bao/${id}/?khong-doi`);
    // Withdrawn after the confirmation page, once.
    expect((await province.get(`/quan-tri/canh-bao/${id}/go`)).status).toBe(200);
    expect((await province.post(`/quan-tri/canh-bao/${id}/go`, {})).headers.get('location')).toBe(`/quan-tri/canh-bao/${id}/?da-go`);
    expect((await province.post(`/quan-tri/canh-bao/${id}/go`, {})).headers.get('location')).toBe(`/quan-tri/canh-bao/${id}/?khong-doi`);
    expect(await auditActions(`alert:${id}`)).toEqual(['alert.publish', 'alert.update', 'alert.withdraw']);
    expect((await SELF.fetch(`http://localhost/canh-bao/${row!.slug}/`)).status).toBe(410);
  });

  it('a long title makes a bounded slug; the same title again gets its own (starting tomorrow: not shown today)', async () => {
    const title = 'Giả danh nhân viên ngân hàng gọi điện báo tài khoản bị khoá, đòi xác thực khuôn mặt qua đường dẫn lạ gửi trong tin nhắn'.slice(0, 120);
    const slugs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await province.post(
        '/quan-tri/canh-bao/moi',
        alertForm({ 'tieu-de': title, buoc: 'dang', 'ma-form': crypto.randomUUID(), 'tu-ngay': addDays(today, 1) }),
      );
      expect(res.status).toBe(303);
      const id = /\/(\d+)\/\?da-dang/.exec(res.headers.get('location')!)![1];
      slugs.push((await env.DB.prepare('SELECT slug FROM scam_alerts WHERE id = ?').bind(Number(id)).first<{ slug: string }>())!.slug);
    }
    expect(slugs[0]!.length).toBeLessThanOrEqual(60);
    expect(slugs[1]).toBe(`${slugs[0]}-2`);
  });

  it('refuses links in the texts, numbers not on the official list, unknown guides, unbounded dates', async () => {
    const res = await national.post(
      '/quan-tri/canh-bao/moi',
      alertForm({
        'pham-vi': 'toan-quoc',
        buoc: 'xem-truoc',
        'ke-gian': 'Họ gửi link http://vneid-capnhat.top',
        'so-goi': ['0912345678'],
        'huong-dan': ['khong-co-huong-dan-nay'],
        'den-ngay': addDays(today, 400),
      }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const message of ['Không ghi đường link', 'Chỉ chọn trong các số chính thức', 'Chỉ chọn hướng dẫn có trên Cẩm nang số', 'tối đa 90 ngày'])
      expect(html).toContain(message);
  });
});

describe('what shows: only within its dates and scope', () => {
  it('/api/alerts: national and that province’s current alerts, in the documented shape', async () => {
    const res = await SELF.fetch('http://localhost/api/alerts?province=66');
    expect(res.status).toBe(200);
    const body = await res.json<{ alerts: Record<string, unknown>[] }>();
    expect(body.alerts.map((a) => a.slug).sort()).toEqual(['dak-lak-hien-hanh', 'quoc-gia-hien-hanh']);
    const national = body.alerts.find((a) => a.slug === 'quoc-gia-hien-hanh')!;
    expect(national).toEqual({
      slug: 'quoc-gia-hien-hanh',
      title: 'Cảnh báo quoc-gia-hien-hanh',
      from: addDays(today, -2),
      to: addDays(today, 10),
      province: null,
    });
    expect(body.alerts.find((a) => a.slug === 'dak-lak-hien-hanh')!.province).toBe('66');
    const all = await (await SELF.fetch('http://localhost/api/alerts')).json<{ alerts: { slug: string }[] }>();
    expect(all.alerts.map((a) => a.slug).sort()).toEqual(['dak-lak-hien-hanh', 'quoc-gia-hien-hanh', 'vinh-long-hien-hanh']);
  });

  it('/api/alerts: a bad or unknown province is a 400 in the API error shape', async () => {
    for (const q of ['6', 'abc', '99', '66%27']) {
      const res = await SELF.fetch(`http://localhost/api/alerts?province=${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe('invalid_parameter');
    }
    const doc = await (await SELF.fetch('http://localhost/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(doc.paths['/api/alerts']).toBeDefined();
  });

  it('the list page shows current alerts only; expired, future and withdrawn alerts do not show', async () => {
    const html = await (await SELF.fetch('http://localhost/canh-bao/')).text();
    for (const slug of ['quoc-gia-hien-hanh', 'dak-lak-hien-hanh', 'vinh-long-hien-hanh']) expect(html).toContain(`/canh-bao/${slug}/`);
    for (const slug of ['quoc-gia-da-het', 'quoc-gia-sap-toi', 'da-go']) expect(html).not.toContain(`/canh-bao/${slug}/`);
    expect((await SELF.fetch('http://localhost/canh-bao/da-go/')).status).toBe(410);
    expect((await SELF.fetch('http://localhost/canh-bao/khong-co/')).status).toBe(404);
    const feed = await (await SELF.fetch('http://localhost/canh-bao/atom.xml')).text();
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(feed).toContain('/canh-bao/quoc-gia-hien-hanh/');
    expect(feed).not.toContain('/canh-bao/da-go/');
  });

  it('a guide shows the line of its current national alert; unrelated guides, the home page without a national alert for them, do not', async () => {
    const related = await SELF.fetch(`http://localhost/huong-dan/${RELATED_GUIDE}/`);
    const html = await related.text();
    expect(html).toContain('<p class="notice notice-error alert-line"><a href="/canh-bao/quoc-gia-hien-hanh/">');
    expect(html.match(/alert-line/g)).toHaveLength(1);
    expect(html.indexOf('alert-line')).toBeLessThan(html.indexOf('<article class="guide">'));
    // A phone holding the page without the line is not told "not modified".
    const etag = related.headers.get('etag')!;
    expect(etag).toContain('quoc-gia-hien-hanh');
    expect((await SELF.fetch(`http://localhost/huong-dan/${RELATED_GUIDE}/`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    // Expired, future and province alerts put no line on their guides.
    expect(await (await SELF.fetch(`http://localhost/huong-dan/${UNRELATED_GUIDE}/`)).text()).not.toContain('alert-line');
    expect(await (await SELF.fetch('http://localhost/')).text()).toContain('href="/canh-bao/quoc-gia-hien-hanh/"');
  });

  it('a member of Đắk Lắk sees national and Đắk Lắk alerts, not Vĩnh Long’s', async () => {
    const cookie = await signIn('E9V3XB30');
    expect(await (await memberGet('/thanh-vien/', cookie)).text()).toContain('Cảnh báo lừa đảo cần phổ biến (2)');
    const html = await (await memberGet('/thanh-vien/canh-bao/', cookie)).text();
    expect(html).toContain('Cảnh báo quoc-gia-hien-hanh');
    expect(html).toContain('Cảnh báo dak-lak-hien-hanh');
    expect(html).not.toContain('vinh-long-hien-hanh');
    expect(html).not.toContain('quoc-gia-sap-toi');
    const refused = await memberPost('/thanh-vien/canh-bao/vinh-long-hien-hanh/', cookie, { cach: 'zalo', 'so-nguoi': '10' });
    expect(refused.status).toBe(409);
    const expired = await memberPost('/thanh-vien/canh-bao/quoc-gia-da-het/', cookie, { cach: 'zalo', 'so-nguoi': '10' });
    expect(expired.status).toBe(409);
    const n = await env.DB.prepare('SELECT count(*) AS n FROM scam_alert_reach WHERE member_id = ?')
      .bind(await memberIdOf('E9V3XB30'))
      .first<{ n: number }>();
    expect(n!.n).toBe(0);
  });
});

describe('"Đã phổ biến": one record per member and alert; reach per commune', () => {
  const reachRows = async (code: string) =>
    (
      await env.DB.prepare('SELECT channel, people, first_day AS firstDay, day FROM scam_alert_reach WHERE member_id = ? AND alert_id = ?')
        .bind(await memberIdOf(code), ids.get('quoc-gia-hien-hanh'))
        .all<{ channel: string; people: number; firstDay: string; day: string }>()
    ).results;

  it('marking twice is one record; the second updates it; nothing about the people reached is asked', async () => {
    const cookie = await signIn('K7Q2MZ20');
    const page = await (await memberGet('/thanh-vien/canh-bao/', cookie)).text();
    const form = /<form method="post" action="\/thanh-vien\/canh-bao\/quoc-gia-hien-hanh\/"[\s\S]*?<\/form>/.exec(page)![0];
    // Besides the CSRF token (issue 22), only how and to how many: nothing about the people reached.
    expect(new Set([...form.matchAll(/name="([^"]+)"/g)].map((m) => m[1]).filter((name) => name !== csrfFieldName))).toEqual(new Set(['cach', 'so-nguoi']));
    const first = await memberPost('/thanh-vien/canh-bao/quoc-gia-hien-hanh/', cookie, { cach: 'loa', 'so-nguoi': '120' });
    expect(first.status).toBe(303);
    expect(await (await memberGet(first.headers.get('location')!, cookie)).text()).toContain('Đã ghi nhận bạn phổ biến cảnh báo');
    const second = await memberPost('/thanh-vien/canh-bao/quoc-gia-hien-hanh/', cookie, { cach: 'hop', 'so-nguoi': '40' });
    expect(await (await memberGet(second.headers.get('location')!, cookie)).text()).toContain('Đã cập nhật ghi nhận');
    expect(await reachRows('K7Q2MZ20')).toEqual([{ channel: 'hop', people: 40, firstDay: today, day: today }]);
    const bad = await memberPost('/thanh-vien/canh-bao/quoc-gia-hien-hanh/', cookie, { cach: 'hop', 'so-nguoi': '501' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Số người phải là số nguyên từ 1 đến 500.');
    expect(await reachRows('K7Q2MZ20')).toEqual([{ channel: 'hop', people: 40, firstDay: today, day: today }]);
    // The member's activity day, for the lead's activity-day join.
    const days = await alertPassedOnDays(env.DB, { from: today, to: today });
    expect(days).toContainEqual({ memberId: await memberIdOf('K7Q2MZ20'), day: today });
  });

  it('officials see per commune the teams that passed it on and those that have not, with shares, and a CSV', async () => {
    await memberPost('/thanh-vien/canh-bao/quoc-gia-hien-hanh/', await signIn('P3X9TA21'), { cach: 'zalo', 'so-nguoi': '30' }); // team 1 again
    await memberPost('/thanh-vien/canh-bao/quoc-gia-hien-hanh/', await signIn('M5J7KE24'), { cach: 'truc-tiep', 'so-nguoi': '5' }); // team 2
    await memberPost('/thanh-vien/canh-bao/quoc-gia-hien-hanh/', await signIn('D7K5QT33'), { cach: 'loa', 'so-nguoi': '200' }); // Vĩnh Long
    const teamsIn = async (commune: string) =>
      (await env.DB.prepare('SELECT count(*) AS n FROM teams WHERE commune_code = ? AND active = 1 AND removed_at IS NULL')
        .bind(commune)
        .first<{ n: number }>())!.n;
    const { browser } = await signedIn({ username: 'tinh66xem', role: 'province', provinceCode: '66', totpKey: totpKeyForTests });
    const id = ids.get('quoc-gia-hien-hanh');
    const csv = await (await browser.get(`/quan-tri/canh-bao/${id}/pho-bien?dinh-dang=csv`)).text();
    const eaKao = csv.split('\r\n').find((line) => line.startsWith('Phường Ea Kao,'))!;
    const teams = await teamsIn('24169');
    expect(eaKao.split(',').slice(1, 3)).toEqual([String(teams), '2']);
    expect(eaKao.split(',').at(-1)).toBe('75'); // 40 + 30 + 5
    expect(csv).not.toContain('Phường Bến Tre'); // another province: not in this admin's table
    expect(csv).toContain('Phường Buôn Ma Thuột,');
    // The commune's teams: who passed it on, and who not yet.
    const teamPage = await (await browser.get(`/quan-tri/canh-bao/${id}/pho-bien?xa=24169`)).text();
    expect(teamPage).toContain('Tổ công nghệ số cộng đồng buôn Ea Kao');
    expect(teamPage).toContain('Chưa phổ biến');
    expect(teamPage).toContain(`2/${teams}`);
    // Cross-scope: another province's commune.
    expect((await browser.get(`/quan-tri/canh-bao/${id}/pho-bien?xa=28789`)).status).toBe(403);
    // Nothing about citizens: the CSV holds places, counts and channels only.
    expect(csv).not.toMatch(/0\d{9}/);
  });
});

describe('the card and its plain-text versions', () => {
  it('the loudspeaker script holds no URL; the Zalo text carries the card’s link', async () => {
    const loa = await SELF.fetch('http://localhost/canh-bao/quoc-gia-hien-hanh/loa.txt');
    expect(loa.headers.get('content-type')).toMatch(/^text\/plain/);
    const script = await loa.text();
    expect(script).toContain('Cảnh báo lừa đảo');
    expect(script).toContain('1 1 3');
    // The alert's own text held a link (written straight into D1, past the form's check): it is not read out.
    expect(await (await SELF.fetch('http://localhost/canh-bao/quoc-gia-hien-hanh/')).text()).toContain('vneid-capnhat.top');
    expect(script).toContain('Họ gửi đường link, hỏi mã OTP.');
    expect(script).not.toMatch(/https?:|www\.|\/canh-bao|\.(vn|com|net|top)\b/i);
    // Short sentences, one per line.
    for (const line of script.split('\n').filter(Boolean)) expect(line.length).toBeLessThanOrEqual(200);
    const zalo = await (await SELF.fetch('http://localhost/canh-bao/quoc-gia-hien-hanh/zalo.txt')).text();
    expect(zalo).toMatch(/https?:\/\/[^\s]+\/canh-bao\/quoc-gia-hien-hanh\//);
    expect(zalo.length).toBeLessThanOrEqual(1000);
  });

  it('the card page: read-aloud player, QR code for print, preview image, official numbers as tel: links', async () => {
    const html = await (await SELF.fetch('http://localhost/canh-bao/quoc-gia-hien-hanh/')).text();
    expect(html).toContain('data-read-aloud');
    expect(html).toMatch(/<figure class="alert-qr"><svg[^>]+role="img"/);
    expect(html).toMatch(/<meta property="og:image" content="[^"]+\/og\/canh-bao-lua-dao\.png">/);
    expect(html).toContain('<a href="tel:113">113</a>');
    expect(html).toContain('<h1>Cảnh báo quoc-gia-hien-hanh</h1>');
  });
});

describe('odd input gets a clear answer, never a 500', () => {
  it('public paths', async () => {
    for (const path of ['/canh-bao/%ZZ/', '/canh-bao/A%20B/', `/canh-bao/${'a'.repeat(300)}/loa.txt`, '/canh-bao/quoc-gia-hien-hanh/khac.txt', '/canh-bao']) {
      const res = await SELF.fetch(`http://localhost${path}`, { redirect: 'manual' });
      expect(res.status, path).toBeLessThan(500);
      expect([301, 308, 404], path).toContain(res.status);
    }
    expect((await SELF.fetch(`http://localhost/huong-dan/${RELATED_GUIDE}/`, { method: 'HEAD' })).status).toBe(200);
  });

  it('officials’ and members’ paths', async () => {
    const { browser } = await signedIn({ username: 'tinh66le', role: 'province', provinceCode: '66', totpKey: totpKeyForTests });
    for (const path of [
      '/quan-tri/canh-bao/abc/',
      '/quan-tri/canh-bao/99999/',
      `/quan-tri/canh-bao/${ids.get('quoc-gia-hien-hanh')}/pho-bien?xa=abc`,
      `/quan-tri/canh-bao/${ids.get('quoc-gia-hien-hanh')}/pho-bien?xa=99999`,
    ]) {
      const res = await browser.get(path);
      expect(res.status, path).toBeLessThan(500);
    }
    // Without a session there is no CSRF token either: the CSRF rule refuses it first (issue 22), and nothing is written.
    const before = await env.DB.prepare('SELECT count(*) AS n FROM scam_alert_reach').first<{ n: number }>();
    const noSession = await memberPost('/thanh-vien/canh-bao/quoc-gia-hien-hanh/', '', { cach: 'zalo', 'so-nguoi': '3' });
    expect(noSession.status).toBe(403);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM scam_alert_reach').first<{ n: number }>()).toEqual(before);
    const cookie = await signIn('C4V8YM26');
    for (const form of [{}, { cach: 'fax', 'so-nguoi': '3' }, { cach: 'zalo', 'so-nguoi': '-1' }, { cach: 'zalo', 'so-nguoi': '1e3' }]) {
      expect((await memberPost('/thanh-vien/canh-bao/quoc-gia-hien-hanh/', cookie, form as Record<string, string>)).status).toBe(400);
    }
  });
});
