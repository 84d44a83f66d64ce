import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { guideSlugFromPath, guideUrl, slugPattern } from '../../site/utils/urls.ts';
import { recordUsageLater } from '../usage/events.ts';

/**
 * Counts a guide view with no client JavaScript: after the guide page has been
 * answered (by whatever route serves it), a 200 HTML answer to a GET of
 * /huong-dan/<slug>/ is one view — redirects, 404s and other files are not.
 *
 * A 304 is one too: a person reopening a guide their phone already holds
 * (the browser revalidates it) is reading it again, and on cheap phones with
 * a warm cache that is most returning readers. It passes the same gate (a
 * browser navigation, not a bot or previewer), and a visitor still counts once
 * per guide a day, so reloads add nothing.
 */
export const countGuideView: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const slug = guideSlugFromPath(c.req.path);
  if (!slug || c.req.path !== guideUrl(slug) || !slugPattern.test(slug)) return;
  const page = c.res.status === 200 && c.res.headers.get('content-type')?.startsWith('text/html');
  if (!page && c.res.status !== 304) return;
  recordUsageLater(c, { guide: slug, kind: 'view' });
};
