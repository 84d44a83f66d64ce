import { Hono } from 'hono';
import { guideSlugFromPath, guideUrl } from '../../site/utils/urls.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from '../errors.ts';
import { renamedGuides } from '../guide-catalog.ts';
import { alertLineFor, pageWithAlertLine } from '../alerts/alert-line.ts';

/**
 * /huong-dan/*: the built guide page when there is one; otherwise, for a guide
 * that was renamed, a permanent redirect to its new address (a link pasted in
 * Zalo years ago must still open); otherwise the Vietnamese 404 page.
 *
 * A guide with a current national alert gets the alert's line (issue 18; the
 * alerts are held in memory, read from D1 once a minute per isolate).
 * The assets are asked first, so a normal guide view costs one asset fetch and
 * the redirect map is read only for URLs that are not pages. The build
 * guarantees an old slug is never also a published guide, so this order gives
 * the same answers as checking the map first.
 */
export const guidePages = new Hono<AppEnv>();

guidePages.get('/huong-dan/*', async (c) => {
  const slug = guideSlugFromPath(c.req.path);
  // A current national alert about this guide: its line goes in above the guide (issue 18).
  const line = slug && c.req.path === guideUrl(slug) ? await alertLineFor(c.env, { guide: slug }) : null;
  const page = line ? await pageWithAlertLine(c, line, 'article.guide') : await c.env.ASSETS.fetch(c.req.raw);
  if (page.status !== 404) return page;

  const newSlug = slug ? (await renamedGuides(c))[slug] : undefined;
  if (newSlug) {
    const target = new URL(guideUrl(newSlug), c.req.url);
    target.search = new URL(c.req.url).search;
    return c.redirect(target.href, 301);
  }
  return notFoundPage(c);
});
