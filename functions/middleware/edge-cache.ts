import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

/*
 * Directory reads at national scale: answers are kept in Cloudflare's cache
 * (the Cache API, caches.default — `Cache-Control: s-maxage` alone does
 * nothing for a Worker's own responses) under a key that holds the directory
 * version. Every directory write bumps that version in its own transaction
 * (functions/directory/directory-changed.ts), including the CLI import that cannot
 * reach this cache: from the moment it commits, each request reads the new
 * version and so misses every answer cached before. A withdrawn phone consent
 * is gone from every page at once; the stale copies expire unread.
 *
 * Browsers revalidate every time (no-cache + ETag of the version): a 304 costs
 * one tiny D1 read, and no browser keeps showing a phone after it was withdrawn.
 */

/** What browsers are told: keep a copy, but ask (cheaply) before each use. */
export const DIRECTORY_CACHE_CONTROL = 'public, no-cache';
/** How long the edge keeps an answer of one version (a newer version makes it unreachable sooner). */
const EDGE_TTL_S = 86_400;

/** The directory version, read in the request's D1 session (so after a write, at least that write's version). */
export async function directoryVersion(db: D1Database): Promise<number> {
  const row = await db.prepare('SELECT version FROM directory_version WHERE id = 1').first<{ version: number }>();
  return row?.version ?? 0;
}

/** The deployment, so a new deploy (new page shell, new CSS file names) never serves pages cached by the last one. */
function deployId(c: Context<AppEnv>): string {
  return c.env.CF_VERSION_METADATA?.id ?? 'dev';
}

/** A cache key for this URL at this version: the URL itself with the version added as a query parameter. */
function cacheKey(url: string, tag: string): Request {
  const key = new URL(url);
  key.searchParams.set('__v', tag);
  return new Request(key.toString(), { method: 'GET' });
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}

/** The app's own fetch, for refreshing a stale answer in the background (set by functions/index.ts). */
type AppFetch = (request: Request, env: AppEnv['Bindings'], ctx: ExecutionContext) => Response | Promise<Response>;
let appFetch: AppFetch | undefined;
export function enableBackgroundRefresh(fetch: AppFetch): void {
  appFetch = fetch;
}
/** How long a stale answer's recomputation waits after the visitor's copy was answered. */
const REFRESH_DELAY_MS = 20;
/** Requests this isolate made to refresh a stale answer: they skip the cache lookup and the read limit. */
const refreshRequests = new WeakSet<Request>();
/** Cache keys being refreshed by this isolate now: one refresh at a time per answer. */
const refreshing = new Set<string>();
export function isBackgroundRefresh(request: Request): boolean {
  return refreshRequests.has(request);
}

interface EdgeCacheOptions {
  /** What, besides the URL, the answer depends on (a version, a time bucket); read per request. */
  tag: (c: Context<AppEnv>) => Promise<string>;
  /** How long the edge keeps an answer under one tag. */
  edgeTtlS: number;
  /** Cache-Control sent to browsers. */
  clientCacheControl: string;
  /** Answer If-None-Match with 304 when the tag has not changed. */
  etag: boolean;
  /**
   * Stale-while-revalidate: an answer older than this is still served at
   * once, and this isolate recomputes it in the background (waitUntil), so no
   * visitor waits for an expensive report except the very first. An answer
   * that was expensive to compute waits longer (refreshAfterMs).
   */
  staleAfterS?: number;
}

/**
 * A stale answer is recomputed at most once per REFRESH_COST_RATIO times what
 * computing it cost: a hot report that takes 400 ms of D1 (a custom national
 * year, which sums every team's clicks) is refreshed every 40 s, not every
 * few seconds, so recomputing never takes more than about 1 % of the time
 * (and of the D1 rows read, which are billed) however often it is asked for.
 */
export const REFRESH_COST_RATIO = 100;
/**
 * A route tells what its answer cost D1 (ms, from D1's own meta.duration) in
 * this header; kept with the cached copy, never sent to clients. D1's figure,
 * not the wall clock, so a cold isolate's first request does not count as an
 * expensive report.
 */
export const COMPUTE_COST_HEADER = 'x-compute-ms';
export function refreshAfterMs(staleAfterS: number, computeMs: number): number {
  return Math.max(staleAfterS * 1000, (Number.isFinite(computeMs) ? computeMs : 0) * REFRESH_COST_RATIO);
}

/**
 * Serves GETs from caches.default when the answer for this URL and tag is
 * there; otherwise lets the route answer and stores its 200s. Cache failures
 * never fail the page: they only cost a recomputation. `x-edge-cache` says
 * hit or miss (tests and the bench read it).
 */
export function edgeCache(options: EdgeCacheOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET') {
      await next();
      // HEAD is answered by the GET route, uncached: its internal cost header must not go out either.
      if (c.res.headers.has(COMPUTE_COST_HEADER)) {
        const out = new Response(c.res.body, c.res);
        out.headers.delete(COMPUTE_COST_HEADER);
        c.res = undefined;
        c.res = out;
      }
      return;
    }
    const tag = await options.tag(c);
    const etag = `"${tag}"`;
    const finish = (res: Response, state: 'hit' | 'miss') => {
      const out = new Response(res.body, res);
      out.headers.set('cache-control', options.clientCacheControl);
      if (options.etag) out.headers.set('etag', etag);
      out.headers.set('x-edge-cache', state);
      out.headers.delete('x-stored-at');
      out.headers.delete(COMPUTE_COST_HEADER);
      return out;
    };
    if (options.etag && matchesEtag(c.req.header('if-none-match'), etag)) {
      return new Response(null, { status: 304, headers: { etag, 'cache-control': options.clientCacheControl } });
    }
    const key = cacheKey(c.req.url, tag);
    // workers-types' CacheStorage has `default`; the DOM lib's, also in scope, does not.
    const cache = (caches as unknown as { default: Cache }).default;
    const refresh = isBackgroundRefresh(c.req.raw);
    const hit = refresh ? undefined : await cache.match(key).catch(() => undefined);
    if (hit) {
      const age = Date.now() - Number(hit.headers.get('x-stored-at') ?? 0);
      const stale = options.staleAfterS !== undefined && age > refreshAfterMs(options.staleAfterS, Number(hit.headers.get(COMPUTE_COST_HEADER) ?? 0));
      if (stale && appFetch && !refreshing.has(key.url)) {
        refreshing.add(key.url);
        const again = new Request(c.req.url, { headers: c.req.raw.headers });
        refreshRequests.add(again);
        const run = async () => {
          try {
            await (await appFetch!(again, c.env, c.executionCtx as unknown as ExecutionContext)).arrayBuffer();
          } catch (err) {
            console.warn('edge cache: background refresh failed', err);
          } finally {
            refreshing.delete(key.url);
          }
        };
        // A moment later: the visitor's copy, answered at once, goes out before
        // the recomputation takes the isolate's time (measured in local workerd:
        // started at once, it held that visitor's answer back by its own length).
        c.executionCtx.waitUntil(new Promise((wait) => setTimeout(wait, REFRESH_DELAY_MS)).then(run));
      }
      return finish(hit, 'hit');
    }
    await next();
    if (c.res.status !== 200 || c.res.headers.has('set-cookie')) return;
    // Buffered (pages are tens of KB): one body for the cache, one for the client.
    const body = await c.res.arrayBuffer();
    const stored = new Response(body, c.res);
    stored.headers.set('cache-control', `public, max-age=${options.edgeTtlS}`);
    stored.headers.set('x-stored-at', String(Date.now()));
    const put = cache.put(key, stored).catch((err: unknown) => console.warn('edge cache: put failed', err));
    // A background refresh is itself inside waitUntil: finish the put before it ends.
    if (refresh) await put;
    else c.executionCtx.waitUntil(put);
    const fresh = finish(new Response(body, c.res), 'miss');
    // Hono's c.res setter would copy the old headers over the new ones: clear it first.
    c.res = undefined;
    c.res = fresh;
  };
}

/**
 * Answers that show "Hôm nay" (issue 17: the commune page and its schedule,
 * search results, the schedule API) change as the day goes on, not only on
 * writes: their tag also holds the quarter hour, so "on duty now" is at most
 * 15 minutes behind the clock. Every other directory answer keeps one tag per version.
 */
const SCHEDULE_CLOCK_MS = 15 * 60_000;
const scheduleClockPath = /^\/(?:to-cong-nghe-so\/(?:\d{2}\/\d{5}\/|tim\/)|api\/communes\/\d{5}\/schedule$)/;
function scheduleClock(path: string): string {
  return scheduleClockPath.test(path) ? `t${Math.floor(Date.now() / SCHEDULE_CLOCK_MS)}-` : '';
}

/** Directory pages and API: one cached answer per URL and directory version, revalidated by browsers each time. */
export const cacheDirectoryReads = edgeCache({
  tag: async (c) => `dir-${deployId(c)}-${scheduleClock(c.req.path)}${await directoryVersion(c.var.db)}`,
  edgeTtlS: EDGE_TTL_S,
  clientCacheControl: DIRECTORY_CACHE_CONTROL,
  etag: true,
});

/** How long browsers may keep a usage report. */
export const USAGE_REPORT_TTL_S = 60;
/** How old a cached report may be before a request triggers its recomputation in the background. */
export const USAGE_REPORT_REFRESH_S = 5;

/**
 * Usage reports (up to a year of national counts): served from the cache at
 * once; a copy more than a few seconds old is recomputed in the background
 * by the request that finds it (at most one recomputation at a time per
 * report and isolate), so reports lag the counts by seconds (the expensive
 * ones by up to REFRESH_COST_RATIO times their cost) and no visitor waits for
 * an expensive report except the very first. Kept a day at most.
 */
export const cacheUsageReports = edgeCache({
  tag: async (c) => `usage-${deployId(c)}`,
  edgeTtlS: 86_400,
  clientCacheControl: `public, max-age=${USAGE_REPORT_TTL_S}`,
  etag: false,
  staleAfterS: USAGE_REPORT_REFRESH_S,
});

/**
 * GET /api/assists (issue 22): cached like the usage reports, but under the
 * assists version (bumped by triggers on every entry change, migration 0011)
 * instead of a time bucket: an official's void or a member's edit is never
 * hidden behind a cached copy. One tiny D1 read per request, like the directory.
 */
export const cacheAssistsReports = edgeCache({
  tag: async (c) => {
    const row = await c.var.db.prepare('SELECT version FROM assists_version WHERE id = 1').first<{ version: number }>();
    return `assists-${deployId(c)}-${row?.version ?? 0}`;
  },
  edgeTtlS: 86_400,
  clientCacheControl: 'public, max-age=60',
  etag: false,
});
