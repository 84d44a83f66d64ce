import { readFile } from 'node:fs/promises';

/** Busy and total CPU ticks of the whole machine so far (Linux /proc/stat), or null elsewhere. */
async function cpuTicks(): Promise<{ busy: number; total: number } | null> {
  const line = (await readFile('/proc/stat', 'utf8').catch(() => '')).split('\n')[0] ?? '';
  if (!line.startsWith('cpu ')) return null;
  const ticks = line.split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  // idle and iowait are the 4th and 5th fields.
  return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
}

/** Below this share of busy CPU over a second, the machine counts as quiet. */
const QUIET_BUSY_SHARE = 0.15;
const QUIET_WAIT_LIMIT_MS = 60_000;

/**
 * Waits (a minute at most) until the machine has been quiet for a second:
 * the sections before a latency table (builds, Chromium, a stopped wrangler)
 * can leave processes winding down, and on a 2-core machine their CPU would
 * land in the table as request time. Says so when it had to wait.
 */
async function settle(): Promise<void> {
  const start = Date.now();
  let busyShare: number | null = null;
  while (Date.now() - start < QUIET_WAIT_LIMIT_MS) {
    const before = await cpuTicks();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await cpuTicks();
    if (!before || !after || after.total === before.total) break;
    busyShare = (after.busy - before.busy) / (after.total - before.total);
    if (busyShare < QUIET_BUSY_SHARE) break;
  }
  const waitedS = (Date.now() - start) / 1000;
  if (waitedS >= 2) {
    const busy = busyShare === null ? '' : `, ${Math.round(busyShare * 100)} % busy when timing began`;
    console.log(`(waited ${waitedS.toFixed(0)} s for the machine to quiet down${busy})`);
  }
}

/**
 * `path` with a throwaway query parameter no cache has seen: the i-th cold
 * request of the r-th route (unique across runs by the clock).
 */
export function uncached(path: string, i: number, r: number): string {
  return `${path}${path.includes('?') ? '&' : '?'}_bench=${Date.now() * 1000 + i * 100 + r}`;
}

/**
 * The request times of every route, cold then warm, for the report latency
 * tables (bench-directory-web.ts, bench-assists.ts). Each pass interleaves the
 * routes with /api/health, so a burst of load on the machine hits every row
 * alike. The cold pass runs first and alone: a warm hit on a report more than
 * a few seconds old starts its recomputation in the background
 * (stale-while-revalidate), and in one local workerd the next request, a
 * cold one, would share the CPU and D1 with it — work of the bench's own
 * making, not of the request measured.
 */
export async function coldThenWarm<Route>(
  routes: readonly Route[],
  count: number,
  time: {
    baseline: () => Promise<number>;
    /** The i-th cold request of a route: a URL no cache holds. */
    cold: (route: Route, i: number, r: number) => Promise<number>;
    /** The i-th warm request of a route: a URL the warm-up cached. */
    warm: (route: Route, i: number) => Promise<number>;
    /** Fills the edge cache for a route's warm URLs. */
    warmUp: (route: Route) => Promise<void>;
  },
): Promise<{ baseline: number[]; cold: number[][]; warm: number[][] }> {
  const baseline: number[] = [];
  const cold = routes.map(() => [] as number[]);
  const warm = routes.map(() => [] as number[]);
  await settle();
  for (let i = 0; i < count; i++) {
    baseline.push(await time.baseline());
    for (const [r, route] of routes.entries()) cold[r]!.push(await time.cold(route, i, r));
  }
  for (const route of routes) await time.warmUp(route);
  await settle();
  for (let i = 0; i < count; i++) {
    baseline.push(await time.baseline());
    for (const [r, route] of routes.entries()) warm[r]!.push(await time.warm(route, i));
  }
  return { baseline, cold, warm };
}
