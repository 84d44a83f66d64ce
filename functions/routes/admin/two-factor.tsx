import { Hono } from 'hono';
import { raw } from 'hono/html';
import { adminTwoFactorSetupUi as s1, adminUi } from '../../../site/i18n/admin-ui.ts';
import { auditStatement, placeOf } from '../../auth/audit.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { officials } from '../../auth/guard.ts';
import { OnceField } from '../../auth/once.tsx';
import type { AdminEnv } from '../../auth/middleware.ts';
import { carrySchema, twoFactorSetupFormSchema, type Carry } from '../../auth/form-schemas.ts';
import { readForm } from '../../forms/read-form.ts';
import { copyButtonScript } from '../../views/inline-assets.ts';
import { adminPage } from '../../auth/pages.tsx';
import { newTotpKey, replaceRecoveryCodes, totpStep, totpUri } from '../../auth/totp.ts';
import { secondStepDoneStatement } from '../../auth/session.ts';
import { FieldInput } from '../../views/field.tsx';
import { qrSvg } from '../../views/qr-svg.ts';
import { Notice } from '../../views/notice.tsx';
import { RecoveryCodeList } from '../../views/recovery-codes.tsx';

const t = adminUi.twoFactor;

/** Turning on two-step sign-in (/quan-tri/hai-buoc/cai-dat). GET stores nothing: the new key travels in the form. */
export const twoFactorSetup = new Hono<AdminEnv>();

/**
 * What the official was doing when two-step sign-in was asked for (the
 * targets form's numbers, issue 16): `tiep` (a path in the admin area) and the
 * fields they typed, carried through the set-up and back, never stored.
 */
const readCarry = (values: Record<string, unknown>): Carry => carrySchema.parse(values);

const continueHref = (carry: Carry) => {
  const next = carry.next ?? '/quan-tri/';
  const query = new URLSearchParams(carry.fields).toString();
  return query ? `${next}${next.includes('?') ? '&' : '?'}${query}` : next;
};

/**
 * Set-up on one phone: a button that opens the authenticator app (otpauth://
 * link), else the key in groups of four with a copy button, and the QR code
 * last, for an app on a second device.
 */
function SetupForm({ csrf, keyText, username, error, carry }: { csrf: string; keyText: string; username: string; error?: string; carry: Carry }) {
  const uri = totpUri(keyText, username);
  return (
    <>
      <h1>{t.setupTitle}</h1>
      {carry.next && <Notice tone="warning">{s1.neededFirst}</Notice>}
      <p>{t.setupIntro}</p>
      {error && <Notice tone="error">{error}</Notice>}
      <ol class="two-factor-steps">
        <li>
          <p>{s1.openAppStep}</p>
          <p>
            <a class="button" href={uri}>
              {s1.openApp}
            </a>
          </p>
        </li>
        <li>
          <p>{s1.keyStep}</p>
          <p>
            <code id="khoa-hai-buoc">{keyText.replace(/(.{4})/g, '$1 ').trim()}</code>{' '}
            <button type="button" class="button-secondary" data-copy="khoa-hai-buoc" data-copied={s1.copied} data-copy-failed={s1.copyFailed} hidden>
              {s1.copyKey}
            </button>
          </p>
        </li>
        <li>
          <p>{s1.qrStep}</p>
          <div>{raw(qrSvg(uri, { size: 200, label: t.qrLabel }))}</div>
        </li>
        <li>{s1.codeStep}</li>
      </ol>
      <form method="post" action="/quan-tri/hai-buoc/cai-dat">
        <CsrfField token={csrf} />
        <OnceField />
        <input type="hidden" name="khoa" value={keyText} />
        {carry.next && <input type="hidden" name="tiep" value={carry.next} />}
        {carry.fields.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <div class="field">
          <FieldInput id="ma" name="ma" label={t.code} hint={t.codeHint} required autocomplete="one-time-code" inputmode="numeric" maxlength={8} />
        </div>
        <p>
          <button type="submit">{t.verify}</button>
        </p>
      </form>
      <script>{raw(copyButtonScript)}</script>
    </>
  );
}

twoFactorSetup.get('/', officials({ beforeTwoFactor: true }), (c) => {
  const official = c.get('official');
  if (official.twoFactorEnabled)
    return adminPage(c, {
      title: t.setupTitle,
      main: (
        <>
          <h1>{t.setupTitle}</h1>
          <Notice tone="success">{t.alreadyOn}</Notice>
          <p>
            <a href="/quan-tri/">{adminUi.backHome}</a>
          </p>
        </>
      ),
    });
  return adminPage(c, {
    title: t.setupTitle,
    main: <SetupForm csrf={csrfToken(c)} keyText={newTotpKey()} username={official.username} carry={readCarry(c.req.query())} />,
  });
});

twoFactorSetup.post('/', officials({ beforeTwoFactor: true }), async (c) => {
  const official = c.get('official');
  if (official.twoFactorEnabled) return c.redirect('/quan-tri/hai-buoc/cai-dat', 303);
  const form = await readForm(c, twoFactorSetupFormSchema);
  const { khoa: keyText, ma: code } = form.ok ? form.data : { khoa: undefined, ma: '' };
  const step = keyText ? totpStep(keyText, code) : null;
  const carry = readCarry(form.values);
  if (!keyText || step === null)
    return adminPage(c, {
      title: t.setupTitle,
      status: 400,
      main: <SetupForm csrf={csrfToken(c)} keyText={keyText ?? newTotpKey()} username={official.username} error={t.wrongCode} carry={carry} />,
    });
  const db = c.var.db;
  const { codes, statements: recoveryCodeStatements } = await replaceRecoveryCodes(db, official.id);
  const now = Date.now();
  await db.batch([
    db
      .prepare('UPDATE officials SET totp_key = ?, totp_enabled_at = ?, totp_last_step = ? WHERE id = ? AND totp_enabled_at IS NULL')
      .bind(keyText, now, step, official.id),
    ...recoveryCodeStatements,
    // This session has just proven the second factor.
    secondStepDoneStatement(db, c.get('session').id),
    auditStatement(db, { actor: official, action: 'two_factor.enable', place: placeOf(official), subject: `official:${official.id}` }),
  ]);
  return adminPage(c, {
    title: t.setupTitle,
    main: (
      <>
        <h1>{t.setupTitle}</h1>
        <Notice tone="success">{t.enabled}</Notice>
        <RecoveryCodeList codes={codes} />
        <p>
          {carry.next ? (
            <a class="button" href={continueHref(carry)}>
              {s1.continue}
            </a>
          ) : (
            <a class="button" href="/quan-tri/">
              {adminUi.backHome}
            </a>
          )}
        </p>
      </>
    ),
  });
});
