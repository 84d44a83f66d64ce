// The service worker (issue 12): guides that open with no signal. Hand-written
// rather than Workbox: what it does fits in ~3 KB gzip, where workbox-routing +
// strategies + precaching alone add ~10 KB before any of our own rules, and the
// rules that matter here (counting reaches the Worker, saved-copy notice, the
// /da-luu/ list) would be custom code on top anyway.
//
// Bundled by site/integrations/offline.ts into dist/sw.js with BUILD, a hash of
// the build's files. One cache per build (cns-<BUILD>): a page in it is stored
// only after every file it names is in the same cache, and a new build copies
// the previous cache's entries it lacks before deleting it, so an old saved page
// keeps its own old scripts until the background refresh replaces it. A reader
// never gets new HTML with old files or the reverse.
//
// Counting stays honest: online, every page is fetched from the network first,
// so the Worker sees the reader's own navigation (and counts it); copies saved
// or refreshed in the background are plain fetches, which the Worker never
// counts as views. Share links, forms, APIs, admin and member areas are never
// touched (policy.ts).
import { savedCopyNotice } from '../../i18n/ui.ts';
import { assetsOf, cachePolicy, GUIDE_PATH, OFFLINE_PAGE, SHELL_PAGES, type OfflineRequest, type SavedGuide } from './policy.ts';

declare const BUILD: string;

// The service-worker globals this file uses (the project's types are DOM +
// Cloudflare Workers; the webworker lib would clash with both).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SwFetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface SwMessageEvent extends ExtendableEvent {
  data: OfflineRequest;
  ports: readonly MessagePort[];
}
interface SwScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void>; matchAll(options: { type: 'window' }): Promise<{ url: string }[]> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: SwFetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: SwMessageEvent) => void): void;
}
const sw = self as unknown as SwScope;

const PREFIX = 'cns-';
const CACHE = PREFIX + BUILD;
/** Guides kept only because they were opened: the oldest go beyond this many. Saved ones always stay. */
const KEEP_OPENED = 40;
/** How long a reader with a saved copy waits for the network before getting the copy (the fetch goes on). */
const NETWORK_WAIT_MS = 4000;
/** Saved copies older than this are checked again (conditional request: 304s cost no body). */
const REFRESH_AFTER_MS = 12 * 3600_000;

const SAVED_AT = 'x-saved-at';
const BYTES = 'x-bytes';
const PINNED = 'x-pinned';
const TITLE = 'x-title';
const DESCRIPTION = 'x-description';

const open = () => caches.open(CACHE);
const size = async (res: Response) => (await res.clone().arrayBuffer()).byteLength;

const decode = (text = '') => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e] ?? "'").trim();

/** Every file a page needs, following scripts' imports; `fetchMissing` fetches and stores what the cache lacks. */
async function filesOf(cache: Cache, html: string, fetchMissing: boolean): Promise<{ path: string; file: Response }[]> {
  const files: { path: string; file: Response }[] = [];
  const queue = assetsOf(html);
  for (const path of queue) {
    let file = await cache.match(path);
    if (!file && fetchMissing) {
      const fetched = await fetch(path);
      if (!fetched.ok) throw new Error(`${path}: ${fetched.status}`);
      await cache.put(path, fetched.clone());
      file = fetched;
    }
    if (!file) continue;
    files.push({ path, file });
    if (path.endsWith('.js')) for (const next of assetsOf(await file.clone().text(), path)) if (!queue.includes(next)) queue.push(next);
  }
  return files;
}

/**
 * Stores a page with every file it names. Files go in first: the page appears
 * only once it can render. `pinned` undefined keeps what the page had.
 * Resolves to whether tidying could now find something to drop: a page not
 * saved before, or one that names other files than its saved copy did.
 */
async function store(cache: Cache, path: string, res: Response, pinned?: boolean): Promise<boolean> {
  const html = await res.text();
  let bytes = new Blob([html]).size;
  for (const { file } of await filesOf(cache, html, true)) bytes += await size(file);
  const before = await cache.match(path);
  const headers = new Headers(res.headers);
  headers.set(SAVED_AT, String(Date.now()));
  headers.set(BYTES, String(bytes));
  headers.set(PINNED, String(pinned ?? before?.headers.get(PINNED) === 'true'));
  headers.set(TITLE, encodeURIComponent(decode(/<h1\b[^>]*>([^<]*)/.exec(html)?.[1])));
  headers.set(DESCRIPTION, encodeURIComponent(decode(/<meta name="description" content="([^"]*)"/.exec(html)?.[1])));
  const filesBefore = before ? assetsOf(await before.clone().text()).join(' ') : undefined;
  await cache.put(path, new Response(html, { status: 200, headers }));
  return filesBefore !== assetsOf(html).join(' ');
}

/** Fetches a page again (conditionally) and stores it; a 304 only dates the copy. Never a counted view. */
async function refresh(cache: Cache, path: string, pinned?: boolean): Promise<boolean> {
  const saved = await cache.match(path);
  const etag = saved?.headers.get('etag');
  const res = await fetch(path, { headers: etag ? { 'if-none-match': etag } : {}, cache: 'no-store' });
  if (res.status === 304 && saved) return store(cache, path, saved, pinned);
  if (!res.ok || !res.headers.get('content-type')?.startsWith('text/html')) throw new Error(`${path}: ${res.status}`);
  return store(cache, path, res, pinned);
}

async function guideKeys(cache: Cache): Promise<string[]> {
  return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => GUIDE_PATH.test(p));
}

async function list(cache: Cache): Promise<SavedGuide[]> {
  const guides: SavedGuide[] = [];
  for (const url of await guideKeys(cache)) {
    const h = (await cache.match(url))!.headers;
    guides.push({
      url,
      title: decodeURIComponent(h.get(TITLE) ?? ''),
      description: decodeURIComponent(h.get(DESCRIPTION) ?? ''),
      savedAt: Number(h.get(SAVED_AT)),
      bytes: Number(h.get(BYTES)),
      pinned: h.get(PINNED) === 'true',
    });
  }
  return guides.sort((a, b) => b.savedAt - a.savedAt);
}

/** Drops the oldest opened-only guides beyond KEEP_OPENED, then files no stored page names. */
async function tidy(cache: Cache): Promise<void> {
  const opened = (await list(cache)).filter((g) => !g.pinned);
  for (const guide of opened.slice(KEEP_OPENED)) await cache.delete(guide.url);
  const needed = new Set<string>();
  const files: Request[] = [];
  for (const req of await cache.keys()) {
    if (cachePolicy(new URL(req.url).pathname) === 'asset') files.push(req);
    else for (const { path } of await filesOf(cache, await (await cache.match(req))!.text(), false)) needed.add(path);
  }
  for (const req of files) if (!needed.has(new URL(req.url).pathname)) await cache.delete(req);
}

let lastSweep = 0;
/** Online: saved copies older than REFRESH_AFTER_MS are fetched again, one after another, in the background. */
async function refreshStale(cache: Cache): Promise<void> {
  if (Date.now() - lastSweep < 600_000) return;
  lastSweep = Date.now();
  for (const guide of await list(cache)) {
    if (Date.now() - guide.savedAt > REFRESH_AFTER_MS) await refresh(cache, guide.url).catch(() => {});
  }
  await tidy(cache);
}

/** A saved copy says so, and from when, at the top of the page. */
async function savedCopy(res: Response): Promise<Response> {
  const notice = `<p class="notice notice-warning saved-copy" role="status">${savedCopyNotice(Number(res.headers.get(SAVED_AT)))}</p>`;
  const html = (await res.text()).replace(/<main\b[^>]*>/, (main) => main + notice);
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/**
 * Pages: the network first — the Worker sees the navigation, so a guide view
 * is counted as without a service worker. A page with a saved copy waits at
 * most NETWORK_WAIT_MS (weak signal), the fetch still finishing in the
 * background; offline it gets the copy, or the offline page.
 */
async function navigate(event: SwFetchEvent, policy: 'guide' | 'page' | 'network'): Promise<Response> {
  const url = new URL(event.request.url);
  const cache = await open();
  const saved = policy === 'network' ? undefined : await cache.match(url.pathname);
  const network = fetch(event.request).then((res) => {
    const keep = policy !== 'network' && !url.search && res.status === 200 && res.headers.get('content-type')?.startsWith('text/html');
    if (keep) {
      const copy = res.clone();
      event.waitUntil(
        store(cache, url.pathname, copy)
          // Tidying reads every saved page: only when this visit could have left something to drop.
          .then((changed) => (changed ? tidy(cache) : undefined))
          .then(() => refreshStale(cache))
          .catch(() => {}),
      );
    }
    return res;
  });
  event.waitUntil(network.catch(() => {}));
  const wait = new Promise<undefined>((resolve) => setTimeout(resolve, NETWORK_WAIT_MS));
  const res = await (saved ? Promise.race([network, wait]) : network).catch(() => undefined);
  if (res) return res;
  if (saved) return savedCopy(saved);
  return (await cache.match(OFFLINE_PAGE)) ?? Response.error();
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await open();
      for (const page of SHELL_PAGES) await refresh(cache, page);
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await open();
      for (const name of await caches.keys()) {
        if (!name.startsWith(PREFIX) || name === CACHE) continue;
        const old = await caches.open(name);
        for (const req of await old.keys()) if (!(await cache.match(req))) await cache.put(req, (await old.match(req))!);
        await caches.delete(name);
      }
      await sw.clients.claim();
      // Pages already open were loaded before this worker existed: keep them like any opened page.
      for (const client of await sw.clients.matchAll({ type: 'window' })) {
        const { pathname, search, origin } = new URL(client.url);
        const policy = cachePolicy(pathname);
        if (origin === sw.location.origin && !search && (policy === 'guide' || policy === 'page')) {
          await refresh(cache, pathname).catch(() => {});
        }
      }
      lastSweep = 0;
      await refreshStale(cache);
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
  const policy = cachePolicy(url.pathname);
  if (policy === 'never') return;
  if (request.mode === 'navigate') return event.respondWith(navigate(event, policy === 'asset' ? 'network' : policy));
  if (policy === 'asset') event.respondWith(open().then(async (cache) => (await cache.match(url.pathname)) ?? fetch(request)));
});

sw.addEventListener('message', (event) => {
  const message = event.data;
  const reply = (value: unknown) => event.ports[0]?.postMessage(value);
  event.waitUntil(
    (async () => {
      const cache = await open();
      if (message.type === 'save') {
        let saved = 0;
        for (const url of message.urls.filter((u) => GUIDE_PATH.test(u))) {
          try {
            await refresh(cache, url, true);
            saved++;
          } catch {
            // Offline but already kept: the button still saves it for good.
            const copy = await cache.match(url);
            if (copy) await store(cache, url, copy, true).then(() => saved++);
          }
        }
        return reply({ saved, failed: message.urls.length - saved });
      }
      if (message.type === 'remove') {
        await cache.delete(message.url);
        await tidy(cache);
      }
      reply({ guides: await list(cache) });
    })().catch((err: unknown) => reply({ error: String(err) })),
  );
});
