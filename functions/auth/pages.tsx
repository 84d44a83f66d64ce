import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { adminDirectoryUi, adminUi as t } from '../../site/i18n/admin-ui.ts';
import { ui } from '../../site/i18n/ui.ts';
import { Notice } from '../views/notice.tsx';
import type { AppEnv } from '../env.ts';
import { apiError } from '../errors.ts';
import { renderInShell, type PageContent } from '../views/render-page.ts';

/**
 * Every admin page: the site's shell, never cached nor indexed (it shows
 * private data and per-session forms).
 */
export async function adminPage(c: Context, page: { title: string; main: Child; status?: PageContent['status'] }): Promise<Response> {
  // A JSX tree with an async component renders to a promise: String() would throw on it.
  const main = page.main as unknown as string | { toString(): string | Promise<string> } | null | undefined;
  const shell = await renderInShell(c as unknown as Context<AppEnv>, {
    title: page.title,
    description: t.description,
    main: main === null || main === undefined ? '' : typeof main === 'string' ? main : main.toString(),
    status: page.status,
    cacheControl: 'private, no-store',
  });
  // Through c.body so cookies set on the context (session, CSRF) go out with the page.
  return c.body(shell.body as ReadableStream, shell.status as 200, {
    ...Object.fromEntries(shell.headers),
    'x-robots-tag': 'noindex, nofollow',
    'referrer-policy': 'same-origin',
  });
}

/** A form that could not be read (functions/middleware/readable-form.ts): nothing changed. */
export function unreadableFormPage(c: Context, message: string): Promise<Response> {
  return adminPage(c, {
    title: ui.badInput.unreadableTitle,
    status: 400,
    main: (
      <>
        <h1>{ui.badInput.unreadableTitle}</h1>
        <p class="notice notice-error" role="alert">
          {message}
        </p>
        <AdminHomeLink />
      </>
    ),
  });
}

/** The link back to the admin home that opens most admin pages. */
export const AdminHomeLink = () => (
  <p>
    <a href="/quan-tri/">{adminDirectoryUi.nav.home}</a>
  </p>
);

/** 403: cross-scope, missing CSRF token, or a change before two-step sign-in is on. Changes nothing. */
export function forbiddenPage(c: Context, reason: 'csrf' | 'scope' | 'two_factor'): Promise<Response> | Response {
  const message = t.forbidden[reason];
  if (c.req.path.startsWith('/api/')) return apiError(c, 403, reason === 'scope' ? 'forbidden' : reason, message);
  return adminPage(c, {
    title: t.forbiddenTitle,
    status: 403,
    main: (
      <>
        <h1>{t.forbiddenTitle}</h1>
        <Notice tone="error">{message}</Notice>
        {reason === 'two_factor' ? (
          <p>
            <a class="button" href="/quan-tri/hai-buoc/cai-dat">
              {t.twoFactor.setupLink}
            </a>
          </p>
        ) : null}
        <p>
          <a href="/quan-tri/">{t.backHome}</a>
        </p>
      </>
    ),
  });
}

/** A form sent twice (or from an old page): nothing more changed (functions/auth/once.tsx). */
export function onceRefusedPage(c: Context, reason: 'missing' | 'repeated'): Promise<Response> {
  const title = reason === 'missing' ? ui.formOnce.missingTitle : ui.formOnce.repeatedTitle;
  return adminPage(c, {
    title,
    status: reason === 'missing' ? 400 : 409,
    main: (
      <>
        <h1>{title}</h1>
        <Notice tone={reason === 'missing' ? 'error' : 'info'}>{reason === 'missing' ? ui.formOnce.missing : ui.formOnce.repeated}</Notice>
        <p>
          <a href="/quan-tri/">{t.backHome}</a>
        </p>
      </>
    ),
  });
}
