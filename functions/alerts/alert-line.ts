// The one-line notice of current national alerts on the home page and on the
// guides they relate to (issue 18 §2). Put into the page's HTML by the Worker
// (HTMLRewriter), so citizens get it with the page: no layout shift, no
// request of their own, nothing when no alert applies (the static page is
// passed through untouched).
import type { Context } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import { vietnamDay } from '../assists/entries.ts';
import type { AppEnv, Env } from '../env.ts';
import { LIST_MAX } from './alerts.ts';

export interface AlertLine {
  slug: string;
  title: string;
  /** Changes whenever the line's alert does: part of the page's ETag. */
  version: string;
}

interface LineIndex {
  home: AlertLine | null;
  byGuide: Map<string, AlertLine>;
}

/**
 * Per isolate, for a minute and one Vietnam day: the busiest path (guide
 * pages) reads D1 once a minute per isolate, not per view. Publishing,
 * editing or withdrawing empties it in the isolate that made the change;
 * other isolates follow within LINE_TTL_MS. Only the answer is kept, never
 * the read in flight: workerd cannot resume a request on a promise another
 * request started (the second would wait forever once the first has ended),
 * so two requests that miss together each read D1 once.
 */
export const LINE_TTL_MS = 60_000;
let cached: { at: number; day: string; index: LineIndex } | undefined;

export function forgetAlertLines(): void {
  cached = undefined;
}

async function loadLines(db: Pick<D1Database, 'prepare'>, day: string): Promise<LineIndex> {
  const { results } = await db
    .prepare(
      `SELECT slug, title, guides_json AS guidesJson, updated_at AS updatedAt FROM scam_alerts
       WHERE province_code IS NULL AND withdrawn_at IS NULL AND starts_on <= ?1 AND ends_on >= ?1
       ORDER BY starts_on DESC, id DESC LIMIT ${LIST_MAX}`,
    )
    .bind(day)
    .all<{ slug: string; title: string; guidesJson: string; updatedAt: number }>();
  const byGuide = new Map<string, AlertLine>();
  let home: AlertLine | null = null;
  for (const row of results) {
    const line = { slug: row.slug, title: row.title, version: `${row.slug}.${row.updatedAt.toString(36)}` };
    home ??= line;
    let guides: unknown = [];
    try {
      guides = JSON.parse(row.guidesJson);
    } catch {}
    // Newest first: a guide shows its newest alert (a single line).
    for (const slug of Array.isArray(guides) ? guides : []) if (typeof slug === 'string' && !byGuide.has(slug)) byGuide.set(slug, line);
  }
  return { home, byGuide };
}

async function lineIndex(env: Pick<Env, 'DB'>, now = Date.now()): Promise<LineIndex> {
  const day = vietnamDay(now);
  if (cached && cached.day === day && now - cached.at <= LINE_TTL_MS) return cached.index;
  // Any replica will do (a line a few seconds old is fine): no session, no bookmark cookie on guide pages.
  const index = await loadLines(env.DB.withSession('first-unconstrained'), day);
  cached = { at: now, day, index };
  return index;
}

/** The line for a page ('home' or a guide slug), or null. A failed read shows the page without it. */
export async function alertLineFor(env: Pick<Env, 'DB'>, page: { guide: string } | 'home'): Promise<AlertLine | null> {
  try {
    const index = await lineIndex(env);
    return page === 'home' ? index.home : (index.byGuide.get(page.guide) ?? null);
  } catch (err) {
    console.error('alert line', err);
    return null;
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The line's markup: the site's own notice style, so the page's CSS is unchanged. */
export const alertLineHtml = (line: AlertLine) =>
  `<p class="notice notice-error alert-line"><a href="/canh-bao/${line.slug}/"><strong>${escapeHtml(ui.alerts.lineLabel)}</strong> ${escapeHtml(line.title)}</a></p>`;

/**
 * The built page at this request's path, with the line put in before
 * `selector` ('article.guide' on guides, the h1 on the home page). The
 * page's ETag gets the line's version, so a phone holding the page without
 * the line (or with an older one) gets the new page, not a 304.
 */
export async function pageWithAlertLine(c: Context<AppEnv>, line: AlertLine, selector: string): Promise<Response> {
  const request = new Request(c.req.raw);
  request.headers.delete('if-none-match');
  request.headers.delete('if-modified-since');
  const page = await c.env.ASSETS.fetch(request);
  if (page.status !== 200 || !page.headers.get('content-type')?.startsWith('text/html')) return page;
  const assetTag = (page.headers.get('etag') ?? '').replace(/^W\//, '').replace(/"/g, '');
  const etag = `"${assetTag}-${line.version}"`;
  if (
    c.req
      .header('if-none-match')
      ?.split(/\s*,\s*/)
      .some((tag) => tag.replace(/^W\//, '') === etag)
  ) {
    return new Response(null, { status: 304, headers: { etag, 'cache-control': page.headers.get('cache-control') ?? 'no-cache' } });
  }
  let placed = false;
  const rewritten = new HTMLRewriter()
    .on(selector, {
      element(el) {
        if (placed) return;
        placed = true;
        el.before(alertLineHtml(line), { html: true });
      },
    })
    .transform(page);
  const res = new Response(rewritten.body, page);
  res.headers.set('etag', etag);
  res.headers.delete('content-length');
  return res;
}
