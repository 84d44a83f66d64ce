import type { Context } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import type { AppEnv } from '../env.ts';
import { KeptPerIsolate } from '../kept-per-isolate.ts';
import { siteOrigin } from '../site-origin.ts';
import { OG_IMAGE_HEIGHT, OG_IMAGE_WIDTH } from '../../site/utils/og.ts';

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Path of the Astro-built page whose header, footer and inline CSS frame every Worker-rendered page. */
export const SHELL_PATH = '/khung-trang/';
/** The same frame with the site's read-aloud player; the content goes in place of [data-shell-main]. */
export const READ_ALOUD_SHELL_PATH = '/khung-trang/nghe-doc/';

export interface PageContent {
  title: string;
  description: string;
  /** HTML placed inside <main id="main">; build it with Hono JSX (auto-escaped). */
  main: string | Promise<string>;
  status?: 200 | 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429;
  /** Cache-Control for the page; directory pages change rarely, reports daily. */
  cacheControl?: string;
  /** The frame with the read-aloud player (its "Nghe đọc" button above the content). */
  readAloud?: boolean;
  /** A 1200×630 link preview image (Zalo, Facebook) as a path on this site, built or made by the Worker, and its text. */
  image?: { path: string; alt: string };
}

/** The built shells' HTML, read once per isolate. */
const shells = new KeptPerIsolate<string>();
const shellHtml = (c: Context<AppEnv>, path: string) =>
  shells.get(path, async () => {
    const res = await c.env.ASSETS.fetch(new URL(path, c.req.url));
    if (!res.ok) throw new Error(`${path} is missing from the built site (${res.status})`);
    return res.text();
  });

/**
 * Renders a server-side page inside the same shell as the static site, so the
 * directory and report pages share the guide site's look and CSS with no copy
 * of either: the Worker fetches the built shell and streams it with the
 * title, description and main content swapped in.
 */
export async function renderInShell(c: Context<AppEnv>, page: PageContent): Promise<Response> {
  // The shell is fetched while a main still being computed (a report's reads) is awaited.
  const [shell, main] = await Promise.all([shellHtml(c, page.readAloud ? READ_ALOUD_SHELL_PATH : SHELL_PATH), page.main]);
  // The deployed origin, never the request's Host; the path as the client sent it (still percent-encoded).
  const canonical = siteOrigin(c.env) + new URL(c.req.url).pathname;
  const rewritten = new HTMLRewriter()
    .on('title', { element: (el) => void el.setInnerContent(`${page.title} | ${ui.siteName}`) })
    .on('meta[name="description"]', { element: (el) => void el.setAttribute('content', page.description) })
    .on('meta[name="robots"]', { element: (el) => void el.remove() })
    .on('link[rel="canonical"]', { element: (el) => void el.setAttribute('href', canonical) })
    // Link previews (Zalo, Facebook) read the Open Graph copies of the same three values.
    .on('meta[property="og:title"]', { element: (el) => void el.setAttribute('content', page.title) })
    .on('meta[property="og:description"]', { element: (el) => void el.setAttribute('content', page.description) })
    .on('meta[property="og:url"]', { element: (el) => void el.setAttribute('content', canonical) })
    .on(page.readAloud ? '[data-shell-main]' : 'main#main', {
      element: (el) => void (page.readAloud ? el.replace(main, { html: true }) : el.setInnerContent(main, { html: true })),
    })
    .on('head', {
      element: (el) => {
        if (!page.image) return;
        el.append(
          `<meta property="og:image" content="${escapeAttribute(siteOrigin(c.env) + page.image.path)}"><meta property="og:image:width" content="${OG_IMAGE_WIDTH}">` +
            `<meta property="og:image:height" content="${OG_IMAGE_HEIGHT}"><meta property="og:image:alt" content="${escapeAttribute(page.image.alt)}">`,
          { html: true },
        );
      },
    })
    .transform(new Response(shell, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
  return new Response(rewritten.body, {
    status: page.status ?? 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': page.cacheControl ?? 'public, max-age=300',
    },
  });
}
