import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { assistReport, assistTotals, monthSpan } from '../../functions/assists/report.ts';
import { taskById, taskIds } from '../../functions/assists/tasks.ts';
import type { Period, Scope } from '../../functions/usage/report.ts';
import { addDays, weekStart } from '../../functions/usage/report.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';

// Issue 20 point 3: the report rollups of migration 0017 (kept by triggers on
// assists) always equal a full recomputation from the entries, whatever the
// writers do: inserts, edits of people, task and day, moves to another team
// (and place), voids and un-voids, deletes, citizens' confirmations and their
// removal. Then the reports read from them answer what the entries say, for
// periods with and without ragged month ends.

interface Entry {
  id: number;
  member_id: number;
  team_id: number;
  province_code: string;
  commune_code: string | null;
  village_id: number | null;
  task: string;
  people: number;
  confirmed: number;
  day: string;
}
interface Team {
  id: number;
  p: string;
  c: string | null;
  v: number | null;
  memberId: number;
}

/** A small seeded generator (mulberry32), so a failure replays. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const live = async () => (await env.DB.prepare('SELECT * FROM assists WHERE voided_at IS NULL').all<Entry>()).results;

/** Every rollup row, recomputed from the live entries, keyed like the tables (zero rows left out). */
function recompute(entries: Entry[]): Map<string, string> {
  const sums = new Map<string, [number, number]>();
  const add = (key: string, e: Entry) => {
    const s = sums.get(key) ?? [0, 0];
    sums.set(key, [s[0] + e.people, s[1] + e.confirmed]);
  };
  for (const e of entries) {
    const scopes = ['', `p${e.province_code}`, ...(e.commune_code ? [`c${e.commune_code}`] : [])];
    const parts: [string, string, string][] = [
      ['', 'p', e.province_code],
      [`p${e.province_code}`, 'c', e.commune_code ?? ''],
      [`p${e.province_code}`, 't', String(e.team_id)],
      [`p${e.province_code}`, 'm', String(e.member_id)],
      ...(e.commune_code
        ? ([
            [`c${e.commune_code}`, 'v', e.village_id === null ? '' : String(e.village_id)],
            [`c${e.commune_code}`, 't', String(e.team_id)],
            [`c${e.commune_code}`, 'm', String(e.member_id)],
          ] as [string, string, string][])
        : []),
    ];
    for (const s of scopes) {
      add(`scope_days|${s}|${e.day}|${e.task}`, e);
      add(`scope_months|${s}|${e.day.slice(0, 7)}|${e.task}`, e);
    }
    for (const [s, kind, part] of parts) {
      add(`part_days|${s}|${kind}|${e.day}|${part}`, e);
      add(`part_months|${s}|${kind}|${e.day.slice(0, 7)}|${part}`, e);
    }
  }
  return new Map([...sums].filter(([, [p, c]]) => p !== 0 || c !== 0).map(([k, [p, c]]) => [k, `${p}/${c}`]));
}

/** The rollup tables as they are (zero rows left out; a negative count fails the comparison). */
async function stored(): Promise<Map<string, string>> {
  const [sd, sm, pd, pm] = await env.DB.batch<{ k: string; people: number; confirmed: number }>([
    env.DB.prepare(`SELECT 'scope_days|' || scope || '|' || day || '|' || task AS k, people, confirmed FROM assist_scope_days`),
    env.DB.prepare(`SELECT 'scope_months|' || scope || '|' || month || '|' || task AS k, people, confirmed FROM assist_scope_months`),
    env.DB.prepare(`SELECT 'part_days|' || scope || '|' || kind || '|' || day || '|' || part AS k, people, confirmed FROM assist_part_days`),
    env.DB.prepare(`SELECT 'part_months|' || scope || '|' || kind || '|' || month || '|' || part AS k, people, confirmed FROM assist_part_months`),
  ]);
  const rows = [sd, sm, pd, pm].flatMap((r) => r!.results);
  return new Map(rows.filter((r) => r.people !== 0 || r.confirmed !== 0).map((r) => [r.k, `${r.people}/${r.confirmed}`]));
}

const expectConsistent = async () => expect(await stored()).toEqual(recompute(await live()));

let teams: Team[] = [];
let visitor = 0;

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  teams = (
    await env.DB.prepare(
      `SELECT t.id, t.province_code AS p, t.commune_code AS c, t.village_id AS v, min(m.id) AS memberId
       FROM teams t JOIN members m ON m.team_id = t.id GROUP BY t.id ORDER BY t.id`,
    ).all<Team>()
  ).results;
});

// Hundreds of D1 writes and requests each: the default 5 s is too tight on a busy 2-core machine.
describe('assists report rollups (migration 0017)', () => {
  it('equal a full recomputation after every kind of write, in any order', async () => {
    const random = seeded(20);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const someDay = () => addDays('2026-01-20', Math.floor(random() * 100)); // across four months
    const ids = async (voided: boolean) =>
      (await env.DB.prepare(`SELECT id FROM assists WHERE voided_at IS ${voided ? 'NOT NULL' : 'NULL'}`).all<{ id: number }>()).results.map((r) => r.id);
    const insert = async () => {
      const t = pick(teams);
      // Some entries name a village of their own (a member helping next door), some none.
      const village = random() < 0.2 ? null : t.v;
      await env.DB.prepare(
        `INSERT INTO assists (member_id, team_id, province_code, commune_code, village_id, task, people, day, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
      )
        .bind(t.memberId, t.id, t.p, t.c, village, pick(taskIds), 1 + Math.floor(random() * 50), someDay())
        .run();
    };
    for (let i = 0; i < 40; i++) await insert();
    await expectConsistent();

    const kinds = [
      'insert',
      'people',
      'task',
      'day',
      'move',
      'village',
      'team',
      'member',
      'void',
      'unvoid',
      'delete',
      'confirm',
      'unconfirm',
      'everything',
    ] as const;
    const done = new Set<string>();
    for (let step = 0; step < 200; step++) {
      const kind = pick(kinds);
      const alive = await ids(false);
      const id = pick(alive);
      switch (kind) {
        case 'insert':
          await insert();
          break;
        case 'people':
          await env.DB.prepare('UPDATE assists SET people = ?, updated_at = 1 WHERE id = ?')
            .bind(1 + Math.floor(random() * 50), id)
            .run();
          break;
        case 'task':
          await env.DB.prepare('UPDATE assists SET task = ? WHERE id = ?').bind(pick(taskIds), id).run();
          break;
        case 'day':
          await env.DB.prepare('UPDATE assists SET day = ? WHERE id = ?').bind(someDay(), id).run();
          break;
        case 'move': {
          const t = pick(teams);
          await env.DB.prepare('UPDATE assists SET team_id = ?, province_code = ?, commune_code = ?, village_id = ? WHERE id = ?')
            .bind(t.id, t.p, t.c, t.v, id)
            .run();
          break;
        }
        case 'village': {
          // Only the village (another of the same commune, or none): one column alone must move the rollups too.
          const e = (await env.DB.prepare('SELECT commune_code AS c FROM assists WHERE id = ?').bind(id).first<{ c: string | null }>())!;
          const villages = teams.filter((t) => t.c === e.c && t.v !== null).map((t) => t.v);
          await env.DB.prepare('UPDATE assists SET village_id = ? WHERE id = ?')
            .bind(pick([null, ...villages]), id)
            .run();
          break;
        }
        case 'team': {
          // Only the team (another of the same commune or province).
          const e = (await env.DB.prepare('SELECT province_code AS p FROM assists WHERE id = ?').bind(id).first<{ p: string }>())!;
          await env.DB.prepare('UPDATE assists SET team_id = ? WHERE id = ?')
            .bind(pick(teams.filter((t) => t.p === e.p)).id, id)
            .run();
          break;
        }
        case 'member':
          // Only who recorded it (an official's correction): the members' breakdown follows.
          await env.DB.prepare('UPDATE assists SET member_id = ? WHERE id = ?').bind(pick(teams).memberId, id).run();
          break;
        case 'void':
          await env.DB.prepare("UPDATE assists SET voided_at = 1, voided_by = 'test' WHERE id = ?").bind(id).run();
          break;
        case 'unvoid': {
          const voided = await ids(true);
          if (voided.length) await env.DB.prepare('UPDATE assists SET voided_at = NULL, voided_by = NULL WHERE id = ?').bind(pick(voided)).run();
          break;
        }
        case 'delete':
          // Confirmations go with their entry (ON DELETE CASCADE).
          await env.DB.prepare('DELETE FROM assists WHERE id = ?')
            .bind(pick([...alive, ...(await ids(true))]))
            .run();
          break;
        case 'confirm':
          // Voided entries too: their confirmations must count once they are un-voided.
          await env.DB.prepare(`INSERT INTO assist_confirmations (assist_id, visitor, day, confirmed_at) VALUES (?, ?, '2026-05-01', 0)`)
            .bind(random() < 0.8 ? id : pick([id, ...(await ids(true))]), `v${visitor++}`)
            .run();
          break;
        case 'unconfirm':
          await env.DB.prepare('DELETE FROM assist_confirmations WHERE id = (SELECT min(id) FROM assist_confirmations)').run();
          break;
        case 'everything': {
          // One statement changing people, task, day and place at once.
          const t = pick(teams);
          await env.DB.prepare(
            'UPDATE assists SET people = ?, task = ?, day = ?, team_id = ?, province_code = ?, commune_code = ?, village_id = ? WHERE id = ?',
          )
            .bind(1 + Math.floor(random() * 50), pick(taskIds), someDay(), t.id, t.p, t.c, t.v, id)
            .run();
          break;
        }
      }
      done.add(kind);
      if (step % 8 === 7) await expectConsistent();
    }
    // Citizens confirm a few more (some entries twice), so the reports below have confirmations to read.
    for (const id of (await ids(false)).slice(0, 8)) {
      for (let k = 0; k < 1 + (id % 2); k++) {
        await env.DB.prepare(`INSERT INTO assist_confirmations (assist_id, visitor, day, confirmed_at) VALUES (?, ?, '2026-05-01', 0)`)
          .bind(id, `v${visitor++}`)
          .run();
      }
    }
    await expectConsistent();
    expect([...done].sort()).toEqual([...kinds].sort());
    // The run did exercise confirmations and every level (guards against a vacuous pass).
    const totals = (await env.DB.prepare(
      'SELECT sum(people) AS p, sum(confirmed) AS c, count(DISTINCT commune_code) AS communes FROM assists WHERE voided_at IS NULL',
    ).first<{ p: number; c: number; communes: number }>())!;
    expect(totals.c).toBeGreaterThan(5);
    expect(totals.communes).toBeGreaterThan(2);
  }, 30_000);

  it('cuts a period into full months and ragged ends that cover each day once', () => {
    const days = (p: Period) => {
      const span = monthSpan(p);
      const out: string[] = [];
      for (let d = '2025-11-01'; d <= '2027-02-28'; d = addDays(d, 1)) {
        const inMonths = d.slice(0, 7) >= span.months[0] && d.slice(0, 7) <= span.months[1];
        const inDays = span.days.filter(([a, b]) => d >= a && d <= b).length;
        if (inMonths && inDays) throw new Error(`${d} counted twice`);
        if (inMonths || inDays) out.push(d);
      }
      return out;
    };
    for (const [from, to] of [
      ['2026-01-01', '2026-12-31'],
      ['2025-12-08', '2026-12-07'],
      ['2026-03-05', '2026-03-20'],
      ['2026-02-28', '2026-03-01'],
      ['2026-02-01', '2026-02-28'],
      ['2026-01-31', '2026-03-01'],
      ['2026-03-01', '2026-03-01'],
    ] as const) {
      const expected: string[] = [];
      for (let d: string = from; d <= to; d = addDays(d, 1)) expected.push(d);
      expect(days({ from, to }), `${from}..${to}`).toEqual(expected);
    }
  });

  it('the reports answer what the entries say, for periods with ragged ends', async () => {
    const entries = await live();
    expect(entries.length).toBeGreaterThan(20); // the run above left entries to read
    const busiest = (await env.DB.prepare(
      'SELECT province_code AS p, commune_code AS c FROM assists WHERE voided_at IS NULL AND commune_code IS NOT NULL GROUP BY commune_code ORDER BY count(*) DESC LIMIT 1',
    ).first<{ p: string; c: string }>())!;
    await env.DB.prepare(
      `INSERT INTO assist_targets (indicator, province_code, commune_code, target, denominator, set_by, set_by_role, updated_at)
       VALUES ('vneid', ?, '', 1000, NULL, 'test', 'province', 0), ('vneid', ?, ?, 100, NULL, 'test', 'province', 0)`,
    )
      .bind(busiest.p, busiest.p, busiest.c)
      .run();
    const scopes: [Scope, (e: Entry) => boolean][] = [
      [{ level: 'national' }, () => true],
      [{ level: 'province', province: { code: busiest.p, name: '' } }, (e) => e.province_code === busiest.p],
      [{ level: 'commune', province: { code: busiest.p, name: '' }, commune: { code: busiest.c, name: '' } }, (e) => e.commune_code === busiest.c],
    ];
    const sumBy = (list: Entry[], key: (e: Entry) => string, measure: 'people' | 'confirmed' = 'people') => {
      const out = new Map<string, number>();
      for (const e of list) out.set(key(e), (out.get(key(e)) ?? 0) + e[measure]);
      return out;
    };
    for (const period of [
      { from: '2026-01-25', to: '2026-04-10' },
      { from: '2026-02-01', to: '2026-03-31' },
      { from: '2026-02-10', to: '2026-02-20' },
    ]) {
      for (const [scope, inScope] of scopes) {
        const inPeriod = entries.filter((e) => inScope(e) && e.day >= period.from && e.day <= period.to);
        const label = `${scope.level} ${period.from}..${period.to}`;
        const totals = await assistTotals(env.DB, scope, period);
        expect(totals.total, label).toBe(inPeriod.reduce((s, e) => s + e.people, 0));
        expect(totals.confirmed, label).toBe(inPeriod.reduce((s, e) => s + e.confirmed, 0));
        expect(Object.fromEntries(totals.tasks.filter((t) => t.people).map((t) => [t.id, t.people])), label).toEqual(
          Object.fromEntries(sumBy(inPeriod, (e) => e.task)),
        );

        for (const confirmedOnly of [false, true]) {
          const m = confirmedOnly ? 'confirmed' : 'people';
          const report = await assistReport(env.DB, scope, period, { confirmedOnly, withMembers: true });
          const placeKey = (e: Entry) =>
            scope.level === 'national'
              ? e.province_code
              : scope.level === 'province'
                ? (e.commune_code ?? '')
                : e.village_id === null
                  ? ''
                  : String(e.village_id);
          const places = [...sumBy(inPeriod, placeKey, m)].filter(([, n]) => !confirmedOnly || n > 0);
          expect(new Map(report.places!.map((p) => [p.code, p.people])), `${label} places ${m}`).toEqual(new Map(places));
          // Progress counts everything up to the period's end.
          const upToEnd = entries.filter((e) => inScope(e) && e.day <= period.to);
          const vneid = upToEnd.filter((e) => taskById.get(e.task)?.indicator === 'vneid').reduce((s, e) => s + e[m], 0);
          expect(report.targets.find((t) => t.indicator === 'vneid')?.progress, `${label} progress ${m}`).toBe(vneid);
          expect(report.total, label).toBe(inPeriod.reduce((s, e) => s + e[m], 0));
          // Weeks (Monday to Sunday) hold every person of the period once.
          const byWeek = new Map(report.weeks.map((w) => [w.week, Object.values(w.people).reduce((a, b) => a + b, 0)]));
          expect(new Map([...byWeek].filter(([, n]) => n > 0)), `${label} weeks ${m}`).toEqual(
            new Map([...sumBy(inPeriod, (e) => weekStart(e.day), m)].filter(([, n]) => n > 0)),
          );
          if (scope.level !== 'national') {
            const teamSums = [...sumBy(inPeriod, (e) => String(e.team_id), m)].filter(([, n]) => !confirmedOnly || n > 0);
            expect(new Map(report.teams!.map((t) => [String(t.id), t.people])), `${label} teams ${m}`).toEqual(new Map(teamSums));
            const names = new Map(
              (await env.DB.prepare('SELECT id, full_name AS name FROM members').all<{ id: number; name: string }>()).results.map((r) => [r.id, r.name]),
            );
            const memberSums = [...sumBy(inPeriod, (e) => names.get(e.member_id)!, m)].filter(([, n]) => !confirmedOnly || n > 0);
            expect(new Map(report.members!.map((p) => [p.name, p.people])), `${label} members ${m}`).toEqual(new Map(memberSums));
          }
        }
      }
    }
  }, 30_000);
});

describe('GET /api/assists, cached and limited like /api/usage', () => {
  it('answers from the edge cache, and limits what misses it per client address', async () => {
    const from = (address: string, query: string) => SELF.fetch(`http://localhost/api/assists?${query}`, { headers: { 'cf-connecting-ip': address } });
    const first = await from('198.51.100.77', 'from=2026-02-01&to=2026-02-28');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-edge-cache')).toBe('miss');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const again = await from('198.51.100.78', 'from=2026-02-01&to=2026-02-28');
    expect(again.headers.get('x-edge-cache')).toBe('hit');
    const cached = (await again.json()) as { total: number };
    expect(cached).toEqual(await first.json());
    // A recorded entry moves the version: the next answer is computed afresh and counts it.
    const t = teams[0]!;
    await env.DB.prepare(
      `INSERT INTO assists (member_id, team_id, province_code, commune_code, village_id, task, people, day, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'khac', 3, '2026-02-14', 0, 0)`,
    )
      .bind(t.memberId, t.id, t.p, t.c, t.v)
      .run();
    const fresh = await from('198.51.100.78', 'from=2026-02-01&to=2026-02-28');
    expect(fresh.headers.get('x-edge-cache')).toBe('miss');
    expect(((await fresh.json()) as { total: number }).total).toBe(cached.total + 3);
    // Every request a different period (a miss): the address is refused before long, with the JSON error shape.
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) statuses.push((await from('198.51.100.79', `from=2026-01-01&to=${addDays('2026-01-01', i)}`)).status);
    expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
    const refused = await from('198.51.100.79', 'from=2026-03-01&to=2026-03-02');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Already cached: still served to the limited address.
    expect((await from('198.51.100.79', 'from=2026-02-01&to=2026-02-28')).status).toBe(200);
  }, 30_000);
});
