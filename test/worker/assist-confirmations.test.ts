import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIRMATION_CODE_TTL_MS, makeConfirmationCode } from '../../functions/assists/confirmations.ts';
import { vietnamDay } from '../../functions/assists/entries.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { memberGet, memberIdOf, memberPost, ORIGIN, signIn } from './assists-helpers.ts';
import { browserHeaders, newBrowserUserAgent } from './usage-helpers.ts';

// Y Bhin Niê (team 1, commune 24169, province 66) records, shows the code; citizens confirm on their own phones.
const MEMBER = 'K7Q2MZ20';
const TEAMMATE = 'P3X9TA21';
let cookie = '';
let teammate = '';
let ipNumber = 0;

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  cookie = await signIn(MEMBER);
  teammate = await signIn(TEAMMATE);
});

/** A citizen's phone: its own browser and its own address (so its own visitor hash and rate-limit key). */
function citizen() {
  ipNumber++;
  return { ua: newBrowserUserAgent(), ip: `198.51.100.${ipNumber}` };
}
type Citizen = ReturnType<typeof citizen>;

const open = (path: string, who: Citizen, extra: Record<string, string> = {}) =>
  SELF.fetch(`${ORIGIN}${path}`, { headers: browserHeaders(who.ua, { 'cf-connecting-ip': who.ip, ...extra }), redirect: 'manual' });

/** The button's POST, as the citizen's browser sends it from the page. */
const press = (path: string, who: Citizen, extra: Record<string, string> = {}) =>
  SELF.fetch(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: browserHeaders(who.ua, {
      'cf-connecting-ip': who.ip,
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      'sec-fetch-site': 'same-origin',
      ...extra,
    }),
    body: '',
    redirect: 'manual',
  });

async function record(people: number, task = 'vneid-muc-2', who = cookie): Promise<number> {
  const res = await memberPost('/thanh-vien/ghi-nhan', who, { task, people: String(people), day: vietnamDay() });
  expect(res.status).toBe(303);
  return Number(new URL(res.headers.get('location')!, ORIGIN).searchParams.get('da-ghi'));
}

async function codeOf(assistId: number): Promise<string> {
  const row = await env.DB.prepare('SELECT code FROM assist_confirmation_codes WHERE assist_id = ?').bind(assistId).first<{ code: string }>();
  if (!row) throw new Error(`no code for entry ${assistId}`);
  return row.code;
}

async function makeCode(assistId: number): Promise<string> {
  const res = await memberPost(`/thanh-vien/ghi-nhan/${assistId}/xac-nhan/`, cookie, {});
  expect(res.status).toBe(303);
  return codeOf(assistId);
}

/** Everything a confirmation can change: the rows, the entry's count and the province-day rollup. */
async function state(assistId: number) {
  const entry = await env.DB.prepare('SELECT confirmed, province_code AS p, day, task FROM assists WHERE id = ?')
    .bind(assistId)
    .first<{ confirmed: number; p: string; day: string; task: string }>();
  const rows = await env.DB.prepare('SELECT count(*) AS n FROM assist_confirmations WHERE assist_id = ?').bind(assistId).first<{ n: number }>();
  const rollup = await env.DB.prepare('SELECT coalesce(sum(confirmed), 0) AS n FROM assist_province_days').first<{ n: number }>();
  const all = await env.DB.prepare('SELECT count(*) AS n FROM assist_confirmations').first<{ n: number }>();
  return { rows: rows!.n, entry: entry?.confirmed ?? null, rollup: rollup!.n, all: all!.n };
}

/** The rollup equals the entries it summarises (nothing drifts through triggers). */
async function expectRollupConsistent() {
  const { results } = await env.DB.prepare(
    `SELECT d.province_code, d.day, d.task, d.people, d.confirmed,
            (SELECT coalesce(sum(people), 0) FROM assists a WHERE a.province_code = d.province_code AND a.day = d.day AND a.task = d.task AND a.voided_at IS NULL) AS p,
            (SELECT coalesce(sum(confirmed), 0) FROM assists a WHERE a.province_code = d.province_code AND a.day = d.day AND a.task = d.task AND a.voided_at IS NULL) AS c
     FROM assist_province_days d`,
  ).all<{ people: number; confirmed: number; p: number; c: number }>();
  for (const r of results) expect([r.people, r.confirmed]).toEqual([r.p, r.c]);
  const { results: entries } = await env.DB.prepare(
    'SELECT a.confirmed, (SELECT count(*) FROM assist_confirmations c WHERE c.assist_id = a.id) AS n FROM assists a',
  ).all<{ confirmed: number; n: number }>();
  for (const e of entries) expect(e.confirmed).toBe(e.n);
}

describe("a confirmation code's whole life", () => {
  let id = 0;
  let code = '';
  const [first, second, third] = [citizen(), citizen(), citizen()];

  it('is offered right after recording, and made only by the POST of the member’s own page', async () => {
    id = await record(2);
    const home = await (await memberGet(`/thanh-vien/?da-ghi=${id}`, cookie)).text();
    expect(home).toContain(`action="/thanh-vien/ghi-nhan/${id}/xac-nhan/"`);
    expect(home).toContain('Hiện mã QR xác nhận');
    // GET shows the button and makes nothing.
    const before = await memberGet(`/thanh-vien/ghi-nhan/${id}/xac-nhan/`, cookie);
    expect(before.status).toBe(200);
    expect(await before.text()).toContain('chưa có mã xác nhận');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM assist_confirmation_codes WHERE assist_id = ?').bind(id).first('n')).toBe(0);
    // Another member cannot make a code for this entry.
    expect((await memberPost(`/thanh-vien/ghi-nhan/${id}/xac-nhan/`, teammate, {})).status).toBe(404);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM assist_confirmation_codes WHERE assist_id = ?').bind(id).first('n')).toBe(0);
    code = await makeCode(id);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    // One code per entry: pressing again keeps it.
    expect(await makeCode(id)).toBe(code);
    const page = await (await memberGet(`/thanh-vien/ghi-nhan/${id}/xac-nhan/`, cookie)).text();
    expect(page).toContain('<svg');
    expect(page).toContain('aria-label="Mã QR để người dân xác nhận đã được hỗ trợ"');
    expect(page).toContain(`${code.slice(0, 4)} ${code.slice(4)}`);
    expect(page).toContain('localhost:8787/xac-nhan/');
    expect(page).toContain('Đã có 0 trên 2 người xác nhận.');
  });

  it('opening the page (a citizen, a chat previewer) changes nothing, and never shows the member', async () => {
    const res = await open(`/xac-nhan/${code}/`, first);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('Bạn vừa được Tổ công nghệ số cộng đồng hỗ trợ?');
    expect(html).toContain('Kích hoạt VNeID mức 2');
    expect(html).toContain('Tổ công nghệ số cộng đồng buôn Ea Kao');
    expect(html).toContain('Đúng, tôi đã được hỗ trợ');
    expect(html).not.toContain('0912345678');
    expect(html).not.toContain('Y Bhin Niê');
    // The form asks for nothing.
    const form = /<form method="post"[\s\S]*?<\/form>/.exec(html)![0];
    expect(form).not.toMatch(/<input|<select|<textarea/);
    const zalo = await SELF.fetch(`${ORIGIN}/xac-nhan/${code}/`, { headers: { 'user-agent': 'facebookexternalhit/1.1', 'cf-connecting-ip': '192.0.2.50' } });
    expect(zalo.status).toBe(200);
    expect(await state(id)).toMatchObject({ rows: 0, entry: 0, rollup: 0 });
  });

  it.each([
    ['Facebook’s previewer', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
    ['Zalo’s previewer (app name, no browser engine)', 'Zalo/1.0'],
    ['Telegram', 'TelegramBot (like TwitterBot)'],
    ['a crawler', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    ['a script', 'curl/8.5.0'],
    ['no user agent', ''],
  ])('refuses %s: 403, nothing written', async (_name, ua) => {
    const who = { ...citizen(), ua };
    const res = await press(`/xac-nhan/${code}/`, who);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Trình xem trước liên kết hay chương trình tự động không xác nhận được');
    expect(await state(id)).toMatchObject({ rows: 0, entry: 0, rollup: 0 });
  });

  it('refuses a form sent from another site', async () => {
    const res = await press(`/xac-nhan/${code}/`, citizen(), { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(await state(id)).toMatchObject({ rows: 0, entry: 0 });
  });

  it('refuses the browser signed in as a member (the member’s own, a teammate’s)', async () => {
    for (const session of [cookie, teammate]) {
      const page = await open(`/xac-nhan/${code}/`, first, { cookie: session });
      expect(await page.text()).not.toContain('Đúng, tôi đã được hỗ trợ</button>');
      const res = await press(`/xac-nhan/${code}/`, first, { cookie: session });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('đang đăng nhập khu vực thành viên');
    }
    expect(await state(id)).toMatchObject({ rows: 0, entry: 0 });
  });

  it('confirms on the POST, once per citizen, at most as many people as recorded', async () => {
    const res = await press(`/xac-nhan/${code}/`, first);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/xac-nhan/${code}/`);
    expect(await state(id)).toMatchObject({ rows: 1, entry: 1, rollup: 1 });
    // The page now thanks this phone.
    expect(await (await open(`/xac-nhan/${code}/`, first)).text()).toContain('Cảm ơn bạn đã xác nhận!');
    // The same phone again (a double tap, a reload of the POST): refused, nothing added.
    const again = await press(`/xac-nhan/${code}/`, first);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('đã xác nhận lần hỗ trợ này rồi');
    expect(await state(id)).toMatchObject({ rows: 1, entry: 1, rollup: 1 });
    expect((await press(`/xac-nhan/${code}/`, second)).status).toBe(303);
    expect(await state(id)).toMatchObject({ rows: 2, entry: 2, rollup: 2 });
    // A third person for an entry of 2: refused.
    const over = await press(`/xac-nhan/${code}/`, third);
    expect(over.status).toBe(409);
    expect(await over.text()).toContain('đã đủ số người xác nhận');
    expect((await open(`/xac-nhan/${code}/`, third)).status).toBe(409);
    expect(await state(id)).toMatchObject({ rows: 2, entry: 2, rollup: 2 });
    // Nothing about the citizens: the visitor hash, a day and a time.
    const { results } = await env.DB.prepare('SELECT * FROM assist_confirmations WHERE assist_id = ?').bind(id).all<Record<string, unknown>>();
    for (const row of results) {
      expect(Object.keys(row).sort()).toEqual(['assist_id', 'confirmed_at', 'day', 'id', 'visitor']);
      expect(row.visitor).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.stringify(results)).not.toContain('198.51.100');
    const member = await (await memberGet(`/thanh-vien/ghi-nhan/${id}/xac-nhan/`, cookie)).text();
    expect(member).toContain('Đã có 2 trên 2 người xác nhận.');
    await expectRollupConsistent();
  });

  it('refuses an expired code (30 minutes), changing nothing', async () => {
    const old = await record(3, 'lua-dao');
    expect(await makeConfirmationCode(env.DB, await memberIdOf(MEMBER), old, Date.now() - CONFIRMATION_CODE_TTL_MS - 1000)).toBe(true);
    const expired = await codeOf(old);
    expect((await open(`/xac-nhan/${expired}/`, citizen())).status).toBe(410);
    const before = await state(old);
    const res = await press(`/xac-nhan/${expired}/`, citizen());
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('đã hết hạn');
    expect(await state(old)).toEqual(before);
    // One code per entry: no new code once it has expired.
    expect(await makeCode(old)).toBe(expired);
    const member = await (await memberGet(`/thanh-vien/ghi-nhan/${old}/xac-nhan/`, cookie)).text();
    expect(member).toContain('đã hết hạn');
  });

  it('refuses a voided entry’s code', async () => {
    const voided = await record(1, 'vi-dien-tu');
    const voidedCode = await makeCode(voided);
    await env.DB.prepare("UPDATE assists SET voided_at = 1, voided_by = 'test' WHERE id = ?").bind(voided).run();
    const res = await press(`/xac-nhan/${voidedCode}/`, citizen());
    expect(res.status).toBe(410);
    expect(await state(voided)).toMatchObject({ rows: 0, entry: 0 });
    const member = await (await memberGet(`/thanh-vien/ghi-nhan/${voided}/xac-nhan/`, cookie)).text();
    expect(member).toContain('đã bị cán bộ huỷ');
    expect(member).not.toContain('<svg');
  });

  it.each([
    ['an unknown code', '/xac-nhan/ZZZZZZZZ/'],
    ['a code of the wrong shape', '/xac-nhan/abc/'],
    ['markup', '/xac-nhan/%3Cscript%3E/'],
    ['a NUL byte', '/xac-nhan/%00AAAAAAA/'],
    ['a very long path', `/xac-nhan/${'A'.repeat(5000)}/`],
    ['bad percent-encoding', '/xac-nhan/%E0%A4%A/'],
  ])('answers %s with a clear 404 (GET and POST), never a 500', async (_name, path) => {
    const before = await state(1);
    const get = await open(path, citizen());
    expect(get.status).toBe(404);
    expect(await get.text()).toContain('Không tìm thấy mã xác nhận này');
    expect((await press(path, citizen())).status).toBe(404);
    expect(await state(1)).toEqual(before);
  });

  it('answers odd headers (a broken cookie, a strange address) without a 500', async () => {
    const entry = await record(2, 'thanh-toan-phi-truc-tuyen');
    const c = await makeCode(entry);
    const odd: [Record<string, string>, string?][] = [
      [{ cookie: 'thanh_vien=%E0%A4%A' }],
      [{ cookie: `thanh_vien=${'x'.repeat(4000)}` }],
      [{}, 'not-an-ip:::::'],
    ];
    for (const [extra, ip] of odd) {
      const who = { ...citizen(), ...(ip ? { ip } : {}) };
      expect((await open(`/xac-nhan/${c}/`, who, extra)).status).toBeLessThan(500);
      expect((await press(`/xac-nhan/${c}/`, who, extra)).status).toBeLessThan(500);
    }
    await expectRollupConsistent();
  });

  it('takes a typed code in any case, with spaces, dashes or O for 0, to its page', async () => {
    const typed = `${code.slice(0, 4).toLowerCase()} - ${code.slice(4)}`;
    const res = await open(`/xac-nhan/?ma=${encodeURIComponent(typed)}`, citizen());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/xac-nhan/${code}/`);
    const lower = await open(`/xac-nhan/${code.toLowerCase()}/`, citizen());
    expect(lower.status).toBe(301);
    expect(lower.headers.get('location')).toBe(`/xac-nhan/${code}/`);
    const bad = await open('/xac-nhan/?ma=12%3Cb%3E', citizen());
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Mã xác nhận gồm 8 chữ cái và chữ số');
    expect(html).not.toContain('<b>');
    // Addresses typed without the final slash reach the page too.
    for (const path of ['/xac-nhan', `/xac-nhan/${code}`]) {
      const res = await open(path, citizen());
      expect(res.status, path).toBe(301);
      expect(res.headers.get('location'), path).toBe(`${path}/`);
    }
    const form = await open('/xac-nhan/', citizen());
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<form method="get" action="\/xac-nhan\/"/);
  });

  it('refuses beyond the per-address rate limit, writing nothing', async () => {
    const entry = await record(5, 'khac');
    const limited = await makeCode(entry);
    const address = '203.0.113.99';
    // Many phones behind one address (say, a village hall's Wi-Fi) open pages: 60 a minute pass, then refused.
    // (The limiter counts in fixed one-minute windows: a window may turn over during the loop, so up to 120 may pass.)
    let allowed = 0;
    while (allowed <= 120 && (await open(`/xac-nhan/${limited}/`, { ua: newBrowserUserAgent(), ip: address })).status === 200) allowed++;
    expect(allowed).toBeGreaterThanOrEqual(60);
    expect(allowed).toBeLessThanOrEqual(120);
    const res = await press(`/xac-nhan/${limited}/`, { ua: newBrowserUserAgent(), ip: address });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.text()).toContain('quá nhiều lượt xác nhận');
    expect(await state(entry)).toMatchObject({ rows: 0, entry: 0 });
    // Another address is not affected.
    expect((await press(`/xac-nhan/${limited}/`, citizen())).status).toBe(303);
    expect(await state(entry)).toMatchObject({ rows: 1, entry: 1 });
  }, 60_000); // 60+ requests, on a machine shared with other work

  it('keeps the rollup right when a confirmed entry is edited, voided or deleted', async () => {
    const entry = await record(2, 'so-suc-khoe-dien-tu');
    const c = await makeCode(entry);
    expect((await press(`/xac-nhan/${c}/`, citizen())).status).toBe(303);
    // The member changes the task: the confirmation moves with it.
    expect((await memberPost(`/thanh-vien/ghi-nhan/${entry}/`, cookie, { task: 'vi-dien-tu', people: '2', day: vietnamDay() })).status).toBe(303);
    await expectRollupConsistent();
    const moved = await env.DB.prepare("SELECT confirmed FROM assist_province_days WHERE province_code = '66' AND day = ? AND task = 'vi-dien-tu'")
      .bind(vietnamDay())
      .first('confirmed');
    expect(moved).toBe(1);
    // Deleted by the member: its confirmations go, and leave the rollup.
    const before = (await state(entry)).rollup;
    expect((await memberPost(`/thanh-vien/ghi-nhan/${entry}/xoa`, cookie, {})).status).toBe(303);
    expect((await state(entry)).rollup).toBe(before - 1);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM assist_confirmations WHERE assist_id = ?').bind(entry).first('n')).toBe(0);
    await expectRollupConsistent();
    // Voided by an official: no longer counted.
    const second = await record(2, 'xac-thuc-hai-buoc');
    const c2 = await makeCode(second);
    expect((await press(`/xac-nhan/${c2}/`, citizen())).status).toBe(303);
    const counted = (await state(second)).rollup;
    await env.DB.prepare("UPDATE assists SET voided_at = 1, voided_by = 'test' WHERE id = ?").bind(second).run();
    expect((await state(second)).rollup).toBe(counted - 1);
    await expectRollupConsistent();
  });
});
