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
  for (let i = 0; i < count; i++) {
    baseline.push(await time.baseline());
    for (const [r, route] of routes.entries()) cold[r]!.push(await time.cold(route, i, r));
  }
  for (const route of routes) await time.warmUp(route);
  for (let i = 0; i < count; i++) {
    baseline.push(await time.baseline());
    for (const [r, route] of routes.entries()) warm[r]!.push(await time.warm(route, i));
  }
  return { baseline, cold, warm };
}
