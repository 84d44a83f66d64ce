import { Hono } from 'hono';
import { limitAdminBody } from '../../auth/body-limit.tsx';
import { requireCsrf } from '../../auth/csrf.tsx';
import { refuseUnreadableForm } from '../../middleware/readable-form.ts';
import { onceOnly } from '../../auth/once.tsx';
import { onceRefusedPage, unreadableFormPage } from '../../auth/pages.tsx';
import { noStore, type AdminEnv } from '../../auth/middleware.ts';
import { adminAccounts } from './accounts.tsx';
import { adminAuditLog } from './audit-log.tsx';
import { adminDirectory } from './directory.tsx';
import { adminHome } from './home.tsx';
import { assistsAdmin } from './assists.tsx';
import { adminAlerts } from './alerts.tsx';
import { assistsTrustAdmin } from './assists-trust.tsx';
import { adminExport, adminImport } from './import.tsx';
import { signInRoutes } from './sign-in.tsx';
import { twoFactorSetup } from './two-factor.tsx';
import { rosterAdmin } from './roster.tsx';
import { adminSecurity } from './security.tsx';

/**
 * The officials' area: every path under /quan-tri/ (basePath), mounted at '/'
 * like every router. Every request passes noStore, the body limit and
 * requireCsrf; who may call each route is declared on the route itself with
 * a guard from functions/auth/guard.ts (officials(), anyone()), which also
 * stops national and province admins from changing anything before two-step
 * sign-in is on. test/worker/route-guards.test.ts fails for a route without one.
 */
export const admin = new Hono<AdminEnv>().basePath('/quan-tri/');
admin.use('*', noStore, limitAdminBody, refuseUnreadableForm(unreadableFormPage), requireCsrf);
admin.route('/', signInRoutes);
// Every officials' form is sent once (issue 16): a double tap or a resent form changes nothing more.
// After the sign-in routes, which answer before it. The upload's first step only stages a preview:
// a double tap shows it again. Alerts and rosters keep their own once-only form keys.
admin.use(
  '*',
  onceOnly(
    { missing: (c) => onceRefusedPage(c, 'missing'), repeated: (c) => onceRefusedPage(c, 'repeated') },
    // Before the routes' guards: a request no guard signed in gives its token back.
    { except: ['/quan-tri/nhap/'], exceptUnder: ['/quan-tri/canh-bao/', '/quan-tri/lich/'], letIn: (c) => c.get('official') !== undefined },
  ),
);
admin.route('/hai-buoc/cai-dat', twoFactorSetup);
// An official's own account (issue 16): a password may change before two-step sign-in is on.
admin.route('/bao-mat', adminSecurity);
admin.route('/', adminHome);
admin.route('/', adminDirectory);
admin.route('/tai-khoan', adminAccounts);
admin.route('/nhat-ky', adminAuditLog);
admin.route('/nhap/', adminImport);
admin.route('/xuat', adminExport);
// Members' assists (issue 9): report with names, sign-in links, voiding, targets.
admin.route('/ho-tro/', assistsAdmin);
// Issue 23: why help stalls, the allowance sheet and its rates, honesty checks.
admin.route('/ho-tro/', assistsTrustAdmin);
// Scam alerts (issue 18): publish, edit, withdraw; where they were passed on.
admin.route('/canh-bao/', adminAlerts);
// Duty shifts and help sessions (issue 17).
admin.route('/lich/', rosterAdmin);
