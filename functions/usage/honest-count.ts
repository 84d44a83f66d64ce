import { isbot } from 'isbot';

/** Why a request is not counted; `null` from `uncountableReason` means "a person, count it". */
export type SkipReason = 'method' | 'prefetch' | 'no_user_agent' | 'bot' | 'link_preview' | 'not_navigation' | 'cross_site';

/**
 * Link previewers of chat apps and social networks, by the names they send.
 * Most are also in isbot's list; they are named here so that a change in that
 * list can never let a previewer through (each has a test).
 */
const LINK_PREVIEWERS =
  /facebookexternalhit|facebookcatalog|facebot|meta-external(?:agent|fetcher)|twitterbot|telegrambot|whatsapp\/|slackbot|slack-imgproxy|discordbot|linkedinbot|skypeuripreview|microsoftpreview|pinterestbot|redditbot|embedly|iframely|vkshare|snap url preview|bluesky cardyb|mastodon\//i;

/**
 * Chat apps that have an in-app browser as well as a link previewer. Their name
 * alone proves nothing: a citizen tapping a link inside Zalo opens it in Zalo's
 * in-app browser, whose user agent is a full browser's plus "Zalo". What fetches
 * a preview card sends the app name without a browser engine (Zalo does not
 * publish its previewer's user agent, so this rule goes by that trait).
 */
const CHAT_APPS_WITH_BROWSERS = /zalo|viber|line\/|kakaotalk|telegram|messenger/i;

/** A full browser user agent: Mozilla/5.0 (platform) + a rendering engine. */
function looksLikeBrowser(userAgent: string): boolean {
  return /^Mozilla\/5\.0 \(/.test(userAgent) && /AppleWebKit\/|Gecko\/|Trident\//.test(userAgent);
}

/** Prefetch and prerender hints of Chromium, Safari, Firefox and preview panes. */
function isSpeculative(headers: Headers): boolean {
  const secPurpose = headers.get('sec-purpose') ?? '';
  const purpose = headers.get('purpose') ?? '';
  const xPurpose = headers.get('x-purpose') ?? '';
  const xMoz = headers.get('x-moz') ?? '';
  return (
    /prefetch|prerender/i.test(secPurpose) ||
    /prefetch|prerender|preview/i.test(purpose) ||
    /prefetch|prerender|preview/i.test(xPurpose) ||
    /prefetch/i.test(xMoz)
  );
}

/**
 * Whether the request is a person's browser opening a page (or submitting a
 * form) as opposed to something fetching it on their behalf. Previewers often
 * pose as browsers, so besides names this looks at what every browser sends on
 * a navigation and previewers usually don't: an Accept header naming HTML, an
 * Accept-Language header, and (on browsers that send Fetch Metadata) a
 * document destination.
 */
function isNavigation(headers: Headers): boolean {
  const accept = headers.get('accept') ?? '';
  if (!/text\/html/i.test(accept)) return false;
  if (!headers.get('accept-language')) return false;
  const dest = headers.get('sec-fetch-dest');
  const mode = headers.get('sec-fetch-mode');
  if (mode !== null && mode !== 'navigate') return false;
  // A navigation the site's service worker passes on (network first, site/scripts/offline/sw.ts)
  // keeps mode "navigate" but Chromium sends it with destination "empty"; no script can make a
  // navigate-mode request, so this is still the reader opening the page.
  if (dest !== null && dest !== 'document' && !(dest === 'empty' && mode === 'navigate')) return false;
  return true;
}

/**
 * The one gate every count passes (guide views, share clicks, helpful answers).
 * `method` is the method a counted request must use: GET for pages and links
 * (HEAD never counts), POST for the helpful form.
 */
export function uncountableReason(request: Request, method: 'GET' | 'POST' = 'GET'): SkipReason | null {
  const { headers } = request;
  if (request.method !== method) return 'method';
  if (isSpeculative(headers)) return 'prefetch';
  const userAgent = headers.get('user-agent')?.trim() ?? '';
  if (userAgent === '') return 'no_user_agent';
  if (LINK_PREVIEWERS.test(userAgent)) return 'link_preview';
  if (CHAT_APPS_WITH_BROWSERS.test(userAgent) && !looksLikeBrowser(userAgent)) return 'link_preview';
  if (isbot(userAgent)) return 'bot';
  if (!isNavigation(headers)) return 'not_navigation';
  if (method === 'POST' && isCrossSite(request)) return 'cross_site';
  return null;
}

/** A form posted from another site (a page trying to stuff the counts). */
function isCrossSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('origin');
  if (origin === null || origin === 'null') return false;
  try {
    return new URL(origin).host !== new URL(request.url).host;
  } catch {
    return true;
  }
}
