import { Hono, type Context } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import { ALERT_OG_SLUG } from '../../site/utils/og.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from '../errors.ts';
import { loadGuideCatalog } from '../guide-catalog.ts';
import { ogImageRequestUrl, type OgImageText } from '../og-images/contract.ts';
import { siteOrigin } from '../site-origin.ts';

/**
 * /og/<slug>.png: the link preview image of a published guide (and the one
 * image of every scam alert card, issue 18), as og:image names it. The text
 * comes from the built catalog; the image from the preview image Worker,
 * which draws it on first request and keeps it (functions/og-images/). Zalo
 * and Facebook fetch it when a link is shared: a slug that is not a guide is
 * the 404 page, never an image of made-up text.
 */
export const ogImages = new Hono<AppEnv>();

/** A browser or previewer may keep the image an hour; a retitled guide's new image shows after that. */
const SERVED_FOR = 'public, max-age=3600';

async function previewTextOf(c: Context<AppEnv>, slug: string): Promise<OgImageText | null> {
  const common = { siteName: ui.siteName, host: new URL(siteOrigin(c.env)).host };
  if (slug === ALERT_OG_SLUG) return { title: ui.alerts.ogTitle, topicName: ui.alerts.label, ...common };
  const { guides, topics } = await loadGuideCatalog(c);
  const guide = guides.find((g) => g.slug === slug);
  const topic = guide && topics.find((t) => t.id === guide.topic);
  return guide && topic ? { title: guide.title, topicName: topic.name, ...common } : null;
}

ogImages.get('/og/:file', async (c) => {
  const slug = /^([a-z0-9-]+)\.png$/.exec(c.req.param('file'))?.[1];
  const text = slug ? await previewTextOf(c, slug) : null;
  if (!text) return notFoundPage(c);
  const image = await c.env.OG_IMAGES.fetch(ogImageRequestUrl(text));
  if (!image.ok) throw new Error(`preview image of ${slug}: ${image.status} from the preview image Worker`);
  return new Response(image.body, { headers: { 'content-type': 'image/png', 'cache-control': SERVED_FOR } });
});
