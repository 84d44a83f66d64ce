import type { Env } from './env.ts';

/**
 * The site's one public origin (https://…, no trailing slash): canonical
 * links, og:url, share links, QR codes and the OpenAPI `servers` entry are
 * built from it. It is the SITE_URL the site was built with, set as a Worker
 * var at deploy (`npm run deploy`); wrangler.toml holds the local default.
 * Never derived from the request: a forged Host header must not end up in a
 * printed QR code or a search engine's canonical URL.
 */
export function siteOrigin(env: Pick<Env, 'SITE_URL'>): string {
  return new URL(env.SITE_URL).origin;
}
