import type { MiddlewareHandler } from 'hono';
import { contentSecurityPolicy, CSP_HASHES_PATH, HSTS, type InlineHashes, SECURITY_HEADERS } from '../../site/security/policy.ts';
import { guideSlugFromPath, guideUrl, handoutQrStyle } from '../../site/utils/urls.ts';
import type { AppEnv, Env } from '../env.ts';
import { KeptPerIsolate } from '../kept-per-isolate.ts';
import { WORKER_INLINE_SCRIPTS, WORKER_INLINE_STYLES } from '../views/inline-assets.ts';

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return `sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
}

const siteHashes = new KeptPerIsolate<InlineHashes>();

/** Per isolate: a guide's handout-QR style never changes. Bounded, as any path that looks like a guide reaches it. */
const qrStyleHashes = new Map<string, Promise<string>>();
function qrStyleHash(slug: string): Promise<string> {
  let hash = qrStyleHashes.get(slug);
  if (!hash) {
    if (qrStyleHashes.size >= 500) qrStyleHashes.clear();
    hash = sha256(handoutQrStyle(slug));
    qrStyleHashes.set(slug, hash);
  }
  return hash;
}

/**
 * The hashes of everything inlined by the built pages (written by
 * site/integrations/security-headers.ts) and by the Worker's own pages
 * (views/inline-assets.ts): read and computed once per isolate.
 */
function inlineHashes(env: Env, requestUrl: string): Promise<InlineHashes> {
  return siteHashes.get(CSP_HASHES_PATH, async () => {
    const res = await env.ASSETS.fetch(new URL(CSP_HASHES_PATH, requestUrl));
    // Written by every build: without it, pages would lose their inline CSS. Retried on the next request.
    if (!res.ok) throw new Error(`${CSP_HASHES_PATH} is missing from the built site (${res.status})`);
    const built = await res.json<InlineHashes>();
    return {
      scripts: [...built.scripts, ...(await Promise.all(WORKER_INLINE_SCRIPTS.map(sha256)))],
      styles: [...built.styles, ...(await Promise.all(WORKER_INLINE_STYLES.map(sha256)))],
    };
  });
}

/**
 * Security headers on every answer of the Worker — pages, API, redirects,
 * errors and the assets it passes through — the same as dist/_headers gives
 * the assets Cloudflare serves directly. A guide page also allows its own
 * handout-QR style attribute, by hash. HSTS only over https.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const hashes = await inlineHashes(c.env, c.req.url);
  const slug = guideSlugFromPath(c.req.path);
  const styleAttributes = slug && c.req.path === guideUrl(slug) ? [await qrStyleHash(slug)] : [];
  // Responses from fetch() (assets) have immutable headers: answer with a copy.
  const res = new Response(c.res.body, c.res);
  res.headers.set('content-security-policy', contentSecurityPolicy({ ...hashes, styleAttributes }));
  // A route may set a stricter one itself (the member sign-in page: no-referrer, its URL holds a token).
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!res.headers.has(name)) res.headers.set(name, value);
  // Over http (local dev) never: an asset passed through carries it from dist/_headers.
  if (new URL(c.req.url).protocol === 'https:') res.headers.set('strict-transport-security', HSTS);
  else res.headers.delete('strict-transport-security');
  c.res = undefined;
  c.res = res;
};
