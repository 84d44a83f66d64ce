import { Hono } from 'hono';
import type { AppEnv, Env } from './env.ts';
import { apiError, notFoundPage } from './errors.ts';
import { countGuideView } from './middleware/count-guide-view.ts';
import { showFeedbackThanks } from './middleware/feedback-thanks.ts';
import { directoryApi } from './routes/api-directory.ts';
import { directoryPages } from './routes/directory.ts';
import { guidePages } from './routes/guide-pages.ts';
import { health } from './routes/health.ts';
import { helpful } from './routes/helpful.ts';
import { memberToolkit } from './routes/member-toolkit.tsx';
import { shareLinks } from './routes/share-links.ts';
import { usageApi } from './routes/usage-api.ts';
import { usageReports } from './routes/usage-reports.tsx';
import { consumeUsageBatch } from './usage/consumer.ts';
import { cacheDirectoryReads, cacheUsageReports } from './directory/cache.ts';
import { d1Session } from './middleware/d1-session.ts';
import { limitExpensiveReads } from './middleware/limit-reads.ts';
import { runScheduledPurge } from './usage/purge.ts';

const app = new Hono<AppEnv>();

// Every request reads through a D1 session (read replicas, read-your-writes).
app.use('*', d1Session);
// National-scale reads (issue 10): directory answers cached per directory
// version, usage reports per minute; what misses the cache and costs real
// work is limited per client address.
for (const path of ['/api/provinces', '/api/provinces/*', '/api/communes/*', '/api/teams/*', '/api/coverage', '/to-cong-nghe-so/*']) {
  app.use(path, cacheDirectoryReads);
}
app.use('/to-cong-nghe-so/tim/', limitExpensiveReads);
for (const path of ['/api/usage', '/thong-ke/*']) {
  app.use(path, cacheUsageReports);
  app.use(path, limitExpensiveReads);
}

app.route('/api/health', health);
// Team directory (issue 4): /api/{provinces,communes,teams,coverage}, /api/openapi.json, /to-cong-nghe-so/*.
app.route('/', directoryApi);
app.route('/', directoryPages);
// Usage (issue 5): reports, share links, the member toolkit.
app.route('/api/usage', usageApi);
app.route('/', usageReports);
app.route('/g', shareLinks);
app.route('/cong-cu/', memberToolkit);

// Usage counting: guide views are counted after the page is answered; the
// helpful form posts next to its guide.
app.use('/huong-dan/*', countGuideView);
app.use('/huong-dan/*', showFeedbackThanks);
app.route('/huong-dan', helpful);

app.route('/huong-dan', guidePages);

app.notFound((c) =>
  c.req.path.startsWith('/api/') ? apiError(c, 404, 'not_found', 'Không tìm thấy địa chỉ API này.') : notFoundPage(c),
);

app.onError((err, c) => {
  console.error(err);
  return c.req.path.startsWith('/api/')
    ? apiError(c, 500, 'internal', 'Máy chủ gặp lỗi. Vui lòng thử lại sau.')
    : c.text('Máy chủ gặp lỗi. Vui lòng thử lại sau.', 500);
});

export default {
  fetch: app.fetch,
  // Usage events from USAGE_QUEUE, written to D1 in batches.
  queue: consumeUsageBatch,
  // Cron: old salts and visitor rows purged in bounded steps, outside any counting batch.
  scheduled: runScheduledPurge,
} satisfies ExportedHandler<Env>;
