import { env, SELF } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { batch } from '../../functions/directory/d1-batch.ts';
import { directoryChangedStatements } from '../../functions/directory/directory-changed.ts';
import { directoryColumns } from '../../functions/directory/sheet/columns.ts';
import { readDirectoryRows } from '../../functions/directory/sheet/export-rows.ts';
import { applyDirectoryChanges } from '../../functions/directory/import/apply.ts';
import { planDirectorySheet } from '../../functions/directory/import/import-sheet.ts';
import { BOOKMARK_COOKIE } from '../../functions/middleware/d1-session.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';

// National-scale reads (issue 10): the edge cache keyed by the directory
// version, the coverage summary kept by the writes, D1 sessions.

const COMMUNE_PAGE = 'http://localhost/to-cong-nghe-so/66/24169/';
const digits = (s: string) => s.replace(/\D/g, '');

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await SELF.fetch(url, { headers, redirect: 'manual' });
  return { res, body: await res.text(), cache: res.headers.get('x-edge-cache') };
}

const header = [
  'Mã xã/phường',
  'Tên thôn/tổ dân phố',
  'Loại',
  'Tên tổ',
  'Họ và tên',
  'Vai trò',
  'Chức vụ',
  'Số điện thoại',
  'Công khai liên hệ',
  'Số quyết định',
  'Ngày quyết định',
  'Trạng thái',
];

/** Runs the real import (plan, then apply: functions/directory/import/plan.ts) on rows of the template. */
async function importRows(rows: string[][]) {
  const planned = await planDirectorySheet(env.DB, [{ rowNumber: 1, cells: header }, ...rows.map((cells, i) => ({ rowNumber: i + 2, cells }))]);
  if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
  const written = await applyDirectoryChanges(env.DB, planned.changes);
  if (!written.ok) throw new Error(written.message);
}

/** A commune's current list (as exported) in these columns: an import is the complete list of its communes. */
async function currentRows(communeCode: string): Promise<string[][]> {
  const index = header.map((h) => directoryColumns.findIndex((c) => c.header === h));
  return (await readDirectoryRows(env.DB, { communeCode })).map((row) => index.map((i) => row[i]!));
}

/** Coverage recomputed from the raw tables in plain JS: the oracle for directory_coverage. */
async function recomputedCoverage() {
  const villages = (
    await env.DB.prepare(
      'SELECT v.id, c.province_code AS p, c.code AS c FROM villages v JOIN communes c ON c.code = v.commune_code WHERE v.removed_at IS NULL',
    ).all<{ id: number; p: string; c: string }>()
  ).results;
  const teams = (
    await env.DB.prepare('SELECT id, province_code AS p, commune_code AS c, village_id AS v, level, active FROM teams').all<{
      id: number;
      p: string;
      c: string | null;
      v: number | null;
      level: string;
      active: number;
    }>()
  ).results;
  const members = (await env.DB.prepare('SELECT team_id AS t FROM members WHERE removed_at IS NULL').all<{ t: number }>()).results;
  const byKey = new Map<string, { villages: number; covered: Set<number>; levels: Record<string, number>; members: number }>();
  const at = (p: string, c: string) => {
    const key = `${p}|${c}`;
    if (!byKey.has(key)) byKey.set(key, { villages: 0, covered: new Set(), levels: { province: 0, commune: 0, village: 0, organisation: 0 }, members: 0 });
    return byKey.get(key)!;
  };
  for (const v of villages) at(v.p, v.c).villages++;
  const active = new Map(teams.filter((t) => t.active === 1).map((t) => [t.id, t]));
  for (const t of active.values()) {
    const k = at(t.p, t.c ?? '');
    k.levels[t.level]!++;
    if (t.v !== null) k.covered.add(t.v);
  }
  for (const m of members) {
    const t = active.get(m.t);
    if (t) at(t.p, t.c ?? '').members++;
  }
  return [...byKey.entries()]
    .map(([key, k]) => {
      const [p, c] = key.split('|');
      return { p, c, villages: k.villages, covered: k.covered.size, ...k.levels, members: k.members };
    })
    .sort((a, b) => `${a.p}|${a.c}`.localeCompare(`${b.p}|${b.c}`));
}

async function storedCoverage() {
  const { results } = await env.DB.prepare(
    `SELECT province_code AS p, commune_code AS c, villages, villages_with_team AS covered, teams_province AS province,
       teams_commune AS commune, teams_village AS village, teams_organisation AS organisation, members
     FROM directory_coverage WHERE villages + teams_province + teams_commune + teams_village + teams_organisation + members > 0
     ORDER BY province_code || '|' || commune_code`,
  ).all();
  return results;
}

beforeAll(() => insertDirectoryFixture(env.DB));

describe('edge cache of the directory', () => {
  it('serves the second request from the cache and answers a revalidation with 304', async () => {
    const first = await get(COMMUNE_PAGE);
    expect(first.res.status).toBe(200);
    const second = await get(COMMUNE_PAGE);
    expect(second.cache).toBe('hit');
    expect(second.body).toBe(first.body);
    const etag = second.res.headers.get('etag')!;
    expect(etag).toMatch(/^"dir-.+-\d+"$/);
    const revalidated = await SELF.fetch(COMMUNE_PAGE, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect((await get('http://localhost/api/provinces')).cache).toBe('miss');
    expect((await get('http://localhost/api/provinces')).cache).toBe('hit');
  });

  it('a withdrawn phone consent disappears from a cached commune page and API answer at once', async () => {
    const cachedPage = await get(COMMUNE_PAGE);
    await get('http://localhost/api/teams/1');
    const cachedApi = await get('http://localhost/api/teams/1');
    expect(cachedApi.cache).toBe('hit');
    expect(digits(cachedPage.body)).toContain('912345678');
    expect(digits(cachedApi.body)).toContain('912345678');
    const oldEtag = cachedPage.res.headers.get('etag')!;

    await batch(env.DB, [sql`UPDATE members SET publish_contact = 0 WHERE code = 'K7Q2MZ20'`, ...directoryChangedStatements({ communes: ['24169'] })]);
    const page = await get(COMMUNE_PAGE);
    const api = await get('http://localhost/api/teams/1');
    expect(page.cache).toBe('miss');
    for (const body of [page.body, api.body]) expect(digits(body)).not.toContain('912345678');
    // A browser holding the old page revalidates and gets the new one, not a 304.
    const revalidated = await SELF.fetch(COMMUNE_PAGE, { headers: { 'if-none-match': oldEtag } });
    expect(revalidated.status).toBe(200);
    expect(digits(await revalidated.text())).not.toContain('912345678');

    await batch(env.DB, [sql`UPDATE members SET publish_contact = 1 WHERE code = 'K7Q2MZ20'`, ...directoryChangedStatements({ communes: ['24169'] })]);
    expect(digits((await get(COMMUNE_PAGE)).body)).toContain('912345678');
  });

  it('an import changes cached pages, search and coverage at once', async () => {
    await get(COMMUNE_PAGE);
    expect((await get(COMMUNE_PAGE)).cache).toBe('hit');
    await get('http://localhost/to-cong-nghe-so/tim/?q=buon%20moi%20ea%20kao');
    const national = await (await SELF.fetch('http://localhost/api/provinces')).json<{ coverage: { villages: number; members: number } }>();

    await importRows([
      ...(await currentRows('24169')),
      ['24169', 'Buôn Mới', 'buôn', 'Tổ công nghệ số Buôn Mới', 'Lê Thị Mới', 'Tổ trưởng', 'Trưởng buôn', '0987654321', 'Có', '9/QĐ-UBND', '01/10/2025', ''],
      ['24169', 'Buôn Mới', 'buôn', 'Tổ công nghệ số Buôn Mới', 'Y Moan Niê', 'Thành viên', 'Đoàn viên', '', 'Không', '9/QĐ-UBND', '01/10/2025', ''],
    ]);

    const page = await get(COMMUNE_PAGE);
    expect(page.cache).toBe('miss');
    expect(page.body).toContain('Buôn Mới');
    expect(digits(page.body)).toContain('987654321');
    const found = await get('http://localhost/to-cong-nghe-so/tim/?q=buon%20moi%20ea%20kao');
    expect(found.body).toContain('Buôn Mới</a>, Phường Ea Kao');
    expect(found.body).toContain('— Có tổ');
    const after = await (await SELF.fetch('http://localhost/api/provinces')).json<{ coverage: { villages: number; members: number } }>();
    expect(after.coverage.villages).toBe(national.coverage.villages + 1);
    expect(after.coverage.members).toBe(national.coverage.members + 2);
  });
});

describe('coverage summary (directory_coverage)', () => {
  it('equals the coverage recomputed from villages, teams and members after imports', async () => {
    expect(await storedCoverage()).toEqual(await recomputedCoverage());
    // A second import dissolves a team and adds one elsewhere in the province.
    const eaKao = (await currentRows('24169')).map((row) => (row[3] === 'Tổ công nghệ số Buôn Mới' ? row.with(11, 'Đã giải thể') : row));
    await importRows([
      ...eaKao,
      ...(await currentRows('24184')),
      [
        '24184',
        'Thôn Mới Lập',
        'thôn',
        'Tổ công nghệ số Thôn Mới Lập',
        'Phạm Văn Lập',
        'Tổ trưởng',
        'Trưởng thôn',
        '',
        'Không',
        '10/QĐ-UBND',
        '02/10/2025',
        '',
      ],
    ]);
    const recomputed = await recomputedCoverage();
    expect(await storedCoverage()).toEqual(recomputed);
    // And the API serves it: the national figures are the sum of the recomputed rows.
    const { coverage } = await (await SELF.fetch('http://localhost/api/provinces')).json<{
      coverage: { villages: number; villagesWithTeam: number; members: number };
    }>();
    expect(coverage.villages).toBe(recomputed.reduce((s, r) => s + r.villages, 0));
    expect(coverage.villagesWithTeam).toBe(recomputed.reduce((s, r) => s + r.covered, 0));
    expect(coverage.members).toBe(recomputed.reduce((s, r) => s + r.members, 0));
  });

  it('a scoped refresh recomputes only the communes named, and a write without it is not seen', async () => {
    const before = await storedCoverage();
    // Without directoryChangedStatements the summary (and the cache) stay as they were: writers must append it.
    await env.DB.prepare("UPDATE teams SET active = 0 WHERE commune_code = '24184'").run();
    expect(await storedCoverage()).toEqual(before);
    await batch(env.DB, directoryChangedStatements({ communes: ['24184'] }));
    expect(await storedCoverage()).toEqual(await recomputedCoverage());
    await batch(env.DB, [sql`UPDATE teams SET active = 1 WHERE commune_code = '24184'`, ...directoryChangedStatements({ provinces: ['66'] })]);
    expect(await storedCoverage()).toEqual(before);
  });
});

describe('D1 sessions (read replicas, read-your-writes)', () => {
  it('refreshes a bookmark cookie the browser holds, and ignores one that is not a bookmark', async () => {
    const session = env.DB.withSession('first-primary');
    await session.prepare('SELECT version FROM directory_version').first();
    const bookmark = session.getBookmark();
    expect(bookmark).toBeTruthy();
    const withBookmark = await SELF.fetch('http://localhost/api/provinces', { headers: { cookie: `${BOOKMARK_COOKIE}=${bookmark}` } });
    expect(withBookmark.status).toBe(200);
    expect(withBookmark.headers.get('set-cookie')).toMatch(new RegExp(`^${BOOKMARK_COOKIE}=[0-9a-f-]+; Max-Age=300; Path=/; HttpOnly; SameSite=Lax`));
    for (const junk of ['x', '%00', 'zzzz-zzzz', '0'.repeat(500), "'; DROP TABLE teams"]) {
      const res = await SELF.fetch('http://localhost/to-cong-nghe-so/', { headers: { cookie: `${BOOKMARK_COOKIE}=${encodeURIComponent(junk)}` } });
      expect(res.status, junk).toBe(200);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    // Citizens, who never write, get no cookie.
    expect((await SELF.fetch('http://localhost/to-cong-nghe-so/66/')).headers.get('set-cookie')).toBeNull();
    // Guide pages read no D1 through a session: even with a bookmark, nothing is refreshed there.
    const [guide] = (await (await env.ASSETS.fetch('http://localhost/du-lieu/huong-dan.json')).json()) as { slug: string }[];
    const res = await SELF.fetch(`http://localhost/huong-dan/${guide!.slug}/`, { headers: { cookie: `${BOOKMARK_COOKIE}=${bookmark}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('rate limit of expensive reads', () => {
  it('limits cache misses of "find your team" per address, never cached answers or other addresses', async () => {
    // Windows are whole minutes: start well inside one.
    const left = 60 - new Date().getUTCSeconds();
    if (left < 20) await new Promise((r) => setTimeout(r, left * 1000 + 500));
    const from = (ip: string, q: string) =>
      SELF.fetch(`http://localhost/to-cong-nghe-so/tim/?q=${encodeURIComponent(q)}`, { headers: { 'cf-connecting-ip': ip } });
    expect((await from('198.51.100.40', 'ea kao')).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) statuses.push((await from('198.51.100.40', `thon ${i}`)).status);
    expect(statuses.filter((s) => s === 200).length).toBe(119);
    expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
    const refused = await from('198.51.100.40', 'thon 999');
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Vui lòng đợi một phút');
    // Already cached: still served to the limited address.
    expect((await from('198.51.100.40', 'ea kao')).status).toBe(200);
    // Another address is not affected.
    expect((await from('198.51.100.41', 'thon 999')).status).toBe(200);
  }, 90_000);
});
