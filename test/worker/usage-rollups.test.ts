import { createScheduledController, env } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../functions/index.ts';
import { writeUsageEvents } from '../../functions/usage/consumer.ts';
import type { UsageEvent } from '../../functions/usage/events.ts';
import { addDays, lastWeeks, type Period, type Scope, TOP_TEAMS, usageReport } from '../../functions/usage/report.ts';
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

/** Every rollup next to what usage_daily says it must hold. */
async function rollupsAgainstUsageDaily() {
  const all = async (sql: string) => (await env.DB.prepare(sql).all()).results;
  const clicks = `FROM usage_daily u JOIN teams t ON t.id = u.team_id WHERE u.kind = 'share_click' AND u.team_id <> 0`;
  return {
    provinceDaily: await all('SELECT province_code, day, guide, count FROM usage_province_daily WHERE count <> 0 ORDER BY 1, 2, 3'),
    provinceDailyExpected: await all(`SELECT t.province_code, u.day, u.guide, sum(u.count) AS count ${clicks} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    teamDaily: await all('SELECT province_code, day, team_id, count FROM usage_team_daily WHERE count <> 0 ORDER BY 1, 2, 3'),
    teamDailyExpected: await all(`SELECT t.province_code, u.day, u.team_id, sum(u.count) AS count ${clicks} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    windows: await all('SELECT window_name, team_id, count FROM usage_team_window WHERE count <> 0 ORDER BY 1, 2'),
    windowsExpected: await all(
      `SELECT w.name AS window_name, u.team_id, sum(u.count) AS count FROM usage_windows w JOIN usage_daily u ON u.day >= w.from_day
       WHERE u.kind = 'share_click' AND u.team_id <> 0 GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  };
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

describe('share-click rollups (usage_province_daily, usage_team_daily, usage_team_window)', () => {
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
    expect(r.windows).toContainEqual({ window_name: 'w52', team_id: t.village.id, count: 1 });
    expect(r.windows).toContainEqual({ window_name: 'w12', team_id: t.commune.id, count: 6 });
    expect(r.teamDaily.some((row) => row.team_id === 0)).toBe(false);
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
  /** The same report computed without any window: its `today` is not the period's end. */
  const summed = (scope: Scope, p: Period) => usageReport(env.DB, new Map(), scope, p, '2099-01-01');

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
    // …and some just before it, which a period starting a few days earlier adds to the window's totals.
    await insertClicks([...inPeriod, ['2026-06-01', 'rk-a', t.village.id, 500], ['2026-06-27', 'rk-b', t.otherCommune.id, 30]]);
    await moveUsageWindows(env.DB, today);
  });

  it('ranks the country’s teams for a preset period from the window, exactly as summing usage_daily does, ties by name', async () => {
    const fromWindow = await usageReport(env.DB, new Map(), national, period, today);
    const bySumming = await summed(national, period);
    expect(fromWindow.topTeams).toHaveLength(TOP_TEAMS);
    expect(fromWindow.topTeams).toEqual(bySumming.topTeams);
    expect(fromWindow.topTeams.slice(0, 2).map((x) => [x.id, x.shareClicks])).toEqual([
      [t.commune.id, 40],
      [t.otherProvince.id, 35],
    ]);
    // Eight teams are tied at 9 clicks for places 9 and 10: the first two by name.
    const tiedNames = [t.village, t.otherCommune, ...EXTRA_TEAMS.slice(6)].map((x) => x.name).sort();
    expect(fromWindow.topTeams.slice(8).map((x) => [x.name, x.shareClicks])).toEqual(tiedNames.slice(0, 2).map((name) => [name, 9]));
  });

  it('really reads the window for a preset period (a changed running total shows), and sums otherwise', async () => {
    await env.DB.prepare("UPDATE usage_team_window SET count = count + 1000 WHERE window_name = 'w12' AND team_id = ?").bind(t.village.id).run();
    try {
      const fromWindow = await usageReport(env.DB, new Map(), national, period, today);
      expect(fromWindow.topTeams[0]).toMatchObject({ id: t.village.id, shareClicks: 1009 });
      // A period starting near the window reads it too (issue 20); one 47 days from any window sums usage_daily.
      // Days taken off the window's start (−1, +1), or added before it (−8: the window starts a week before the preset).
      for (const from of [addDays(period.from, -1), addDays(period.from, 1), addDays(period.from, -8)]) {
        const near = await usageReport(env.DB, new Map(), national, { from, to: today }, today);
        expect(near.topTeams[0], from).toMatchObject({ id: t.village.id, shareClicks: 1009 });
      }
      // Ending yesterday: the window, minus the village team's 9 clicks of today.
      const endedYesterday = await usageReport(env.DB, new Map(), national, { from: addDays(period.from, 1), to: addDays(today, -1) }, today);
      expect(endedYesterday.topTeams[0]).toMatchObject({ id: t.village.id, shareClicks: 1000 });
      const custom = await usageReport(env.DB, new Map(), national, { from: '2026-08-15', to: today }, today);
      expect(custom.topTeams.find((x) => x.id === t.village.id)?.shareClicks).toBe(9);
    } finally {
      await env.DB.prepare("UPDATE usage_team_window SET count = count - 1000 WHERE window_name = 'w12' AND team_id = ?").bind(t.village.id).run();
    }
  });

  it('reads a province’s teams from the nearest window for a period ending today (a changed running total shows)', async () => {
    await env.DB.prepare("UPDATE usage_team_window SET count = count + 1000 WHERE window_name = 'w12' AND team_id = ?").bind(t.village.id).run();
    try {
      for (const from of [period.from, addDays(period.from, -3), addDays(period.from, 4)]) {
        const report = await usageReport(env.DB, new Map(), provinceScope, { from, to: today }, today);
        expect(report.topTeams[0], from).toMatchObject({ id: t.village.id });
        expect(report.topTeams[0]!.shareClicks, from).toBeGreaterThan(1000);
      }
      const far = await usageReport(env.DB, new Map(), provinceScope, { from: '2026-08-15', to: today }, today); // 47 days from any window: summed
      expect(far.topTeams.find((x) => x.id === t.village.id)?.shareClicks).toBe(9);
    } finally {
      await env.DB.prepare("UPDATE usage_team_window SET count = count - 1000 WHERE window_name = 'w12' AND team_id = ?").bind(t.village.id).run();
    }
  });

  it('ranks the country’s teams for periods starting days before or after a window exactly as summing usage_daily does (issue 20)', async () => {
    // Days added before the window (the 500 clicks of 2026-06-01 put a team first) or left out of its start (the 40 of its first day go).
    const periods = [-1, -3, -7, -28, 1, 4, 30].map((days) => ({ from: addDays(period.from, days), to: today }));
    // Periods ending before today leave the window's last days out too (the 9 clicks of today, of the day before).
    periods.push(
      { from: addDays(period.from, -1), to: addDays(today, -1) },
      { from: addDays(period.from, 1), to: addDays(today, -2) },
      { from: period.from, to: addDays(today, -20) },
    );
    for (const p of periods) {
      const fromWindow = await usageReport(env.DB, new Map(), national, p, today);
      const bySumming = await summed(national, p);
      expect(fromWindow.topTeams.length, p.from).toBeGreaterThan(0);
      expect(fromWindow.topTeams, p.from).toEqual(bySumming.topTeams);
      expect(fromWindow.totals, p.from).toEqual(bySumming.totals);
      expect(fromWindow.weeks, p.from).toEqual(bySumming.weeks);
    }
    expect((await usageReport(env.DB, new Map(), national, periods[3]!, today)).topTeams[0]).toMatchObject({ id: t.village.id, shareClicks: 509 });
    expect((await usageReport(env.DB, new Map(), national, periods[4]!, today)).topTeams.some((x) => x.id === t.commune.id)).toBe(false);
  });

  it('keeps that ranking exact after clicks are counted, corrected and deleted, and through a window move', async () => {
    // Two days before the preset's first day: the window minus its first five days.
    const p = { from: addDays(period.from, -2), to: today };
    const check = async (label: string) => {
      const fromWindow = await usageReport(env.DB, new Map(), national, p, today);
      expect(fromWindow.topTeams, label).toEqual((await summed(national, p)).topTeams);
      expect((await rollupsAgainstUsageDaily()).windows, label).toEqual((await rollupsAgainstUsageDaily()).windowsExpected);
      return fromWindow.topTeams;
    };
    await insertClicks([
      [addDays(period.from, -2), 'rk-c', EXTRA_TEAMS[11]!.id, 5],
      ['2026-09-01', 'rk-c', EXTRA_TEAMS[10]!.id, 3],
    ]);
    expect(await check('counted')).toContainEqual(expect.objectContaining({ id: EXTRA_TEAMS[11]!.id, shareClicks: 14 }));
    await env.DB.prepare("UPDATE usage_daily SET count = count + 2 WHERE guide = 'rk-c' AND team_id = ?").bind(EXTRA_TEAMS[11]!.id).run();
    expect(await check('corrected')).toContainEqual(expect.objectContaining({ id: EXTRA_TEAMS[11]!.id, shareClicks: 16 }));
    await env.DB.prepare("DELETE FROM usage_daily WHERE guide = 'rk-c'").run();
    await check('deleted');
    await moveUsageWindows(env.DB, today);
    await check('window moved');
  });

  it('reports a province from its rollups: guides, weeks and teams as usage_daily sums them, for any period', async () => {
    // The preset itself, periods starting days before or after it (window ± those days), and one far from any window (summed).
    for (const p of [
      period,
      { from: addDays(period.from, -3), to: today },
      { from: addDays(period.from, 4), to: today },
      { from: '2026-07-01', to: '2026-09-15' },
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
      expect(report.weeks.reduce((s, w) => s + w.shareClicks, 0)).toBe(expected.reduce((s, g) => s + g.n, 0));
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
