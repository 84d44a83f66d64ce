// The built service worker (dist/sw.js) run as a browser would run it, in
// Node: its own code, with an in-memory CacheStorage and a network that serves
// dist/ (or fails, offline). Tests drive its install, activate and fetch
// events and look at what it answers and keeps, not at its source.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { distDir } from '../../scripts/lib/page-weight.ts';

export const ORIGIN = 'https://camnangso.example';

class MemoryCache {
  readonly entries = new Map<string, { body: ArrayBuffer; status: number; headers: [string, string][] }>();
  private key = (req: RequestInfo | URL) => new URL(typeof req === 'string' || req instanceof URL ? req : req.url, ORIGIN).href;
  async match(req: RequestInfo | URL) {
    const hit = this.entries.get(this.key(req));
    return hit ? new Response(hit.body.slice(0), { status: hit.status, headers: hit.headers }) : undefined;
  }
  async put(req: RequestInfo | URL, res: Response) {
    this.entries.set(this.key(req), { body: await res.arrayBuffer(), status: res.status, headers: [...res.headers] });
  }
  async delete(req: RequestInfo | URL) {
    return this.entries.delete(this.key(req));
  }
  async keys() {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
  /** Paths kept, for assertions. */
  paths = () => [...this.entries.keys()].map((url) => new URL(url).pathname);
}

export class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>();
  async open(name: string) {
    if (!this.caches.has(name)) this.caches.set(name, new MemoryCache());
    return this.caches.get(name)!;
  }
  async keys() {
    return [...this.caches.keys()];
  }
  async delete(name: string) {
    return this.caches.delete(name);
  }
}

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript',
  css: 'text/css',
  png: 'image/png',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  json: 'application/json',
};

/** The network: dist/ as the Worker's static assets would serve it, or nothing at all when offline. */
export class Network {
  online = true;
  readonly requested: string[] = [];
  fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, ORIGIN);
    this.requested.push(url.pathname);
    if (!this.online) throw new TypeError('Failed to fetch');
    let file = join(distDir, decodeURIComponent(url.pathname));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    const ext = file.split('.').pop()!;
    return new Response(readFileSync(file), { status: 200, headers: { 'content-type': contentTypes[ext] ?? 'application/octet-stream' } });
  };
}

type Listener = (event: Record<string, unknown>) => void;

/** One service worker instance of the built sw.js (source optionally changed, e.g. to play a newer build). */
export function startWorker(caches: MemoryCacheStorage, network: Network, source = readFileSync(join(distDir, 'sw.js'), 'utf8')) {
  const listeners = new Map<string, Listener>();
  const self = {
    location: new URL(`${ORIGIN}/sw.js`),
    skipWaiting: async () => {},
    clients: { claim: async () => {}, matchAll: async () => [] },
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
  };
  runInNewContext(source, {
    self,
    caches,
    fetch: network.fetch,
    Response,
    Request,
    Headers,
    URL,
    Blob,
    Intl,
    TextEncoder,
    TextDecoder,
    setTimeout,
    clearTimeout,
    console,
    encodeURIComponent,
    decodeURIComponent,
  });

  /** Dispatches an event and waits for every promise it gave to waitUntil (and respondWith). */
  async function dispatch(type: string, extra: Record<string, unknown> = {}): Promise<Response | undefined> {
    const waits: Promise<unknown>[] = [];
    let response: Promise<Response> | undefined;
    listeners.get(type)!({ ...extra, waitUntil: (p: Promise<unknown>) => waits.push(p), respondWith: (r: Promise<Response>) => (response = r) });
    const res = await response;
    // waitUntil may be called later (after the network answers): settle until none are left.
    for (let settled = 0; settled < waits.length; settled = waits.length) await Promise.allSettled(waits.slice(settled));
    for (let i = 0; i < 3; i++) await Promise.allSettled(waits);
    return res;
  }
  return {
    install: () => dispatch('install'),
    activate: () => dispatch('activate'),
    /** A top-level navigation to `path`; undefined when the worker leaves it to the browser. */
    navigate: (path: string) => {
      const request = new Request(ORIGIN + path);
      // A navigation's Request has mode "navigate", which a constructed Request cannot take.
      const navigation = new Proxy(request, {
        get: (target, key) =>
          key === 'mode' ? 'navigate' : typeof Reflect.get(target, key) === 'function' ? Reflect.get(target, key).bind(target) : Reflect.get(target, key),
      });
      return dispatch('fetch', { request: navigation });
    },
  };
}
