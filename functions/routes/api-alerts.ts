// GET /api/alerts: current scam alerts (issue 18), national and, with
// ?province=, that province's. Documented in /api/openapi.json.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { currentAlerts } from '../alerts/alerts.ts';
import { ProvinceCode } from '../directory/schemas.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from '../errors.ts';
import { ui } from '../../site/i18n/ui.ts';
import { apiErrors, apiValidationHook, ok } from './openapi.ts';

const AlertsQuery = z.object({
  province: ProvinceCode.optional().openapi({
    param: { name: 'province', in: 'query' },
    description: 'Mã tỉnh: cảnh báo toàn quốc và của tỉnh này. Không có: mọi cảnh báo đang có hiệu lực.',
  }),
});

const AlertsResult = z
  .object({
    alerts: z.array(
      z.object({
        slug: z.string().openapi({ description: 'Địa chỉ thẻ cảnh báo: /canh-bao/<slug>/', example: 'gia-danh-cong-an-goi-dien-doi-cap-nhat-vneid' }),
        title: z.string().openapi({ description: 'Tiêu đề cảnh báo' }),
        from: z.string().openapi({ description: 'Ngày bắt đầu hiệu lực (giờ Việt Nam)', example: '2026-12-01' }),
        to: z.string().openapi({ description: 'Ngày hết hiệu lực, tính cả ngày này', example: '2027-01-31' }),
        province: z.string().nullable().openapi({ description: 'Mã tỉnh; null: cảnh báo toàn quốc', example: null }),
      }),
    ),
  })
  .openapi('Alerts');

const alertsRoute = createRoute({
  method: 'get',
  path: '/api/alerts',
  summary: 'Cảnh báo lừa đảo đang có hiệu lực',
  description: 'Cảnh báo do quản trị toàn quốc và quản trị tỉnh đăng, trong ngày hiệu lực (giờ Việt Nam), chưa bị gỡ. Mới nhất trước; toàn quốc trước tỉnh.',
  request: { query: AlertsQuery },
  responses: { 200: ok(AlertsResult, 'Các cảnh báo đang có hiệu lực'), ...apiErrors },
});

export const alertsApi = new OpenAPIHono<AppEnv>({ defaultHook: apiValidationHook });

alertsApi.openapi(alertsRoute, async (c) => {
  const { province } = c.req.valid('query');
  // An unknown province is a wrong parameter (400), as a malformed one is: there is nothing to list "for" it.
  if (province && !(await c.var.db.prepare('SELECT 1 FROM provinces WHERE code = ?').bind(province).first()))
    return apiError(c, 400, 'invalid_parameter', `province: ${ui.api.unknownProvince(province)}`);
  const alerts = await currentAlerts(c.var.db, { province: province ?? 'all' });
  return c.json({ alerts: alerts.map((a) => ({ slug: a.slug, title: a.title, from: a.startsOn, to: a.endsOn, province: a.provinceCode })) }, 200, {
    'cache-control': 'public, max-age=60',
  });
});
