import { Hono } from 'hono';
import { limitAdminBody } from '../../auth/body-limit.tsx';
import { requireCsrf } from '../../auth/csrf.tsx';
import { onceOnly } from '../../auth/once.tsx';
import { onceRefusedPage } from '../../auth/pages.tsx';
import { noStore, requireOfficial, requireTwoFactorForChanges, type AdminEnv } from '../../auth/middleware.ts';
import { adminAccounts } from './accounts.tsx';
import { adminAuditLog } from './audit-log.tsx';
import { adminDirectory } from './directory.tsx';
import { adminHome } from './home.tsx';
import { assistsAdmin } from './assists.tsx';
import { adminExport, adminImport } from './import.tsx';
import { signInRoutes } from './sign-in.tsx';
import { twoFactorSetup } from './two-factor.tsx';
import { adminSecurity } from './security.tsx';

/**
 * The officials' area: every path under /quan-tri/ (basePath), mounted at '/'
 * like every router. Order matters: every request
 * passes noStore and requireCsrf; sign-in, second step, sign-out and
 * invitations answer without a session; everything after requireOfficial
 * needs one, and requireTwoFactorForChanges stops national and province
 * admins from changing anything before two-step sign-in is on (its own setup
 * page excepted, mounted before it).
 */
export const admin = new Hono<AdminEnv>().basePath('/quan-tri/');
admin.use('*', noStore, limitAdminBody, requireCsrf);
admin.route('/', signInRoutes);

/** Routes that need a signed-in official; mount new admin pages here (see notes/auth.md). */
export const officialArea = new Hono<AdminEnv>();
officialArea.use('*', requireOfficial);
// Every officials' form is sent once (issue 16): a double tap or a resent form changes nothing more.
// The upload's first step only stages a preview: a double tap shows it, rather than "already sent".
officialArea.use(
  '*',
  onceOnly({ missing: (c) => onceRefusedPage(c, 'missing'), repeated: (c) => onceRefusedPage(c, 'repeated') }, { except: ['/quan-tri/nhap/'] }),
);
officialArea.route('/hai-buoc/cai-dat', twoFactorSetup);
// An official's own account (issue 16): a password may change before two-step sign-in is on.
officialArea.route('/bao-mat', adminSecurity);
officialArea.use('*', requireTwoFactorForChanges);
officialArea.route('/', adminHome);
officialArea.route('/', adminDirectory);
officialArea.route('/tai-khoan', adminAccounts);
officialArea.route('/nhat-ky', adminAuditLog);
officialArea.route('/nhap/', adminImport);
officialArea.route('/xuat', adminExport);
// Members' assists (issue 9): report with names, sign-in links, voiding, targets.
officialArea.route('/ho-tro/', assistsAdmin);

admin.route('/', officialArea);
