import { Hono, type Context } from 'hono';
import { adminUi } from '../../../site/i18n/admin-ui.ts';
import { auditStatement, placeOf, writeAudit } from '../../auth/audit.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { anyone } from '../../auth/guard.ts';
import { consumeInvitation, findInvitation, invitationState, type OpenInvitation } from '../../auth/invitations.ts';
import { safeNext, twoStepPath, type AdminEnv } from '../../auth/middleware.ts';
import { roleLabels } from '../../auth/official.ts';
import { adminPage } from '../../auth/pages.tsx';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from '../../auth/password.ts';
import { isKnownDevice, rememberDevice } from '../../auth/known-device.ts';
import { failedSignInDelayMs, pause, signInAllowed } from '../../auth/rate-limit.ts';
import { officialSessions, secondStepDoneStatement, startOfficialSession } from '../../auth/session.ts';
import { currentSession, endAllSessionsStatement, endCurrentSession } from '../../auth/session-core.ts';
import { hashRecoveryCode, totpStep } from '../../auth/totp.ts';
import { usernameProblem } from '../../auth/username.ts';
import { acceptInvitationFormSchema, signInFormSchema, twoStepFormSchema } from '../../auth/form-schemas.ts';
import { readForm } from '../../forms/read-form.ts';
import { FieldInput } from '../../views/field.tsx';
import { Notice } from '../../views/notice.tsx';

const t = adminUi;

/** Sign-in, second step, sign-out and invitations: the admin routes reachable without a session. */
export const signInRoutes = new Hono<AdminEnv>();

function SignInForm({ csrf, next, username = '', error, notice }: { csrf: string; next: string; username?: string; error?: string; notice?: string }) {
  return (
    <>
      <h1>{t.signIn.title}</h1>
      <p>{t.signIn.intro}</p>
      {notice && <Notice tone="success">{notice}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
      <form method="post" action={`/quan-tri/dang-nhap${next !== '/quan-tri/' ? `?tiep=${encodeURIComponent(next)}` : ''}`}>
        <CsrfField token={csrf} />
        <div class="field">
          <FieldInput
            id="username"
            name="username"
            label={t.signIn.username}
            hint={t.signIn.usernameHint}
            value={username}
            required
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            maxlength={64}
          />
        </div>
        <div class="field">
          <FieldInput
            id="password"
            name="password"
            type="password"
            label={t.signIn.password}
            hint={t.signIn.passwordHint}
            required
            autocomplete="current-password"
            maxlength={256}
          />
        </div>
        <p>
          <button type="submit">{t.signIn.submit}</button>
        </p>
      </form>
    </>
  );
}

signInRoutes.get('/dang-nhap', anyone('the sign-in form'), async (c) => {
  const next = safeNext(c.req.query('tiep'));
  const session = await currentSession(c, c.var.db, officialSessions);
  if (session?.twoFactorVerified || (session && !session.official.twoFactorEnabled)) return c.redirect(next, 303);
  const notice = c.req.query('da-dang-xuat') !== undefined ? t.signIn.signedOut : undefined;
  return adminPage(c, { title: t.signIn.title, main: <SignInForm csrf={csrfToken(c)} next={next} notice={notice} /> });
});

interface CredentialRow {
  id: number;
  password_hash: string;
  disabled_at: number | null;
  totp_enabled_at: number | null;
  province_code: string | null;
  commune_code: string | null;
  username: string;
}

signInRoutes.post('/dang-nhap', anyone('signing in'), async (c) => {
  const form = await readForm(c, signInFormSchema);
  const { username, password } = form.ok ? form.data : { username: '', password: '' };
  const next = safeNext(c.req.query('tiep'));
  const again = (status: 400 | 429, error: string) =>
    adminPage(c, { title: t.signIn.title, status, main: <SignInForm csrf={csrfToken(c)} next={next} username={username} error={error} /> });
  if (!username || !password) return again(400, t.signIn.missing);
  if (!(await signInAllowed(c.env, c.req.raw, username, () => isKnownDevice(c, c.var.db, username)))) return again(429, t.signIn.blocked);

  const account = await c.var.db
    .prepare('SELECT id, username, password_hash, disabled_at, totp_enabled_at, province_code, commune_code FROM officials WHERE username = ?')
    .bind(username)
    .first<CredentialRow>();
  // Unknown usernames are checked against a dummy hash: same work, same answer, same time.
  const valid = await verifyPassword(password, account?.password_hash ?? (await dummyPasswordHash()));
  if (!account || !valid || account.disabled_at !== null) {
    if (account)
      await writeAudit(c.var.db, {
        actor: 'anonymous',
        action: 'sign_in.failed',
        place: { provinceCode: account.province_code, communeCode: account.commune_code },
        subject: `official:${account.id}`,
      });
    await pause(failedSignInDelayMs);
    return again(400, t.signIn.wrong);
  }
  const twoStep = account.totp_enabled_at !== null;
  await rememberDevice(c, c.var.db, account.id);
  await startOfficialSession(c, c.var.db, account.id, !twoStep);
  await c.var.db.batch([
    auditStatement(c.var.db, {
      actor: { id: account.id, username: account.username },
      action: twoStep ? 'sign_in.password' : 'sign_in',
      place: { provinceCode: account.province_code, communeCode: account.commune_code },
      subject: `official:${account.id}`,
    }),
  ]);
  return c.redirect(twoStep ? `${twoStepPath}?tiep=${encodeURIComponent(next)}` : next, 303);
});

function TwoStepForm({ csrf, next, error }: { csrf: string; next: string; error?: string }) {
  return (
    <>
      <h1>{t.twoFactor.title}</h1>
      <p>{t.twoFactor.verifyIntro}</p>
      {error && <Notice tone="error">{error}</Notice>}
      <form method="post" action={`${twoStepPath}?tiep=${encodeURIComponent(next)}`}>
        <CsrfField token={csrf} />
        <div class="field">
          <FieldInput
            id="ma"
            name="ma"
            label={t.twoFactor.code}
            hint={t.twoFactor.codeHint}
            required
            autocomplete="one-time-code"
            inputmode="text"
            autocapitalize="none"
            spellcheck={false}
            maxlength={24}
          />
        </div>
        <p>
          <button type="submit">{t.twoFactor.verify}</button>
        </p>
      </form>
    </>
  );
}

/** The session between password and second step (or undefined). */
async function pendingSession(c: Context<AdminEnv>) {
  const session = await currentSession(c, c.var.db, officialSessions);
  return session?.official.twoFactorEnabled && !session.twoFactorVerified ? session : undefined;
}

signInRoutes.get('/hai-buoc', anyone('the second step: its own half-signed-in session'), async (c) => {
  const next = safeNext(c.req.query('tiep'));
  if (!(await pendingSession(c))) return c.redirect('/quan-tri/dang-nhap', 303);
  return adminPage(c, { title: t.twoFactor.title, main: <TwoStepForm csrf={csrfToken(c)} next={next} /> });
});

signInRoutes.post('/hai-buoc', anyone('the second step: its own half-signed-in session'), async (c) => {
  const next = safeNext(c.req.query('tiep'));
  const session = await pendingSession(c);
  if (!session) return c.redirect('/quan-tri/dang-nhap', 303);
  const official = session.official;
  const form = await readForm(c, twoStepFormSchema);
  const code = form.ok ? form.data.ma : '';
  const again = (status: 400 | 429, error: string) =>
    adminPage(c, { title: t.twoFactor.title, status, main: <TwoStepForm csrf={csrfToken(c)} next={next} error={error} /> });
  if (!(await signInAllowed(c.env, c.req.raw, `totp:${official.username}`))) return again(429, t.signIn.blocked);

  const db = c.var.db;
  const row = await db.prepare('SELECT totp_key FROM officials WHERE id = ?').bind(official.id).first<{ totp_key: string | null }>();
  let method: 'totp' | 'recovery_code' | undefined;
  const step = row?.totp_key ? totpStep(row.totp_key, code) : null;
  if (step !== null) {
    // Each code works once: only a step later than the last accepted one.
    const accepted = await db
      .prepare('UPDATE officials SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)')
      .bind(step, official.id, step)
      .run();
    if (accepted.meta.changes === 1) method = 'totp';
  } else if (code.length >= 16) {
    const used = await db
      .prepare('UPDATE official_recovery_codes SET used_at = ? WHERE official_id = ? AND code_hash = ? AND used_at IS NULL')
      .bind(Date.now(), official.id, await hashRecoveryCode(code))
      .run();
    if (used.meta.changes === 1) method = 'recovery_code';
  }
  if (!method) {
    await pause(failedSignInDelayMs);
    return again(400, t.twoFactor.wrongCode);
  }
  await db.batch([
    secondStepDoneStatement(db, session.id),
    auditStatement(db, { actor: official, action: 'sign_in', place: placeOf(official), subject: `official:${official.id}`, after: { secondStep: method } }),
  ]);
  return c.redirect(next, 303);
});

signInRoutes.post('/dang-xuat', anyone('signing out ends whatever session the cookie holds'), async (c) => {
  await endCurrentSession(c, c.var.db, officialSessions);
  return c.redirect('/quan-tri/dang-nhap?da-dang-xuat', 303);
});

signInRoutes.post('/dang-xuat-moi-noi', anyone("ends the sessions of the cookie's own official only"), async (c) => {
  const session = await currentSession(c, c.var.db, officialSessions);
  if (session) {
    const official = session.official;
    await c.var.db.batch([
      endAllSessionsStatement(c.var.db, officialSessions, official.id),
      auditStatement(c.var.db, { actor: official, action: 'sign_out.everywhere', place: placeOf(official), subject: `official:${official.id}` }),
    ]);
    await endCurrentSession(c, c.var.db, officialSessions);
  }
  return c.redirect('/quan-tri/dang-nhap?da-dang-xuat', 303);
});

// Invitations: GET shows the form and changes nothing (Zalo's previewer fetches
// pasted links); only the form's POST creates the account.

async function scopeName(db: D1Database, invitation: Pick<OpenInvitation, 'provinceCode' | 'communeCode'>): Promise<string> {
  if (invitation.communeCode) {
    const row = await db
      .prepare('SELECT c.name AS commune, p.name AS province FROM communes c JOIN provinces p ON p.code = c.province_code WHERE c.code = ?')
      .bind(invitation.communeCode)
      .first<{ commune: string; province: string }>();
    return row ? `${row.commune}, ${row.province}` : invitation.communeCode;
  }
  if (invitation.provinceCode) {
    const row = await db.prepare('SELECT name FROM provinces WHERE code = ?').bind(invitation.provinceCode).first<{ name: string }>();
    return row?.name ?? invitation.provinceCode;
  }
  return '';
}

function InvitationForm(props: { csrf: string; intro: string; username?: string; usernameError?: string; passwordError?: string }) {
  return (
    <>
      <h1>{t.invitation.title}</h1>
      <p>{props.intro}</p>
      <form method="post">
        <CsrfField token={props.csrf} />
        <div class="field">
          <FieldInput
            id="username"
            name="username"
            label={t.signIn.username}
            hint={t.invitation.usernameHint}
            error={props.usernameError}
            value={props.username ?? ''}
            required
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            maxlength={32}
          />
        </div>
        <div class="field">
          <FieldInput
            id="password"
            name="password"
            type="password"
            label={t.signIn.password}
            hint={t.invitation.passwordHint}
            error={props.passwordError}
            required
            minlength={10}
            autocomplete="new-password"
            maxlength={256}
          />
        </div>
        <p>
          <button type="submit">{t.invitation.submit}</button>
        </p>
      </form>
    </>
  );
}

function invitationGone(c: Context<AdminEnv>, state: keyof typeof t.invitation.gone) {
  return adminPage(c, {
    title: t.invitation.title,
    status: state === 'unknown' ? 404 : 410,
    main: (
      <>
        <h1>{t.invitation.title}</h1>
        <Notice tone="warning">{t.invitation.gone[state]}</Notice>
        <p>
          <a href="/quan-tri/dang-nhap">{t.signIn.title}</a>
        </p>
      </>
    ),
  });
}

signInRoutes.get('/moi/:token', anyone('an invitation link: the token is the credential'), async (c) => {
  const invitation = await findInvitation(c.var.db, c.req.param('token'));
  if (!invitation) return invitationGone(c, 'unknown');
  const state = invitationState(invitation);
  if (state !== 'open') return invitationGone(c, state);
  const intro = t.invitation.intro(invitation.displayName, roleLabels[invitation.role], await scopeName(c.var.db, invitation));
  return adminPage(c, { title: t.invitation.title, main: <InvitationForm csrf={csrfToken(c)} intro={intro} /> });
});

signInRoutes.post('/moi/:token', anyone('an invitation link: the token is the credential'), async (c) => {
  const db = c.var.db;
  const invitation = await findInvitation(db, c.req.param('token'));
  if (!invitation) return invitationGone(c, 'unknown');
  const state = invitationState(invitation);
  if (state !== 'open') return invitationGone(c, state);
  const form = await readForm(c, acceptInvitationFormSchema);
  const { username, password } = form.ok ? form.data : { username: '', password: '' };
  const usernameError = usernameProblem(username) ?? undefined;
  const passwordError = passwordProblem(password, username) ?? undefined;
  const again = (errors: { usernameError?: string; passwordError?: string }) =>
    scopeName(db, invitation).then((scope) =>
      adminPage(c, {
        title: t.invitation.title,
        status: 400,
        main: (
          <InvitationForm
            csrf={csrfToken(c)}
            intro={t.invitation.intro(invitation.displayName, roleLabels[invitation.role], scope)}
            username={username}
            {...errors}
          />
        ),
      }),
    );
  if (usernameError || passwordError) return again({ usernameError, passwordError });
  const taken = await db.prepare('SELECT 1 FROM officials WHERE username = ?').bind(username).first();
  if (taken) return again({ usernameError: t.invitation.usernameTaken });
  let officialId: number | undefined;
  try {
    officialId = await consumeInvitation(db, invitation.id, { username, passwordHash: await hashPassword(password) });
  } catch (error) {
    if (String(error).includes('UNIQUE')) return again({ usernameError: t.invitation.usernameTaken });
    throw error;
  }
  if (officialId === undefined) return invitationGone(c, 'used');
  await startOfficialSession(c, db, officialId, true);
  return c.redirect('/quan-tri/', 303);
});
