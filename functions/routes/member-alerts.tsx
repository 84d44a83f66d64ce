// "Đã phổ biến" (issue 18 §3): a member sees the current alerts of their
// province (and national ones) and marks each as passed on: how, and to
// roughly how many people. One record per member and alert; marking again
// updates it. Counts only: nothing about the people reached.
import { type Context, Hono } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import {
  type Alert,
  alertBySlug,
  alertStatus,
  channelIds,
  currentAlerts,
  markPassedOn,
  PEOPLE_MAX,
  type PassedOn,
  passedOnByMember,
} from '../alerts/alerts.ts';
import type { SignedInMember } from '../assists/member-auth.ts';
import { alertPath, AlertStyle } from '../views/alert-card.tsx';
import { memberPage, type MemberEnv } from '../assists/member-guard.tsx';
import { CsrfField, csrfToken } from '../auth/csrf.tsx';
import { passedOnFieldErrors, passedOnFormSchema } from '../alerts/form-schemas.ts';
import { readForm } from '../forms/read-form.ts';
import { members } from '../auth/guard.ts';

const t = ui.alerts;
const BASE = '/thanh-vien/canh-bao/';

/** The scope check of this router: a member passes on current alerts that are national or of their province. */
function memberMayMark(member: SignedInMember, alert: Alert): boolean {
  return alertStatus(alert) === 'current' && (alert.provinceCode === null || alert.provinceCode === member.provinceCode);
}

export const memberAlerts = new Hono<MemberEnv>().basePath(BASE);
// The members' area's CSRF rule and unreadable-form page cover /thanh-vien/* (functions/routes/member-area.tsx).

type FormState = { slug: string; values: Record<string, unknown>; errors: { channel?: string; people?: string } };

function MarkForm({ alert, mark, form, csrf }: { alert: Alert; mark: PassedOn | undefined; form: FormState | undefined; csrf: string }) {
  const mine = form?.slug === alert.slug ? form : undefined;
  const channel = String(mine?.values.cach ?? mark?.channel ?? '');
  const people = String(mine?.values['so-nguoi'] ?? mark?.people ?? '');
  const id = (name: string) => `${name}-${alert.id}`;
  return (
    <form method="post" action={`${BASE}${alert.slug}/`} class="alert-mark" novalidate>
      <CsrfField token={csrf} />
      <fieldset aria-describedby={mine?.errors.channel ? id('cach-loi') : undefined}>
        <legend>{t.channelLegend}</legend>
        {mine?.errors.channel && (
          <p class="field-error" id={id('cach-loi')}>
            {mine.errors.channel}
          </p>
        )}
        {channelIds.map((c) => (
          <label>
            <input type="radio" name="cach" value={c} checked={channel === c} required /> {t.channels[c]}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for={id('so-nguoi')}>{t.peopleLabel}</label>
        <p class="field-hint" id={id('so-nguoi-goi-y')}>
          {t.peopleHint}
        </p>
        <input
          id={id('so-nguoi')}
          name="so-nguoi"
          type="number"
          inputmode="numeric"
          min="1"
          max={String(PEOPLE_MAX)}
          required
          value={people}
          aria-describedby={mine?.errors.people ? `${id('so-nguoi-goi-y')} ${id('so-nguoi-loi')}` : id('so-nguoi-goi-y')}
          aria-invalid={mine?.errors.people ? 'true' : undefined}
        />
        {mine?.errors.people && (
          <p class="field-error" id={id('so-nguoi-loi')}>
            {mine.errors.people}
          </p>
        )}
      </div>
      <p>
        <button type="submit">{mark ? t.updateButton : t.markButton}</button>
      </p>
    </form>
  );
}

async function listPage(c: Context<MemberEnv>, notice?: string, form?: FormState) {
  const member = c.get('member');
  const alerts = await currentAlerts(c.var.db, { province: member.provinceCode });
  const marks = await passedOnByMember(
    c.var.db,
    member.id,
    alerts.map((a) => a.id),
  );
  return memberPage(c, {
    title: t.memberTitle,
    description: t.memberIntro,
    status: form ? 400 : 200,
    main: (
      <>
        <AlertStyle />
        <p>
          <a href="/thanh-vien/">{t.backMember}</a>
        </p>
        <h1>{t.memberTitle}</h1>
        {notice && (
          <p class="notice notice-success" role="status">
            {notice}
          </p>
        )}
        {form && (
          <p class="notice notice-error" role="alert">
            {t.markErrors}
          </p>
        )}
        <p>{t.memberIntro}</p>
        {alerts.length === 0 && <p>{t.memberEmpty}</p>}
        <ul class="cards">
          {alerts.map((alert) => {
            const mark = marks.get(alert.id);
            return (
              <li class="card" aria-labelledby={`canh-bao-${alert.id}`}>
                {/* No link in the title: .card-title links cover the whole card, and this card holds a form. */}
                <h2 class="card-title" id={`canh-bao-${alert.id}`}>
                  {alert.title}
                </h2>
                <p class="card-meta">
                  {t.scopeOf(alert.provinceName)} · <a href={alertPath(alert.slug)}>{t.openCard}</a>
                </p>
                {mark && <p>{t.markedOn(t.channels[mark.channel], mark.people)}</p>}
                <MarkForm alert={alert} mark={mark} form={form} csrf={csrfToken(c)} />
              </li>
            );
          })}
        </ul>
      </>
    ).toString(),
  });
}

memberAlerts.get('/', members(), async (c) => {
  const done = c.req.query('da-ghi');
  // The outcome is rebuilt from an alert of this member's list: no text from the URL is shown.
  const alert = done ? await alertBySlug(c.var.db, done) : null;
  const notice = alert && memberMayMark(c.get('member'), alert) ? (c.req.query('moi') === '1' ? t.marked(alert.title) : t.markUpdated(alert.title)) : undefined;
  return listPage(c, notice);
});

memberAlerts.post('/:slug/', members(), async (c) => {
  const member = c.get('member');
  const alert = await alertBySlug(c.var.db, c.req.param('slug'));
  if (!alert || !memberMayMark(member, alert)) {
    return memberPage(c, {
      title: t.memberTitle,
      description: t.memberIntro,
      status: alert ? 409 : 404,
      main: (
        <>
          <h1>{t.memberTitle}</h1>
          <p class="notice notice-error">{t.notCurrent}</p>
          <p>
            <a href={BASE}>{t.memberTitle}</a>
          </p>
        </>
      ).toString(),
    });
  }
  const form = await readForm(c, passedOnFormSchema);
  if (!form.ok) return listPage(c, undefined, { slug: alert.slug, values: form.values, errors: passedOnFieldErrors(form.errors) });
  const outcome = await markPassedOn(c.var.db, member, alert, form.data);
  if (outcome === 'not_current') return c.redirect(BASE, 303);
  return c.redirect(`${BASE}?da-ghi=${alert.slug}${outcome === 'created' ? '&moi=1' : ''}`, 303);
});
