// Zod schemas of the directory API: they validate requests and, through
// @hono/zod-openapi, are the OpenAPI document (one source for both).
import { z } from '@hono/zod-openapi';
import { memberRoles, teamLevels } from '../../db/schema/directory.ts';
import { ui } from '../../site/i18n/ui.ts';

const { provinceCodeFormat: provinceCodeMessage, communeCodeFormat: communeCodeMessage, teamIdFormat: teamIdMessage } = ui.api;

/** Official province code (Resolution 202/2025/QH15): two digits. */
export const provinceCodePattern = /^\d{2}$/;
/** Official commune/ward code: five digits. */
export const communeCodePattern = /^\d{5}$/;

export const ProvinceCode = z
  .string({ error: provinceCodeMessage })
  .regex(provinceCodePattern, { error: provinceCodeMessage })
  .openapi({ example: '66', description: 'Mã tỉnh, thành phố (2 chữ số)' });

export const CommuneCode = z
  .string({ error: communeCodeMessage })
  .regex(communeCodePattern, { error: communeCodeMessage })
  .openapi({ example: '24121', description: 'Mã xã, phường (5 chữ số)' });

export const ProvinceParams = z.object({
  code: ProvinceCode.openapi({ param: { name: 'code', in: 'path' } }),
});

export const CommuneParams = z.object({
  code: CommuneCode.openapi({ param: { name: 'code', in: 'path' } }),
});

export const TeamParams = z.object({
  id: z
    .string({ error: teamIdMessage })
    // At most 12 digits: far above any real id, far below Number.MAX_SAFE_INTEGER.
    .regex(/^[1-9]\d{0,11}$/, { error: teamIdMessage })
    .transform(Number)
    .openapi({ param: { name: 'id', in: 'path' }, type: 'integer', example: '1', description: 'Mã tổ' }),
});

export const CoverageQuery = z.object({
  province: ProvinceCode.optional().openapi({ param: { name: 'province', in: 'query' } }),
  commune: CommuneCode.optional().openapi({ param: { name: 'commune', in: 'query' } }),
});

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string().openapi({ example: 'Không có tỉnh, thành phố mã 99.' }),
    }),
  })
  .openapi('Error');

export const Coverage = z
  .object({
    villages: z.number().int().openapi({ description: 'Số thôn, tổ dân phố' }),
    villagesWithTeam: z.number().int().openapi({ description: 'Số thôn, tổ dân phố có ít nhất một tổ đang hoạt động' }),
    teams: z.object({
      province: z.number().int(),
      commune: z.number().int(),
      village: z.number().int(),
      organisation: z.number().int(),
      total: z.number().int(),
    }),
    members: z.number().int().openapi({ description: 'Số thành viên của các tổ đang hoạt động' }),
  })
  .openapi('Coverage');

export const Place = z.object({ code: z.string(), name: z.string() }).openapi('Place');

export const Member = z
  .object({
    code: z.string().openapi({ description: 'Mã thành viên công khai' }),
    name: z.string().openapi({ description: 'Họ và tên' }),
    role: z.enum(memberRoles),
    position: z.string().nullable().openapi({ description: 'Chức vụ hoặc nơi công tác' }),
    phone: z.string().nullable().openapi({ description: 'Số điện thoại, chỉ khi thành viên đồng ý công khai; null nếu không' }),
  })
  .openapi('Member');

export const Team = z
  .object({
    id: z.number().int(),
    name: z.string(),
    level: z.enum(teamLevels),
    active: z.boolean(),
    zaloUrl: z.string().nullable().openapi({ description: 'Nhóm Zalo của tổ (https://zalo.me/…)' }),
    decisionNumber: z.string().nullable(),
    decisionDate: z.string().nullable().openapi({ description: 'YYYY-MM-DD' }),
    communeCode: z.string().nullable(),
    villageId: z.number().int().nullable(),
    members: z.array(Member),
  })
  .openapi('Team');

export const ProvinceSummary = z.object({ code: z.string(), name: z.string(), kind: z.string(), coverage: Coverage }).openapi('ProvinceSummary');

export const ProvinceList = z.object({ provinces: z.array(ProvinceSummary), coverage: Coverage }).openapi('ProvinceList');

export const CommuneSummary = z.object({ code: z.string(), name: z.string(), coverage: Coverage }).openapi('CommuneSummary');

export const ProvinceDetail = ProvinceSummary.extend({
  communeCount: z.number().int(),
  teams: z.array(Team).openapi({ description: 'Tổ cấp tỉnh và tổ tại cơ quan, đơn vị không thuộc xã nào' }),
}).openapi('ProvinceDetail');

export const ProvinceCommunes = z.object({ province: Place, communes: z.array(CommuneSummary) }).openapi('ProvinceCommunes');

export const Village = z.object({ id: z.number().int(), name: z.string(), kind: z.string(), teams: z.array(Team) }).openapi('Village');

export const CommuneDetail = z
  .object({
    code: z.string(),
    name: z.string(),
    province: Place.extend({ kind: z.string() }),
    coverage: Coverage,
    villages: z.array(Village),
    teams: z.array(Team).openapi({ description: 'Tổ cấp xã và tổ tại cơ quan, đơn vị của xã' }),
  })
  .openapi('CommuneDetail');

export const TeamDetail = Team.extend({
  province: Place,
  commune: Place.nullable(),
  village: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }).nullable(),
}).openapi('TeamDetail');

export const CoverageResult = z
  .object({
    scope: z.enum(['national', 'province', 'commune']),
    province: Place.optional(),
    commune: Place.optional(),
    coverage: Coverage,
  })
  .openapi('CoverageResult');
