// Help in person (issue 17): officials plan duty shifts and help sessions,
// members say they cannot come or mark duty served, citizens read "Hôm nay"
// on the commune page, the share page, the poster, the .ics feed and the API.
// All through the real Worker with a real D1.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { auditActions, type Browser, origin, signedIn, totpKeyForTests } from './admin-helpers.ts';
import { memberGet, memberIdOf, memberPost, signIn } from './assists-helpers.ts';
import { ruleDays, vietnamDay } from '../../functions/roster/dates.ts';
import { servedShiftDays } from '../../functions/roster/served.ts';
import { rosterCss } from '../../functions/views/inline-assets.ts';
import { POSTER_MAX_ITEMS } from '../../functions/views/roster.tsx';

let eaKao: Browser; // commune officer of Phường Ea Kao (24169)
let bmt: Browser; // commune officer of Phường Buôn Ma Thuột (24133), same province
let daklak: Browser; // province admin of Đắk Lắk (66), two-step on
const YBHIN = 'K7Q2MZ20'; // 24169, phone published
const HNGA = 'P3X9TA21'; // 24169, phone private (0987654321)
const AN = 'W8D4RC22'; // 24169
const COMMUNE_PAGE = `${origin}/to-cong-nghe-so/66/24169/`;

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const today = () => vietnamDay();
let formCount = 0;
const formKey = () => `test-form-key-${Date.now()}-${++formCount}`.padEnd(24, 'x');

interface Plan {
  day: string;
  start?: string;
  end?: string;
  place?: string;
  members?: string[];
  repeat?: string[];
  weeks?: string;
  topics?: string[];
  village?: string;
  key?: string;
}

function planBody(plan: Plan): FormData {
  const body = new FormData();
  body.set('form-key', plan.key ?? formKey());
  body.set('day', plan.day);
  body.set('start', plan.start ?? '07:30');
  body.set('end', plan.end ?? '11:00');
  body.set('place', plan.place ?? 'Trung tâm phục vụ hành chính công phường');
  if (plan.village) body.set('village', plan.village);
  for (const m of plan.members ?? []) body.append('members', m);
  for (const d of plan.repeat ?? []) body.append('repeat', d);
  for (const t of plan.topics ?? []) body.append('topics', t);
  body.set('weeks', plan.weeks ?? '1');
  return body;
}

const post = (browser: Browser, path: string, fields: Record<string, string> | FormData) => browser.post(path, fields);
const planShift = (browser: Browser, commune: string, plan: Plan) => post(browser, `/quan-tri/lich/them/?xa=${commune}&loai=ca`, planBody(plan));
const planSession = (browser: Browser, commune: string, plan: Plan) => post(browser, `/quan-tri/lich/them/?xa=${commune}&loai=buoi`, planBody(plan));

const eventsOn = (commune: string, day: string) =>
  env.DB.prepare('SELECT id, day, start_time AS startTime, status, place FROM duty_events WHERE commune_code = ? AND day = ? ORDER BY id')
    .bind(commune, day)
    .all<{ id: number; day: string; startTime: string; status: string; place: string }>()
    .then((r) => r.results);
const eventCount = () => env.DB.prepare('SELECT count(*) AS n FROM duty_events').first<number>('n');
const getText = async (url: string) => {
  const res = await SELF.fetch(url);
  return { res, body: await res.text(), cache: res.headers.get('x-edge-cache') };
};
const scheduleApi = async (query: string) => {
  const res = await SELF.fetch(`${origin}/api/communes/24169/schedule${query}`);
  return {
    res,
    json: (await res.json()) as {
      items: {
        kind: string;
        start: string;
        end: string;
        place: string;
        status: string;
        village?: string;
        topics: string[];
        members: { name: string; phone: string | null }[];
      }[];
    },
  };
};

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  ({ browser: eaKao } = await signedIn({ username: 'xa.eakao', role: 'commune', provinceCode: '66', communeCode: '24169' }));
  ({ browser: bmt } = await signedIn({ username: 'xa.bmt', role: 'commune', provinceCode: '66', communeCode: '24133' }));
  ({ browser: daklak } = await signedIn({ username: 'tinh.daklak', role: 'province', provinceCode: '66', totpKey: totpKeyForTests }));
});

describe('repeating rules', () => {
  it('compute Vietnam calendar days across a month and a year end', () => {
    // 29 Dec 2026 is a Tuesday: Tuesdays and Thursdays for two weeks run into January.
    expect(ruleDays('2026-12-29', [2, 4], 2)).toEqual(['2026-12-29', '2026-12-31', '2027-01-05', '2027-01-07']);
    // February of a leap year: 29 Feb 2028 is a Tuesday.
    expect(ruleDays('2028-02-27', [2], 2)).toEqual(['2028-02-29', '2028-03-07']);
    // Bounded: however many weeks are asked, at most 12 weeks of dates.
    expect(ruleDays('2027-01-04', [1, 2, 3, 4, 5, 6, 7], 1000)).toHaveLength(84);
  });

  it('an officer plans every Tuesday and Thursday morning across a month end: one shift per date, members on each, audited', async () => {
    // The last Tuesday on or before the 28th of next month: two weeks of Tuesdays and Thursdays cross into the month after.
    const now = new Date(Date.parse(`${today()}T00:00:00Z`));
    const the28th = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 28));
    const tuesday = new Date(the28th.getTime() - ((the28th.getUTCDay() - 2 + 7) % 7) * DAY_MS).toISOString().slice(0, 10);
    const expected = [tuesday, addDays(tuesday, 2), addDays(tuesday, 7), addDays(tuesday, 9)];
    expect(new Set(expected.map((d) => d.slice(0, 7))).size).toBe(2);

    const ybhin = await memberIdOf(YBHIN);
    const res = await planShift(eaKao, '24169', { day: tuesday, members: [String(ybhin)], repeat: ['2', '4'], weeks: '2' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('da-xep=4');
    const { results } = await env.DB.prepare(
      `SELECT e.day, e.start_time AS start, e.end_time AS end, (SELECT group_concat(member_id) FROM duty_assignments a WHERE a.event_id = e.id) AS members
       FROM duty_events e JOIN duty_plans p ON p.id = e.plan_id WHERE p.first_day = ? AND e.commune_code = '24169' ORDER BY e.day`,
    )
      .bind(tuesday)
      .all<{ day: string; start: string; end: string; members: string }>();
    expect(results.map((r) => r.day)).toEqual(expected);
    for (const r of results) expect(r).toMatchObject({ start: '07:30', end: '11:00', members: String(ybhin) });
    expect(await auditActions()).toContain('roster.shift.plan');
    const page = await (await eaKao.get('/quan-tri/lich/')).text();
    expect(page).toContain('Lịch trực và buổi hỗ trợ');
  });

  it('a form sent twice (a double tap) plans once', async () => {
    const day = addDays(today(), 40);
    const key = formKey();
    const before = await eventCount();
    const first = await planShift(eaKao, '24169', { day, members: [String(await memberIdOf(YBHIN))], key });
    const second = await planShift(eaKao, '24169', { day, members: [String(await memberIdOf(YBHIN))], key });
    expect(first.headers.get('location')).toContain('da-xep=1');
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toContain('da-co=1');
    expect(await eventCount()).toBe(before! + 1);
  });

  it('bad input gets a clear Vietnamese error and writes nothing', async () => {
    const before = await eventCount();
    const res = await planShift(eaKao, '24169', { day: '2026-02-30', start: '11:00', end: '07:00', members: [] });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Hãy chọn một ngày có thật');
    expect(await eventCount()).toBe(before);
  });
});

describe('scope', () => {
  it('a commune officer cannot plan, move, cancel or read another commune’s roster; the province admin can', async () => {
    const before = await eventCount();
    const day = addDays(today(), 3);
    const cross = await planShift(bmt, '24169', { day, members: [String(await memberIdOf(YBHIN))] });
    expect(cross.status).toBe(403);
    expect(await eventCount()).toBe(before);
    // Another commune's members cannot be put on one's own roster either.
    const foreignMember = await planShift(bmt, '24133', { day, members: [String(await memberIdOf(YBHIN))] });
    expect(foreignMember.status).toBe(400);
    expect(await eventCount()).toBe(before);

    // The province admin plans for a commune of the province.
    const byProvince = await planShift(daklak, '24169', { day, members: [String(await memberIdOf(YBHIN))], start: '13:30', end: '16:30' });
    expect(byProvince.status).toBe(303);
    const [event] = (await eventsOn('24169', day)).filter((e) => e.startTime === '13:30');
    expect(event).toBeDefined();

    for (const [path, fields] of [
      [`/quan-tri/lich/${event!.id}/doi`, { day, start: '08:00', end: '09:00', place: 'Chỗ khác' }],
      [`/quan-tri/lich/${event!.id}/huy`, { confirm: '1' }],
    ] as const) {
      expect((await bmt.post(path, fields)).status).toBe(403);
    }
    expect((await bmt.get(`/quan-tri/lich/${event!.id}/`)).status).toBe(403);
    expect((await bmt.get('/quan-tri/lich/?xa=24169')).status).toBe(403);
    expect((await bmt.get('/quan-tri/lich/bao-cao/?xa=24169')).status).toBe(403);
    expect(await (await bmt.get('/quan-tri/lich/')).text()).not.toContain('13:30–16:30');
    const [after] = (await eventsOn('24169', day)).filter((e) => e.id === event!.id);
    expect(after).toMatchObject({ startTime: '13:30', status: 'planned' });
  });
});

describe('what citizens see', () => {
  it('"Hôm nay" on the commune page: who is on duty and where; private phones never; cached, and changed the moment a shift changes', async () => {
    // Warm the cache first: the page before today's shift exists.
    await getText(COMMUNE_PAGE);
    const cached = await getText(COMMUNE_PAGE);
    expect(cached.cache).toBe('hit');
    expect(cached.body).toContain('Hôm nay');

    const res = await planShift(eaKao, '24169', {
      day: today(),
      start: '00:00',
      end: '23:59',
      place: 'Bộ phận một cửa phường Ea Kao',
      members: [String(await memberIdOf(YBHIN)), String(await memberIdOf(HNGA))],
    });
    expect(res.status).toBe(303);
    const fresh = await getText(COMMUNE_PAGE);
    expect(fresh.cache).toBe('miss');
    expect(fresh.res.headers.get('etag')).not.toBe(cached.res.headers.get('etag'));
    const todayBlock = fresh.body.slice(fresh.body.indexOf('id="lich-ho-tro-hom-nay"'), fresh.body.indexOf('id="lich-ho-tro-buoi"'));
    expect(todayBlock).toContain('Bộ phận một cửa phường Ea Kao');
    expect(todayBlock).toContain('Đang trực');
    expect(todayBlock).toContain('Y Bhin Niê');
    expect(todayBlock).toContain('0912 345 678'); // published with consent
    expect(todayBlock).toContain('H’Nga Mlô');
    expect(fresh.body.replace(/\D/g, '')).not.toContain('987654321'); // never without consent
    expect((await getText(COMMUNE_PAGE)).cache).toBe('hit');
  });

  it('a session in a village with topics is listed under the next sessions and in the API', async () => {
    const day = addDays(today(), 2);
    const res = await planSession(eaKao, '24169', {
      day,
      start: '19:30',
      end: '21:00',
      place: 'Nhà văn hoá thôn 2',
      village: '2',
      topics: ['vneid-muc-2', 'lua-dao'],
      members: [String(await memberIdOf('M5J7KE24'))],
    });
    expect(res.status).toBe(303);
    const page = (await getText(COMMUNE_PAGE)).body;
    const sessions = page.slice(page.indexOf('id="lich-ho-tro-buoi"'), page.indexOf('id="lich-ho-tro-ca"'));
    expect(sessions).toContain('Nhà văn hoá thôn 2');
    expect(sessions).toContain('Kích hoạt VNeID mức 2');
    const { json } = await scheduleApi('');
    expect(json.items).toContainEqual(
      expect.objectContaining({
        kind: 'session',
        start: `${day}T19:30:00+07:00`,
        end: `${day}T21:00:00+07:00`,
        village: 'Thôn 2',
        topics: ['vneid-muc-2', 'lua-dao'],
        status: 'planned',
      }),
    );
    // "Find your team" results tell when to come.
    const search = (await getText(`${origin}/to-cong-nghe-so/tim/?q=ea%20kao`)).body;
    expect(search).toContain('Ca trực: Hôm nay, 00:00–23:59 tại Bộ phận một cửa phường Ea Kao');
  });

  it('a cancelled shift shows as cancelled (not as a gap) after the officer confirms; without the confirmation nothing changes', async () => {
    const day = addDays(today(), 1);
    await planShift(eaKao, '24169', { day, start: '07:00', end: '09:00', place: 'Trung tâm một cửa', members: [String(await memberIdOf(YBHIN))] });
    const [event] = (await eventsOn('24169', day)).filter((e) => e.startTime === '07:00');
    const unconfirmed = await eaKao.post(`/quan-tri/lich/${event!.id}/huy`, {});
    expect(unconfirmed.status).toBe(400);
    expect((await eventsOn('24169', day)).find((e) => e.id === event!.id)!.status).toBe('planned');

    const cancel = await eaKao.post(`/quan-tri/lich/${event!.id}/huy`, { confirm: '1' });
    expect(cancel.status).toBe(303);
    const again = await eaKao.post(`/quan-tri/lich/${event!.id}/huy`, { confirm: '1' });
    expect(again.headers.get('location')).toContain('da-huy-truoc');
    expect((await auditActions(`duty_event:${event!.id}`)).filter((a) => a === 'roster.cancel')).toHaveLength(1);

    const share = (await getText(`${origin}/to-cong-nghe-so/66/24169/lich/`)).body;
    const entry = new RegExp(`data-duty="${event!.id}" data-status="cancelled">[\\s\\S]*?</li>`).exec(share)?.[0] ?? '';
    expect(entry).toContain('Đã huỷ');
    expect(entry).toContain('07:00–09:00');
    const { json } = await scheduleApi(`?from=${day}&to=${day}`);
    expect(json.items.find((i) => i.start === `${day}T07:00:00+07:00`)).toMatchObject({ status: 'cancelled' });
  });

  it('a moved shift shows its new time and where it moved from', async () => {
    const day = addDays(today(), 5);
    await planShift(eaKao, '24169', { day, start: '14:00', end: '16:00', members: [String(await memberIdOf(YBHIN))] });
    const [event] = (await eventsOn('24169', day)).filter((e) => e.startTime === '14:00');
    const moved = await eaKao.post(`/quan-tri/lich/${event!.id}/doi`, {
      day: addDays(day, 1),
      start: '08:00',
      end: '10:00',
      place: 'Trung tâm phục vụ hành chính công phường',
    });
    expect(moved.headers.get('location')).toContain('da-doi');
    const { json } = await scheduleApi(`?from=${day}&to=${addDays(day, 1)}`);
    expect(json.items.map((i) => i.start)).toContain(`${addDays(day, 1)}T08:00:00+07:00`);
    expect(json.items.map((i) => i.start)).not.toContain(`${day}T14:00:00+07:00`);
    expect(await auditActions(`duty_event:${event!.id}`)).toEqual(['roster.move']);
  });

  it('a member removed from the directory disappears from future shifts', async () => {
    const day = addDays(today(), 6);
    const an = await memberIdOf(AN);
    await planShift(eaKao, '24169', { day, start: '07:15', end: '11:15', members: [String(await memberIdOf(YBHIN)), String(an)] });
    const before = await scheduleApi(`?from=${day}&to=${day}`);
    expect(before.json.items.find((i) => i.start.endsWith('07:15:00+07:00'))!.members.map((m) => m.name)).toContain('Nguyễn Văn An');
    expect((await eaKao.post(`/quan-tri/thanh-vien/${an}/ngung`, {})).status).toBe(303);
    const after = await scheduleApi(`?from=${day}&to=${day}`);
    expect(after.json.items.find((i) => i.start.endsWith('07:15:00+07:00'))!.members.map((m) => m.name)).toEqual(['Y Bhin Niê']);
    const [event] = (await eventsOn('24169', day)).filter((e) => e.startTime === '07:15');
    expect(await (await eaKao.get(`/quan-tri/lich/${event!.id}/`)).text()).not.toContain('Nguyễn Văn An');
    // …and from the planning form.
    expect(await (await eaKao.get('/quan-tri/lich/them/?loai=ca')).text()).not.toContain('Nguyễn Văn An');
  });
});

describe('the iCalendar feed', () => {
  it('is a valid VCALENDAR: CRLF lines of at most 75 octets, Vietnam time zone, escaped text, cancelled events marked', async () => {
    const day = addDays(today(), 4);
    await planSession(eaKao, '24169', {
      day,
      start: '08:00',
      end: '10:30',
      place: 'Sân chợ Ea Kao, cạnh nhà văn hoá; cổng phía đông',
      topics: ['thanh-toan-phi-truc-tuyen'],
    });
    const res = await SELF.fetch(`${origin}/to-cong-nghe-so/66/24169/lich.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const physical = text.slice(0, -2).split('\r\n');
    expect(physical.every((l) => !l.includes('\n') && new TextEncoder().encode(l).length <= 75)).toBe(true);
    // Unfold (RFC 5545 §3.1) and check the structure.
    const lines = text.replace(/\r\n /g, '').slice(0, -2).split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    expect(lines).toContain('TZID:Asia/Ho_Chi_Minh');
    expect(lines).toContain('TZOFFSETTO:+0700');
    const stack: string[] = [];
    for (const l of lines) {
      if (l.startsWith('BEGIN:')) stack.push(l.slice(6));
      if (l.startsWith('END:')) expect(stack.pop()).toBe(l.slice(4));
      expect(l).toMatch(/^[A-Z-]+[;:]/);
    }
    expect(stack).toEqual([]);
    const events = text.replace(/\r\n /g, '').split('BEGIN:VEVENT').slice(1);
    expect(events.length).toBeGreaterThan(3);
    for (const e of events) {
      for (const prop of ['UID:', 'DTSTAMP:', 'DTSTART;TZID=Asia/Ho_Chi_Minh:', 'DTEND;TZID=Asia/Ho_Chi_Minh:', 'SUMMARY:']) expect(e).toContain(prop);
    }
    const compact = day.replace(/-/g, '');
    const market = events.find((e) => e.includes(`DTSTART;TZID=Asia/Ho_Chi_Minh:${compact}T080000`))!;
    expect(market).toContain(`DTEND;TZID=Asia/Ho_Chi_Minh:${compact}T103000`);
    expect(market).toContain('LOCATION:Sân chợ Ea Kao\\, cạnh nhà văn hoá\\; cổng phía đông');
    expect(events.some((e) => e.includes('STATUS:CANCELLED'))).toBe(true);
  });
});

describe('the poster and the share link', () => {
  it('the poster shows this week with a QR code to the live page; the share page’s preview is a PNG of the next session', async () => {
    const poster = await SELF.fetch(`${origin}/to-cong-nghe-so/66/24169/lich/in/`);
    expect(poster.status).toBe(200);
    const html = await poster.text();
    expect(html).toContain('Lịch hỗ trợ công nghệ số');
    expect(html).toMatch(/<svg[^>]+aria-label="Mã QR mở lịch hỗ trợ của Phường Ea Kao"/);
    expect(html).toContain('Bộ phận một cửa phường Ea Kao');
    // Its inline CSS is allowed by the Content-Security-Policy (by hash), or the poster would print unstyled.
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(rosterCss));
    expect(poster.headers.get('content-security-policy')).toContain(`'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`);
    expect(html).toContain(`<style>${rosterCss}</style>`);

    const share = await (await SELF.fetch(`${origin}/to-cong-nghe-so/66/24169/lich/`)).text();
    const image = /<meta property="og:image" content="([^"]+)"/.exec(share)?.[1];
    expect(image).toBe(`${env.SITE_URL}/to-cong-nghe-so/66/24169/lich/anh.png`);
    expect(share).toMatch(/<meta property="og:description" content="[^"]*Sắp tới: Buổi hỗ trợ/);
    const png = await SELF.fetch(`${origin}/to-cong-nghe-so/66/24169/lich/anh.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630]);
    expect(bytes.length).toBeLessThan(40_000);
    // However busy the week, the poster keeps to POSTER_MAX_ITEMS lines (one A4 page) and points to the QR code for the rest.
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO duty_plans (form_key, province_code, commune_code, kind, first_day, last_day, created_by, created_at) VALUES ('busy-week-test', '66', '24184', 'shift', ?1, ?1, 'test', 0)`,
      ).bind(today()),
      ...Array.from({ length: POSTER_MAX_ITEMS + 3 }, (_, i) =>
        env.DB.prepare(
          `INSERT INTO duty_events (plan_id, kind, province_code, commune_code, day, start_time, end_time, place, created_at, updated_at)
           SELECT id, 'shift', '66', '24184', ?, ?, '23:59', 'Quầy', 0, 0 FROM duty_plans WHERE form_key = 'busy-week-test'`,
        ).bind(today(), `${String(i).padStart(2, '0')}:00`),
      ),
      env.DB.prepare('UPDATE directory_version SET version = version + 1'),
    ]);
    const busy = await (await SELF.fetch(`${origin}/to-cong-nghe-so/66/24184/lich/in/`)).text();
    expect(busy.match(/<li[^>]*data-status="planned"/g)).toHaveLength(POSTER_MAX_ITEMS);
    expect(busy).toContain('Còn 3 lịch khác trong tuần');

    // Unknown communes, or a commune under the wrong province: the site's 404.
    expect((await SELF.fetch(`${origin}/to-cong-nghe-so/66/99999/lich/`)).status).toBe(404);
    expect((await SELF.fetch(`${origin}/to-cong-nghe-so/86/24169/lich.ics`)).status).toBe(404);
  });
});

describe('members and served shifts', () => {
  it('a member sees their shifts, says they cannot come (the officer sees it, citizens no longer see them), and marks today’s shift served', async () => {
    const cookie = await signIn(HNGA);
    const hnga = await memberIdOf(HNGA);
    const day = addDays(today(), 8);
    await planShift(eaKao, '24169', { day, start: '07:45', end: '10:45', members: [String(hnga), String(await memberIdOf(YBHIN))] });
    const [future] = (await eventsOn('24169', day)).filter((e) => e.startTime === '07:45');
    const mine = await memberGet('/thanh-vien/lich/', cookie);
    expect(mine.status).toBe(200);
    const html = await mine.text();
    expect(html).toContain('Lịch trực của tôi');
    expect(html).toContain(`data-duty="${future!.id}"`);

    const cannot = await memberPost(`/thanh-vien/lich/${future!.id}/khong-den`, cookie, {});
    expect(cannot.status).toBe(303);
    expect(await auditActions(`duty_event:${future!.id}`)).toEqual(['roster.cannot_come']);
    const actor = await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'roster.cannot_come'").first<string>('actor');
    expect(actor).toBe(`member:${HNGA}`);
    const officer = await (await eaKao.get('/quan-tri/lich/')).text();
    expect(officer).toMatch(/Báo không đến được: H’Nga Mlô/);
    const { json } = await scheduleApi(`?from=${day}&to=${day}`);
    expect(json.items.find((i) => i.start.endsWith('07:45:00+07:00'))!.members.map((m) => m.name)).toEqual(['Y Bhin Niê']);

    // Someone else's shift does not exist for a member.
    const [other] = (await eventsOn('24169', addDays(today(), 2))).filter((e) => e.startTime === '19:30');
    expect((await memberPost(`/thanh-vien/lich/${other!.id}/khong-den`, cookie, {})).status).toBe(404);
    // A future shift cannot be marked served yet.
    expect((await memberPost(`/thanh-vien/lich/${future!.id}/da-truc`, cookie, {})).headers.get('location')).toContain('khong-doi');

    // Today's shift (planned above with H'Nga on it): served, an activity day.
    const [todays] = (await eventsOn('24169', today())).filter((e) => e.startTime === '00:00');
    const served = await memberPost(`/thanh-vien/lich/${todays!.id}/da-truc`, cookie, {});
    expect(served.headers.get('location')).toContain('da-truc');
    // The officer marks Y Bhin served on the same shift.
    expect((await eaKao.post(`/quan-tri/lich/${todays!.id}/da-truc`, { member: String(await memberIdOf(YBHIN)) })).status).toBe(303);
    const days = await servedShiftDays(env.DB, { provinceCode: '66', communeCode: null }, { from: today(), to: today() });
    expect(days).toEqual(
      expect.arrayContaining([
        { memberId: hnga, day: today() },
        { memberId: await memberIdOf(YBHIN), day: today() },
      ]),
    );
    expect(days).toHaveLength(2);
  });

  it('the report counts shifts planned, served and cancelled per commune', async () => {
    const from = today();
    const to = addDays(today(), 90);
    const { results } = await env.DB.prepare(
      `SELECT sum(status = 'planned') AS planned, sum(status = 'cancelled') AS cancelled FROM duty_events WHERE commune_code = '24169' AND kind = 'shift' AND day BETWEEN ? AND ?`,
    )
      .bind(from, to)
      .all<{ planned: number; cancelled: number }>();
    const report = await (await daklak.get(`/quan-tri/lich/bao-cao/?from=${from}&to=${to}`)).text();
    const row = /<tr data-commune="24169">[\s\S]*?<\/tr>/.exec(report)?.[0] ?? '';
    expect(row).toContain('Phường Ea Kao');
    expect(row).toContain(`data-counts="shifts">${results[0]!.planned} / 1 / ${results[0]!.cancelled}</td>`);
    expect(results[0]!.cancelled).toBe(1);
    // A commune officer's report is their commune only.
    expect((await bmt.get(`/quan-tri/lich/bao-cao/?from=${from}&to=${to}`)).status).toBe(200);
    expect(await (await bmt.get(`/quan-tri/lich/bao-cao/?from=${from}&to=${to}`)).text()).not.toContain('Phường Ea Kao');
  });
});

describe('GET /api/communes/{code}/schedule', () => {
  it('answers items in the documented shape; unknown codes 404; bad or unbounded dates 400', async () => {
    const { res, json } = await scheduleApi('');
    expect(res.status).toBe(200);
    for (const item of json.items) {
      expect(Object.keys(item).sort()).toEqual(expect.arrayContaining(['end', 'kind', 'members', 'place', 'start', 'status', 'topics']));
      expect(item.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+07:00$/);
    }
    expect((await SELF.fetch(`${origin}/api/communes/99999/schedule`)).status).toBe(404);
    for (const q of [
      '?from=2026-13-01',
      '?from=2026-02-30&to=2026-03-01',
      '?from=hom-nay',
      '?from=2026-01-01&to=2027-01-01',
      '?from=2026-03-02&to=2026-03-01',
      '?to=2020-01-01&from=2030-01-01',
    ]) {
      const bad = await SELF.fetch(`${origin}/api/communes/24169/schedule${q}`);
      expect(bad.status, q).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_parameter');
    }
    expect((await SELF.fetch(`${origin}/api/communes/2416/schedule`)).status).toBe(400);
    const doc = (await (await SELF.fetch(`${origin}/api/openapi.json`)).json()) as {
      paths: Record<string, { get: { parameters: { name: string }[]; responses: Record<string, unknown> } }>;
    };
    const documented = doc.paths['/api/communes/{code}/schedule']!.get;
    expect(documented.parameters.map((p) => p.name).sort()).toEqual(['code', 'from', 'to']);
    expect(Object.keys(documented.responses).sort()).toEqual(['200', '400', '404']);
  });
});

describe('whatever a client sends', () => {
  it('never gets a 500 nor changes anything: junk paths, repeated fields, oversized values', async () => {
    const before = await eventCount();
    const day = addDays(today(), 9);
    const junk = new FormData();
    junk.append('form-key', formKey());
    junk.append('form-key', formKey());
    junk.set('day', day);
    junk.set('start', '25:00');
    junk.set('end', 'x'.repeat(5000));
    junk.set('place', 'p'.repeat(500));
    for (let i = 0; i < 40; i++) junk.append('members', String(i + 1));
    junk.append('repeat', '9');
    junk.set('weeks', '999');
    junk.set('village', '-1');
    const res = await eaKao.post('/quan-tri/lich/them/?xa=24169&loai=ca', junk);
    expect(res.status).toBe(400);
    expect(await eventCount()).toBe(before);
    for (const path of [
      '/quan-tri/lich/0/',
      '/quan-tri/lich/99999999999999999999/',
      '/quan-tri/lich/abc/',
      '/quan-tri/lich/them/?loai=khac',
      '/quan-tri/lich/?xa=%00',
      '/quan-tri/lich/bao-cao/?from=2026-99-99&to=x',
    ]) {
      expect((await eaKao.get(path)).status, path).toBeLessThan(500);
    }
    for (const path of ['/quan-tri/lich/123456789/huy', '/quan-tri/lich/123456789/doi', '/quan-tri/lich/123456789/da-truc']) {
      expect((await eaKao.post(path, { confirm: '1', member: 'x' })).status, path).toBe(404);
    }
    const [event] = await eventsOn('24169', addDays(today(), 1));
    expect((await eaKao.post(`/quan-tri/lich/${event!.id}/doi`, { day: '1999-01-01', start: '08:00', end: '09:00', place: 'Xa' })).status).toBe(400);
    for (const path of [
      '/to-cong-nghe-so/66/24169/lich/%ff/',
      '/to-cong-nghe-so/6/24169/lich.ics',
      '/to-cong-nghe-so/66/24169/lich/anh.png?x=%00',
      '/api/communes/24169/schedule?from=2026-01-01&from=2026-01-02',
    ]) {
      expect((await SELF.fetch(`${origin}${path}`)).status, path).toBeLessThan(500);
    }
    // A member area request without a session, or a form from another site, changes nothing.
    expect((await SELF.fetch(`${origin}/thanh-vien/lich/`, { redirect: 'manual' })).status).toBe(401);
    const foreign = await SELF.fetch(`${origin}/thanh-vien/lich/${event!.id}/khong-den`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie: await signIn(YBHIN) },
      body: '',
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
  });
});
