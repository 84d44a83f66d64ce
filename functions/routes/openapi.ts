// What every JSON API route shares: the validation hook that turns a schema
// failure into the one error shape, the documented error answers, and the
// OpenAPI document of all of them at /api/openapi.json.
import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { apiError } from '../errors.ts';
import { ErrorBody } from '../directory/schemas.ts';
import { ui } from '../../site/i18n/ui.ts';
import { siteOrigin } from '../site-origin.ts';

/**
 * Every validation failure becomes the API's one error shape, with the
 * schema's Vietnamese message: never zod's raw output, never a 500.
 */
export const apiValidationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return apiError(c, 400, 'invalid_parameter', `${where}${issue?.message ?? ui.api.invalidParameter}`);
  }
};

/** The error answers of a route, as documented (same codes everywhere: invalid_parameter, not_found). */
export const apiErrors = {
  400: { content: { 'application/json': { schema: ErrorBody } }, description: 'Tham số không hợp lệ (invalid_parameter)' },
  404: { content: { 'application/json': { schema: ErrorBody } }, description: 'Không tìm thấy (not_found)' },
};

export function ok<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

export const OPENAPI_PATH = '/api/openapi.json';

/** Serves the OpenAPI document of every route registered on `app` (and on the routers mounted in it). */
export function serveOpenApiDocument(app: OpenAPIHono<AppEnv>) {
  app.use(OPENAPI_PATH, async (c, next) => {
    await next();
    c.header('cache-control', 'public, max-age=3600');
  });
  app.doc31(OPENAPI_PATH, (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Cẩm nang số — API công khai',
      version: '1.0.0',
      description:
        'API chỉ đọc: danh bạ Tổ công nghệ số cộng đồng và số liệu sử dụng hướng dẫn. Số điện thoại của thành viên chỉ có khi thành viên đồng ý công khai. Lỗi có dạng { "error": { "code", "message" } }.',
    },
    // The deployed origin, never the request's Host header.
    servers: [{ url: siteOrigin(c.env) }],
  }));
}

/**
 * The methods the documented API answers on a path ("GET, HEAD"), or null if
 * no documented route has this path: a wrong method gets a 405 that says
 * which ones work, an unknown path a 404.
 */
export function allowedMethods(app: OpenAPIHono<AppEnv>, path: string): string | null {
  const methods = new Set<string>();
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const pattern = new RegExp(`^${def.route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(path)) methods.add(def.route.method.toUpperCase());
  }
  if (path === OPENAPI_PATH) methods.add('GET');
  if (methods.size === 0) return null;
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].join(', ');
}
