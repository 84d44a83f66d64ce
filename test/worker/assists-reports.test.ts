import { env, SELF } from 'cloudflare:test';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { taskIds } from '../../functions/assists/tasks.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { memberIdOf } from './assists-helpers.ts';

// Entries written straight into D1 (the triggers keep assist_province_days),
// March 2026, then read back through GET /api/assists and the /thong-ke/ pages.
const MARCH = 'from=2026-03-01&to=2026-03-31';

async function insertEntry(code: string, task: string, people: number, day: string, extra: { voided?: boolean; villageId?: number } = {}) {
  const member = await env.DB.prepare(
    'SELECT m.id, t.id AS teamId, t.province_code AS p, t.commune_code AS c, t.village_id AS v FROM members m JOIN teams t ON t.id = m.team_id WHERE m.code = ?',
  )
    .bind(code)
    .first<{ id: number; teamId: number; p: string; c: string | null; v: number | null }>();
  await env.DB.prepare(
    `INSERT INTO assists (member_id, team_id, province_code, commune_code, village_id, task, people, day, created_at, updated_at, voided_at, voided_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`,
  )
    .bind(
      member!.id,
      member!.teamId,
      member!.p,
      member!.c,
      extra.villageId ?? member!.v,
      task,
      people,
      day,
      extra.voided ? 1 : null,
      extra.voided ? 'test' : null,
    )
    .run();
}

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  // Team 1 (village Buôn Ea Kao, commune 24169, province 66).
  await insertEntry('K7Q2MZ20', 'vneid-muc-2', 3, '2026-03-02');
  await insertEntry('K7Q2MZ20', 'vneid-muc-2', 5, '2026-03-10');
  await insertEntry('P3X9TA21', 'lua-dao', 4, '2026-03-10', { villageId: 4 });
  await insertEntry('P3X9TA21', 'lua-dao', 40, '2026-03-11', { voided: true }); // voided: never counted
  // Team 4 (commune team of 24169).
  await insertEntry('R6H2WQ27', 'nop-ho-so-truc-tuyen', 7, '2026-03-03');
  // Team 7 (another commune of province 66), team 9 (province 86).
  await insertEntry('E9V3XB30', 'vi-dien-tu', 11, '2026-03-04');
  await insertEntry('D7K5QT33', 'khac', 2, '2026-03-05');
  // Outside the period.
  await insertEntry('K7Q2MZ20', 'vneid-muc-2', 45, '2026-02-27');
  await env.DB.prepare(
    `INSERT INTO assist_targets (indicator, province_code, commune_code, target, denominator, set_by, set_by_role, updated_at)
     VALUES ('vneid', '66', '', 1000, 20000, 'test', 'province', 0), ('vneid', '66', '24169', 100, NULL, 'test', 'province', 0)`,
  ).run();
});

async function api(query: string) {
  const res = await SELF.fetch(`http://localhost/api/assists?${query}`);
  return { res, body: (await res.json()) as any };
}

const peopleOf = (body: { tasks: { id: string; people: number }[] }, id: string) => body.tasks.find((t) => t.id === id)?.people;

describe('GET /api/assists', () => {
  it('returns exactly { tasks: [{ id, label, people, confirmed }], total, confirmed } with every task, voided entries left out', async () => {
    const { res, body } = await api(MARCH);
    expect(res.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['confirmed', 'tasks', 'total']);
    expect(body.tasks.map((t: { id: string }) => t.id)).toEqual([...taskIds]);
    for (const t of body.tasks) expect(Object.keys(t).sort()).toEqual(['confirmed', 'id', 'label', 'people']);
    expect(body.tasks[0]).toEqual({ id: 'vneid-muc-2', label: 'Kích hoạt VNeID mức 2', people: 8, confirmed: 0 });
    expect(peopleOf(body, 'lua-dao')).toBe(4);
    expect(body.total).toBe(3 + 5 + 4 + 7 + 11 + 2);
  });

  it('filters by province, commune and team', async () => {
    expect((await api(`${MARCH}&province=66`)).body.total).toBe(3 + 5 + 4 + 7 + 11);
    expect((await api(`${MARCH}&province=86`)).body.total).toBe(2);
    expect((await api(`${MARCH}&commune=24169`)).body.total).toBe(3 + 5 + 4 + 7);
    const team = await api(`${MARCH}&province=66&commune=24169&team=1`);
    expect(team.body.total).toBe(12);
    expect(peopleOf(team.body, 'nop-ho-so-truc-tuyen')).toBe(0);
    expect((await api('from=2026-02-01&to=2026-02-28&team=1')).body.total).toBe(45);
    expect((await api('from=2026-01-01&to=2026-01-31&team=1')).body.total).toBe(0);
  });

  it.each([
    ['province=99', 404],
    ['commune=99999', 404],
    ['province=86&commune=24169', 404],
    ['team=999', 404],
    ['team=1&province=86', 404],
    ['province=6', 400],
    ['commune=abc', 400],
    ['team=0', 400],
    ['from=2026-13-01', 400],
    ['from=01/03/2026', 400],
    ['to=yesterday', 400],
    ['from=2026-03-31&to=2026-03-01', 400],
    ['from=2024-01-01&to=2026-03-01', 400],
  ])('answers %s with %i and the JSON error shape', async (query, status) => {
    const { res, body } = await api(query);
    expect(res.status).toBe(status);
    expect(typeof body.error.code).toBe('string');
    expect(body.error.message.length).toBeGreaterThan(5);
  });

  it('is documented in /api/openapi.json with its parameters and response', async () => {
    const doc = (await (await SELF.fetch('http://localhost/api/openapi.json')).json()) as any;
    const op = doc.paths['/api/assists'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['commune', 'from', 'province', 'team', 'to']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '404']);
    expect(doc.components.schemas.Assists.required.sort()).toEqual(['confirmed', 'tasks', 'total']);
    // The directory's own paths are still there.
    expect(doc.paths['/api/provinces']).toBeDefined();
  });

  it('refuses writes with 405 JSON and Allow, like every /api/* route', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await SELF.fetch('http://localhost/api/assists', { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow'), method).toBe('GET, HEAD');
      expect(res.headers.get('content-type'), method).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: { code: string } }).error.code, method).toBe('method_not_allowed');
    }
  });
});

describe('"Hỗ trợ người dân" on the report pages', () => {
  it('the commune page shows people per task, per week, by village and team, and the commune target', async () => {
    const res = await SELF.fetch(`http://localhost/thong-ke/66/24169/?${MARCH}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const section = /<section class="assists-report"[\s\S]*?<\/section>/.exec(html)![0];
    expect(section).toContain('Hỗ trợ người dân');
    expect(section).toContain('do thành viên tự ghi nhận');
    expect(section).toContain('không cộng với lượt xem');
    expect(section).toMatch(/<dt>Người được hỗ trợ<\/dt>\s*<dd>19<\/dd>/);
    expect(section).toMatch(/Kích hoạt VNeID mức 2<\/td>\s*<td class="number" data-label="Số người">8</);
    expect(section).toContain('Buôn Cư Dluê'); // by village
    expect(section).toContain('Tổ công nghệ số cộng đồng buôn Ea Kao'); // by team
    expect(section).toMatch(/<svg[^>]*role="img"/); // the chart…
    expect(section).toContain('Xem bảng số liệu theo tuần'); // …and its table
    // Progress counts everything recorded up to the period's end: 45 in February + 8 in March, of the commune's 100.
    expect(section).toContain('53% chỉ tiêu');
    // Public page: no member names.
    for (const name of ['Y Bhin Niê', 'H’Nga Mlô']) expect(section).not.toContain(name);
  });

  it('the province page shows communes and the province target with its denominator', async () => {
    const html = await (await SELF.fetch(`http://localhost/thong-ke/66/?${MARCH}`)).text();
    const section = /<section class="assists-report"[\s\S]*?<\/section>/.exec(html)![0];
    expect(section).toMatch(/<dd>30<\/dd>/);
    expect(section).toContain('Phường Ea Kao');
    expect(section).toContain('5,3% chỉ tiêu'); // 53 / 1000
    expect(section).toContain('0,3% của 20.000 người'); // 53 / 20000
  });

  it('the national page shows provinces and never mixes with page views', async () => {
    const html = await (await SELF.fetch(`http://localhost/thong-ke/?${MARCH}`)).text();
    const section = /<section class="assists-report"[\s\S]*?<\/section>/.exec(html)![0];
    expect(section).toMatch(/<dd>32<\/dd>/);
    expect(section).toContain('Đắk Lắk');
    expect(section).toContain('Vĩnh Long');
    expect(section).not.toContain('Lượt xem');
  });

  it('downloads the section as CSV and as XLSX', async () => {
    const csv = await SELF.fetch(`http://localhost/thong-ke/66/24169/?${MARCH}&dinh-dang=ho-tro-csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('ho-tro-66-24169-2026-03-01-2026-03-31.csv');
    const text = await csv.text();
    expect(text).toContain('vneid-muc-2,Kích hoạt VNeID mức 2,Người dân có tài khoản định danh điện tử VNeID mức 2,8,');
    expect(text).toMatch(/,Tổng cộng,,19,/);

    const xlsx = await SELF.fetch(`http://localhost/thong-ke/66/24169/?${MARCH}&dinh-dang=ho-tro-xlsx`);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    const workbook = strFromU8(files['xl/workbook.xml']!);
    for (const sheet of ['Theo việc', 'Theo tuần', 'Theo địa bàn', 'Theo tổ', 'Chỉ tiêu']) expect(workbook).toContain(`name="${sheet}"`);
    expect(workbook).not.toContain('Theo thành viên');
    const first = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(first).toContain('<t xml:space="preserve">Kích hoạt VNeID mức 2</t>');
    expect(first).toContain('<v>8</v>');
  });
});

describe('assist_province_days (kept by triggers)', () => {
  it('follows inserts, edits, voids and deletes', async () => {
    const sum = async () =>
      (await env.DB.prepare("SELECT coalesce(sum(people), 0) AS n FROM assist_province_days WHERE province_code = '86' AND day = '2026-04-01'").first<{
        n: number;
      }>())!.n;
    const member = await memberIdOf('D7K5QT33');
    const { id } = (await env.DB.prepare(
      `INSERT INTO assists (member_id, team_id, province_code, commune_code, task, people, day, created_at, updated_at)
       VALUES (?, 9, '86', '28789', 'lua-dao', 6, '2026-04-01', 0, 0) RETURNING id`,
    )
      .bind(member)
      .first<{ id: number }>())!;
    expect(await sum()).toBe(6);
    await env.DB.prepare('UPDATE assists SET people = 9 WHERE id = ?').bind(id).run();
    expect(await sum()).toBe(9);
    await env.DB.prepare('UPDATE assists SET voided_at = 1 WHERE id = ?').bind(id).run();
    expect(await sum()).toBe(0);
    await env.DB.prepare('UPDATE assists SET voided_at = NULL WHERE id = ?').bind(id).run();
    expect(await sum()).toBe(9);
    await env.DB.prepare('DELETE FROM assists WHERE id = ?').bind(id).run();
    expect(await sum()).toBe(0);
  });
});
