import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { someGuide, usagePlaces } from './usage-helpers.ts';

// Aggregates written straight into usage_daily (March 2026), then read back
// through GET /api/usage and the /thong-ke/ pages.

let slug = '';
let title = '';
const OLD_GUIDE = 'huong-dan-da-go'; // counted once, no longer published
const MARCH = 'from=2026-03-01&to=2026-03-31';

beforeAll(async () => {
  ({ slug, title } = await someGuide());
  await insertDirectoryFixture(env.DB);
  const t = usagePlaces.teams;
  const rows: [string, string, number, string, string, number][] = [
    ['2026-03-02', slug, 0, '', 'view', 100],
    ['2026-03-10', slug, 0, '', 'view', 50],
    ['2026-03-03', slug, t.commune.id, t.commune.member, 'share_click', 7],
    ['2026-03-10', slug, t.village.id, t.village.member, 'share_click', 3],
    ['2026-03-11', slug, t.otherCommune.id, t.otherCommune.member, 'share_click', 5],
    ['2026-03-04', slug, t.otherProvince.id, t.otherProvince.member, 'share_click', 11],
    ['2026-03-02', slug, 0, '', 'share_click', 4],
    ['2026-03-05', slug, 0, '', 'helpful_yes', 9],
    ['2026-03-05', slug, 0, '', 'helpful_no', 2],
    ['2026-03-05', OLD_GUIDE, 0, '', 'view', 5],
    ['2026-02-27', slug, t.commune.id, t.commune.member, 'share_click', 1000], // outside the period
  ];
  await env.DB.batch(
    rows.map((r) => env.DB.prepare('INSERT INTO usage_daily (day, guide, team_id, member_code, kind, count) VALUES (?, ?, ?, ?, ?, ?)').bind(...r)),
  );
  // usage_daily's triggers keep the national totals and the rollups (migration 0008).
});

async function api(query: string) {
  const res = await SELF.fetch(`http://localhost/api/usage?${query}`);
  return { res, body: (await res.json()) as any };
}

describe('GET /api/usage', () => {
  it('reports every guide nationally with views, share clicks and helpful answers, and totals', async () => {
    const { res, body } = await api(MARCH);
    expect(res.status).toBe(200);
    expect(body.scope).toEqual({ level: 'national' });
    expect(body.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(body.guides).toEqual([
      { slug, title, views: 150, shareClicks: 30, helpfulYes: 9, helpfulNo: 2 },
      { slug: OLD_GUIDE, title: OLD_GUIDE, views: 5, shareClicks: 0, helpfulYes: 0, helpfulNo: 0 },
    ]);
    expect(body.totals).toEqual({ views: 155, shareClicks: 30, helpfulYes: 9, helpfulNo: 2 });
    expect(body.topTeams.map((t: { id: number; shareClicks: number }) => [t.id, t.shareClicks])).toEqual([
      [usagePlaces.teams.otherProvince.id, 11],
      [usagePlaces.teams.commune.id, 7],
      [usagePlaces.teams.otherCommune.id, 5],
      [usagePlaces.teams.village.id, 3],
    ]);
    // Weeks start on Monday; the period starts on a Sunday, so its first week is the one of 23 February.
    expect(body.weeks).toEqual([
      { week: '2026-02-23', views: 0, shareClicks: 0 },
      { week: '2026-03-02', views: 105, shareClicks: 22 },
      { week: '2026-03-09', views: 50, shareClicks: 8 },
      { week: '2026-03-16', views: 0, shareClicks: 0 },
      { week: '2026-03-23', views: 0, shareClicks: 0 },
      { week: '2026-03-30', views: 0, shareClicks: 0 },
    ]);
  });

  it("reports a province by its teams' share clicks; views and helpful answers are national only (null)", async () => {
    const { res, body } = await api(`province=${usagePlaces.province.code}&${MARCH}`);
    expect(res.status).toBe(200);
    expect(body.scope).toEqual({ level: 'province', province: usagePlaces.province });
    expect(body.guides).toEqual([{ slug, title, views: null, shareClicks: 15, helpfulYes: null, helpfulNo: null }]);
    expect(body.totals).toEqual({ views: null, shareClicks: 15, helpfulYes: null, helpfulNo: null });
    expect(body.note).toMatch(/national/);
    expect(body.topTeams.map((t: { id: number }) => t.id)).toEqual([
      usagePlaces.teams.commune.id,
      usagePlaces.teams.otherCommune.id,
      usagePlaces.teams.village.id,
    ]);
  });

  it('reports a commune, including its village teams, and a single team', async () => {
    const commune = await api(`commune=${usagePlaces.commune.code}&${MARCH}`);
    expect(commune.res.status).toBe(200);
    expect(commune.body.scope.level).toBe('commune');
    expect(commune.body.scope.province.code).toBe(usagePlaces.province.code);
    expect(commune.body.totals.shareClicks).toBe(10);
    const both = await api(`province=${usagePlaces.province.code}&commune=${usagePlaces.commune.code}&${MARCH}`);
    expect(both.body.totals.shareClicks).toBe(10);
    const team = await api(`team=${usagePlaces.teams.village.id}&${MARCH}`);
    expect(team.res.status).toBe(200);
    expect(team.body.scope.team).toEqual({ id: usagePlaces.teams.village.id, name: usagePlaces.teams.village.name });
    expect(team.body.scope.commune.code).toBe(usagePlaces.commune.code);
    expect(team.body.totals.shareClicks).toBe(3);
  });

  it('defaults to the last twelve weeks up to today', async () => {
    // The clock is pinned (a Wednesday), so the answer cannot depend on when the test runs.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-18T23:59:30Z'));
    try {
      const { res, body } = await api('');
      expect(res.status).toBe(200);
      expect(body.weeks).toHaveLength(12);
      expect(body.period).toEqual({ from: '2025-12-29', to: '2026-03-18' });
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['a date that is not a date', 'from=2026-02-30', 'invalid_parameter'],
    ['a date in another format', 'from=01/03/2026', 'invalid_parameter'],
    ['from after to', 'from=2026-03-31&to=2026-03-01', 'invalid_parameter'],
    ['more than a year', 'from=2025-01-01&to=2026-03-01', 'invalid_parameter'],
    ['a team that is not a number', 'team=abc', 'invalid_parameter'],
    ['a malformed place code', 'province=%3Cb%3E', 'invalid_parameter'],
  ])('answers %s with a 400 JSON error', async (_name, query, code) => {
    const { res, body } = await api(query);
    expect(res.status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
  });

  it.each([
    ['an unknown province', 'province=99'],
    ['an unknown commune', 'commune=99999'],
    ['a commune of another province', `province=${usagePlaces.province.code}&commune=${usagePlaces.farCommune.code}`],
    ['an unknown team', 'team=424242'],
    ['a team of another province', `province=${usagePlaces.province.code}&team=${usagePlaces.teams.otherProvince.id}`],
  ])('answers %s with a 404 JSON error', async (_name, query) => {
    const { res, body } = await api(query);
    expect(res.status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('/thong-ke/ report pages', () => {
  async function page(path: string) {
    const res = await SELF.fetch(`http://localhost${path}`, { redirect: 'manual' });
    return { res, html: await res.text() };
  }

  it('renders the national report: top guides, an accessible SVG trend with a data table, active teams, CSV link', async () => {
    const { res, html } = await page(`/thong-ke/?${MARCH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<h1>Thống kê sử dụng hướng dẫn</h1>');
    expect(html).toContain(`<a href="/huong-dan/${slug}/">${title}</a>`);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="xu-huong-title xu-huong-desc"/);
    expect(html).toContain('<title id="xu-huong-title">');
    expect(html).toMatch(/<desc id="xu-huong-desc">[^<]*01\/03\/2026[^<]*31\/03\/2026[^<]*105/);
    expect(html).toMatch(/<th scope="row">02\/03\/2026<\/th><td class="number">105<\/td><td class="number">22<\/td>/);
    // One tooltip per week, every series of this grouped chart in it; the bars carry none of their own (a year's stacked chart would repeat them 371 times).
    expect(html).toMatch(/<g><title>02\/03\/2026: [^<;]+ 105; [^<;]+ 22<\/title><rect [^>]*><\/rect><rect [^>]*><\/rect>/);
    expect(html).not.toMatch(/<rect [^>]*><title>/);
    expect(html).toContain(usagePlaces.teams.otherProvince.name);
    expect(html).toContain('href="/thong-ke/?from=2026-03-01&amp;to=2026-03-31&amp;dinh-dang=csv"');
    expect(html).toContain(`href="/thong-ke/${usagePlaces.province.code}/?from=2026-03-01&amp;to=2026-03-31"`);
    expect(html).toContain('Cách đếm');
  });

  it('offers the last 12 and 52 weeks in one tap, the period shown marked as current', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-18T10:00:00Z')); // a Wednesday
    try {
      const { res, html } = await page('/thong-ke/86/');
      expect(res.status).toBe(200);
      expect(html).toContain('Xem nhanh:');
      expect(html).toContain('<a href="/thong-ke/86/?from=2025-12-29&amp;to=2026-03-18" aria-current="true">12 tuần gần đây</a>');
      expect(html).toContain('<a href="/thong-ke/86/?from=2025-03-24&amp;to=2026-03-18">52 tuần gần đây</a>');
    } finally {
      vi.useRealTimers();
    }
  });

  it('renders a province and a commune report with share clicks only, and explains why', async () => {
    const province = await page(`/thong-ke/${usagePlaces.province.code}/?${MARCH}`);
    expect(province.res.status).toBe(200);
    expect(province.html).toContain(usagePlaces.province.name);
    expect(province.html).toContain(usagePlaces.teams.otherCommune.name);
    expect(province.html).not.toContain(usagePlaces.teams.otherProvince.name);
    expect(province.html).toContain(`href="/thong-ke/${usagePlaces.province.code}/${usagePlaces.commune.code}/?from=2026-03-01&amp;to=2026-03-31"`);
    expect(province.html).toContain('chỉ tính trên toàn quốc');
    const commune = await page(`/thong-ke/${usagePlaces.province.code}/${usagePlaces.commune.code}/?${MARCH}`);
    expect(commune.res.status).toBe(200);
    expect(commune.html).toContain(`${usagePlaces.commune.name}, ${usagePlaces.province.name}`);
    expect(commune.html).toContain(usagePlaces.teams.village.name);
    expect(commune.html).not.toContain(usagePlaces.teams.otherCommune.name);
  });

  it('downloads the guide table as UTF-8 CSV with a byte-order mark', async () => {
    const res = await SELF.fetch(`http://localhost/thong-ke/${usagePlaces.province.code}/?${MARCH}&dinh-dang=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="thong-ke-${usagePlaces.province.code}-2026-03-01-2026-03-31.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Mã hướng dẫn,Hướng dẫn,Lượt xem,Lượt mở link chia sẻ,Thấy giúp ích,Chưa giúp ích,Từ ngày,Đến ngày');
    expect(lines.slice(1)).toEqual([`${slug},${title},,15,,,2026-03-01,2026-03-31`]);
    const national = await (await SELF.fetch(`http://localhost/thong-ke/?${MARCH}&dinh-dang=csv`)).text();
    expect(national).toContain(`${slug},${title},150,30,9,2,2026-03-01,2026-03-31`);
  });

  it('answers unknown places with the 404 page', async () => {
    for (const path of [
      '/thong-ke/99/',
      `/thong-ke/${usagePlaces.province.code}/99999/`,
      `/thong-ke/${usagePlaces.province.code}/${usagePlaces.farCommune.code}/`,
      '/thong-ke/a/b/c/',
    ]) {
      const { res } = await page(path);
      expect(res.status, path).toBe(404);
    }
  });

  it('answers bad dates with a 400 page in Vietnamese', async () => {
    for (const query of ['from=2026-02-30', 'from=2026-03-31&to=2026-03-01', 'from=2024-01-01&to=2026-01-01']) {
      const { res, html } = await page(`/thong-ke/?${query}`);
      expect(res.status, query).toBe(400);
      expect(html).toContain('Khoảng thời gian chưa hợp lệ');
    }
  });

  it('adds the trailing slash every page URL has', async () => {
    const { res } = await page(`/thong-ke/${usagePlaces.province.code}?${MARCH}`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`/thong-ke/${usagePlaces.province.code}/?${MARCH}`);
  });
});
