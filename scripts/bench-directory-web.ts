// Read latency of every directory page and API, "find your team" and the
// usage reports on a synthetic national directory (≈100,000 villages, 80,000
// teams, 400,000 members) with a year of national usage, in local wrangler
// dev, each against /api/health measured in the same run (issue 10).
//
//   node scripts/bench-directory.ts --keep          # imports the synthetic national directory, prints its --persist-to
//   node scripts/bench-directory-web.ts --persist-to <dir> [--requests 100]
//
// Two passes, each interleaved with /api/health (lib/latency-passes.ts):
// - cold: every request a cache miss (a unique throwaway query parameter),
//   i.e. the D1 work itself: coverage summary, FTS5 search, report queries;
// - warm: what visitors get — repeated URLs served from the edge cache
//   (caches.default, keyed by the directory version), stale reports
//   recomputed in the background as in production.
// Cold requests rotate the client address (cf-connecting-ip, as bench-usage
// does) so the per-address read limit does not refuse the bench itself.
// `npm run bench` runs both scripts in turn. Loopback only, bounded request count.
import { parseArgs } from 'node:util';
import { withDirectoryDb } from './lib/d1.ts';
import { coldThenWarm, uncached } from './lib/latency-passes.ts';
import { startLocalWorker } from './lib/local-worker.ts';
import { percentile } from './lib/percentile.ts';
import { lastWeeks } from '../functions/usage/report.ts';
import { buildTeamTotals } from '../functions/usage/team-totals.ts';
import { moveUsageWindows } from '../functions/usage/windows.ts';

export interface LatencyFigures {
  path: string;
  requests: number;
  p50: number;
  p95: number;
  max: number;
}

export interface RouteFigures {
  label: string;
  warm: LatencyFigures;
  cold: LatencyFigures;
}

export interface DirectoryWebBench {
  baseUrl: string;
  provinceCode: string;
  /** /api/health (one trivial D1 query): what the local dev proxy and runtime cost by themselves. */
  baseline: LatencyFigures;
  routes: RouteFigures[];
}

/** The budget of issues 10 and 20: p95 under 50 ms for every read, from the edge cache (warm) or not (cold). */
export const READ_P95_GOAL_MS = 50;

function figures(path: string, ms: number[]): LatencyFigures {
  const sorted = [...ms].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { path, requests: ms.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? NaN) };
}

let clientNumber = 0;
async function timed(url: string, rotateAddress = false): Promise<number> {
  const headers: Record<string, string> = {};
  if (rotateAddress) {
    clientNumber++;
    headers['cf-connecting-ip'] = `10.77.${(clientNumber >> 8) & 255}.${clientNumber & 255}`;
  }
  const started = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return ms;
}

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * A year of national usage in usage_daily, as the queue consumer would have
 * left it: every guide's views and helpful answers every day, and 3,000
 * share-click keys a day spread over real members (≈1.1 M rows). usage_daily's
 * triggers fill the national totals and the rollups reports read (0008).
 */
export async function seedYearOfUsage(persistTo: string, guideSlugs: string[], today = isoDay(Date.now())): Promise<number> {
  return withDirectoryDb({ remote: false, persistTo }, async ({ d1 }) => {
    const maxMember = (await d1.prepare('SELECT max(id) AS n FROM members').first<{ n: number }>())?.n ?? 0;
    if (maxMember === 0) throw new Error('no members: import the national directory first');
    const guides = JSON.stringify(guideSlugs);
    const existing = (await d1.prepare('SELECT count(*) AS n FROM usage_daily').first<{ n: number }>())?.n ?? 0;
    // Already seeded (a re-run on a kept D1): keep it.
    for (let from = existing > 1_000_000 ? 365 : 0; from < 365; from += 30) {
      const to = Math.min(364, from + 29);
      await d1.batch([
        d1
          .prepare(
            `WITH RECURSIVE d(i) AS (SELECT CAST(?2 AS INTEGER) UNION ALL SELECT i + 1 FROM d WHERE i < ?3)
             INSERT OR IGNORE INTO usage_daily (day, guide, team_id, member_code, kind, count)
             SELECT date(?1, '-' || d.i || ' days'), g.value, 0, '', k.value, 1 + abs(random()) % (CASE k.value WHEN 'view' THEN 2000 ELSE 40 END)
             FROM d, json_each(?4) g, json_each('["view","helpful_yes","helpful_no"]') k`,
          )
          .bind(today, from, to, guides),
        d1
          .prepare(
            `WITH RECURSIVE d(i) AS (SELECT CAST(?2 AS INTEGER) UNION ALL SELECT i + 1 FROM d WHERE i < ?3),
               k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 2999)
             INSERT OR IGNORE INTO usage_daily (day, guide, team_id, member_code, kind, count)
             SELECT date(?1, '-' || d.i || ' days'), json_extract(?4, '$[' || ((d.i * 3000 + k.j) % json_array_length(?4)) || ']'),
                    m.team_id, m.code, 'share_click', 1 + k.j % 5
             FROM d, k JOIN members m ON m.id = ((d.i * 3000 + k.j) * 7919) % CAST(?5 AS INTEGER) + 1`,
          )
          .bind(today, from, to, guides, maxMember),
      ]);
    }
    return (await d1.prepare('SELECT count(*) AS n FROM usage_daily').first<{ n: number }>())?.n ?? 0;
  });
}

/**
 * A month of rosters (issue 17) around today in every commune with a team, so
 * the commune pages are measured with their schedule: duty shifts on
 * Tuesday and Thursday mornings and Saturday afternoons (one cancelled), an
 * evening session in a village each week, two members on each.
 */
export async function seedMonthOfRosters(persistTo: string, today = isoDay(Date.now())): Promise<number> {
  return withDirectoryDb({ remote: false, persistTo }, async ({ d1 }) => {
    const count = async () => (await d1.prepare('SELECT count(*) AS n FROM duty_events').first<{ n: number }>())?.n ?? 0;
    if ((await d1.prepare("SELECT 1 FROM duty_plans WHERE form_key LIKE 'bench-%' LIMIT 1").first()) !== null) return count();
    const first = isoDay(Date.parse(`${today}T00:00:00Z`) - 14 * DAY_MS);
    const last = isoDay(Date.parse(`${today}T00:00:00Z`) + 13 * DAY_MS);
    const now = Date.now();
    const days = `WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < 27)`;
    await d1.batch([
      d1
        .prepare(
          `INSERT INTO duty_plans (form_key, province_code, commune_code, kind, weekdays, first_day, last_day, created_by, created_at)
           SELECT 'bench-' || k.value || '-' || c.code, c.province_code, c.code, k.value, CASE k.value WHEN 'shift' THEN '2,4,6' ELSE '7' END, ?1, ?2, 'bench', ?3
           FROM communes c, json_each('["shift","session"]') k WHERE EXISTS (SELECT 1 FROM teams t WHERE t.commune_code = c.code AND t.active = 1)`,
        )
        .bind(first, last, now),
      d1
        .prepare(
          `${days}
           INSERT INTO duty_events (plan_id, kind, province_code, commune_code, day, start_time, end_time, place, village_id, topics, status, created_at, updated_at)
           SELECT p.id, p.kind, p.province_code, p.commune_code, date(?1, '+' || d.i || ' days'),
                  CASE WHEN p.kind = 'session' THEN '19:30' WHEN strftime('%w', date(?1, '+' || d.i || ' days')) = '6' THEN '14:00' ELSE '07:30' END,
                  CASE WHEN p.kind = 'session' THEN '21:00' WHEN strftime('%w', date(?1, '+' || d.i || ' days')) = '6' THEN '16:30' ELSE '11:00' END,
                  CASE p.kind WHEN 'shift' THEN 'Trung tâm phục vụ hành chính công' ELSE 'Nhà văn hoá' END,
                  CASE p.kind WHEN 'session' THEN (SELECT min(v.id) FROM villages v WHERE v.commune_code = p.commune_code AND v.removed_at IS NULL) END,
                  CASE p.kind WHEN 'session' THEN '["vneid-muc-2","lua-dao"]' ELSE '[]' END,
                  CASE WHEN d.i = 18 THEN 'cancelled' ELSE 'planned' END, ?2, ?2
           FROM duty_plans p, d
           WHERE p.form_key LIKE 'bench-%'
             AND ((p.kind = 'shift' AND strftime('%w', date(?1, '+' || d.i || ' days')) IN ('2', '4', '6'))
               OR (p.kind = 'session' AND strftime('%w', date(?1, '+' || d.i || ' days')) = '0'))`,
        )
        .bind(first, now),
      d1.prepare(
        `INSERT INTO duty_assignments (event_id, member_id)
         SELECT e.id, m.id FROM duty_events e JOIN duty_plans p ON p.id = e.plan_id AND p.form_key LIKE 'bench-%'
         JOIN members m ON m.id IN (SELECT m2.id FROM teams t2 JOIN members m2 ON m2.team_id = t2.id AND m2.removed_at IS NULL
                                    WHERE t2.commune_code = e.commune_code AND t2.active = 1 ORDER BY m2.id LIMIT 2)`,
      ),
      d1.prepare('UPDATE directory_version SET version = version + 1, changed_at = ? WHERE id = 1').bind(now),
    ]);
    return count();
  });
}

interface Route {
  label: string;
  /** The i-th URL of this route (warm: a small rotating set; cold: made unique by the caller). */
  path: (i: number) => string;
}

/**
 * Measures p50/p95 of every directory page and API, search and usage
 * reports, warm and cold, interleaved with /api/health. Loopback only.
 */
export async function benchDirectoryWeb(baseUrl: string, requests = 100): Promise<DirectoryWebBench> {
  const base = new URL(baseUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    throw new Error(`The directory bench only talks to a local server, not ${base.hostname}.`);
  }
  const count = Math.max(10, Math.min(requests, 2000));
  const json = async <T>(path: string) => (await (await fetch(new URL(path, base))).json()) as T;
  const list = await json<{ provinces: { code: string; coverage: { villages: number } }[] }>('/api/provinces');
  const province = [...list.provinces].sort((a, b) => b.coverage.villages - a.coverage.villages)[0];
  if (!province || province.coverage.villages === 0) throw new Error('The directory is empty: import data first.');
  const communes = (
    await json<{ communes: { code: string; name: string; coverage: { villages: number } }[] }>(`/api/provinces/${province.code}/communes`)
  ).communes.filter((c) => c.coverage.villages > 0);
  const sample = communes.slice(0, 20);
  const details = await Promise.all(sample.slice(0, 5).map((c) => json<{ villages: { name: string; teams: { id: number }[] }[] }>(`/api/communes/${c.code}`)));
  const teamIds = details.flatMap((d) => d.villages.flatMap((v) => v.teams.map((t) => t.id))).slice(0, 20);
  // What people type: a village with its commune, a commune alone, a bare "thôn" number, no diacritics.
  const queries = [
    ...details.flatMap((d, i) => d.villages.slice(0, 2).map((v) => `${v.name} ${sample[i]!.name.replace(/^(Xã|Phường|Đặc khu) /, '')}`)),
    ...sample.slice(0, 5).map((c) => c.name.normalize('NFD').replace(/\p{Mn}/gu, '')),
    'thon 5',
    'to dan pho 1',
    'a'.repeat(60),
  ];
  const today = isoDay(Date.now());
  const yearAgo = isoDay(Date.now() - 364 * DAY_MS);
  const weeks52 = lastWeeks(52, today).from;
  const daysAgo = (days: number) => isoDay(Date.now() - days * DAY_MS);
  /** The first day of the month `months` months before this one. */
  const monthsAgo = (months: number) => {
    const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - months);
    return isoDay(d.getTime());
  };
  const at = <T>(items: T[], i: number) => items[i % items.length]!;
  const routes: Route[] = [
    { label: '/to-cong-nghe-so/', path: () => '/to-cong-nghe-so/' },
    { label: '/api/provinces', path: () => '/api/provinces' },
    { label: '/to-cong-nghe-so/<province>/', path: () => `/to-cong-nghe-so/${province.code}/` },
    { label: '/api/provinces/<code>', path: () => `/api/provinces/${province.code}` },
    { label: '/api/provinces/<code>/communes', path: () => `/api/provinces/${province.code}/communes` },
    // The commune page shows its "Hôm nay" and next shifts and sessions (issue 17; seedMonthOfRosters).
    { label: '/to-cong-nghe-so/<province>/<commune>/ (with its schedule)', path: (i) => `/to-cong-nghe-so/${province.code}/${at(sample, i).code}/` },
    { label: '/api/communes/<code>/schedule', path: (i) => `/api/communes/${at(sample, i).code}/schedule` },
    { label: '/to-cong-nghe-so/<province>/<commune>/lich.ics', path: (i) => `/to-cong-nghe-so/${province.code}/${at(sample, i).code}/lich.ics` },
    { label: '/api/communes/<code>', path: (i) => `/api/communes/${at(sample, i).code}` },
    { label: '/api/teams/<id>', path: (i) => `/api/teams/${at(teamIds, i)}` },
    {
      label: '/api/coverage (national, province, commune)',
      path: (i) => ['/api/coverage', `/api/coverage?province=${province.code}`, `/api/coverage?commune=${at(sample, i).code}`][i % 3]!,
    },
    { label: '/to-cong-nghe-so/tim/?q=', path: (i) => `/to-cong-nghe-so/tim/?q=${encodeURIComponent(at(queries, i))}` },
    // Usage reports: the two preset periods the report page offers (12 and
    // 52 weeks, Monday to today), a province and a commune over any year
    // (their rollups and windows), and national custom periods. The country's
    // top teams come from the stored teams' totals of each whole month and
    // other day (team-totals.ts), today's clicks summed.
    { label: '/thong-ke/ (12 weeks, the default)', path: () => '/thong-ke/' },
    { label: '/thong-ke/?from=…&to=… (52 weeks, national)', path: () => `/thong-ke/?from=${weeks52}&to=${today}` },
    { label: '/thong-ke/<province>/ (a year)', path: () => `/thong-ke/${province.code}/?from=${yearAgo}&to=${today}` },
    {
      label: '/thong-ke/<province>/<commune>/ (a year)',
      path: (i) => `/thong-ke/${province.code}/${at(sample, i).code}/?from=${yearAgo}&to=${today}`,
    },
    { label: '/api/usage?from=…&to=… (52 weeks, national)', path: () => `/api/usage?from=${weeks52}&to=${today}` },
    { label: '/api/usage?province=… (a year)', path: () => `/api/usage?province=${province.code}&from=${yearAgo}&to=${today}` },
    { label: '/api/usage?from=…&to=… (a custom year, national)', path: () => `/api/usage?from=${yearAgo}&to=${today}` },
    // National periods far from today and from any window (the country's stored teams' totals: team-totals.ts).
    {
      label: '/api/usage?from=…&to=… (three whole months 7–9 months ago, national)',
      path: () => `/api/usage?from=${monthsAgo(9)}&to=${isoDay(Date.parse(`${monthsAgo(6)}T00:00:00Z`) - DAY_MS)}`,
    },
    {
      label: '/api/usage?from=…&to=… (160 days, mid-month to mid-month, ending 40 days ago, national)',
      path: () => `/api/usage?from=${daysAgo(200)}&to=${daysAgo(40)}`,
    },
    {
      label: '/api/usage?from=…&to=… (this calendar year, to 31 December, national)',
      path: () => `/api/usage?from=${today.slice(0, 4)}-01-01&to=${today.slice(0, 4)}-12-31`,
    },
  ];

  const url = (path: string) => new URL(path, base).toString();
  const {
    baseline: baselineMs,
    cold,
    warm,
  } = await coldThenWarm(routes, count, {
    baseline: () => timed(url('/api/health')),
    cold: (route, i, r) => timed(url(uncached(route.path(i), i, r)), true),
    warm: (route, i) => timed(url(route.path(i))),
    // Every warm URL once (a route's warm URLs rotate through at most 20).
    warmUp: async (route) => {
      for (let i = 0; i < 20; i++) await timed(url(route.path(i)));
    },
  });
  return {
    baseUrl: base.origin,
    provinceCode: province.code,
    baseline: figures('/api/health', baselineMs),
    routes: routes.map((route, r) => ({ label: route.label, warm: figures(route.label, warm[r]!), cold: figures(route.label, cold[r]!) })),
  };
}

/**
 * Serves the built dist/ with wrangler dev over the local D1 in `persistTo`
 * (e.g. the national directory `benchDirectory({ keep: true })` leaves), adds a
 * year of national usage, measures, prints the p95 table and stops the server.
 */
export async function printDirectoryWebBench(persistTo: string, requests = 100): Promise<DirectoryWebBench> {
  const guides = (await import('node:fs')).readFileSync('dist/du-lieu/huong-dan.json', 'utf8');
  const slugs = (JSON.parse(guides) as { slug: string }[]).map((g) => g.slug);
  const started = performance.now();
  const usageRows = await seedYearOfUsage(persistTo, slugs);
  console.log(
    `a year of national usage: ${usageRows.toLocaleString('en')} usage_daily rows (${slugs.length} guides; seeded in ${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  // What the Cron Trigger does each Monday: the preset windows start where this week's reports expect them.
  const moved = await withDirectoryDb({ remote: false, persistTo }, ({ d1 }) => moveUsageWindows(d1));
  if (moved.length) console.log(`usage windows moved: ${moved.map((m) => `${m.window} from ${m.from}`).join(', ')}`);
  // And what it does every ten minutes: each day and month just over gets its teams' totals (a year's backlog at once here).
  const builtAt = performance.now();
  const built = await withDirectoryDb({ remote: false, persistTo }, ({ d1 }) => buildTeamTotals(d1, isoDay(Date.now()), Number.POSITIVE_INFINITY));
  console.log(`teams' totals built: ${built.days} days in ${((performance.now() - builtAt) / 1000).toFixed(1)} s`);
  const rosterEvents = await seedMonthOfRosters(persistTo);
  console.log(`a month of rosters around today: ${rosterEvents.toLocaleString('en')} shifts and sessions`);
  const worker = await startLocalWorker({ port: process.env.BENCH_PORT ?? '8803', persistTo });
  try {
    const result = await benchDirectoryWeb(worker.baseUrl, requests);
    const rows = [
      ['route', 'warm p50', 'warm p95', 'cold p50', 'cold p95', `p95 < ${READ_P95_GOAL_MS} ms warm and cold`],
      ['/api/health (baseline, same run)', `${result.baseline.p50}`, `${result.baseline.p95}`, '', '', ''],
      // Issue 20: every read under the goal, cached (warm) or not (cold).
      ...result.routes.map((r) => [
        r.label,
        `${r.warm.p50}`,
        `${r.warm.p95}`,
        `${r.cold.p50}`,
        `${r.cold.p95}`,
        Math.max(r.warm.p95, r.cold.p95) < READ_P95_GOAL_MS ? '✔' : '✖',
      ]),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
    console.log(
      `(ms; ${result.routes[0]?.cold.requests ?? 0} requests per route warm and cold, loopback, local wrangler dev; ` +
        'warm = edge cache as visitors get it, cold = every request a cache miss: the D1 work itself)',
    );
    return result;
  } finally {
    worker.stop();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'persist-to': { type: 'string' }, requests: { type: 'string' } } });
  if (!values['persist-to']) {
    console.error('usage: node scripts/bench-directory-web.ts --persist-to <dir> (from node scripts/bench-directory.ts --keep)');
    process.exit(2);
  }
  await printDirectoryWebBench(values['persist-to'], Number(values.requests ?? 100));
}
