import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { apiError } from '../errors.ts';
import { guideCatalog } from '../usage/catalog.ts';
import { ReportInputError, resolvePeriod, resolveScope, usageQuerySchema, usageReport } from '../usage/report.ts';

/**
 * GET /api/usage?province=&commune=&team=&from=YYYY-MM-DD&to=YYYY-MM-DD —
 * public aggregates only: per guide views, share-link clicks and helpful
 * answers, with totals, the weekly trend and the most active teams. Views and
 * helpful answers are national figures: with a place or team filter they are null.
 */
export const usageApi = new Hono<AppEnv>().get('/', async (c) => {
  const parsed = usageQuerySchema.safeParse(c.req.query());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return apiError(c, 400, 'bad_request', `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'không hợp lệ'}`);
  }
  try {
    const period = resolvePeriod(parsed.data);
    const scope = await resolveScope(c.var.db, parsed.data);
    const report = await usageReport(c.var.db, await guideCatalog(c.env, c.req.url), scope, period);
    return c.json(
      {
        scope: report.scope,
        period: report.period,
        note: report.measuresViews
          ? undefined
          : 'views, helpfulYes and helpfulNo are counted nationally only (no citizen is followed from a share link to the page); shareClicks are attributed to the sharing member\'s team.',
        guides: report.guides,
        totals: report.totals,
        weeks: report.weeks,
        topTeams: report.topTeams,
      },
      200,
      { 'cache-control': 'public, max-age=60' },
    );
  } catch (err) {
    if (err instanceof ReportInputError) return apiError(c, err.status, err.code, err.message);
    throw err;
  }
});
