// What the service worker may keep, by URL path (issue 12). Separate from the
// worker itself so the rules are unit-tested (test/unit/offline-policy.test.ts).

/**
 * Never answered by the service worker, online or offline: every request goes
 * to the Worker. Share links and forms are counted there (a copy from the cache
 * would swallow the count), the admin and member areas and the APIs are
 * personal or live, the member tools (/cong-cu/) make personal QR codes, and a
 * citizen's confirmation page (/xac-nhan/) is live: a copy would show a button
 * for a code that expired long ago.
 */
const NEVER = /^\/(?:g|quan-tri|thanh-vien|api|cong-cu|xac-nhan)(?:\/|$)|^\/huong-dan\/[^/]+\/gop-y(?:\/|$)/;

/** A guide page: kept when opened, listed at /da-luu/. */
export const GUIDE_PATH = /^\/huong-dan\/[a-z0-9]+(?:-[a-z0-9]+)*\/$/;

/** Static pages kept when visited, so the way to the saved guides works offline too. */
const PAGES = /^\/(?:|chu-de\/(?:[a-z0-9-]+\/)?|gioi-thieu\/|da-luu\/|mat-mang\/)$/;

/** Build files with content hashes (scripts, images) and the home-screen icons: never change under a name. */
const ASSETS = /^\/(?:_astro|icons)\//;

/** The offline page, also the saved-guide search when Pagefind cannot load. */
export const OFFLINE_PAGE = '/mat-mang/';
/** Precached at install: what must open with no network. */
export const SHELL_PAGES = [OFFLINE_PAGE, '/da-luu/'];

export type CachePolicy = 'never' | 'guide' | 'page' | 'asset' | 'network';

export function cachePolicy(path: string): CachePolicy {
  if (NEVER.test(path)) return 'never';
  if (GUIDE_PATH.test(path)) return 'guide';
  if (PAGES.test(path)) return 'page';
  if (ASSETS.test(path)) return 'asset';
  return 'network';
}

/**
 * Same-origin files a saved page or script names: scripts (lazy chunks named
 * in inline scripts too), images, and a script's own relative imports ("./x.js",
 * resolved against `base`, the script's path). The worker follows them to the
 * end, so every file a saved page can load offline is saved with it.
 */
export function assetsOf(text: string, base = '/'): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<=["'(\s,])\/(?:_astro|icons)\/[^"'()\s,?#]+/g)) found.add(m[0]);
  for (const m of text.matchAll(/(?<=["'`])\.\.?\/[^"'`\s]+\.js(?=["'`])/g)) found.add(new URL(m[0], `http://x${base}`).pathname);
  return [...found];
}

/** Messages pages send the service worker (site/scripts/offline/client.ts). */
export type OfflineRequest = { type: 'save'; urls: string[] } | { type: 'list' } | { type: 'remove'; url: string };

export interface SavedGuide {
  url: string;
  title: string;
  description: string;
  /** Epoch ms of the copy (last fetched or confirmed unchanged). */
  savedAt: number;
  /** Bytes the copy takes: the page and the files it needs. */
  bytes: number;
  /** Saved with the button (never trimmed) rather than kept because it was opened. */
  pinned: boolean;
}

export type OfflineReply = { saved: number; failed: number } | { guides: SavedGuide[] } | { error: string };
