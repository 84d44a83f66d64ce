// Citizens' confirmation pages (/xac-nhan/…) and the member's code page (issue 23).
import { raw } from 'hono/html';
import { ui } from '../../site/i18n/ui.ts';
import { CsrfField } from '../auth/csrf.tsx';
import { formatDateTime } from '../../site/utils/format.ts';
import { type CodeView, groupedCode, type MemberConfirmationCode } from '../assists/confirmations.ts';
import { taskById } from '../assists/tasks.ts';
import { FieldInput } from './field.tsx';
import { confirmCss } from './inline-assets.ts';
import { qrSvg } from './qr-svg.ts';

const t = ui.confirm;

export type Refusal = keyof typeof t.refused;

const taskLabel = (task: string) => taskById.get(task)?.label ?? task;

/** What was done and by whom: the task and the team, never the member's name or phone. */
function HelpGiven({ entry }: { entry: NonNullable<CodeView['entry']> }) {
  return (
    <dl class="guide-meta">
      <div>
        <dt>{t.taskLabel}</dt>
        <dd>{taskLabel(entry.task)}</dd>
      </div>
      <div>
        <dt>{t.teamLabel}</dt>
        <dd>
          {entry.teamName} ({entry.place})
        </dd>
      </div>
    </dl>
  );
}

/** The page a citizen's phone opens from the QR code: one button, nothing to fill in. */
export function ConfirmPage({ entry, action, note }: { entry: NonNullable<CodeView['entry']>; action: string; note?: string }) {
  return (
    <>
      <h1>{t.title}</h1>
      <HelpGiven entry={entry} />
      {note ? (
        <p class="notice" role="status">
          {note}
        </p>
      ) : (
        <>
          <p>{t.intro}</p>
          <form method="post" action={action}>
            <button type="submit">{t.button}</button>
          </form>
        </>
      )}
      <p>{t.privacy}</p>
    </>
  );
}

export function ThanksPage({ entry }: { entry: NonNullable<CodeView['entry']> }) {
  return (
    <>
      <h1>{t.thanksTitle}</h1>
      <p class="notice notice-success" role="status">
        {t.thanks}
      </p>
      <HelpGiven entry={entry} />
    </>
  );
}

export function RefusedPage({ reason, entry }: { reason: Refusal; entry?: CodeView['entry'] }) {
  return (
    <>
      <h1>{t.problemTitle}</h1>
      <p class="notice notice-error" role="alert">
        {t.refused[reason]}
      </p>
      {entry && reason !== 'bot' && reason !== 'rateLimited' && <HelpGiven entry={entry} />}
      <p>
        <a href="/xac-nhan/">{t.enterOther}</a>
      </p>
    </>
  );
}

/** /xac-nhan/: for phones that cannot scan, the code typed by hand (a GET form: looking a code up changes nothing). */
export function EnterCodePage({ value, error }: { value?: string; error?: string }) {
  return (
    <>
      <h1>{t.enterTitle}</h1>
      <p>{t.enterIntro}</p>
      <form method="get" action="/xac-nhan/" novalidate>
        {error && (
          <p class="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div class="field">
          <FieldInput
            id="ma"
            label={t.codeLabel}
            hint={t.codeHint}
            error={error}
            name="ma"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            maxlength={20}
            required
            value={value ?? ''}
          />
        </div>
        <p>
          <button type="submit">{t.continue}</button>
        </p>
      </form>
      <p>{t.privacy}</p>
    </>
  );
}

/** The member's screen, turned towards the citizen: QR code, typed code, expiry, how many confirmed so far. */
export function MemberCodePage({
  entryId,
  code,
  url,
  typeAt,
  now,
  voided = false,
  csrf,
}: {
  entryId: number;
  /** The session-bound CSRF token (functions/auth/csrf.tsx). */
  csrf: string;
  code: MemberConfirmationCode | null;
  url: string | null;
  typeAt: string;
  now: number;
  /** Voided by an official: nothing to confirm any more. */
  voided?: boolean;
}) {
  const back = (
    <p>
      <a href="/thanh-vien/">{ui.member.backHome}</a>
    </p>
  );
  if (voided) {
    return (
      <>
        {back}
        <h1>{t.memberTitle}</h1>
        <p class="notice">{t.refused.voided}</p>
      </>
    );
  }
  if (!code || !url) {
    return (
      <>
        {back}
        <h1>{t.memberTitle}</h1>
        <p>{t.memberNoCode}</p>
        <MakeCodeButton entryId={entryId} csrf={csrf} />
      </>
    );
  }
  const live = code.expiresAt > now;
  return (
    <>
      <style>{raw(confirmCss)}</style>
      {back}
      <h1>{t.memberTitle}</h1>
      <p>{t.memberIntro(code.people, taskLabel(code.task))}</p>
      {live ? (
        <>
          <div class="confirm-qr">{raw(qrSvg(url, { size: 240, label: t.qrLabel }))}</div>
          <p>{t.memberTyped(typeAt)}</p>
          <p class="confirm-code" data-code={code.code}>
            <strong>{groupedCode(code.code)}</strong>
          </p>
          <p>{t.memberExpires(formatDateTime(code.expiresAt))}</p>
          <p>{t.memberOwnPhone}</p>
        </>
      ) : (
        <p class="notice">{t.memberExpired}</p>
      )}
      <p class="notice" role="status" id="so-xac-nhan">
        {t.memberCount(code.confirmed, code.people)}
      </p>
      <p>
        <a class="button button-secondary" href={`/thanh-vien/ghi-nhan/${entryId}/xac-nhan/`}>
          {t.memberRefresh}
        </a>
      </p>
    </>
  );
}

/** The one-tap offer right after recording, and on the code page before a code exists. */
export function MakeCodeButton({ entryId, csrf }: { entryId: number /** The session-bound CSRF token (functions/auth/csrf.tsx). */; csrf: string }) {
  return (
    <form method="post" action={`/thanh-vien/ghi-nhan/${entryId}/xac-nhan/`}>
      <CsrfField token={csrf} />
      <button type="submit">{t.memberMake}</button>
    </form>
  );
}
