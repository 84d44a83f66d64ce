// GET /api/assists: people helped, as members recorded them (issue 9), and how many confirmed it (issue 23).
// Declared with zod schemas so /api/openapi.json documents it with the directory API.
import { vietnamDay } from '../assists/entries.ts';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ui } from '../../site/i18n/ui.ts';
import { assistTotals } from '../assists/report.ts';
import { taskIds } from '../assists/tasks.ts';
import { CommuneCode, ProvinceCode } from '../directory/schemas.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from '../errors.ts';
import { apiErrors, apiValidationHook } from './openapi.ts';
import { EARLIEST_REPORT_DAY, ReportInputError, resolvePeriod, resolveScope } from '../usage/report.ts';

const AssistsQuery = z.object({
  province: ProvinceCode.optional().openapi({ param: { name: 'province', in: 'query' } }),
  commune: CommuneCode.optional().openapi({ param: { name: 'commune', in: 'query' } }),
  team: z
    .string()
    .regex(/^[1-9]\d{0,11}$/, { error: ui.api.teamIdFormat })
    .transform(Number)
    .optional()
    .openapi({ param: { name: 'team', in: 'query' }, type: 'integer', example: '1', description: 'Mã tổ' }),
  from: z.iso
    .date({ error: ui.api.fromFormat })
    .optional()
    .openapi({ param: { name: 'from', in: 'query' }, example: '2026-09-01', description: 'Từ ngày (mặc định: 12 tuần gần nhất)' }),
  to: z.iso
    .date({ error: ui.api.toFormat })
    .optional()
    .openapi({ param: { name: 'to', in: 'query' }, example: '2026-11-30', description: 'Đến ngày, tính cả ngày này (mặc định: hôm nay)' }),
});

const AssistsResult = z
  .object({
    tasks: z.array(
      z.object({
        id: z.enum(taskIds).openapi({ description: 'Mã việc hỗ trợ' }),
        label: z.string().openapi({ description: 'Tên việc hỗ trợ' }),
        people: z.number().int().openapi({ description: 'Số người được hỗ trợ do thành viên tự ghi nhận' }),
        confirmed: z.number().int().openapi({ description: 'Trong số đó, số người đã tự xác nhận trên điện thoại của mình (mỗi lượt xác nhận là một người)' }),
      }),
    ),
    total: z.number().int().openapi({ description: 'Tổng số người được hỗ trợ (mọi việc)' }),
    confirmed: z.number().int().openapi({ description: 'Tổng số người đã tự xác nhận được hỗ trợ (mọi việc)' }),
  })
  .openapi('Assists');

const assistsRoute = createRoute({
  method: 'get',
  path: '/api/assists',
  summary: 'Số người được hỗ trợ do thành viên tự ghi nhận, và số người đã tự xác nhận, theo việc',
  description: `Cả nước, một tỉnh, một xã hoặc một tổ, trong khoảng ngày from–to (tối đa 366 ngày, mỗi ngày từ ${EARLIEST_REPORT_DAY} đến một năm sau hôm nay). Không gồm ghi nhận đã bị cán bộ huỷ. Không phải lượt xem trang. \`confirmed\`: người được hỗ trợ đã bấm xác nhận trên điện thoại của mình (quét mã QR của thành viên).`,
  request: { query: AssistsQuery },
  responses: {
    200: { content: { 'application/json': { schema: AssistsResult } }, description: 'Số người theo từng việc và tổng' },
    ...apiErrors,
  },
});

export const assistsApi = new OpenAPIHono<AppEnv>({ defaultHook: apiValidationHook });

assistsApi.openapi(assistsRoute, async (c) => {
  const query = c.req.valid('query');
  try {
    // Members record help on Vietnam's calendar: today is Vietnam's today (UTC+7), not UTC's.
    const period = resolvePeriod(query, vietnamDay());
    const scope = await resolveScope(c.var.db, query);
    // Cache-Control and the edge copy come from cacheUsageReports (functions/index.ts).
    return c.json(await assistTotals(c.var.db, scope, period), 200);
  } catch (err) {
    if (err instanceof ReportInputError) return apiError(c, err.status, err.code, err.message);
    throw err;
  }
});
