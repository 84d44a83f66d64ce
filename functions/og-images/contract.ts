// What the citizens' Worker asks the preview image Worker for (issue 20): the
// text of one image, in the URL of a GET. The URL is also the image's key in
// the edge cache, so an image is drawn once per text and renderer version:
// a retitled guide gets a new image, an unchanged one is never drawn again,
// whatever is deployed in between. Light on purpose: the citizens' Worker
// imports this module, never the renderer.

/** What one preview image shows. */
export interface OgImageText {
  title: string;
  topicName: string;
  siteName: string;
  /** Host shown at the bottom, e.g. camnangso.example.vn. */
  host: string;
}

/**
 * Bump when the drawing changes (layout, colours, fonts, satori or resvg
 * versions): every cached image is then drawn again on its next request.
 */
export const OG_RENDERER_VERSION = '1';

/** The internal origin of the preview image Worker's requests (never public). */
const ORIGIN = 'https://og-images.internal';

/** The request for the image showing `text` (the cache key too). */
export function ogImageRequestUrl(text: OgImageText): string {
  const params = new URLSearchParams({ title: text.title, topic: text.topicName, site: text.siteName, host: text.host });
  return `${ORIGIN}/v${OG_RENDERER_VERSION}/image.png?${params}`;
}

/** The text asked for in `url`, or null when it is not a request of ogImageRequestUrl's shape. */
export function ogImageTextOf(url: URL): OgImageText | null {
  if (url.pathname !== `/v${OG_RENDERER_VERSION}/image.png`) return null;
  const get = (name: string) => url.searchParams.get(name);
  const [title, topicName, siteName, host] = [get('title'), get('topic'), get('site'), get('host')];
  if (!title || !topicName || !siteName || host === null) return null;
  // Guide titles are short; anything longer is not from our catalog.
  if ([title, topicName, siteName, host].some((value) => value.length > 300)) return null;
  return { title, topicName, siteName, host };
}
