import { OpenAPIHono } from '@hono/zod-openapi';
import { ui } from '../site/i18n/ui.ts';
import type { AppEnv, Env } from './env.ts';
import { apiError, notFoundPage } from './errors.ts';
import { countGuideView } from './middleware/count-guide-view.ts';
import { showFeedbackThanks } from './middleware/feedback-thanks.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { redirectToSlashForm } from './middleware/trailing-slash.ts';
import { adminApi } from './routes/admin/api.ts';
import { admin } from './routes/admin/index.ts';
import { directoryApi } from './routes/api-directory.ts';
import { directoryPages } from './routes/directory.ts';
import { guidePages } from './routes/guide-pages.ts';
import { health } from './routes/health.ts';
import { helpful } from './routes/helpful.ts';
import { assistsApi } from './routes/api-assists.ts';
import { memberArea } from './routes/member-area.tsx';
import { memberToolkit } from './routes/member-toolkit.tsx';
import { allowedMethods, serveOpenApiDocument } from './routes/openapi.ts';
import { shareLinks } from './routes/share-links.ts';
import { usageApi } from './routes/usage-api.ts';
import { usageReports } from './routes/usage-reports.tsx';
import { confirmations } from './routes/confirmations.tsx';
import { consumeUsageBatch } from './usage/consumer.ts';
import { cacheAssistsReports, cacheDirectoryReads, cacheUsageReports, enableBackgroundRefresh } from './middleware/edge-cache.ts';
import { d1Session } from './middleware/d1-session.ts';
import { limitExpensiveReads } from './middleware/limit-reads.ts';
import { runUsageCron } from './usage/purge.ts';
import { alertPages } from './routes/alert-pages.tsx';
import { alertsApi } from './routes/api-alerts.ts';
import { memberAlerts } from './routes/member-alerts.tsx';
import { scheduleApi } from './routes/api-schedule.ts';
import { memberRoster } from './routes/member-roster.tsx';
import { rosterPublic } from './routes/roster-public.tsx';
import { ogImages } from './routes/og-images.ts';
import { sections, type SectionCache, type SectionExtra, type SectionLimit } from './sections.ts';
import type { MiddlewareHandler } from 'hono';

// OpenAPIHono: the API routers' schemas are merged into one document (/api/openapi.json).
const app = new OpenAPIHono<AppEnv>();

// First, so it wraps every answer: pages, API, redirects, errors, passed-through assets.
app.use('*', securityHeaders);

// The sections the Worker serves, declared once (functions/sections.ts): each
// section that reads D1 through c.var.db gets a session (read replicas,
// read-your-writes); guide pages and share links do not, the busiest path
// skips the session and its bookmark cookie. Then each section's caches
// (directory answers per directory version, usage reports per minute),
// limits (reads that miss the cache and cost real work, per client address)
// and usage counting, in that order.
const sectionMiddleware = {
  cache: { directory: cacheDirectoryReads, usage: cacheUsageReports, assists: cacheAssistsReports },
  limit: { 'expensive-reads': limitExpensiveReads },
  extras: { 'count-guide-view': countGuideView, 'feedback-thanks': showFeedbackThanks },
} satisfies {
  cache: Record<SectionCache, MiddlewareHandler<AppEnv>>;
  limit: Record<SectionLimit, MiddlewareHandler<AppEnv>>;
  extras: Record<SectionExtra, MiddlewareHandler<AppEnv>>;
};
for (const section of sections) {
  if (section.d1Session) app.use(`${section.root}/*`, d1Session);
  for (const { path, cache, limit, extras = [] } of section.paths ?? []) {
    if (cache) app.use(path, sectionMiddleware.cache[cache]);
    if (limit) app.use(path, sectionMiddleware.limit[limit]);
    for (const extra of extras) app.use(path, sectionMiddleware.extras[extra]);
  }
}

// Every router is mounted the same way: at '/', declaring its own full paths.
app.route('/', health); // /api/health
app.route('/', directoryApi); // /api/{provinces,communes,teams,coverage} (issue 4)
app.route('/', usageApi); // /api/usage (issue 5)
app.route('/', directoryPages); // /to-cong-nghe-so/*
app.route('/', usageReports); // /thong-ke/*
app.route('/', shareLinks); // /g/<slug>/<member-code>
app.route('/', memberToolkit); // /cong-cu/*
app.route('/', helpful); // POST /huong-dan/<slug>/gop-y/
app.route('/', guidePages); // /huong-dan/* (renamed guides)
app.route('/', admin); // /quan-tri/* (issue 8: officials)
app.route('/', adminApi); // /api/admin/* (issue 8)
app.route('/', memberArea); // /thanh-vien/* (issue 9: members record the help they give)
app.route('/', assistsApi); // /api/assists (issue 9)
app.route('/', confirmations); // /xac-nhan/* (issue 23: citizens confirm the help they got)
app.route('/', alertPages); // / (alert line), /canh-bao/* (issue 18: scam alerts)
app.route('/', alertsApi); // /api/alerts (issue 18)
app.route('/', memberAlerts); // /thanh-vien/canh-bao/* (issue 18: "đã phổ biến")
// Issue 17: shifts and sessions — public pages, poster, .ics, preview image; the schedule API; the member's own shifts.
app.route('/', rosterPublic); // /to-cong-nghe-so/<province>/<commune>/lich/, lich/in/, lich/anh.png, lich.ics
app.route('/', scheduleApi); // /api/communes/<code>/schedule
app.route('/', memberRoster); // /thanh-vien/lich/
app.route('/', ogImages); // /og/<slug>.png (issue 20: link preview images drawn at the edge)
serveOpenApiDocument(app); // /api/openapi.json

app.notFound((c) => {
  if (c.req.path.startsWith('/api/')) {
    const allow = allowedMethods(app, c.req.path);
    if (allow) {
      c.header('allow', allow);
      return apiError(c, 405, 'method_not_allowed', ui.api.methodNotAllowed(allow));
    }
    return apiError(c, 404, 'not_found', ui.api.notFound);
  }
  return redirectToSlashForm(c) ?? notFoundPage(c);
});

app.onError((err, c) => {
  console.error(err);
  return c.req.path.startsWith('/api/') ? apiError(c, 500, 'internal', ui.api.serverError) : c.text(ui.api.serverError, 500);
});

// Stale usage reports are recomputed by the app itself, in the background.
enableBackgroundRefresh((request, env, ctx) => app.fetch(request, env, ctx));

/** The app itself, for tests that walk its routes (test/worker/route-guards.test.ts, fuzz.test.ts). */
export { app };

export default {
  fetch: app.fetch,
  // Usage events from USAGE_QUEUE, written to D1 in batches.
  queue: consumeUsageBatch,
  // Cron: old salts and visitor rows purged in bounded steps, outside any counting batch.
  scheduled: runUsageCron,
} satisfies ExportedHandler<Env>;
