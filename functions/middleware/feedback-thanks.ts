import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

/**
 * The helpful form's thanks, shown without JavaScript: after a vote the
 * reader is sent back to /huong-dan/<slug>/?da-gop-y=1#gop-y, and this turns
 * the static guide page's question into its thank-you — elements marked
 * data-helpful-question get `hidden`, those marked data-helpful-thanks lose it
 * (markup of site/components/HelpfulForm.astro).
 */
export function revealFeedbackThanks(page: Response): Response {
  return new HTMLRewriter()
    .on('[data-helpful-thanks]', { element: (el) => void el.removeAttribute('hidden') })
    .on('[data-helpful-question]', { element: (el) => void el.setAttribute('hidden', '') })
    .transform(page);
}

export const showFeedbackThanks: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.req.query('da-gop-y') !== '1') return;
  if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('text/html')) return;
  c.res = revealFeedbackThanks(c.res);
  // This answer is personal ("thank you"): not for shared caches.
  c.res.headers.set('cache-control', 'private, no-store');
};
