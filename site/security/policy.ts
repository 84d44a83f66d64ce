// The site's security headers, shared by the build (dist/_headers, for the
// assets Cloudflare serves without the Worker) and the Worker (every response
// it answers): one policy, two places it is applied.

/** Hashes ('sha256-…') of what a page may inline; everything else must come from the site's own origin. */
export interface InlineHashes {
  scripts: string[];
  styles: string[];
  /** Inline style="…" attributes (CSP 'unsafe-hashes': only these exact values). */
  styleAttributes?: string[];
}

/** Where the build writes the hashes of everything the built pages inline (read by the Worker). */
export const CSP_HASHES_PATH = '/du-lieu/csp.json';

const quoted = (hashes: string[]) => [...new Set(hashes)].sort().map((h) => `'${h}'`);

/**
 * The Content-Security-Policy: the site's own scripts, styles, images, fonts
 * and connections only; inline code only by hash; Pagefind's WebAssembly
 * ('wasm-unsafe-eval', not 'unsafe-eval'); the service worker and web
 * manifest from the same origin; never framed, no plugins, forms and <base>
 * to the site only.
 */
export function contentSecurityPolicy(hashes: InlineHashes): string {
  const attributes = hashes.styleAttributes?.length ? ["'unsafe-hashes'", ...quoted(hashes.styleAttributes)] : [];
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...quoted(hashes.scripts)].join(' '),
    ["style-src 'self'", ...quoted(hashes.styles), ...attributes].join(' '),
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Every header but the CSP, the same on every response. */
export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  // Links to official sites say only which site the reader came from, never the page.
  'referrer-policy': 'strict-origin-when-cross-origin',
  // Nothing here needs a camera, microphone, location, payment or sensors.
  'permissions-policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), accelerometer=(), gyroscope=(), magnetometer=(), browsing-topics=()',
  // For browsers that predate CSP frame-ancestors.
  'x-frame-options': 'DENY',
};

/** HTTPS only (the Worker adds it only on https requests; browsers ignore it over http anyway). */
export const HSTS = 'max-age=31536000; includeSubDomains';
