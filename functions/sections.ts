/**
 * The sections the Worker serves, declared once (issue 22): functions/index.ts
 * builds its middleware from this list, test/unit/sections.test.ts checks it
 * against `run_worker_first` in wrangler.toml, and test/worker/sections.test.ts
 * checks that every route the app registers lies inside a section (else, once
 * deployed, the static assets would answer first). Pure data: no imports, so
 * Node tests read it as is.
 */

/**
 * Edge caches (functions/middleware/edge-cache.ts): directory answers per
 * directory version; usage reports per minute; assists totals per assists version.
 */
export type SectionCache = 'directory' | 'usage' | 'assists';
/** Limits (functions/middleware/limit-reads.ts): reads that miss the cache and cost database work, per client address. */
export type SectionLimit = 'expensive-reads';
/** Usage counting (functions/middleware/count-guide-view.ts, feedback-thanks.ts). */
export type SectionExtra = 'count-guide-view' | 'feedback-thanks';

export interface SectionPath {
  /** A Hono pattern inside the section ('/x/*' also matches '/x' itself). */
  path: string;
  cache?: SectionCache;
  limit?: SectionLimit;
  extras?: SectionExtra[];
}

export interface Section {
  /** The section's root path: the Worker answers `${root}/*` before the static assets. */
  root: string;
  /** Only the root path itself is the Worker's (the home page: '/' and nothing under it). */
  exact?: boolean;
  /**
   * The bare root ('/thong-ke') is the Worker's too: it redirects it to the
   * slash form ('/x/*' does not match '/x' in run_worker_first).
   */
  bareRoot: boolean;
  /** Reads D1 through c.var.db: gets a D1 session (read replicas, read-your-writes; functions/middleware/d1-session.ts). */
  d1Session: boolean;
  /** Caches, limits and counting on paths inside it, applied in this order. */
  paths?: SectionPath[];
}

export const sections: readonly Section[] = [
  {
    root: '/api',
    bareRoot: false,
    d1Session: true,
    paths: [
      { path: '/api/provinces/*', cache: 'directory' },
      { path: '/api/communes/*', cache: 'directory' },
      { path: '/api/teams/*', cache: 'directory' },
      { path: '/api/coverage', cache: 'directory' },
      { path: '/api/usage', cache: 'usage', limit: 'expensive-reads' },
      // Issue 22: cached and limited like /api/usage, under the assists version (a void shows at once).
      { path: '/api/assists', cache: 'assists', limit: 'expensive-reads' },
    ],
  },
  // Guide pages are static; the Worker counts views and shows the helpful form's thanks. The busiest path: no D1 session.
  { root: '/huong-dan', bareRoot: false, d1Session: false, paths: [{ path: '/huong-dan/*', extras: ['count-guide-view', 'feedback-thanks'] }] },
  // Share links: a redirect and a queued count, no D1 read.
  { root: '/g', bareRoot: false, d1Session: false },
  {
    root: '/to-cong-nghe-so',
    bareRoot: true,
    d1Session: true,
    paths: [
      { path: '/to-cong-nghe-so/*', cache: 'directory' },
      { path: '/to-cong-nghe-so/tim/', limit: 'expensive-reads' },
    ],
  },
  { root: '/thong-ke', bareRoot: true, d1Session: true, paths: [{ path: '/thong-ke/*', cache: 'usage', limit: 'expensive-reads' }] },
  { root: '/cong-cu', bareRoot: true, d1Session: true },
  { root: '/quan-tri', bareRoot: true, d1Session: true },
  { root: '/thanh-vien', bareRoot: true, d1Session: true },
  // Citizens confirm the help they got (issue 23).
  { root: '/xac-nhan', bareRoot: true, d1Session: true },
  // Scam alerts (issue 18): the list, the cards, the feed.
  { root: '/canh-bao', bareRoot: true, d1Session: true },
  // Link preview images (issue 20): drawn on first request by the preview image Worker, then kept at the edge. No D1.
  { root: '/og', bareRoot: false, d1Session: false },
  // The home page: the built page with the current national alert's line (issue 18); read like guides, no D1 session.
  { root: '/', exact: true, bareRoot: false, d1Session: false },
];

/** The `run_worker_first` patterns the sections need, as wrangler.toml must list them. */
export const runWorkerFirst = (list: readonly Section[] = sections): string[] =>
  list.flatMap((s) => (s.exact ? [s.root] : s.bareRoot ? [s.root, `${s.root}/*`] : [`${s.root}/*`]));
