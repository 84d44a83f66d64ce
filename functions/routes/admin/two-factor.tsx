import { Hono } from 'hono';
import { raw } from 'hono/html';
import { adminUi } from '../../../site/i18n/admin-ui.ts';
import { auditStatement, placeOf } from '../../auth/audit.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { OnceField } from '../../auth/once.tsx';
import type { AdminEnv } from '../../auth/middleware.ts';
import { adminPage } from '../../auth/pages.tsx';
import { newRecoveryCodes, newTotpKey, totpStep, totpUri } from '../../auth/totp.ts';
import { FieldInput } from '../../views/field.tsx';
import { qrSvg } from '../../views/qr-svg.ts';
import { Notice } from '../../views/notice.tsx';

const t = adminUi.twoFactor;

/** Turning on two-step sign-in (/quan-tri/hai-buoc/cai-dat). GET stores nothing: the new key travels in the form. */
export const twoFactorSetup = new Hono<AdminEnv>();

function SetupForm({ csrf, keyText, username, error }: { csrf: string; keyText: string; username: string; error?: string }) {
  return (
    <>
      <h1>{t.setupTitle}</h1>
      <p>{t.setupIntro}</p>
      {error && (
        <Notice tone="error">
          {error}
        </Notice>
      )}
      <ol>
        <li>
          {t.setupStep1}
          <div>{raw(qrSvg(totpUri(keyText, username), { size: 200, label: t.qrLabel }))}</div>
        </li>
        <li>
          {t.setupStep2} <code>{keyText.replace(/(.{4})/g, '$1 ').trim()}</code>
        </li>
        <li>{t.setupStep3}</li>
      </ol>
      <form method="post">
        <CsrfField token={csrf} />
        <OnceField />
        <input type="hidden" name="khoa" value={keyText} />
        <div class="field">
          <FieldInput id="ma" name="ma" label={t.code} hint={t.codeHint} required autocomplete="one-time-code" inputmode="numeric" maxlength={8} />
        </div>
        <p>
          <button type="submit">{t.verify}</button>
        </p>
      </form>
    </>
  );
}

twoFactorSetup.get('/', (c) => {
  const official = c.get('official');
  if (official.twoFactorEnabled)
    return adminPage(c, { title: t.setupTitle, main: <><h1>{t.setupTitle}</h1><Notice tone="success">{t.alreadyOn}</Notice><p><a href="/quan-tri/">{adminUi.backHome}</a></p></> });
  return adminPage(c, { title: t.setupTitle, main: <SetupForm csrf={csrfToken(c)} keyText={newTotpKey()} username={official.username} /> });
});

twoFactorSetup.post('/', async (c) => {
  const official = c.get('official');
  if (official.twoFactorEnabled) return c.redirect('/quan-tri/hai-buoc/cai-dat', 303);
  const body = await c.req.parseBody();
  const keyText = typeof body.khoa === 'string' && /^[A-Z2-7]{32}$/.test(body.khoa) ? body.khoa : undefined;
  const code = typeof body.ma === 'string' ? body.ma : '';
  const step = keyText ? totpStep(keyText, code) : null;
  if (!keyText || step === null)
    return adminPage(c, { title: t.setupTitle, status: 400, main: <SetupForm csrf={csrfToken(c)} keyText={keyText ?? newTotpKey()} username={official.username} error={t.wrongCode} /> });
  const db = c.var.db;
  const { codes, hashes } = await newRecoveryCodes();
  const now = Date.now();
  await db.batch([
    db.prepare('UPDATE officials SET totp_key = ?, totp_enabled_at = ?, totp_last_step = ? WHERE id = ? AND totp_enabled_at IS NULL').bind(keyText, now, step, official.id),
    db.prepare('DELETE FROM official_recovery_codes WHERE official_id = ?').bind(official.id),
    ...hashes.map((hash) => db.prepare('INSERT INTO official_recovery_codes (official_id, code_hash) VALUES (?, ?)').bind(official.id, hash)),
    // This session has just proven the second factor.
    db.prepare('UPDATE official_sessions SET two_factor_verified = 1 WHERE id = ?').bind(c.get('session').id),
    auditStatement(db, { actor: official, action: 'two_factor.enable', place: placeOf(official), subject: `official:${official.id}` }),
  ]);
  return adminPage(c, {
    title: t.setupTitle,
    main: (
      <>
        <h1>{t.setupTitle}</h1>
        <Notice tone="success">{t.enabled}</Notice>
        <ul class="recovery-codes">
          {codes.map((code) => (
            <li>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <a class="button" href="/quan-tri/">{adminUi.backHome}</a>
        </p>
      </>
    ),
  });
});
