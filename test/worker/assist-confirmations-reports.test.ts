import { env, SELF } from 'cloudflare:test';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Browser, signedIn } from './admin-helpers.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';

// March 2026 entries written straight into D1 with citizens' confirmations
// (the triggers keep assists.confirmed and assist_province_days), read back
// through GET /api/assists, /thong-ke/, the CSV/XLSX and the officials' pages.
const MARCH = 'from=2026-03-01&to=2026-03-31';
let visitorNumber = 0;

async function entry(code: string, task: string, people: number, day: string, villageId?: number): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO assists (member_id, team_id, province_code, commune_code, village_id, task, people, day, created_at, updated_at)
     SELECT m.id, t.id, t.province_code, t.commune_code, coalesce(?, t.village_id), ?, ?, ?, 0, 0 FROM members m JOIN teams t ON t.id = m.team_id WHERE m.code = ?
     RETURNING id`,
  )
    .bind(villageId ?? null, task, people, day, code)
    .first<{ id: number }>();
  return row!.id;
}

async function confirm(assistId: number, times: number) {
  for (let i = 0; i < times; i++) {
    visitorNumber++;
    await env.DB.prepare('INSERT INTO assist_confirmations (assist_id, visitor, day, confirmed_at) VALUES (?, ?, ?, 0)')
      .bind(assistId, visitorNumber.toString(16).padStart(64, '0'), '2026-03-15')
      .run();
  }
}

let eaKao: Browser;
let eaKaoEntries: number[] = [];

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  // Team 1 (commune 24169, province 66): 3 people (2 confirmed) and 4 people in Buôn Cư Dluê (1 confirmed).
  const vneid = await entry('K7Q2MZ20', 'vneid-muc-2', 3, '2026-03-02');
  const scams = await entry('P3X9TA21', 'lua-dao', 4, '2026-03-10', 4);
  await confirm(vneid, 2);
  await confirm(scams, 1);
  eaKaoEntries = [vneid, scams];
  // Team 7 (commune 24133, province 66): nobody confirmed.
  await entry('E9V3XB30', 'vi-dien-tu', 11, '2026-03-04');
  // Team 9 (province 86): 2 of 2 confirmed.
  await confirm(await entry('D7K5QT33', 'khac', 2, '2026-03-05'), 2);
  // Confirmed, then voided by an official: counted nowhere.
  const voided = await entry('K7Q2MZ20', 'vneid-muc-2', 5, '2026-03-06');
  await confirm(voided, 3);
  await env.DB.prepare("UPDATE assists SET voided_at = 1, voided_by = 'test' WHERE id = ?").bind(voided).run();
  ({ browser: eaKao } = await signedIn({ username: 'xa.eakao', role: 'commune', provinceCode: '66', communeCode: '24169' }));
});

async function api(query: string) {
  const res = await SELF.fetch(`http://localhost/api/assists?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { tasks: { id: string; people: number; confirmed: number }[]; total: number; confirmed: number };
}

const section = (html: string) => /<section class="assists-report"[\s\S]*?<\/section>/.exec(html)![0];
const confirmedTotal = (n: number) => new RegExp(`<dt>Người dân đã xác nhận</dt>\\s*<dd>${n}</dd>`);

describe('confirmed counts in GET /api/assists', () => {
  it('answers { tasks: [{ id, label, people, confirmed }], total, confirmed } at every level, voided entries left out', async () => {
    const national = await api(MARCH);
    expect(national.total).toBe(20);
    expect(national.confirmed).toBe(5);
    expect(national.tasks.find((t) => t.id === 'vneid-muc-2')).toEqual({ id: 'vneid-muc-2', label: 'Kích hoạt VNeID mức 2', people: 3, confirmed: 2 });
    expect(national.tasks.find((t) => t.id === 'vi-dien-tu')).toMatchObject({ people: 11, confirmed: 0 });
    expect(national.tasks.reduce((s, t) => s + t.confirmed, 0)).toBe(national.confirmed);
    expect(await api(`province=66&${MARCH}`)).toMatchObject({ total: 18, confirmed: 3 });
    expect(await api(`province=66&commune=24169&${MARCH}`)).toMatchObject({ total: 7, confirmed: 3 });
    expect(await api(`team=1&${MARCH}`)).toMatchObject({ total: 7, confirmed: 3 });
    expect(await api(`province=86&${MARCH}`)).toMatchObject({ total: 2, confirmed: 2 });
  });

  it('is documented in /api/openapi.json', async () => {
    const doc = (await (await SELF.fetch('http://localhost/api/openapi.json')).json()) as any;
    const schema = doc.components.schemas.Assists;
    expect(schema.properties.confirmed.type).toBe('integer');
    expect(schema.properties.tasks.items.required.sort()).toEqual(['confirmed', 'id', 'label', 'people']);
    expect(schema.properties.tasks.items.properties.confirmed.description).toContain('xác nhận');
  });
});

describe('confirmed counts on /thong-ke/', () => {
  it('the commune page shows people and confirmed, per task and per village', async () => {
    const html = section(await (await SELF.fetch(`http://localhost/thong-ke/66/24169/?${MARCH}`)).text());
    expect(html).toMatch(/<dt>Người được hỗ trợ<\/dt>\s*<dd>7<\/dd>/);
    expect(html).toMatch(confirmedTotal(3));
    expect(html).toMatch(
      /Kích hoạt VNeID mức 2<\/td>\s*<td class="number" data-label="Số người">3<\/td>\s*<td class="number" data-label="Đã được người dân xác nhận">2</,
    );
    expect(html).toMatch(
      /Buôn Cư Dluê<\/td>\s*<td class="number" data-label="Số người">4<\/td>\s*<td class="number" data-label="Đã được người dân xác nhận">1</,
    );
  });

  it('the province and national pages read the confirmed rollup', async () => {
    const province = section(await (await SELF.fetch(`http://localhost/thong-ke/66/?${MARCH}`)).text());
    expect(province).toMatch(confirmedTotal(3));
    expect(province).toMatch(
      /Phường Ea Kao<\/td>\s*<td class="number" data-label="Số người">7<\/td>\s*<td class="number" data-label="Đã được người dân xác nhận">3</,
    );
    const national = section(await (await SELF.fetch(`http://localhost/thong-ke/?${MARCH}`)).text());
    expect(national).toMatch(confirmedTotal(5));
  });

  it('the CSV and XLSX carry a confirmed column', async () => {
    const csv = await (await SELF.fetch(`http://localhost/thong-ke/66/24169/?${MARCH}&dinh-dang=ho-tro-csv`)).text();
    expect(csv).toContain('Người được hỗ trợ (thành viên tự ghi nhận),Đã được người dân xác nhận,Địa bàn');
    expect(csv).toContain('vneid-muc-2,Kích hoạt VNeID mức 2,Người dân có tài khoản định danh điện tử VNeID mức 2,3,2,');
    expect(csv).toMatch(/,Tổng cộng,,7,3,/);
    const xlsx = await SELF.fetch(`http://localhost/thong-ke/66/24169/?${MARCH}&dinh-dang=ho-tro-xlsx`);
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    for (const sheet of ['sheet1.xml', 'sheet3.xml', 'sheet4.xml']) {
      expect(strFromU8(files[`xl/worksheets/${sheet}`]!), sheet).toContain('Đã được người dân xác nhận');
    }
  });
});

describe('officials', () => {
  it('see confirmed counts, by member too', async () => {
    const html = await (await eaKao.get(`/quan-tri/ho-tro/?${MARCH}`)).text();
    expect(html).toMatch(confirmedTotal(3));
    expect(html).toMatch(/Y Bhin Niê<\/td>[\s\S]*?data-label="Số người">3<\/td>\s*<td class="number" data-label="Đã được người dân xác nhận">2</);
    expect(html).toContain(`href="/quan-tri/ho-tro/?${MARCH.replace('&', '&amp;')}&amp;xac-nhan=1"`);
  });

  it('filter to confirmed help only: page, downloads and the entries list', async () => {
    const html = await (await eaKao.get(`/quan-tri/ho-tro/?${MARCH}&xac-nhan=1`)).text();
    expect(html).toContain('Đang chỉ tính những người đã tự xác nhận được hỗ trợ.');
    expect(html).toMatch(/<dt>Người được hỗ trợ<\/dt>\s*<dd>3<\/dd>/);
    expect(html).toMatch(/H’Nga Mlô<\/td>[\s\S]*?data-label="Số người">1<\/td>/);
    expect(html).toContain('xac-nhan=1&amp;dinh-dang=ho-tro-csv');
    const csv = await (await eaKao.get(`/quan-tri/ho-tro/?${MARCH}&xac-nhan=1&dinh-dang=ho-tro-csv`)).text();
    expect(csv).toMatch(/,Tổng cộng,,3,3,/);
    expect(csv).toContain('chỉ tính hỗ trợ đã được người dân xác nhận');

    // Entries: each shows its confirmations; the filter keeps only confirmed ones.
    const all = await (await eaKao.get('/quan-tri/ho-tro/ghi-nhan/')).text();
    expect(all).toContain('2 người dân xác nhận');
    const fresh = await env.DB.prepare(
      "INSERT INTO assists (member_id, team_id, province_code, commune_code, task, people, day, created_at, updated_at) SELECT id, team_id, '66', '24169', 'khac', 6, '2026-03-20', 0, 0 FROM members WHERE code = 'K7Q2MZ20' RETURNING id",
    ).first<{ id: number }>();
    const listed = (page: string) => [...page.matchAll(/action="\/quan-tri\/ho-tro\/ghi-nhan\/(\d+)\/huy"/g)].map((m) => Number(m[1]));
    expect(listed(await (await eaKao.get('/quan-tri/ho-tro/ghi-nhan/')).text())).toContain(fresh!.id);
    const confirmedOnly = listed(await (await eaKao.get('/quan-tri/ho-tro/ghi-nhan/?xac-nhan=1')).text());
    expect(confirmedOnly.sort()).toEqual([...eaKaoEntries].sort());
  });
});
