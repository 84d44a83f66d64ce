// The preview image Worker (issue 20): draws a guide's 1200×630 link preview
// the first time someone asks for it and keeps it in the edge cache. Its own
// Worker, reached only through the citizens' Worker's OG_IMAGES service
// binding (wrangler.og.toml): satori and resvg are WebAssembly megabytes that
// must not load with every guide view. Drawing at the edge instead of at build
// time takes the images off the build (1,000 images were a third of it), and
// the cache, keyed by the image's text and renderer version (contract.ts),
// outlives deploys: only new or retitled guides are ever drawn again.
import { ogImageTextOf } from './contract.ts';
import { renderOgImage } from './render.ts';

/** The cached image never changes: its key holds everything it shows. */
const CACHED_FOR = 'public, max-age=31536000, immutable';

export default {
  async fetch(request, _env, ctx): Promise<Response> {
    if (request.method !== 'GET') return new Response(null, { status: 405, headers: { allow: 'GET' } });
    const text = ogImageTextOf(new URL(request.url));
    if (!text) return new Response(null, { status: 404 });
    const cache = (caches as unknown as { default: Cache }).default;
    const kept = await cache.match(request.url);
    if (kept) return kept;
    const png = await renderOgImage(text);
    const drawn = new Response(png as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'image/png', 'cache-control': CACHED_FOR } });
    ctx.waitUntil(cache.put(request.url, drawn.clone()));
    return drawn;
  },
} satisfies ExportedHandler;
