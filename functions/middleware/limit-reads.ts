import type { MiddlewareHandler } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from '../errors.ts';
import { addressHash, dailySalt } from '../usage/visitor.ts';
import { renderInShell } from '../views/render-page.ts';

/**
 * Reads that cost real database work when they miss the cache ("find your
 * team" with a new query, usage reports for a new period) are limited per
 * client address (READ_RATE_LIMITER, keyed by the salted address hash, never
 * stored). Mount it after the cache middleware: cached answers cost nothing
 * and are never refused. The limit is high (wrangler.toml), so many people
 * behind one carrier address are not refused; a script is.
 */
export const limitExpensiveReads: MiddlewareHandler<AppEnv> = async (c, next) => {
  let allowed = true;
  try {
    const key = await addressHash(await dailySalt(c.env.DB), c.req.raw);
    allowed = (await c.env.READ_RATE_LIMITER.limit({ key })).success;
  } catch (err) {
    // A limiter outage must not take reads down with it.
    console.warn('read limiter unavailable', err);
  }
  if (allowed) return next();
  c.header('retry-after', '60');
  if (c.req.path.startsWith('/api/')) return apiError(c, 429, 'rate_limited', ui.directory.tooManyRequests);
  return renderInShell(c, {
    title: ui.directory.tooManyRequestsTitle,
    description: ui.directory.tooManyRequests,
    main: `<h1>${ui.directory.tooManyRequestsTitle}</h1><p>${ui.directory.tooManyRequests}</p>`,
    status: 429,
    cacheControl: 'no-store',
  });
};
