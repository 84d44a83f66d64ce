// Read-only JSON API of the team directory. Routes are declared with zod
// schemas (functions/directory/schemas.ts): the same schemas validate requests
// and generate the OpenAPI document at /api/openapi.json.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { ui } from '../../site/i18n/ui.ts';
import { apiErrors, apiValidationHook, ok } from './openapi.ts';
import { drizzle } from 'drizzle-orm/d1';
import { DIRECTORY_CACHE_CONTROL } from '../middleware/edge-cache.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from '../errors.ts';
import { communeDirectory, coverageOf, provinceDirectory, provincesWithCoverage, teamDetail } from '../directory/lookups.ts';
import {
  CommuneDetail,
  CommuneParams,
  CoverageQuery,
  CoverageResult,
  ProvinceCommunes,
  ProvinceDetail,
  ProvinceList,
  ProvinceParams,
  TeamDetail,
  TeamParams,
} from '../directory/schemas.ts';

const cacheHeaders = { 'cache-control': DIRECTORY_CACHE_CONTROL };

const errors = apiErrors;
const { unknownProvince, unknownCommune } = ui.api;

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

export const directoryApi = new OpenAPIHono<AppEnv>({ defaultHook: apiValidationHook });

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
  return c.json({ province: { code: province.code, name: province.name }, communes: province.communes }, 200, cacheHeaders);
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
  if (!team) return apiError(c, 404, 'not_found', ui.api.unknownTeam(id));
  return c.json(team, 200, cacheHeaders);
});

directoryApi.openapi(coverageRoute, async (c) => {
  const { province, commune } = c.req.valid('query');
  const result = await coverageOf(drizzle(c.var.db), { province, commune });
  if (!result) {
    const message =
      commune === undefined ? unknownProvince(province!) : province === undefined ? unknownCommune(commune) : ui.api.communeNotInProvince(commune, province);
    return apiError(c, 404, 'not_found', message);
  }
  return c.json(result, 200, cacheHeaders);
});
