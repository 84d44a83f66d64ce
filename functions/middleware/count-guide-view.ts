import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { guideSlugPattern, recordUsageLater } from '../usage/events.ts';

const GUIDE_PAGE = /^\/huong-dan\/([^/]+)\/$/;

/**
 * Counts a guide view with no client JavaScript: after the guide page has been
 * answered (by whatever route serves it), a 200 HTML answer to a GET of
 * /huong-dan/<slug>/ is one view — redirects, 304s, 404s and other files are not.
 */
export const countGuideView: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const slug = GUIDE_PAGE.exec(c.req.path)?.[1];
  if (!slug || !guideSlugPattern.test(slug)) return;
  if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('text/html')) return;
  recordUsageLater(c, { guide: slug, kind: 'view' });
};
