// GET /api/communes/{code}/schedule (issue 17): a commune's shifts and
// sessions over a bounded range of days, documented in /api/openapi.json.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ui } from '../../site/i18n/ui.ts';
import { taskIds } from '../assists/tasks.ts';
import { CommuneCode } from '../directory/schemas.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from '../errors.ts';
import { DIRECTORY_CACHE_CONTROL } from '../middleware/edge-cache.ts';
import { daysBetween, isDay, MAX_RANGE_DAYS } from '../roster/dates.ts';
import { communeSchedule, publicRange } from '../roster/schedule.ts';
import { apiErrors, apiValidationHook, ok } from './openapi.ts';

const t = ui.roster;

const Day = z
  .string()
  .refine(isDay, { error: t.badRange(MAX_RANGE_DAYS) })
  .openapi({ example: '2026-12-07', description: 'Ngày (YYYY-MM-DD, giờ Việt Nam)' });

const ScheduleQuery = z
  .object({
    from: Day.optional().openapi({ param: { name: 'from', in: 'query' }, description: 'Từ ngày (mặc định: hôm nay)' }),
    to: Day.optional().openapi({ param: { name: 'to', in: 'query' }, description: `Đến ngày (mặc định: 13 ngày sau from; tối đa ${MAX_RANGE_DAYS} ngày)` }),
  })
  .refine((q) => q.from === undefined || q.to === undefined || (q.from <= q.to && daysBetween(q.from, q.to) < MAX_RANGE_DAYS), {
    error: t.badRange(MAX_RANGE_DAYS),
  });

const ScheduleItemSchema = z
  .object({
    kind: z
      .enum(['shift', 'session'])
      .openapi({ description: 'shift: ca trực ở Trung tâm phục vụ hành chính công xã; session: buổi hỗ trợ ở thôn, tổ dân phố' }),
    start: z.string().openapi({ example: '2026-12-08T07:30:00+07:00', description: 'Bắt đầu (ISO 8601, giờ Việt Nam)' }),
    end: z.string().openapi({ example: '2026-12-08T11:00:00+07:00' }),
    place: z.string().openapi({ example: 'Trung tâm phục vụ hành chính công xã' }),
    village: z.string().optional().openapi({ description: 'Thôn, tổ dân phố (buổi hỗ trợ)' }),
    topics: z.array(z.enum(taskIds)).openapi({ description: 'Nội dung hỗ trợ (mã việc như GET /api/assists)' }),
    status: z.enum(['planned', 'cancelled', 'served']).openapi({ description: 'planned: theo lịch; cancelled: đã huỷ; served: đã có người ghi nhận đã trực' }),
    members: z
      .array(z.object({ name: z.string(), phone: z.string().nullable() }))
      .openapi({ description: 'Người trực; số điện thoại chỉ khi thành viên đồng ý công khai' }),
  })
  .openapi('ScheduleItem');

const ScheduleResult = z.object({ from: z.string(), to: z.string(), items: z.array(ScheduleItemSchema) }).openapi('Schedule');

const scheduleRoute = createRoute({
  method: 'get',
  path: '/api/communes/{code}/schedule',
  summary: 'Lịch trực và buổi hỗ trợ trực tiếp của một xã, phường',
  request: { params: z.object({ code: CommuneCode.openapi({ param: { name: 'code', in: 'path' } }) }), query: ScheduleQuery },
  responses: { 200: ok(ScheduleResult, 'Các ca trực và buổi hỗ trợ, theo thời gian'), ...apiErrors },
});

export const scheduleApi = new OpenAPIHono<AppEnv>({ defaultHook: apiValidationHook });

const at = (day: string, time: string) => `${day}T${time}:00+07:00`;

scheduleApi.openapi(scheduleRoute, async (c) => {
  const { code } = c.req.valid('param');
  const query = c.req.valid('query');
  const fallback = publicRange();
  const from = query.from ?? (query.to && query.to < fallback.from ? query.to : fallback.from);
  const to = query.to ?? (query.from ? [query.from, fallback.to].sort().at(-1)! : fallback.to);
  // The defaults too stay inside the bound: no answer covers more than MAX_RANGE_DAYS.
  if (from > to || daysBetween(from, to) >= MAX_RANGE_DAYS) return apiError(c, 400, 'invalid_parameter', t.badRange(MAX_RANGE_DAYS));
  const known = await c.var.db.prepare('SELECT 1 FROM communes WHERE code = ?').bind(code).first();
  if (!known) return apiError(c, 404, 'not_found', t.unknownCommune(code));
  const items = await communeSchedule(c.var.db, code, { from, to }, 'public');
  return c.json(
    {
      from,
      to,
      items: items.map((i) => ({
        kind: i.kind,
        start: at(i.day, i.startTime),
        end: at(i.day, i.endTime),
        place: i.place,
        ...(i.villageName ? { village: i.villageName } : {}),
        topics: i.topics as (typeof taskIds)[number][],
        status: i.status,
        members: i.members.map((m) => ({ name: m.name, phone: m.phone })),
      })),
    },
    200,
    { 'cache-control': DIRECTORY_CACHE_CONTROL },
  );
});
