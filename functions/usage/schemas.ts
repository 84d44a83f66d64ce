// Response schema of GET /api/usage (the query schema is usageQuerySchema in
// report.ts, shared with the /thong-ke/ pages): it documents the answer in
// /api/openapi.json.
import { z } from '@hono/zod-openapi';

const Place = z.object({ code: z.string(), name: z.string() });
const counted = (description: string) => z.number().int().nullable().openapi({ description });

export const UsageResponse = z
  .object({
    scope: z
      .object({
        level: z.enum(['national', 'province', 'commune', 'team']),
        province: Place.optional(),
        commune: Place.nullable().optional(),
        team: z.object({ id: z.number().int(), name: z.string() }).optional(),
      })
      .openapi({ description: 'Phạm vi của báo cáo' }),
    period: z.object({ from: z.string().openapi({ example: '2026-09-01' }), to: z.string().openapi({ example: '2026-11-30' }) }),
    note: z.string().optional().openapi({ description: 'Có khi báo cáo theo địa bàn hoặc tổ: lượt xem và góp ý chỉ đếm toàn quốc' }),
    guides: z.array(
      z.object({
        slug: z.string(),
        title: z.string(),
        views: counted('Lượt xem (null: không đo ở phạm vi này)'),
        shareClicks: z.number().int(),
        helpfulYes: counted('Góp ý "có giúp ích"'),
        helpfulNo: counted('Góp ý "không giúp ích"'),
      }),
    ),
    totals: z.object({
      views: counted('Tổng lượt xem'),
      shareClicks: z.number().int(),
      helpfulYes: counted('Tổng góp ý "có"'),
      helpfulNo: counted('Tổng góp ý "không"'),
    }),
    weeks: z.array(
      z.object({ week: z.string().openapi({ description: 'Thứ Hai của tuần' }), views: z.number().int().nullable(), shareClicks: z.number().int() }),
    ),
    topTeams: z.array(
      z.object({ id: z.number().int(), name: z.string(), province: z.string(), commune: z.string().nullable(), shareClicks: z.number().int() }),
    ),
  })
  .openapi('UsageReport');
