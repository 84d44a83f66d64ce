import { Hono } from 'hono';
import { z } from 'zod';
import { pageParams } from '../middleware/page-params.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from '../errors.ts';
import { guideCatalog, renamedGuides } from '../guide-catalog.ts';
import { normalizeMemberCode } from '../../site/utils/member-code.ts';
import { guideUrl, slugPattern } from '../../site/utils/urls.ts';
import { recordUsageLater } from '../usage/events.ts';

/**
 * Member share links: /g/<guide-slug>/<member-code> (and /g/<guide-slug>/
 * without a code). A click is counted for the member's team — an unknown or
 * malformed code still redirects and counts as not attributed — then the
 * reader lands on the guide itself, whose URL carries nothing about who shared it.
 */
export const shareLinks = new Hono<AppEnv>();

const shareParams = z.object({ slug: z.string(), code: z.string().optional() });

// With or without a member code, with or without the final slash: links
// pasted into chats are answered where they land, never bounced twice.
shareLinks.on('GET', ['/g/:slug', '/g/:slug/', '/g/:slug/:code', '/g/:slug/:code/'], pageParams(shareParams), async (c) => {
  const { slug: asked, code } = c.req.valid('param');
  if (!slugPattern.test(asked)) return notFoundPage(c);
  const catalog = await guideCatalog(c.env, c.req.url);
  // A link shared before its guide was renamed still opens (and counts for) the guide it became.
  const slug = catalog.has(asked) ? asked : (await renamedGuides(c))[asked];
  if (!slug || !catalog.has(slug)) return notFoundPage(c);

  recordUsageLater(c, { guide: slug, kind: 'share_click', member: (code && normalizeMemberCode(code)) || '' });
  // no-store: every tap must reach the Worker to be judged, never a cached redirect.
  c.header('cache-control', 'no-store');
  return c.redirect(guideUrl(slug), 302);
});

// Anything else under /g/ is no share link (and no page to add a slash to).
shareLinks.get('/g/*', (c) => notFoundPage(c));
