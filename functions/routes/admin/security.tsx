import { Hono, type Context } from 'hono';
import { adminDirectoryUi, adminOwnAccountUi as o, adminUi as t } from '../../../site/i18n/admin-ui.ts';
import { formatDateTime } from '../../../site/utils/format.ts';
import { auditStatement, placeOf } from '../../auth/audit.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import type { AdminEnv } from '../../auth/middleware.ts';
import { officials } from '../../auth/guard.ts';
import { OnceField } from '../../auth/once.tsx';
import { AdminHomeLink, adminPage } from '../../auth/pages.tsx';
import { hashPassword, passwordProblem, verifyPassword } from '../../auth/password.ts';
import { officialSessions } from '../../auth/session.ts';
import { endAllSessionsStatement, liveSessions } from '../../auth/session-core.ts';
import { replaceRecoveryCodes } from '../../auth/totp.ts';
import { FieldInput } from '../../views/field.tsx';
import { Notice } from '../../views/notice.tsx';
import { RecoveryCodeList } from '../../views/recovery-codes.tsx';
import { doneLocation, doneNotice } from './done-notice.tsx';
import { passwordChangeFormSchema, recoveryCodesFormSchema } from '../../auth/form-schemas.ts';
import { readForm } from '../../forms/read-form.ts';

/** The official's current password, asked again before a change to their own sign-in (field names are the forms' contracts). */
function CurrentPasswordField({ id, name }: { id: string; name: string }) {
  return (
    <div class="field">
      <FieldInput id={id} name={name} type="password" label={o.currentPassword} hint={o.currentPasswordHint} required autocomplete="current-password" />
    </div>
  );
}

/**
 * /quan-tri/bao-mat: an official's own account (issue 16) — two-step sign-in
 * and new recovery codes, a new password, the sessions open and signing out
 * everywhere. Mounted before the two-step requirement: an admin may change
 * their password before turning it on. Every change is audited.
 */
export const adminSecurity = new Hono<AdminEnv>();

async function passwordIsRight(c: Context<AdminEnv>, password: string): Promise<boolean> {
  const row = await c.var.db.prepare('SELECT password_hash FROM officials WHERE id = ?').bind(c.get('official').id).first<{ password_hash: string }>();
  return row !== null && password.length <= 256 && (await verifyPassword(password, row.password_hash));
}

async function securityPage(c: Context<AdminEnv>, errors: { password?: string; recovery?: string } = {}) {
  const official = c.get('official');
  const session = c.get('session');
  const csrf = csrfToken(c);
  const [done, sessions] = await Promise.all([doneNotice(c), liveSessions(c.var.db, officialSessions, official.id)]);
  return adminPage(c, {
    title: adminDirectoryUi.nav.security,
    status: errors.password || errors.recovery ? 400 : 200,
    main: (
      <>
        <AdminHomeLink />
        <h1>{adminDirectoryUi.nav.security}</h1>
        {done}
        <h2>{t.twoFactor.title}</h2>
        {official.twoFactorEnabled ? (
          <>
            <p>{t.twoFactor.alreadyOn}</p>
            <h3>{o.recoveryHeading}</h3>
            <p>{o.recoveryHint}</p>
            {errors.recovery && <Notice tone="error">{errors.recovery}</Notice>}
            <form method="post" action="/quan-tri/bao-mat/ma-khoi-phuc">
              <CsrfField token={csrf} />
              <OnceField />
              <CurrentPasswordField id="mat-khau-ma" name="mat_khau" />
              <p>
                <button type="submit" class="button-secondary">
                  {o.regenerate}
                </button>
              </p>
            </form>
          </>
        ) : (
          <p>
            <a class="button" href="/quan-tri/hai-buoc/cai-dat">
              {t.twoFactor.setupLink}
            </a>
          </p>
        )}
        <h2>{o.passwordHeading}</h2>
        {errors.password && <Notice tone="error">{errors.password}</Notice>}
        <form method="post" action="/quan-tri/bao-mat/mat-khau">
          <CsrfField token={csrf} />
          <OnceField />
          <CurrentPasswordField id="mat-khau-cu" name="mat_khau_cu" />
          <div class="field">
            <FieldInput
              id="mat-khau-moi"
              name="mat_khau_moi"
              type="password"
              label={o.newPassword}
              hint={o.newPasswordHint}
              required
              minlength={10}
              autocomplete="new-password"
            />
          </div>
          <p>
            <button type="submit">{o.changePassword}</button>
          </p>
        </form>
        <h2>{o.sessionsHeading}</h2>
        <ul>
          {sessions.map((s) => (
            <li>
              {o.sessionLine(formatDateTime(s.createdAt), formatDateTime(s.expiresAt))}
              {s.id === session.id ? o.thisSession : ''}
            </li>
          ))}
        </ul>
        <p>{t.signOutEverywhereHint}</p>
        <form method="post" action="/quan-tri/dang-xuat-moi-noi">
          <CsrfField token={csrf} />
          <button type="submit" class="button-secondary">
            {t.signOutEverywhere}
          </button>
        </form>
      </>
    ),
  });
}

adminSecurity.get('/', officials({ beforeTwoFactor: true }), (c) => securityPage(c));

/** A new password: the current one first; every other session of the account ends. */
adminSecurity.post('/mat-khau', officials({ beforeTwoFactor: true }), async (c) => {
  const official = c.get('official');
  const form = await readForm(c, passwordChangeFormSchema);
  const { mat_khau_cu: current, mat_khau_moi: next } = form.ok ? form.data : { mat_khau_cu: '', mat_khau_moi: '' };
  if (!(await passwordIsRight(c, current))) return securityPage(c, { password: o.wrongPassword });
  const problem = passwordProblem(next, official.username);
  if (problem) return securityPage(c, { password: problem });
  const db = c.var.db;
  await db.batch([
    db.prepare('UPDATE officials SET password_hash = ? WHERE id = ?').bind(await hashPassword(next), official.id),
    endAllSessionsStatement(db, officialSessions, official.id, c.get('session').id),
    auditStatement(db, { actor: official, action: 'official.password.change', place: placeOf(official), subject: `official:${official.id}` }),
  ]);
  return c.redirect(doneLocation('/quan-tri/bao-mat', 'doi-mat-khau', official.id), 303);
});

/** New recovery codes (the old ones stop working), shown once; the password first. */
adminSecurity.post('/ma-khoi-phuc', officials({ beforeTwoFactor: true }), async (c) => {
  const official = c.get('official');
  if (!official.twoFactorEnabled) return c.redirect('/quan-tri/hai-buoc/cai-dat', 303);
  const form = await readForm(c, recoveryCodesFormSchema);
  if (!(await passwordIsRight(c, form.ok ? form.data.mat_khau : ''))) return securityPage(c, { recovery: o.wrongPassword });
  const db = c.var.db;
  const { codes, statements } = await replaceRecoveryCodes(db, official.id);
  await db.batch([
    ...statements,
    auditStatement(db, { actor: official, action: 'official.recovery_codes.regenerate', place: placeOf(official), subject: `official:${official.id}` }),
  ]);
  return adminPage(c, {
    title: o.recoveryHeading,
    main: (
      <>
        <h1>{o.recoveryHeading}</h1>
        <Notice tone="success">{o.regenerated}</Notice>
        <RecoveryCodeList codes={codes} />
        <p>
          <a class="button" href="/quan-tri/bao-mat">
            {adminDirectoryUi.nav.security}
          </a>
        </p>
      </>
    ),
  });
});
