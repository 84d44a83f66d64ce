import { createScheduledController, env } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../functions/index.ts';
import { writeUsageEvents } from '../../functions/usage/consumer.ts';
import type { UsageEvent } from '../../functions/usage/events.ts';
import { addDays, lastWeeks, type Period, type Scope, TOP_TEAMS, usageReport, weekStart } from '../../functions/usage/report.ts';
import { addEncodedTeamClicks, buildTeamTotals, encodeTeamClicks, readNextDays, TeamClicks, writeNextDays } from '../../functions/usage/team-totals.ts';
import { moveUsageWindows } from '../../functions/usage/windows.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { usagePlaces } from './usage-helpers.ts';

// The share-click rollups of migration 0008 (kept by triggers on usage_daily)
// and the preset windows' running totals (moved by the Cron Trigger): reports
// read them instead of summing usage_daily, so they must always say exactly
// what usage_daily says.

const hash = (n: number) => n.toString(16).padStart(64, '0');
const { province } = usagePlaces;
const t = usagePlaces.teams;
const national: Scope = { level: 'national' };
const provinceScope: Scope = { level: 'province', province };

/** Extra teams in the fixture's province, so the national ranking has more than TOP_TEAMS teams and ties to break. */
const EXTRA_TEAMS = Array.from({ length: 12 }, (_, i) => ({ id: 900 + i, name: `Tổ thử xếp hạng ${String.fromCharCode(75 - i)}` }));

async function insertClicks(rows: [day: string, guide: string, teamId: number, count: number][]) {
  await env.DB.batch(
    rows.map(([day, guide, teamId, count]) =>
      env.DB.prepare(
        `INSERT INTO usage_daily (day, guide, team_id, member_code, kind, count) VALUES (?, ?, ?, 'r' || ?, 'share_click', ?)
         ON CONFLICT DO UPDATE SET count = count + excluded.count`,
      ).bind(day, guide, teamId, teamId, count),
    ),
  );
}

/**
 * A province's months and days (migration 0021) next to their sums of
 * `source` (rows of province_code, day, guide, count): usage_daily's clicks,
 * or usage_province_daily itself.
 */
async function provinceSumsAgainst(source: string) {
  const all = async (sql: string) => (await env.DB.prepare(sql).all()).results;
  return {
    provinceMonthly: await all('SELECT province_code, month, guide, count FROM usage_province_monthly WHERE count <> 0 ORDER BY 1, 2, 3'),
    provinceMonthlyExpected: await all(
      `SELECT province_code, substr(day, 1, 7) AS month, guide, sum(count) AS count FROM (${source}) GROUP BY 1, 2, 3 HAVING sum(count) <> 0 ORDER BY 1, 2, 3`,
    ),
    provinceDays: await all('SELECT province_code, day, count FROM usage_province_days WHERE count <> 0 ORDER BY 1, 2'),
    provinceDaysExpected: await all(`SELECT province_code, day, sum(count) AS count FROM (${source}) GROUP BY 1, 2 HAVING sum(count) <> 0 ORDER BY 1, 2`),
  };
}

/** Every rollup next to what usage_daily says it must hold. */
async function rollupsAgainstUsageDaily() {
  const all = async (sql: string) => (await env.DB.prepare(sql).all()).results;
  const clicks = `FROM usage_daily u JOIN teams t ON t.id = u.team_id WHERE u.kind = 'share_click' AND u.team_id <> 0`;
  return {
    provinceDaily: await all('SELECT province_code, day, guide, count FROM usage_province_daily WHERE count <> 0 ORDER BY 1, 2, 3'),
    provinceDailyExpected: await all(`SELECT t.province_code, u.day, u.guide, sum(u.count) AS count ${clicks} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    teamDaily: await all('SELECT province_code, day, team_id, count FROM usage_team_daily WHERE count <> 0 ORDER BY 1, 2, 3'),
    teamDailyExpected: await all(`SELECT t.province_code, u.day, u.team_id, sum(u.count) AS count ${clicks} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    nationalMonthly: await all(
      `SELECT month, guide, views, share_clicks, helpful_yes, helpful_no FROM usage_national_monthly
       WHERE views <> 0 OR share_clicks <> 0 OR helpful_yes <> 0 OR helpful_no <> 0 ORDER BY 1, 2`,
    ),
    nationalMonthlyExpected: await all(
      `SELECT substr(day, 1, 7) AS month, guide, sum(CASE WHEN kind = 'view' THEN count ELSE 0 END) AS views,
              sum(CASE WHEN kind = 'share_click' THEN count ELSE 0 END) AS share_clicks, sum(CASE WHEN kind = 'helpful_yes' THEN count ELSE 0 END) AS helpful_yes,
              sum(CASE WHEN kind = 'helpful_no' THEN count ELSE 0 END) AS helpful_no
       FROM usage_daily GROUP BY 1, 2 HAVING views <> 0 OR share_clicks <> 0 OR helpful_yes <> 0 OR helpful_no <> 0 ORDER BY 1, 2`,
    ),
    nationalDays: await all('SELECT day, views, share_clicks FROM usage_national_days WHERE views <> 0 OR share_clicks <> 0 ORDER BY 1'),
    nationalDaysExpected: await all(
      `SELECT day, sum(CASE WHEN kind = 'view' THEN count ELSE 0 END) AS views, sum(CASE WHEN kind = 'share_click' THEN count ELSE 0 END) AS share_clicks
       FROM usage_daily GROUP BY 1 HAVING views <> 0 OR share_clicks <> 0 ORDER BY 1`,
    ),
    ...(await provinceSumsAgainst(`SELECT t.province_code, u.day, u.guide, u.count ${clicks}`)),
    windows: await all('SELECT window_name, team_id, count FROM usage_team_window WHERE count <> 0 ORDER BY 1, 2'),
    windowsExpected: await all(
      `SELECT w.name AS window_name, u.team_id, sum(u.count) AS count FROM usage_windows w JOIN usage_daily u ON u.day >= w.from_day
       WHERE u.kind = 'share_click' AND u.team_id <> 0 GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  };
}

/** Every stored running total (team-totals.ts) decoded, next to what usage_daily sums up to its day: the days that differ. */
async function totalsAgainstUsageDaily() {
  const stored = (await env.DB.prepare('SELECT day, teams FROM usage_team_totals ORDER BY day').all<{ day: string; teams: string }>()).results;
  const daily = await env.DB.prepare(
    "SELECT day, team_id, sum(count) AS n FROM usage_daily WHERE kind = 'share_click' AND team_id <> 0 GROUP BY day, team_id ORDER BY day",
  ).raw<[string, number, number]>();
  const mismatched: string[] = [];
  const running = new Map<number, number>();
  let at = 0;
  for (const { day, teams } of stored) {
    for (; at < daily.length && daily[at]![0] <= day; at++) running.set(daily[at]![1], (running.get(daily[at]![1]) ?? 0) + daily[at]![2]);
    const clicks = new TeamClicks();
    addEncodedTeamClicks(teams, clicks);
    const decoded = [...clicks.values.entries()].filter(([, n]) => n !== 0);
    const expected = [...running.entries()].filter(([, n]) => n !== 0).sort((a, b) => a[0] - b[0]);
    if (JSON.stringify(decoded) !== JSON.stringify(expected)) mismatched.push(day);
  }
  return { mismatched };
}

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  await env.DB.batch(
    EXTRA_TEAMS.map((team) =>
      env.DB.prepare(`INSERT INTO teams (id, level, name, name_folded, province_code, commune_code, place_key) VALUES (?, 'organisation', ?, ?, ?, ?, ?)`).bind(
        team.id,
        team.name,
        team.name.toLowerCase(),
        province.code,
        usagePlaces.commune.code,
        `c:${usagePlaces.commune.code}`,
      ),
    ),
  );
});

describe('rollups (usage_province_daily, usage_team_daily, usage_team_window, usage_national_monthly and _days, usage_province_monthly and _days)', () => {
  it('hold exactly what usage_daily holds after counting, redelivery, a correction and a deletion', async () => {
    const day = '2026-04-07';
    await env.DB.prepare("UPDATE usage_windows SET from_day = CASE name WHEN 'w12' THEN '2026-04-06' ELSE '2025-05-01' END").run();
    const event = (over: Partial<UsageEvent> & { visitor: string }): UsageEvent => ({ day, guide: 'ru-a', kind: 'share_click', member: '', ...over });
    const batch = [
      event({ member: t.commune.member, visitor: hash(1) }),
      event({ member: t.commune.member, visitor: hash(2), guide: 'ru-b' }),
      event({ member: t.village.member, visitor: hash(3) }),
      event({ member: t.otherProvince.member, visitor: hash(4) }),
      event({ member: t.otherProvince.member, visitor: hash(4) }), // the same visitor again: counted once
      event({ visitor: hash(5) }), // no member: not attributed, never rolled up
      event({ member: t.village.member, visitor: hash(6), kind: 'view' }), // a view: national only
    ];
    await writeUsageEvents(env.DB, batch, day);
    await writeUsageEvents(env.DB, batch, day); // redelivered: changes nothing
    await writeUsageEvents(env.DB, [event({ member: t.village.member, visitor: hash(7), day: '2026-04-01' })], '2026-04-01'); // before w12, inside w52
    // Corrections made straight in SQL follow too.
    await env.DB.prepare("UPDATE usage_daily SET count = count + 4 WHERE day = ? AND guide = 'ru-b' AND kind = 'share_click'").bind(day).run();
    await env.DB.prepare("DELETE FROM usage_daily WHERE day = ? AND guide = 'ru-a' AND team_id = ?").bind(day, t.village.id).run();

    const r = await rollupsAgainstUsageDaily();
    expect(r.provinceDaily.length).toBeGreaterThan(0);
    expect(r.provinceDaily).toEqual(r.provinceDailyExpected);
    expect(r.teamDaily).toEqual(r.teamDailyExpected);
    expect(r.windows).toEqual(r.windowsExpected);
    expect(r.nationalMonthly.length).toBeGreaterThan(0);
    expect(r.nationalMonthly).toEqual(r.nationalMonthlyExpected);
    expect(r.nationalDays.length).toBeGreaterThan(0);
    expect(r.nationalDays).toEqual(r.nationalDaysExpected);
    expect(r.provinceMonthly.length).toBeGreaterThan(0);
    expect(r.provinceMonthly).toEqual(r.provinceMonthlyExpected);
    expect(r.provinceDays).toEqual(r.provinceDaysExpected);
    expect(r.windows).toContainEqual({ window_name: 'w52', team_id: t.village.id, count: 1 });
    expect(r.windows).toContainEqual({ window_name: 'w12', team_id: t.commune.id, count: 6 });
    expect(r.teamDaily.some((row) => row.team_id === 0)).toBe(false);
  });
});

describe('national months and days (usage_national_monthly, usage_national_days)', () => {
  it('follow a national day total edited by hand, moved to another day or guide, or deleted', async () => {
    const byMonth = async () => ({
      monthly: (
        await env.DB.prepare(
          'SELECT month, guide, views, share_clicks FROM usage_national_monthly WHERE views <> 0 OR share_clicks <> 0 OR helpful_yes <> 0 OR helpful_no <> 0 ORDER BY 1, 2',
        ).all()
      ).results,
      expected: (
        await env.DB.prepare(
          `SELECT substr(day, 1, 7) AS month, guide, sum(views) AS views, sum(share_clicks) AS share_clicks FROM usage_national_daily
           GROUP BY 1, 2 HAVING sum(views) <> 0 OR sum(share_clicks) <> 0 OR sum(helpful_yes) <> 0 OR sum(helpful_no) <> 0 ORDER BY 1, 2`,
        ).all()
      ).results,
      days: (await env.DB.prepare('SELECT day, views, share_clicks FROM usage_national_days WHERE views <> 0 OR share_clicks <> 0 ORDER BY 1').all()).results,
      daysExpected: (
        await env.DB.prepare(
          'SELECT day, sum(views) AS views, sum(share_clicks) AS share_clicks FROM usage_national_daily GROUP BY 1 HAVING sum(views) <> 0 OR sum(share_clicks) <> 0 ORDER BY 1',
        ).all()
      ).results,
    });
    await insertClicks([
      ['2026-03-31', 'nm-a', t.commune.id, 4],
      ['2026-04-01', 'nm-a', t.commune.id, 2],
    ]);
    await env.DB.prepare("UPDATE usage_national_daily SET views = views + 7 WHERE day = '2026-03-31' AND guide = 'nm-a'").run();
    await env.DB.prepare("UPDATE usage_national_daily SET day = '2026-05-02' WHERE day = '2026-04-01' AND guide = 'nm-a'").run();
    await env.DB.prepare("UPDATE usage_national_daily SET guide = 'nm-b' WHERE day = '2026-03-31' AND guide = 'nm-a'").run();
    const moved = await byMonth();
    expect(moved.monthly).toEqual(moved.expected);
    expect(moved.days).toEqual(moved.daysExpected);
    expect(moved.days).toContainEqual({ day: '2026-05-02', views: 0, share_clicks: 2 });
    expect(moved.monthly).toContainEqual({ month: '2026-03', guide: 'nm-b', views: 7, share_clicks: 4 });
    expect(moved.monthly).toContainEqual({ month: '2026-05', guide: 'nm-a', views: 0, share_clicks: 2 });
    await env.DB.prepare("DELETE FROM usage_national_daily WHERE guide IN ('nm-a', 'nm-b')").run();
    await env.DB.prepare("DELETE FROM usage_daily WHERE guide = 'nm-a'").run();
    const deleted = await byMonth();
    expect(deleted.monthly).toEqual(deleted.expected);
    expect(deleted.days).toEqual(deleted.daysExpected);
  });
});

describe("a province's months and days (usage_province_monthly, usage_province_days)", () => {
  it('follow a province day total edited by hand, moved to another province, day or guide, or deleted', async () => {
    const source = 'SELECT province_code, day, guide, count FROM usage_province_daily';
    await insertClicks([
      ['2026-06-30', 'pm-a', t.commune.id, 4],
      ['2026-07-01', 'pm-a', t.commune.id, 2],
      ['2026-07-01', 'pm-b', t.otherProvince.id, 1],
    ]);
    await env.DB.prepare("UPDATE usage_province_daily SET count = count + 7 WHERE day = '2026-06-30' AND guide = 'pm-a'").run();
    await env.DB.prepare("UPDATE usage_province_daily SET day = '2026-08-02' WHERE day = '2026-07-01' AND guide = 'pm-a'").run();
    await env.DB.prepare("UPDATE usage_province_daily SET guide = 'pm-c' WHERE day = '2026-06-30' AND guide = 'pm-a'").run();
    await env.DB.prepare("UPDATE usage_province_daily SET province_code = ? WHERE guide = 'pm-b'").bind(province.code).run();
    const moved = await provinceSumsAgainst(source);
    expect(moved.provinceMonthly).toEqual(moved.provinceMonthlyExpected);
    expect(moved.provinceDays).toEqual(moved.provinceDaysExpected);
    expect(moved.provinceMonthly).toContainEqual({ province_code: province.code, month: '2026-06', guide: 'pm-c', count: 11 });
    expect(moved.provinceMonthly).toContainEqual({ province_code: province.code, month: '2026-07', guide: 'pm-b', count: 1 });
    expect(moved.provinceDays).toContainEqual({ province_code: province.code, day: '2026-08-02', count: 2 });
    await env.DB.prepare("DELETE FROM usage_province_daily WHERE guide IN ('pm-a', 'pm-b', 'pm-c')").run();
    const deleted = await provinceSumsAgainst(source);
    expect(deleted.provinceMonthly).toEqual(deleted.provinceMonthlyExpected);
    expect(deleted.provinceDays).toEqual(deleted.provinceDaysExpected);
    await env.DB.prepare("DELETE FROM usage_daily WHERE guide IN ('pm-a', 'pm-b')").run();
  });
});

describe('moving the preset windows (Cron Trigger)', () => {
  it('starts each window a week before its preset (the Monday `weeks` weeks back), rebuilds its totals, and does nothing twice', async () => {
    await insertClicks([
      ['2026-02-22', 'mv-a', t.commune.id, 5], // a Sunday: before the new 12-week window
      ['2026-02-23', 'mv-a', t.commune.id, 2], // its first Monday, a week before the preset's
      ['2026-05-20', 'mv-a', t.otherProvince.id, 3],
    ]);
    const today = '2026-05-21'; // a Thursday
    expect(lastWeeks(12, today)).toEqual({ from: '2026-03-02', to: today });
    const moved = await moveUsageWindows(env.DB, today);
    expect(moved.map((m) => [m.window, m.from])).toEqual([
      ['w12', '2026-02-23'],
      ['w52', lastWeeks(53, today).from],
    ]);
    const r = await rollupsAgainstUsageDaily();
    expect(r.windows).toEqual(r.windowsExpected);
    expect(await moveUsageWindows(env.DB, today)).toEqual([]);
    expect(await moveUsageWindows(env.DB, '2026-05-24')).toEqual([]); // the same week's Sunday
    expect((await moveUsageWindows(env.DB, '2026-05-25')).map((m) => m.from)).toEqual(['2026-03-02', lastWeeks(53, '2026-05-25').from]);
  });

  it('runs from the scheduled handler and logs what it moved', async () => {
    const logs = vi.spyOn(console, 'log').mockImplementation(() => {});
    await worker.scheduled(createScheduledController({ scheduledTime: new Date('2026-06-01T00:10:00Z'), cron: '*/10 * * * *' }), env);
    const line = logs.mock.calls.map((a) => String(a[0])).find((l) => l.includes('usageWindows'));
    logs.mockRestore();
    expect(JSON.parse(line!).usageWindows.map((m: { from: string }) => m.from)).toEqual([lastWeeks(13, '2026-06-01').from, lastWeeks(53, '2026-06-01').from]);
  });
});

describe('reports from the rollups', () => {
  const today = '2026-09-16';
  const period: Period = lastWeeks(12, today);

  /**
   * The country's ranking as summing usage_daily gives it, written out here
   * apart from the report's code: most clicks first, ties by name then id.
   */
  const summedTopTeams = async (p: Period) =>
    (
      await env.DB.prepare(
        `SELECT t.id, t.name, pr.name AS province, c.name AS commune, s.shareClicks
         FROM (SELECT team_id, sum(count) AS shareClicks FROM usage_daily
               WHERE day BETWEEN ?1 AND ?2 AND kind = 'share_click' AND team_id <> 0 GROUP BY team_id HAVING sum(count) > 0) s
         JOIN teams t ON t.id = s.team_id JOIN provinces pr ON pr.code = t.province_code LEFT JOIN communes c ON c.code = t.commune_code
         ORDER BY s.shareClicks DESC, t.name, t.id LIMIT ${TOP_TEAMS}`,
      )
        .bind(p.from, p.to)
        .all()
    ).results;

  /**
   * Share clicks per week (its Monday) over a period as summing usage_daily
   * gives them, in a province (its teams' clicks) or the whole country (every
   * click, a member's or not); quiet weeks left out.
   */
  const summedWeeks = async (p: Period, provinceCode?: string) => {
    const { results } = await env.DB.prepare(
      `SELECT u.day, sum(u.count) AS n FROM usage_daily u LEFT JOIN teams t ON t.id = u.team_id
       WHERE u.kind = 'share_click' AND u.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR t.province_code = ?3) GROUP BY u.day`,
    )
      .bind(p.from, p.to, provinceCode ?? null)
      .all<{ day: string; n: number }>();
    const weeks = new Map<string, number>();
    for (const r of results) weeks.set(weekStart(r.day), (weeks.get(weekStart(r.day)) ?? 0) + r.n);
    return [...weeks].filter(([, n]) => n > 0).sort();
  };
  const reportedWeeks = (weeks: { week: string; shareClicks: number }[]) => weeks.filter((w) => w.shareClicks > 0).map((w) => [w.week, w.shareClicks]);

  beforeAll(async () => {
    // Share clicks inside the period for the fixture teams and the extra ones,
    // with ties around the tenth place, and some outside the period.
    const inPeriod: [string, string, number, number][] = [
      [period.from, 'rk-a', t.commune.id, 40],
      ['2026-08-10', 'rk-b', t.otherProvince.id, 35],
      ['2026-09-16', 'rk-a', t.village.id, 9],
      ['2026-09-15', 'rk-b', t.otherCommune.id, 9],
      ...EXTRA_TEAMS.map((team, i): [string, string, number, number] => ['2026-07-01', i % 2 ? 'rk-a' : 'rk-b', team.id, i < 6 ? 20 - i : 9]),
    ];
    // …and some before it, which a longer period adds.
    await insertClicks([
      ...inPeriod,
      ['2026-06-01', 'rk-a', t.village.id, 500],
      ['2026-06-27', 'rk-b', t.otherCommune.id, 30],
      ['2025-11-20', 'rk-c', 903, 70],
    ]);
    await moveUsageWindows(env.DB, today);
    await buildTeamTotals(env.DB, today, Number.POSITIVE_INFINITY);
  });

  it('ranks the country’s teams for a preset period exactly as summing usage_daily does, ties by name', async () => {
    const report = await usageReport(env.DB, new Map(), national, period, today);
    expect(report.topTeams).toHaveLength(TOP_TEAMS);
    expect(report.topTeams).toEqual(await summedTopTeams(period));
    expect(report.topTeams.slice(0, 2).map((x) => [x.id, x.shareClicks])).toEqual([
      [t.commune.id, 40],
      [t.otherProvince.id, 35],
    ]);
    // Eight teams are tied at 9 clicks for places 9 and 10: the first two by name.
    const tiedNames = [t.village, t.otherCommune, ...EXTRA_TEAMS.slice(6)].map((x) => x.name).sort();
    expect(report.topTeams.slice(8).map((x) => [x.name, x.shareClicks])).toEqual(tiedNames.slice(0, 2).map((name) => [name, 9]));
  });

  it('ranks the country’s teams for any period exactly as summing usage_daily does (issue 20)', async () => {
    const periods: Period[] = [
      ...[-1, -3, -7, -28, 1, 4, 30].map((days) => ({ from: addDays(period.from, days), to: today })),
      { from: addDays(period.from, -1), to: addDays(today, -1) },
      { from: period.from, to: addDays(today, -20) },
      { from: '2026-07-01', to: '2026-07-31' }, // one whole month
      { from: '2026-06-01', to: '2026-08-31' }, // whole months
      { from: '2026-05-31', to: '2026-07-01' }, // a month and a day on each side
      { from: '2025-11-01', to: '2026-03-31' }, // far from today and from any window
      { from: '2025-09-17', to: today }, // a year
      { from: '2026-01-01', to: '2026-12-31' }, // the calendar year, ending after today
      { from: '2026-09-16', to: '2026-09-16' }, // today alone
    ];
    for (const p of periods) {
      const report = await usageReport(env.DB, new Map(), national, p, today);
      expect(report.topTeams.length, `${p.from}–${p.to}`).toBeGreaterThan(0);
      expect(report.topTeams, `${p.from}–${p.to}`).toEqual(await summedTopTeams(p));
      // Guides from whole months and ragged-end days, as summing usage_daily gives them.
      const guides = (
        await env.DB.prepare(
          "SELECT guide, sum(count) AS n FROM usage_daily WHERE kind = 'share_click' AND day BETWEEN ? AND ? GROUP BY guide HAVING n > 0 ORDER BY guide",
        )
          .bind(p.from, p.to)
          .all<{ guide: string; n: number }>()
      ).results;
      const reported = report.guides.map((g) => ({ guide: g.slug, n: g.shareClicks })).filter((g) => g.n > 0);
      expect(
        reported.sort((a, b) => a.guide.localeCompare(b.guide)),
        `${p.from}–${p.to}`,
      ).toEqual(guides);
      // Weeks from the days' totals (usage_national_days).
      expect(reportedWeeks(report.weeks), `${p.from}–${p.to}`).toEqual(await summedWeeks(p));
    }
    expect((await usageReport(env.DB, new Map(), national, { from: '2025-11-01', to: '2026-03-31' }, today)).topTeams[0]).toMatchObject({
      id: 903,
      shareClicks: 70,
    });
  });

  it('really reads the stored running totals (a changed row shows), and sums the days after the newest row', async () => {
    const row = async (day: string) => (await env.DB.prepare('SELECT teams FROM usage_team_totals WHERE day = ?').bind(day).first<{ teams: string }>())?.teams;
    const july31 = await row('2026-07-31');
    expect(july31).toBeDefined();
    expect(await row(addDays(today, -1))).toBeDefined();
    expect(await row(today)).toBeUndefined(); // today: still being counted
    const july = { from: '2026-07-01', to: '2026-07-31' };
    try {
      // July is the row of 31 July minus that of 30 June: 1000 more on the first shows.
      const tampered = new TeamClicks();
      addEncodedTeamClicks(july31!, tampered);
      tampered.add(t.village.id, 1000);
      await env.DB.prepare('UPDATE usage_team_totals SET teams = ? WHERE day = ?').bind(encodeTeamClicks(tampered), '2026-07-31').run();
      const report = await usageReport(env.DB, new Map(), national, july, today);
      expect(report.topTeams[0]).toMatchObject({ id: t.village.id, shareClicks: 1000 });
      // Without any row every day is summed from usage_daily: the right answer, slower.
      await env.DB.prepare('DELETE FROM usage_team_totals').run();
      for (const p of [july, period, { from: '2025-11-01', to: '2026-03-31' }]) {
        expect((await usageReport(env.DB, new Map(), national, p, today)).topTeams, p.from).toEqual(await summedTopTeams(p));
      }
      // The Cron Trigger has added rows up to 10 September only: the days after are summed.
      await buildTeamTotals(env.DB, '2026-09-11', Number.POSITIVE_INFINITY);
      expect(await row('2026-09-10')).toBeDefined();
      expect(await row('2026-09-11')).toBeUndefined();
      expect((await usageReport(env.DB, new Map(), national, period, today)).topTeams).toEqual(await summedTopTeams(period));
    } finally {
      await env.DB.prepare('DELETE FROM usage_team_totals').run();
      await buildTeamTotals(env.DB, today, Number.POSITIVE_INFINITY);
    }
    expect(await row('2026-07-31')).toBe(july31);
    expect(await totalsAgainstUsageDaily()).toEqual({ mismatched: [] });
  });

  it('keeps every stored row equal to usage_daily: a click counted, corrected or deleted on a closed day drops the rows from that day on until the Cron Trigger adds them again', async () => {
    const p = { from: '2026-06-01', to: '2026-08-31' };
    const days = async () => (await env.DB.prepare('SELECT day FROM usage_team_totals ORDER BY day').all<{ day: string }>()).results.map((r) => r.day);
    const check = async (label: string) => {
      expect((await usageReport(env.DB, new Map(), national, p, today)).topTeams, label).toEqual(await summedTopTeams(p));
      expect(await totalsAgainstUsageDaily(), label).toEqual({ mismatched: [] });
    };
    const before = await days();
    expect(before.at(-1)).toBe(addDays(today, -1));
    await insertClicks([['2026-07-01', 'rk-c', EXTRA_TEAMS[11]!.id, 25]]); // a late click on a closed day
    expect(await days()).toEqual(before.filter((d) => d < '2026-07-01'));
    await check('counted');
    expect((await usageReport(env.DB, new Map(), national, p, today)).topTeams).toContainEqual(
      expect.objectContaining({ id: EXTRA_TEAMS[11]!.id, shareClicks: 34 }),
    );
    await buildTeamTotals(env.DB, today, Number.POSITIVE_INFINITY);
    expect(await days()).toEqual(before);
    await check('counted, added again');
    await env.DB.prepare("UPDATE usage_daily SET count = count + 2 WHERE guide = 'rk-c' AND team_id = ?").bind(EXTRA_TEAMS[11]!.id).run();
    expect(await days()).not.toContain('2026-07-01');
    await check('corrected');
    await buildTeamTotals(env.DB, today, Number.POSITIVE_INFINITY);
    await check('corrected, added again');
    await env.DB.prepare("DELETE FROM usage_daily WHERE guide = 'rk-c' AND day = '2026-07-01'").run();
    expect(await days()).not.toContain('2026-07-01');
    await check('deleted');
    await buildTeamTotals(env.DB, today, Number.POSITIVE_INFINITY);
    await check('deleted, added again');
    // Unattributed clicks and today's clicks change no stored row.
    await writeUsageEvents(env.DB, [{ day: '2026-07-02', guide: 'rk-a', kind: 'share_click', member: '', visitor: hash(99) }], '2026-07-02');
    await insertClicks([[today, 'rk-c', t.commune.id, 1]]);
    expect(await days()).toEqual(before);
    await check('today');
    await env.DB.prepare("DELETE FROM usage_daily WHERE guide = 'rk-c' AND day = ?").bind(today).run();
  });

  it('never lets the Cron Trigger store a day a click changed after it read it', async () => {
    await buildTeamTotals(env.DB, today, Number.POSITIVE_INFINITY);
    await env.DB.prepare("DELETE FROM usage_team_totals WHERE day >= '2026-09-10'").run();
    const next = await readNextDays(env.DB, today);
    expect(next?.rows.map((r) => r.day)).toEqual(['2026-09-10', '2026-09-11', '2026-09-12', '2026-09-13', '2026-09-14', '2026-09-15']);
    await insertClicks([['2026-09-12', 'rk-e', t.commune.id, 3]]); // counted while the Cron Trigger adds that day
    expect(await writeNextDays(env.DB, next!)).toBe(0);
    const again = await readNextDays(env.DB, today);
    await insertClicks([['2026-09-08', 'rk-e', t.commune.id, 1]]); // an earlier day: the row they build on is gone
    expect(await writeNextDays(env.DB, again!)).toBe(0);
    await buildTeamTotals(env.DB, today, Number.POSITIVE_INFINITY);
    expect(await readNextDays(env.DB, today)).toBeNull(); // every closed day is stored again
    await env.DB.prepare("DELETE FROM usage_team_totals WHERE day >= '2026-09-14'").run();
    const fourth = await readNextDays(env.DB, today);
    await insertClicks([[today, 'rk-e', t.commune.id, 1]]); // today's clicks are in none of those rows: they are written
    expect(await writeNextDays(env.DB, fourth!)).toBe(2);
    expect(await totalsAgainstUsageDaily()).toEqual({ mismatched: [] });
    await env.DB.prepare("DELETE FROM usage_daily WHERE guide = 'rk-e'").run();
    await buildTeamTotals(env.DB, today, Number.POSITIVE_INFINITY);
  });

  it('keeps the ten places filled when ranked teams have left the directory', async () => {
    const p = { from: '2026-07-01', to: '2026-07-31' };
    // July: six extra teams with 20 to 15 clicks, six with 9, and one team below them with 2.
    await insertClicks([['2026-07-15', 'rk-d', t.commune.id, 2]]);
    await buildTeamTotals(env.DB, today, Number.POSITIVE_INFINITY);
    expect((await usageReport(env.DB, new Map(), national, p, today)).topTeams.map((x) => x.id)).not.toContain(t.commune.id);
    // Five of the ranked teams leave: the twelve that reached the tenth place are seven, so the cut moves down to the team with 2.
    const gone = EXTRA_TEAMS.slice(0, 5);
    await env.DB.prepare('DELETE FROM teams WHERE id IN (SELECT value FROM json_each(?))')
      .bind(JSON.stringify(gone.map((x) => x.id)))
      .run();
    try {
      const after = await usageReport(env.DB, new Map(), national, p, today);
      expect(after.topTeams).toEqual(await summedTopTeams(p));
      expect(after.topTeams).toHaveLength(8);
      expect(after.topTeams.at(-1)).toMatchObject({ id: t.commune.id, shareClicks: 2 });
    } finally {
      await env.DB.batch(
        gone.map((team) =>
          env.DB.prepare(
            `INSERT INTO teams (id, level, name, name_folded, province_code, commune_code, place_key) VALUES (?, 'organisation', ?, ?, ?, ?, ?)`,
          ).bind(team.id, team.name, team.name.toLowerCase(), province.code, usagePlaces.commune.code, `c:${usagePlaces.commune.code}`),
        ),
      );
      await env.DB.prepare("DELETE FROM usage_daily WHERE guide = 'rk-d'").run();
    }
  });

  it('reports a province exactly when the Cron Trigger has moved its window since this isolate last read the windows', async () => {
    const later = addDays(today, 14); // two Mondays on: both windows have moved
    const p = lastWeeks(12, later);
    // This isolate reads (and keeps) the windows as they are today…
    await usageReport(env.DB, new Map(), provinceScope, period, today);
    // …then the Cron Trigger moves them, and a team of the province clicks inside the later period
    // (it also clicked on the first day of today's period, which the moved window no longer holds).
    await moveUsageWindows(env.DB, later);
    await insertClicks([[addDays(later, -1), 'rk-a', t.commune.id, 3]]);
    try {
      const report = await usageReport(env.DB, new Map(), provinceScope, p, later);
      const summed = (
        await env.DB.prepare(
          `SELECT u.team_id AS id, sum(u.count) AS shareClicks FROM usage_daily u JOIN teams t ON t.id = u.team_id
           WHERE t.province_code = ? AND u.kind = 'share_click' AND u.day BETWEEN ? AND ? GROUP BY u.team_id ORDER BY shareClicks DESC, u.team_id`,
        )
          .bind(province.code, p.from, p.to)
          .all<{ id: number; shareClicks: number }>()
      ).results;
      expect(summed).toContainEqual({ id: t.commune.id, shareClicks: 3 });
      expect(report.topTeams.map((x) => ({ id: x.id, shareClicks: x.shareClicks })).sort((a, b) => b.shareClicks - a.shareClicks || a.id - b.id)).toEqual(
        summed.slice(0, TOP_TEAMS),
      );
    } finally {
      await env.DB.prepare('DELETE FROM usage_daily WHERE day = ? AND team_id = ?').bind(addDays(later, -1), t.commune.id).run();
      await moveUsageWindows(env.DB, today);
    }
  });

  it('reports a province from its rollups: guides, weeks and teams as usage_daily sums them, for any period', async () => {
    // The preset itself, periods starting days before or after it (window ± those days), and one far from any window (summed).
    for (const p of [
      period,
      { from: addDays(period.from, -3), to: today },
      { from: addDays(period.from, 4), to: today },
      { from: '2026-07-01', to: '2026-09-15' }, // whole months and ragged days (usage_province_monthly)
      { from: '2026-06-02', to: '2026-06-30' }, // inside one month
      { from: '2026-05-31', to: '2026-07-01' }, // a month and a day on each side
    ]) {
      const report = await usageReport(env.DB, new Map(), provinceScope, p, today);
      const expected = (
        await env.DB.prepare(
          `SELECT u.guide, sum(u.count) AS n FROM usage_daily u JOIN teams t ON t.id = u.team_id
           WHERE t.province_code = ? AND u.kind = 'share_click' AND u.day BETWEEN ? AND ? GROUP BY u.guide ORDER BY u.guide`,
        )
          .bind(province.code, p.from, p.to)
          .all<{ guide: string; n: number }>()
      ).results;
      expect(report.guides.map((g) => ({ guide: g.slug, n: g.shareClicks })).sort((a, b) => a.guide.localeCompare(b.guide))).toEqual(expected);
      expect(reportedWeeks(report.weeks)).toEqual(await summedWeeks(p, province.code));
      const teams = (
        await env.DB.prepare(
          `SELECT u.team_id AS id, sum(u.count) AS shareClicks FROM usage_daily u JOIN teams t ON t.id = u.team_id
           WHERE t.province_code = ? AND u.kind = 'share_click' AND u.day BETWEEN ? AND ? GROUP BY u.team_id`,
        )
          .bind(province.code, p.from, p.to)
          .all<{ id: number; shareClicks: number }>()
      ).results;
      expect(report.topTeams.length).toBe(Math.min(TOP_TEAMS, teams.length));
      expect(report.topTeams.every((x) => x.province === province.name)).toBe(true);
      for (const x of report.topTeams) expect(teams).toContainEqual({ id: x.id, shareClicks: x.shareClicks });
      const tenth = report.topTeams.at(-1)!.shareClicks;
      expect(teams.filter((x) => x.shareClicks > tenth).every((x) => report.topTeams.some((y) => y.id === x.id))).toBe(true);
    }
  });
});
