import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { guideSlugFromPath, guideUrl, slugPattern } from '../../site/utils/urls.ts';
import { recordUsageLater } from '../usage/events.ts';

/**
 * Counts a guide view with no client JavaScript: after the guide page has been
 * answered (by whatever route serves it), a 200 HTML answer to a GET of
 * /huong-dan/<slug>/ is one view — redirects, 304s, 404s and other files are not.
 */
export const countGuideView: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const slug = guideSlugFromPath(c.req.path);
  if (!slug || c.req.path !== guideUrl(slug) || !slugPattern.test(slug)) return;
  if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('text/html')) return;
  recordUsageLater(c, { guide: slug, kind: 'view' });
};
