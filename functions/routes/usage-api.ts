import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { apiError } from '../errors.ts';
import { guideCatalog } from '../guide-catalog.ts';
import { EARLIEST_REPORT_DAY, ReportInputError, resolvePeriod, resolveScope, usageQuerySchema, usageReport } from '../usage/report.ts';
import { COMPUTE_COST_HEADER } from '../middleware/edge-cache.ts';
import { UsageResponse } from '../usage/schemas.ts';
import { apiErrors, apiValidationHook, ok } from './openapi.ts';

const usageRoute = createRoute({
  method: 'get',
  path: '/api/usage',
  summary: 'Số liệu sử dụng hướng dẫn: lượt xem, lượt mở liên kết chia sẻ, góp ý',
  description: `Chỉ số liệu tổng hợp. Lọc theo province, commune hoặc team; from, to (YYYY-MM-DD) chọn khoảng ngày (tối đa 366 ngày, mỗi ngày từ ${EARLIEST_REPORT_DAY} đến một năm sau hôm nay, mặc định 12 tuần).`,
  request: { query: usageQuerySchema },
  responses: { 200: ok(UsageResponse, 'Báo cáo'), ...apiErrors },
});

/**
 * GET /api/usage?province=&commune=&team=&from=YYYY-MM-DD&to=YYYY-MM-DD —
 * public aggregates only: per guide views, share-link clicks and helpful
 * answers, with totals, the weekly trend and the most active teams. Views and
 * helpful answers are national figures: with a place or team filter they are null.
 */
export const usageApi = new OpenAPIHono<AppEnv>({ defaultHook: apiValidationHook }).openapi(usageRoute, async (c) => {
  const query = c.req.valid('query');
  try {
    const period = resolvePeriod(query);
    const scope = await resolveScope(c.var.db, query);
    const report = await usageReport(c.var.db, await guideCatalog(c.env, c.req.url), scope, period);
    return c.json(
      {
        scope: report.scope,
        period: report.period,
        note: report.measuresViews
          ? undefined
          : "views, helpfulYes and helpfulNo are counted nationally only (no citizen is followed from a share link to the page); shareClicks are attributed to the sharing member's team.",
        guides: report.guides,
        totals: report.totals,
        weeks: report.weeks,
        topTeams: report.topTeams,
      },
      200,
      { 'cache-control': 'public, max-age=60', [COMPUTE_COST_HEADER]: String(report.d1Ms) },
    );
  } catch (err) {
    if (err instanceof ReportInputError) return apiError(c, err.status, err.code, err.message);
    throw err;
  }
});
