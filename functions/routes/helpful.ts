import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ui } from '../../site/i18n/ui.ts';
import { guideUrl } from '../../site/utils/urls.ts';
import { GuideSlug, pageParams } from '../middleware/page-params.ts';
import type { AppEnv } from '../env.ts';
import { apiError, notFoundPage } from '../errors.ts';
import { guideCatalog } from '../guide-catalog.ts';
import { recordUsage } from '../usage/events.ts';
import { FeedbackProblem } from '../views/feedback-problem.tsx';
import { renderInShell } from '../views/render-page.ts';

/**
 * "Hướng dẫn này có giúp ích không?" — the answer of a plain HTML form
 * (site/components/HelpfulForm.astro), so it works without JavaScript:
 * POST /huong-dan/<slug>/gop-y/ with answer=yes|no, then 303 back to the guide
 * at ?da-gop-y=1#gop-y (the form shows its thanks there).
 */
export const helpful = new Hono<AppEnv>();

const answers = { yes: 'helpful_yes', no: 'helpful_no' } as const;

function wantsJson(c: Context<AppEnv>): boolean {
  const accept = c.req.header('accept') ?? '';
  return /application\/json/i.test(accept) && !/text\/html/i.test(accept);
}

async function problem(c: Context<AppEnv>, status: 400 | 429, code: string, message: string, slug?: string) {
  if (wantsJson(c)) return apiError(c, status, code, message);
  const res = await renderInShell(c, {
    title: ui.usage.feedbackErrorTitle,
    description: message,
    main: FeedbackProblem({ message, slug }).toString(),
    status,
    cacheControl: 'no-store',
  });
  if (status === 429) res.headers.set('retry-after', '60');
  return res;
}

const unknownGuide = (c: Context<AppEnv>) => (wantsJson(c) ? apiError(c, 404, 'not_found', ui.toolkit.unknownGuide) : notFoundPage(c));

helpful.on('POST', ['/huong-dan/:slug/gop-y/', '/huong-dan/:slug/gop-y'], pageParams(z.object({ slug: GuideSlug }), unknownGuide), async (c) => {
  const { slug } = c.req.valid('param');
  if (!(await guideCatalog(c.env, c.req.url)).has(slug)) return unknownGuide(c);
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    return problem(c, 400, 'bad_request', ui.usage.feedbackBadAnswer, slug);
  }
  let value: unknown;
  try {
    value = (await c.req.parseBody()).answer;
  } catch {
    return problem(c, 400, 'bad_request', ui.usage.feedbackBadAnswer, slug);
  }
  if (value !== 'yes' && value !== 'no') return problem(c, 400, 'bad_answer', ui.usage.feedbackBadAnswer, slug);

  const outcome = await recordUsage(c, { guide: slug, kind: answers[value] });
  if (outcome === 'rate_limited') return problem(c, 429, 'too_many_requests', ui.usage.feedbackTooMany, slug);
  c.header('cache-control', 'no-store');
  return c.redirect(`${guideUrl(slug)}?da-gop-y=1#gop-y`, 303);
});
