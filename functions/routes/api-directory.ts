// Read-only JSON API of the team directory. Routes are declared with zod
// schemas (functions/directory/schemas.ts): the same schemas validate requests
// and generate the OpenAPI document at /api/openapi.json.
import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import { drizzle } from 'drizzle-orm/d1';
import { DIRECTORY_CACHE_CONTROL } from '../directory/cache.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from '../errors.ts';
import { communeDirectory, coverageOf, provinceDirectory, provincesWithCoverage, teamDetail } from '../directory/lookups.ts';
import {
  CommuneDetail,
  CommuneParams,
  CoverageQuery,
  CoverageResult,
  ErrorBody,
  ProvinceCommunes,
  ProvinceDetail,
  ProvinceList,
  ProvinceParams,
  TeamDetail,
  TeamParams,
} from '../directory/schemas.ts';

const cacheHeaders = { 'cache-control': DIRECTORY_CACHE_CONTROL };

const errors = {
  400: { content: { 'application/json': { schema: ErrorBody } }, description: 'Tham số không hợp lệ' },
  404: { content: { 'application/json': { schema: ErrorBody } }, description: 'Không tìm thấy' },
};

// What a 404 says, one wording per kind of code.
const unknownProvince = (code: string) => `Không có tỉnh, thành phố mã ${code}.`;
const unknownCommune = (code: string) => `Không có xã, phường mã ${code}.`;

function ok<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

const listProvincesRoute = createRoute({
  method: 'get',
  path: '/api/provinces',
  summary: 'Các tỉnh, thành phố và mức độ phủ tổ',
  responses: { 200: ok(ProvinceList, 'Mọi tỉnh, thành phố kèm số liệu; coverage là số liệu cả nước') },
});

const provinceRoute = createRoute({
  method: 'get',
  path: '/api/provinces/{code}',
  summary: 'Một tỉnh, thành phố: số liệu và tổ cấp tỉnh',
  request: { params: ProvinceParams },
  responses: { 200: ok(ProvinceDetail, 'Tỉnh, thành phố'), ...errors },
});

const provinceCommunesRoute = createRoute({
  method: 'get',
  path: '/api/provinces/{code}/communes',
  summary: 'Các xã, phường của một tỉnh và mức độ phủ tổ',
  request: { params: ProvinceParams },
  responses: { 200: ok(ProvinceCommunes, 'Các xã, phường'), ...errors },
});

const communeRoute = createRoute({
  method: 'get',
  path: '/api/communes/{code}',
  summary: 'Một xã, phường: thôn, tổ và thành viên (thông tin công khai)',
  request: { params: CommuneParams },
  responses: { 200: ok(CommuneDetail, 'Xã, phường'), ...errors },
});

const teamRoute = createRoute({
  method: 'get',
  path: '/api/teams/{id}',
  summary: 'Một tổ và thành viên (thông tin công khai)',
  request: { params: TeamParams },
  responses: { 200: ok(TeamDetail, 'Tổ'), ...errors },
});

const coverageRoute = createRoute({
  method: 'get',
  path: '/api/coverage',
  summary: 'Mức độ phủ tổ của cả nước, một tỉnh hoặc một xã',
  request: { query: CoverageQuery },
  responses: { 200: ok(CoverageResult, 'Số liệu'), ...errors },
});

export const directoryApi = new OpenAPIHono<AppEnv>({
  // Every validation failure becomes the API's one error shape, with the
  // schema's Vietnamese message: never zod's raw output, never a 500.
  defaultHook: (result, c) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return apiError(c, 400, 'invalid_parameter', `${where}${issue?.message ?? 'Tham số không hợp lệ.'}`);
    }
  },
});

directoryApi.openapi(listProvincesRoute, async (c) => {
  const { provinces, national } = await provincesWithCoverage(drizzle(c.var.db));
  return c.json({ provinces, coverage: national }, 200, cacheHeaders);
});

directoryApi.openapi(provinceRoute, async (c) => {
  const { code } = c.req.valid('param');
  const province = await provinceDirectory(drizzle(c.var.db), code);
  if (!province) return apiError(c, 404, 'not_found', unknownProvince(code));
  const { communes, ...rest } = province;
  return c.json({ ...rest, communeCount: communes.length }, 200, cacheHeaders);
});

directoryApi.openapi(provinceCommunesRoute, async (c) => {
  const { code } = c.req.valid('param');
  const province = await provinceDirectory(drizzle(c.var.db), code);
  if (!province) return apiError(c, 404, 'not_found', unknownProvince(code));
  return c.json(
    { province: { code: province.code, name: province.name }, communes: province.communes },
    200,
    cacheHeaders,
  );
});

directoryApi.openapi(communeRoute, async (c) => {
  const { code } = c.req.valid('param');
  const commune = await communeDirectory(drizzle(c.var.db), code);
  if (!commune) return apiError(c, 404, 'not_found', unknownCommune(code));
  return c.json(commune, 200, cacheHeaders);
});

directoryApi.openapi(teamRoute, async (c) => {
  const { id } = c.req.valid('param');
  const team = await teamDetail(drizzle(c.var.db), id);
  if (!team) return apiError(c, 404, 'not_found', `Không có tổ mã ${id}.`);
  return c.json(team, 200, cacheHeaders);
});

directoryApi.openapi(coverageRoute, async (c) => {
  const { province, commune } = c.req.valid('query');
  const result = await coverageOf(drizzle(c.var.db), { province, commune });
  if (!result) {
    const message =
      commune === undefined
        ? unknownProvince(province!)
        : province === undefined
          ? unknownCommune(commune)
          : `Không có xã, phường mã ${commune} thuộc tỉnh, thành phố mã ${province}.`;
    return apiError(c, 404, 'not_found', message);
  }
  return c.json(result, 200, cacheHeaders);
});

directoryApi.use('/api/openapi.json', async (c, next) => {
  await next();
  c.header('cache-control', 'public, max-age=3600');
});

directoryApi.doc31('/api/openapi.json', (c) => ({
  openapi: '3.1.0',
  info: {
    title: 'Cẩm nang số — Danh bạ Tổ công nghệ số cộng đồng',
    version: '1.0.0',
    description:
      'API chỉ đọc. Số điện thoại của thành viên chỉ có khi thành viên đồng ý công khai. Lỗi có dạng { "error": { "code", "message" } }.',
  },
  servers: [{ url: new URL(c.req.url).origin }],
}));

// The directory is written only by the import CLI: any other method on its
// paths is refused explicitly rather than falling through to a generic 404.
directoryApi.on(
  ['POST', 'PUT', 'PATCH', 'DELETE'],
  ['/api/provinces', '/api/provinces/*', '/api/communes/*', '/api/teams/*', '/api/coverage', '/api/openapi.json'],
  (c) => {
    c.header('allow', 'GET, HEAD');
    return apiError(c, 405, 'method_not_allowed', 'API danh bạ chỉ cho phép đọc (GET).');
  },
);
