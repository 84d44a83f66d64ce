// Citizens confirm the help they got (issue 23): /xac-nhan/ (type a code) and
// /xac-nhan/<code>/ (the QR code's address). Opening a page changes nothing;
// only the button's POST confirms, and only from a person's own browser.
import { type Context, Hono } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import { confirmAssist, confirmationPath, hasConfirmed, inspectConfirmationCode, normalizeConfirmationCode } from '../assists/confirmations.ts';
import { memberSessions } from '../assists/member-auth.ts';
import { peekSession } from '../auth/session-core.ts';
import type { AppEnv } from '../env.ts';
import { uncountableReason } from '../usage/honest-count.ts';
import { addressHash, dailySalt, visitorHash } from '../usage/visitor.ts';
import { ConfirmPage, EnterCodePage, type Refusal, RefusedPage, ThanksPage } from '../views/confirmation.tsx';
import { type PageContent, renderInShell } from '../views/render-page.ts';

const t = ui.confirm;

export const confirmations = new Hono<AppEnv>();

/** Never cached or indexed; the code in the path is not sent on to any linked site. */
async function confirmPage(c: Context<AppEnv>, page: Omit<PageContent, 'cacheControl' | 'description'> & { description?: string }) {
  const res = await renderInShell(c, { description: t.description, ...page, cacheControl: 'private, no-store' });
  res.headers.set('x-robots-tag', 'noindex');
  res.headers.set('referrer-policy', 'no-referrer');
  if (page.status === 429) res.headers.set('retry-after', '60');
  return res;
}

const statusOf: Record<Refusal, 403 | 404 | 409 | 410 | 429> = {
  unknown: 404,
  expired: 410,
  voided: 410,
  full: 409,
  already: 409,
  member: 403,
  bot: 403,
  rateLimited: 429,
};

function refused(c: Context<AppEnv>, reason: Refusal, entry?: Parameters<typeof RefusedPage>[0]['entry']) {
  return confirmPage(c, { title: t.problemTitle, status: statusOf[reason], main: (<RefusedPage reason={reason} entry={entry} />).toString() });
}

/**
 * Per client address (salted hash, never stored): every code page opened and
 * every confirmation sent counts, so guessing codes stops long before it finds one.
 */
async function withinRateLimit(c: Context<AppEnv>): Promise<boolean> {
  try {
    const key = await addressHash(await dailySalt(c.env.DB), c.req.raw);
    return (await c.env.CONFIRM_RATE_LIMITER.limit({ key: `confirm:${key}` })).success;
  } catch (err) {
    // A limiter outage must not stop citizens confirming; the SQL rules still hold.
    console.warn('confirm limiter unavailable', err);
    return true;
  }
}

/** Whether this browser is signed in as a team member: the people helped confirm on their own phones. */
async function signedInMember(c: Context<AppEnv>): Promise<boolean> {
  return (await peekSession(c, c.var.db, memberSessions)) !== undefined;
}

const visitorOf = async (c: Context<AppEnv>) => visitorHash(await dailySalt(c.env.DB), c.req.raw);

// Typed codes: a GET form (looking a code up changes nothing), sent on to the code's page.
confirmations.get('/xac-nhan/', async (c) => {
  const typed = c.req.query('ma');
  if (typed === undefined) return confirmPage(c, { title: t.enterTitle, description: t.enterDescription, main: (<EnterCodePage />).toString() });
  const code = normalizeConfirmationCode(typed.slice(0, 40));
  if (code) return c.redirect(confirmationPath(code), 303);
  return confirmPage(c, {
    title: t.enterTitle,
    description: t.enterDescription,
    status: 400,
    main: (<EnterCodePage value={typed.slice(0, 40)} error={t.codeError} />).toString(),
  });
});

/** The code of the path in its stored form, or null (the path is the client's: anything may be in it). */
const codeOf = (c: Context<AppEnv>) => normalizeConfirmationCode(c.req.param('code') ?? '');

confirmations.get('/xac-nhan/:code/', async (c) => {
  if (!(await withinRateLimit(c))) return refused(c, 'rateLimited');
  const code = codeOf(c);
  if (!code) return refused(c, 'unknown');
  // Typed in lower case or with O for 0: the one canonical address.
  if (c.req.param('code') !== code) return c.redirect(confirmationPath(code), 301);
  // Independent reads, started together: a phone on a slow network waits for one round of D1, not three.
  const [view, confirmed, member] = await Promise.all([
    inspectConfirmationCode(c.var.db, code),
    visitorOf(c).then((visitor) => hasConfirmed(c.var.db, code, visitor)),
    signedInMember(c),
  ]);
  if (!view.entry) return refused(c, 'unknown');
  if (confirmed) return confirmPage(c, { title: t.thanksTitle, main: (<ThanksPage entry={view.entry} />).toString() });
  if (view.state !== 'valid') return refused(c, view.state, view.entry);
  const note = member ? t.refused.member : undefined;
  return confirmPage(c, { title: t.title, main: (<ConfirmPage entry={view.entry} action={confirmationPath(code)} note={note} />).toString() });
});

confirmations.post('/xac-nhan/:code/', async (c) => {
  if (!(await withinRateLimit(c))) return refused(c, 'rateLimited');
  // Previewers, bots, prefetches, scripts and forms from other sites: the honest-count gate.
  if (uncountableReason(c.req.raw, 'POST') !== null) return refused(c, 'bot');
  const code = codeOf(c);
  if (!code) return refused(c, 'unknown');
  if (await signedInMember(c)) return refused(c, 'member', (await inspectConfirmationCode(c.var.db, code)).entry);
  const outcome = await confirmAssist(c.var.db, code, await visitorOf(c));
  if (!outcome.ok) return refused(c, outcome.state, (await inspectConfirmationCode(c.var.db, code)).entry);
  // Post/redirect/get: the code's page now thanks this visitor; reloading it sends nothing again.
  return c.redirect(confirmationPath(code), 303);
});
