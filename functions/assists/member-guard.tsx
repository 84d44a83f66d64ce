import type { Context, MiddlewareHandler } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import type { AppEnv } from '../env.ts';
import { NotSignedIn } from '../views/member-area.tsx';
import { renderInShell, type PageContent } from '../views/render-page.ts';
import { currentSession } from '../auth/session-core.ts';
import { memberSessions, setMemberCodeCookie, type SignedInMember } from './member-auth.ts';

/** Hono env of the members' area: `c.get('member')` is the signed-in member. */
export type MemberEnv = AppEnv & { Variables: { member: SignedInMember } };

/** Every member page is personal: never cached, never indexed, never sent as a referrer. */
export async function memberPage(c: Context, page: Omit<PageContent, 'cacheControl'>) {
  const res = await renderInShell(c as Context<AppEnv>, { ...page, cacheControl: 'private, no-store' });
  res.headers.set('x-robots-tag', 'noindex');
  // Sign-in links carry their token in the path: never pass it on to a linked site.
  res.headers.set('referrer-policy', 'no-referrer');
  // Cookies set on the context (sign-out, an ended session) go with the page.
  for (const cookie of c.res.headers.getSetCookie()) res.headers.append('set-cookie', cookie);
  return res;
}

/** The members' guard (see functions/auth/guard.ts `members()`): a current member's session, or the 401 page. */
export function memberGuard(): MiddlewareHandler<MemberEnv> {
  return async (c, next) => {
    // A cookie that opens no current member's session is cleared here.
    const member = (await currentSession(c, c.var.db, memberSessions))?.member;
    if (!member) {
      return memberPage(c, {
        title: ui.member.notSignedInTitle,
        description: ui.member.areaDescription,
        status: 401,
        main: (<NotSignedIn />).toString(),
      });
    }
    c.set('member', member);
    // Shares from the guide pages carry the signed-in member's code (issue 16).
    setMemberCodeCookie(c, member.code);
    await next();
  };
}
