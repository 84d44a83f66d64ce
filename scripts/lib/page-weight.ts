// What a built page costs a reader on a weak network: gzip bytes of the HTML,
// of the CSS that blocks rendering, of the JavaScript it runs, and any request
// it would make to another origin. Shared by the budget tests (test/build/) and
// `npm run bench`, so both report the same numbers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));

/** 14 KB: what the first round trip of a new connection can carry (TCP initial window). */
export const GUIDE_BLOCKING_BUDGET = 14 * 1024;
/** The guide page's own scripts (lazily loaded search excluded): progressive enhancement only. */
export const GUIDE_JS_BUDGET = 4 * 1024;

export type PageType = 'home' | 'topics' | 'topic' | 'guide' | 'about' | '404' | 'shell' | 'offline' | 'other';

export interface BuiltPage {
  /** URL path the page is served at, e.g. /huong-dan/x/ (404.html for the 404 page). */
  path: string;
  file: string;
  type: PageType;
}

export interface ScriptTag {
  src?: string;
  type?: string;
  defer: boolean;
  async: boolean;
  inline: string;
}

export interface PageWeight {
  htmlBytes: number;
  htmlGzip: number;
  /** Gzip of the CSS inlined in <style> (already counted in htmlGzip). */
  inlineCssGzip: number;
  /** Gzip of each same-origin stylesheet the page links to (extra render-blocking requests). */
  linkedCssGzip: number;
  /** What must arrive before first paint: the HTML plus linked stylesheets. */
  blockingGzip: number;
  /** Inline scripts plus same-origin script files and their static imports (dynamic import() excluded). */
  jsGzip: number;
  scripts: ScriptTag[];
  /** Scripts that would block parsing: classic, neither defer nor module. */
  blockingScripts: ScriptTag[];
  /** URLs on another origin the page would fetch (scripts, styles, images, fonts, frames). */
  externalRequests: string[];
}

export const gzipSize = (data: string | Uint8Array) => gzipSync(data, { level: 9 }).length;

export function pageType(path: string): PageType {
  if (path === '/') return 'home';
  if (path === '/chu-de/') return 'topics';
  if (/^\/chu-de\/[^/]+\/$/.test(path)) return 'topic';
  if (/^\/huong-dan\/[^/]+\/$/.test(path)) return 'guide';
  if (path === '/gioi-thieu/') return 'about';
  if (path === '/404.html') return '404';
  // The Worker's page frames: /khung-trang/ and its read-aloud variant /khung-trang/nghe-doc/.
  if (path.startsWith('/khung-trang/')) return 'shell';
  // Pages about this phone's saved guides (issue 12): not for search engines.
  if (path === '/da-luu/' || path === '/mat-mang/') return 'offline';
  return 'other';
}

/** Every HTML page in dist/, with the URL path it is served at. */
export function builtPages(dist = distDir): BuiltPage[] {
  if (!existsSync(dist)) throw new Error(`${dist} does not exist: run \`npm run build\` first`);
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
  return files
    .map((rel) => {
      const posix = rel.split(sep).join('/');
      const path = posix.endsWith('index.html') ? `/${posix.slice(0, -'index.html'.length)}` : `/${posix}`;
      return { path, file: join(dist, rel), type: pageType(path) };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

const attrPattern = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

export function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(attrPattern)) attrs[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return attrs;
}

const isExternal = (url: string) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url.trim()) && !/^data:/i.test(url.trim());
const isSameOriginPath = (url: string) => url.startsWith('/') && !url.startsWith('//');

/** <link rel> values that make the browser fetch something. */
const fetchingRels = ['stylesheet', 'preload', 'modulepreload', 'prefetch', 'icon', 'apple-touch-icon', 'manifest', 'preconnect', 'dns-prefetch'];
/** Script types the browser does not run. */
const dataScriptTypes = ['application/ld+json', 'application/json', 'speculationrules', 'importmap'];

function requestedUrls(html: string): string[] {
  const urls: string[] = [];
  for (const m of html.matchAll(/<(script|link|img|iframe|frame|source|video|audio|embed|object|image|use|track|input)\b([^>]*)>/gi)) {
    const tag = m[1]!.toLowerCase();
    const attrs = parseAttributes(m[2]!);
    if (tag === 'link') {
      const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      if (attrs.href && rels.some((rel) => fetchingRels.includes(rel))) urls.push(attrs.href);
      continue;
    }
    for (const name of ['src', 'poster', 'data', 'href', 'xlink:href']) if (attrs[name]) urls.push(attrs[name]);
    for (const name of ['srcset', 'imagesrcset']) {
      if (attrs[name]) urls.push(...attrs[name].split(',').map((c) => c.trim().split(/\s+/)[0] ?? ''));
    }
  }
  // CSS: url() and @import in <style> and style="" attributes.
  for (const m of html.matchAll(/url\(\s*['"]?([^'")\s]+)/gi)) urls.push(m[1]!);
  for (const m of html.matchAll(/@import\s+['"]([^'"]+)/gi)) urls.push(m[1]!);
  return urls.filter(Boolean);
}

function staticImports(js: string): string[] {
  const found: string[] = [];
  for (const m of js.matchAll(/\bimport\s*(?:[^'"();]*?\bfrom\s*)?["']([^"']+)["']/g)) found.push(m[1]!);
  for (const m of js.matchAll(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g)) found.push(m[1]!);
  return found;
}

/** Reads a same-origin asset by URL path (from dist/ when measuring a build). */
export type AssetReader = (path: string) => string | undefined;

export function distReader(dist = distDir): AssetReader {
  return (path) => {
    const file = join(dist, decodeURIComponent(path.split(/[?#]/)[0]!));
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };
}

/** Measures one HTML document; `readAsset` supplies its same-origin stylesheets and scripts. */
export function measureHtml(html: string, readAsset: AssetReader): PageWeight {
  const htmlGzip = gzipSize(html);
  const inlineCss = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!).join('');

  let linkedCssGzip = 0;
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = parseAttributes(m[1]!);
    const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    const media = (attrs.media ?? 'all').toLowerCase();
    if (!rels.includes('stylesheet') || !attrs.href || !isSameOriginPath(attrs.href) || media === 'print') continue;
    linkedCssGzip += gzipSize(readAsset(attrs.href) ?? '');
  }

  const scripts: ScriptTag[] = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => {
    const attrs = parseAttributes(m[1]!);
    return { src: attrs.src, type: attrs.type, defer: 'defer' in attrs, async: 'async' in attrs, inline: m[2]! };
  });
  const executable = scripts.filter((s) => !dataScriptTypes.includes((s.type ?? '').toLowerCase()));
  const blockingScripts = executable.filter((s) => s.type !== 'module' && !s.defer && !(s.async && s.src));

  let jsGzip = 0;
  const seen = new Set<string>();
  const addScriptFile = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const js = readAsset(path);
    if (js === undefined) return;
    jsGzip += gzipSize(js);
    for (const spec of staticImports(js)) {
      if (spec.startsWith('/')) addScriptFile(spec);
      else if (spec.startsWith('.')) addScriptFile(new URL(spec, `http://x${path}`).pathname);
    }
  };
  for (const script of executable) {
    if (script.src) {
      if (isSameOriginPath(script.src)) addScriptFile(script.src);
    } else if (script.inline.trim()) {
      jsGzip += gzipSize(script.inline);
      for (const spec of staticImports(script.inline)) if (spec.startsWith('/')) addScriptFile(spec);
    }
  }

  return {
    htmlBytes: Buffer.byteLength(html),
    htmlGzip,
    inlineCssGzip: inlineCss ? gzipSize(inlineCss) : 0,
    linkedCssGzip,
    blockingGzip: htmlGzip + linkedCssGzip,
    jsGzip,
    scripts,
    blockingScripts,
    externalRequests: requestedUrls(html).filter(isExternal),
  };
}

export function measurePage(page: BuiltPage, dist = distDir): PageWeight {
  return measureHtml(readFileSync(page.file, 'utf8'), distReader(dist));
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}
