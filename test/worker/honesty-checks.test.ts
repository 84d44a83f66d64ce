// Issue 23, point 5: entries that deserve a second look, each with its
// reason. The seeded patterns are flagged and the ordinary entries next to
// them are not; opening the list changes nothing; marking an entry checked is
// audited and scoped; voiding from the list goes through the audited void.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { auditActions, type Browser, signedIn, totpKeyForTests } from './admin-helpers.ts';
import { insertEntry } from './assists-helpers.ts';
import type { Official } from '../../functions/auth/official.ts';
import { markChecked } from '../../functions/assists/honesty.ts';
import { entryById, voidEntry } from '../../functions/assists/official-actions.ts';

const YBHIN = 'K7Q2MZ20'; // team 1, Phường Ea Kao (24169)
const NGA = 'P3X9TA21'; // team 1
const AN = 'W8D4RC22'; // team 1
const CUONG = 'M5J7KE24'; // team 2, Phường Ea Kao
const KHOA = 'C4V8YM26'; // team 3, Phường Ea Kao
const HANH = 'R6H2WQ27'; // team 4, Phường Ea Kao
const MAI = 'E9V3XB30'; // team 7, Phường Buôn Ma Thuột (24133)

let eaKao: Browser;
let bmt: Browser;
let daklak: Browser;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T09:00:00+07:00');
const ids: Record<string, number[]> = {};

async function entry(code: string, people: number, day: string, createdAt: number, task = 'vneid-muc-2'): Promise<number> {
  const id = await insertEntry(code, people, day, { task, createdAt });
  ids[code] ??= [];
  ids[code].push(id);
  return id;
}

const confirm = (assistId: number, visitor: string, day: string) =>
  env.DB.prepare('INSERT INTO assist_confirmations (assist_id, visitor, day, confirmed_at) VALUES (?, ?, ?, 0)').bind(assistId, visitor, day).run();

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  ({ browser: eaKao } = await signedIn({ username: 'xa.eakao', role: 'commune', provinceCode: '66', communeCode: '24169' }));
  ({ browser: bmt } = await signedIn({ username: 'xa.bmt', role: 'commune', provinceCode: '66', communeCode: '24133' }));
  ({ browser: daklak } = await signedIn({ username: 'tinh.daklak', role: 'province', provinceCode: '66', totpKey: totpKeyForTests }));
  // Burst: Y Bhin Niê records 8 + 7 + 6 = 21 people within 4 minutes.
  await entry(YBHIN, 8, '2026-03-02', T0);
  await entry(YBHIN, 7, '2026-03-02', T0 + 2 * 60_000, 'lua-dao');
  await entry(YBHIN, 6, '2026-03-02', T0 + 4 * 60_000, 'vi-dien-tu');
  // Ordinary: H'Nga Mlô, 2–3 people an hour or more apart.
  for (const [k, people] of [2, 3, 2, 3, 2].entries()) await entry(NGA, people, `2026-03-0${k + 3}`, T0 + (k + 1) * 24 * HOUR);
  // Far above the team's usual: Nguyễn Văn An records 30 where the team's other entries average about 4.
  await entry(AN, 30, '2026-03-09', T0 + 7 * 24 * HOUR);
  // Always at the cap: Lê Văn Cường's three (task, day) totals are all 50.
  for (const day of ['10', '11', '12']) await entry(CUONG, 50, `2026-03-${day}`, Date.parse(`2026-03-${day}T18:00:00+07:00`));
  // Ordinary: Đỗ Minh Khoa reaches the cap once, not always.
  for (const [day, people] of [
    ['10', 50],
    ['11', 10],
    ['12', 50],
  ] as const)
    await entry(KHOA, people, `2026-03-${day}`, Date.parse(`2026-03-${day}T18:00:00+07:00`));
  // Confirmations all from one visitor: three of Ngô Thị Mai's entries, confirmed by the same phone on the same day.
  for (const k of [0, 1, 2]) await confirm(await entry(MAI, 2, '2026-03-05', T0 + 3 * 24 * HOUR + k * HOUR), 'one-phone', '2026-03-05');
  // Ordinary: Võ Thị Hạnh's two entries, each confirmed by a different phone.
  for (const k of [0, 1]) await confirm(await entry(HANH, 2, '2026-03-06', T0 + 4 * 24 * HOUR + k * HOUR), `phone-${k}`, '2026-03-06');
});

const MARCH = 'from=2026-03-01&to=2026-03-31';

/** Each listed entry's id and reasons, from the page. */
function listed(html: string): Map<number, string> {
  return new Map([...html.matchAll(/<li data-entry="(\d+)">([\s\S]*?)<\/ul>/g)].map((m) => [Number(m[1]), m[2]!]));
}

describe('honesty checks', () => {
  it('flag the seeded patterns, each with its reason, and not the ordinary entries', async () => {
    const res = await daklak.get(`/quan-tri/ho-tro/kiem-tra/?${MARCH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const entries = listed(await res.text());
    for (const id of ids[YBHIN]!) expect(entries.get(id), `burst ${id}`).toContain('Nhiều người được ghi nhận trong vài phút');
    expect(entries.get(ids[AN]![0]!)).toContain('Cao hơn nhiều so với mức thường thấy của tổ');
    for (const id of ids[CUONG]!) expect(entries.get(id), `cap ${id}`).toContain('Tổng mỗi ngày của thành viên luôn ở mức tối đa');
    for (const id of ids[MAI]!) expect(entries.get(id), `one visitor ${id}`).toContain('Các xác nhận đều từ cùng một điện thoại');
    for (const code of [NGA, KHOA, HANH]) for (const id of ids[code]!) expect(entries.has(id), `${code} ${id}`).toBe(false);
    // Exactly the seeded entries: 3 + 1 + 3 + 3.
    expect(entries.size).toBe(10);
    // The 30-people entry is not a burst, nor the 50s (single entries, hours apart).
    expect(entries.get(ids[AN]![0]!)).not.toContain('vài phút');
    expect(entries.get(ids[CUONG]![0]!)).not.toContain('vài phút');
  });

  it('a commune officer sees only their commune’s; another commune is refused', async () => {
    const entries = listed(await (await eaKao.get(`/quan-tri/ho-tro/kiem-tra/?${MARCH}`)).text());
    expect(entries.size).toBe(7);
    for (const id of ids[MAI]!) expect(entries.has(id)).toBe(false);
    const other = await eaKao.get(`/quan-tri/ho-tro/kiem-tra/?xa=24133&${MARCH}`);
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain('Ngô Thị Mai');
    const own = listed(await (await bmt.get(`/quan-tri/ho-tro/kiem-tra/?${MARCH}`)).text());
    expect([...own.keys()].sort()).toEqual([...ids[MAI]!].sort());
  });

  it('opening the list hides, changes or voids nothing', async () => {
    const snapshot = async () => (await env.DB.prepare('SELECT id, people, voided_at, updated_at FROM assists ORDER BY id').all()).results;
    const before = await snapshot();
    await daklak.get(`/quan-tri/ho-tro/kiem-tra/?${MARCH}`);
    expect(await snapshot()).toEqual(before);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM assist_checks').first('n')).toBe(0);
  });

  it('marking an entry checked is audited, keeps it listed and unchanged, and is once-only', async () => {
    const id = ids[YBHIN]![0]!;
    const res = await eaKao.post(`/quan-tri/ho-tro/kiem-tra/${id}/da-kiem-tra`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('ket-qua=da-kiem-tra');
    expect(await auditActions(`assist:${id}`)).toEqual(['assist.check']);
    const html = await (await eaKao.get(`/quan-tri/ho-tro/kiem-tra/?${MARCH}&ket-qua=da-kiem-tra`)).text();
    expect(html).toContain('Đã đánh dấu ghi nhận là đã kiểm tra.');
    expect(listed(html).get(id)).toContain('Nhiều người được ghi nhận trong vài phút'); // still listed, with its reason
    expect(html).toMatch(new RegExp(`<li data-entry="${id}">[\\s\\S]*?Đã kiểm tra: xa.eakao`));
    const row = await env.DB.prepare('SELECT people, voided_at AS voidedAt FROM assists WHERE id = ?').bind(id).first();
    expect(row).toEqual({ people: 8, voidedAt: null });
    const again = await eaKao.post(`/quan-tri/ho-tro/kiem-tra/${id}/da-kiem-tra`, {});
    expect(again.headers.get('location')).toContain('ket-qua=da-kiem-tra-truoc');
    expect(await auditActions(`assist:${id}`)).toEqual(['assist.check']);
  });

  it('refuses marking outside the scope or without the form’s token; nothing written', async () => {
    const id = ids[YBHIN]![1]!;
    expect((await bmt.post(`/quan-tri/ho-tro/kiem-tra/${id}/da-kiem-tra`, {})).status).toBe(403);
    expect((await eaKao.post(`/quan-tri/ho-tro/kiem-tra/${id}/da-kiem-tra`, {}, { csrf: false })).status).toBe(403);
    expect((await eaKao.post('/quan-tri/ho-tro/kiem-tra/abc/da-kiem-tra', {})).status).toBe(404);
    expect((await eaKao.post('/quan-tri/ho-tro/kiem-tra/999999/da-kiem-tra', {})).status).toBe(404);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM assist_checks WHERE assist_id = ?').bind(id).first('n')).toBe(0);
    expect(await auditActions(`assist:${id}`)).toEqual([]);
  });

  it('voiding from the list uses the audited void and comes back to the list', async () => {
    const id = ids[AN]![0]!;
    const res = await eaKao.post(`/quan-tri/ho-tro/ghi-nhan/${id}/huy`, { ve: 'kiem-tra' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/quan-tri\/ho-tro\/kiem-tra\/\?xa=24169&ket-qua=da-huy$/);
    expect(await auditActions(`assist:${id}`)).toEqual(['assist.void']);
    const row = await env.DB.prepare('SELECT voided_by AS voidedBy FROM assists WHERE id = ?').bind(id).first();
    expect(row).toEqual({ voidedBy: 'xa.eakao' });
  });
  it('two officials acting on the same entry at once change it once and are audited once (a check, a void)', async () => {
    const id = await insertEntry(YBHIN, 2, '2026-03-05');
    const official: Official = {
      id: 1,
      username: 'xa.eakao',
      displayName: 'xa.eakao',
      role: 'commune',
      provinceCode: '66',
      communeCode: '24169',
      twoFactorEnabled: false,
    };
    // Both read the entry before either writes: both pass the "already done?" look-up.
    const entry = (await entryById(env.DB, id))!;
    expect(await Promise.all([markChecked(env.DB, official, entry), markChecked(env.DB, official, entry)])).toContain(true);
    expect(await Promise.all([voidEntry(env.DB, official, entry), voidEntry(env.DB, official, entry)])).toEqual(expect.arrayContaining([true, false]));
    expect(await auditActions(`assist:${id}`)).toEqual(['assist.check', 'assist.void']);
  });
});
