import { Hono } from 'hono';
import { adminUi } from '../../../site/i18n/admin-ui.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import type { AdminEnv } from '../../auth/middleware.ts';
import { mustUseTwoFactor, roleLabels } from '../../auth/official.ts';
import { adminPage } from '../../auth/pages.tsx';

const t = adminUi;

export const adminHome = new Hono<AdminEnv>();

adminHome.get('/', async (c) => {
  const official = c.get('official');
  const csrf = csrfToken(c);
  return adminPage(c, {
    title: t.areaName,
    main: (
      <>
        <h1>{t.areaName}</h1>
        <p>
          {official.displayName} — {roleLabels[official.role]}
        </p>
        {mustUseTwoFactor(official) && !official.twoFactorEnabled && (
          <p class="notice notice-warning">
            {t.twoFactor.required} <a href="/quan-tri/hai-buoc/cai-dat">{t.twoFactor.setupLink}</a>
          </p>
        )}
        <form method="post" action="/quan-tri/dang-xuat">
          <CsrfField token={csrf} />
          <button type="submit" class="button-secondary">
            {t.signOut}
          </button>
        </form>
      </>
    ),
  });
});
