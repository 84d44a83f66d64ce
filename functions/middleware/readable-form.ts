import type { Context, MiddlewareHandler } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import { apiError } from '../errors.ts';

/** The media types Hono's parseBody reads as a form (the same test it makes). */
const formTypes = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * A body that says it is a form but cannot be read as one — multipart
 * without a boundary or cut short, a form declared in UTF-16 — gets a 400
 * before any check or handler reads it. Hono keeps the failed parse: every
 * later parseBody (the CSRF check, the handler) would throw it again as a
 * 500. Read once here, the form is cached for them. Mount after the body
 * size limit, so nothing oversized is parsed.
 */
export function refuseUnreadableForm(page: (c: Context, message: string) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (!mediaType || !formTypes.has(mediaType)) return next();
    try {
      await c.req.parseBody();
    } catch {
      const message = ui.badInput.unreadableForm;
      return c.req.path.startsWith('/api/') ? apiError(c, 400, 'bad_request', message) : page(c, message);
    }
    return next();
  };
}
