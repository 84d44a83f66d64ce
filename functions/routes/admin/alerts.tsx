// "Cảnh báo lừa đảo" for officials (issue 18), mounted at /quan-tri/canh-bao/:
// national and province admins write an alert, preview it, publish it, edit
// or withdraw it (each change audited in the same batch); every official sees
// where the alerts of their scope were passed on, with a CSV download.
// Who may call each route is declared on it (functions/auth/guard.ts): an
// alert to change (alertFromPath) is a national one for national admins, a
// province's for its admins; an alert to read (alertToReadFromPath) is read
// by every official inside its area.
import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { ui } from '../../../site/i18n/ui.ts';
import { formatDate, formatNumber, formatPercent } from '../../../site/utils/format.ts';
import {
  type Alert,
  type AlertFieldErrors,
  type AlertInput,
  alertById,
  alertsOfOfficial,
  alertStatus,
  contactIds,
  GUIDES_MAX,
  mayPublish,
  publishAlert,
  reachByCommune,
  reachByProvince,
  reachByTeam,
  type ReachRow,
  TEXT_MAX,
  TITLE_MAX,
  updateAlert,
  withdrawAlert,
} from '../../alerts/alerts.ts';
import { forgetAlertLines } from '../../alerts/alert-line.ts';
import { alertFieldErrors, alertFormSchema, alertFormValuesSchema, alertStepSchema, type AlertFormValues as FormValues } from '../../alerts/form-schemas.ts';
import { readForm } from '../../forms/read-form.ts';
import { vietnamDay } from '../../assists/entries.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { alertFromPath, alertToReadFromPath, fromForm, officials, type ScopeSource } from '../../auth/guard.ts';
import type { AdminEnv } from '../../auth/middleware.ts';
import type { Official } from '../../auth/official.ts';
import { AdminHomeLink, adminPage, forbiddenPage } from '../../auth/pages.tsx';
import { communePlace } from '../../auth/scope.ts';
import { provinceCodePattern } from '../../directory/schemas.ts';
import { byTitle, guideCatalog, type GuideEntry } from '../../guide-catalog.ts';
import { csvDocument } from '../../usage/csv.ts';
import { addDays } from '../../usage/report.ts';
import { AlertCard, alertPath, AlertStyle } from '../../views/alert-card.tsx';
import { FieldErrorText, FieldInput, FieldSelect, FieldTextarea } from '../../views/field.tsx';

const t = ui.alerts;
const BASE = '/quan-tri/canh-bao/';

export const adminAlerts = new Hono<AdminEnv>();

type Ctx = Context<AdminEnv>;

/** Who publishes, edits and withdraws alerts: national and province admins (commune officers read them). */
const publishers = officials({ roles: ['province', 'national'] });
const publisherOf = (scope: ScopeSource) => officials({ roles: ['province', 'national'], scope });

const statusLabel = (alert: Alert) =>
  ({ current: t.statusCurrent, upcoming: t.statusUpcoming, ended: t.statusEnded, withdrawn: t.statusWithdrawn })[alertStatus(alert)];

async function provinces(db: D1Database): Promise<{ code: string; name: string }[]> {
  return (await db.prepare('SELECT code, name FROM provinces ORDER BY code').all<{ code: string; name: string }>()).results;
}

async function provinceName(db: D1Database, code: string | null): Promise<string | null> {
  if (!code) return null;
  return (await db.prepare('SELECT name FROM provinces WHERE code = ?').bind(code).first<{ name: string }>())?.name ?? code;
}

// ——— The list ———

adminAlerts.get('/', officials(), async (c) => {
  const official = c.get('official');
  const alerts = await alertsOfOfficial(c.var.db, official);
  const canPublish = official.role !== 'commune';
  return adminPage(c, {
    title: t.adminTitle,
    main: (
      <>
        <AdminHomeLink />
        <h1>{t.adminTitle}</h1>
        <p>{t.adminIntro}</p>
        {canPublish && (
          <p>
            <a class="button" href={`${BASE}moi`}>
              {t.adminNew}
            </a>
          </p>
        )}
        {alerts.length === 0 ? (
          <p>{t.adminNone}</p>
        ) : (
          <ul class="cards">
            {alerts.map((a) => (
              <li class="card">
                <h2 class="card-title">
                  <a href={`${BASE}${a.id}/`}>{a.title}</a>
                </h2>
                <p class="card-meta">
                  {statusLabel(a)} · {t.scopeOf(a.provinceName)} · {t.validity(formatDate(a.startsOn), formatDate(a.endsOn))}
                </p>
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
});

// ——— The form, its preview, publishing and editing ———

/** The alert form as posted, checked by its schema; read with repeated fields as arrays (the checkbox groups). */
async function readAlertForm(c: Ctx, keepStart?: string) {
  const form = await readForm(c, alertFormSchema({ official: c.get('official'), guideSlugs: await guideSlugs(c), today: vietnamDay(), keepStart }), {
    all: true,
  });
  const { buoc: step, 'ma-form': formKey } = alertStepSchema.parse(form.values);
  const parsed = form.ok ? ({ ok: true, input: form.data } as const) : ({ ok: false, errors: alertFieldErrors(form.errors) } as const);
  return { parsed, values: alertFormValuesSchema.parse(form.values), step, formKey };
}

function valuesOfAlert(a: AlertInput): FormValues {
  return {
    title: a.title,
    scam: a.scamText,
    advice: a.adviceText,
    contacts: a.contacts,
    guides: a.guides,
    scope: a.provinceCode ?? 'toan-quoc',
    start: a.startsOn,
    end: a.endsOn,
  };
}

function HiddenFields({ values }: { values: FormValues }) {
  return (
    <>
      <input type="hidden" name="tieu-de" value={values.title} />
      <input type="hidden" name="ke-gian" value={values.scam} />
      <input type="hidden" name="nen-lam" value={values.advice} />
      {values.contacts.map((v) => (
        <input type="hidden" name="so-goi" value={v} />
      ))}
      {values.guides.map((v) => (
        <input type="hidden" name="huong-dan" value={v} />
      ))}
      <input type="hidden" name="pham-vi" value={values.scope} />
      <input type="hidden" name="tu-ngay" value={values.start} />
      <input type="hidden" name="den-ngay" value={values.end} />
    </>
  );
}

async function formPage(c: Ctx, opts: { action: string; heading: string; values: FormValues; errors?: AlertFieldErrors; keepStart?: string }) {
  const official = c.get('official');
  const { values, errors = {} } = opts;
  const catalog = [...(await guideCatalog(c.env, c.req.url)).values()].sort((a, b) => byTitle.compare(a.title, b.title));
  const scopes =
    official.role === 'national'
      ? [{ code: 'toan-quoc', name: t.national }, ...(await provinces(c.var.db))]
      : [{ code: official.provinceCode!, name: (await provinceName(c.var.db, official.provinceCode)) ?? '' }];
  const today = vietnamDay();
  const hasErrors = Object.keys(errors).length > 0;
  // The three texts of a card: one input, two text areas.
  const textFields = [
    { name: 'tieu-de', label: t.titleLabel, hint: t.titleHint, max: TITLE_MAX, rows: 0, value: values.title, error: 'title' as const },
    { name: 'ke-gian', label: t.scamLabel, hint: t.scamHint, max: TEXT_MAX, rows: 5, value: values.scam, error: 'scam' as const },
    { name: 'nen-lam', label: t.adviceLabel, hint: t.adviceHint, max: TEXT_MAX, rows: 5, value: values.advice, error: 'advice' as const },
  ];
  return adminPage(c, {
    title: opts.heading,
    status: hasErrors ? 400 : 200,
    main: (
      <>
        <p>
          <a href={BASE}>{t.adminTitle}</a>
        </p>
        <h1>{opts.heading}</h1>
        {hasErrors && (
          <p class="notice notice-error" role="alert">
            {t.errors.form}
          </p>
        )}
        <form method="post" action={opts.action} novalidate>
          <CsrfField token={csrfToken(c)} />
          {textFields.map((f) => (
            <div class="field">
              {f.rows ? (
                <FieldTextarea
                  id={f.name}
                  name={f.name}
                  label={f.label}
                  hint={f.hint}
                  error={errors[f.error]}
                  rows={f.rows}
                  maxlength={f.max}
                  required
                  value={f.value}
                />
              ) : (
                <FieldInput id={f.name} name={f.name} label={f.label} hint={f.hint} error={errors[f.error]} maxlength={f.max} required value={f.value} />
              )}
            </div>
          ))}
          <fieldset class="field" aria-describedby={errors.contacts ? 'so-goi-error' : undefined}>
            <legend>{t.contactsLegend}</legend>
            <FieldErrorText id="so-goi" error={errors.contacts} />
            {contactIds.map((id) => (
              <label>
                <input type="checkbox" name="so-goi" value={id} checked={values.contacts.includes(id)} /> {t.contacts[id].label}: {t.contacts[id].number}
              </label>
            ))}
          </fieldset>
          <div class="field">
            <FieldSelect id="huong-dan" name="huong-dan" label={t.guidesLegend} hint={t.guidesHint(GUIDES_MAX)} error={errors.guides} multiple size={8}>
              {catalog.map((g: GuideEntry) => (
                <option value={g.slug} selected={values.guides.includes(g.slug)}>
                  {g.title}
                </option>
              ))}
            </FieldSelect>
          </div>
          <div class="field">
            <FieldSelect id="pham-vi" name="pham-vi" label={t.scopeLabel} error={errors.scope}>
              {scopes.map((s) => (
                <option value={s.code} selected={values.scope === s.code}>
                  {s.name}
                </option>
              ))}
            </FieldSelect>
          </div>
          <div class="field">
            <FieldInput
              id="tu-ngay"
              name="tu-ngay"
              label={t.startLabel}
              error={errors.start}
              type="date"
              required
              min={opts.keepStart && opts.keepStart < addDays(today, -7) ? opts.keepStart : addDays(today, -7)}
              max={addDays(today, 60)}
              value={values.start || today}
            />
          </div>
          <div class="field">
            <FieldInput
              id="den-ngay"
              name="den-ngay"
              label={t.endLabel}
              hint={t.dateHint}
              error={errors.end}
              type="date"
              required
              min={today}
              value={values.end || addDays(today, 29)}
            />
          </div>
          <p>
            <button type="submit" name="buoc" value="xem-truoc">
              {t.preview}
            </button>
          </p>
        </form>
      </>
    ),
  });
}

async function previewPage(c: Ctx, opts: { action: string; input: AlertInput; values: FormValues; submit: { step: string; label: string }; formKey?: string }) {
  const catalog = await guideCatalog(c.env, c.req.url);
  const token = csrfToken(c);
  return adminPage(c, {
    title: t.previewTitle,
    main: (
      <>
        <AlertStyle />
        <h1>{t.previewTitle}</h1>
        <p class="notice notice-warning">{t.previewIntro}</p>
        <div class="card">
          {raw(
            String(<AlertCard alert={opts.input} provinceName={await provinceName(c.var.db, opts.input.provinceCode)} catalog={catalog} tools={false} />)
              .replace(/<h1>/, '<h2 class="card-title">')
              .replace('</h1>', '</h2>'),
          )}
        </div>
        <form method="post" action={opts.action}>
          <CsrfField token={token} />
          <HiddenFields values={opts.values} />
          {opts.formKey && <input type="hidden" name="ma-form" value={opts.formKey} />}
          <p class="alert-tools">
            <button type="submit" name="buoc" value={opts.submit.step}>
              {opts.submit.label}
            </button>
            <button type="submit" name="buoc" value="sua-lai" class="button-secondary">
              {t.backToForm}
            </button>
          </p>
        </form>
      </>
    ),
  });
}

async function guideSlugs(c: Ctx) {
  return new Set((await guideCatalog(c.env, c.req.url)).keys());
}

adminAlerts.get('/moi', publishers, async (c) => {
  const official = c.get('official');
  return formPage(c, {
    action: `${BASE}moi`,
    heading: t.adminNew,
    values: {
      title: '',
      scam: '',
      advice: '',
      contacts: [],
      guides: [],
      scope: official.role === 'national' ? 'toan-quoc' : official.provinceCode!,
      start: '',
      end: '',
    },
  });
});

// The area asked for ("toan-quoc" or a province) is the route's scope: a province admin asking for another gets 403.
adminAlerts.post('/moi', publisherOf(fromForm('pham-vi')), async (c) => {
  const official = c.get('official');
  const { parsed, values, step, formKey } = await readAlertForm(c);
  if (!parsed.ok || step === 'sua-lai')
    return formPage(c, { action: `${BASE}moi`, heading: t.adminNew, values, errors: parsed.ok ? undefined : parsed.errors });
  if (step === 'dang') {
    if (formKey === undefined) return formPage(c, { action: `${BASE}moi`, heading: t.adminNew, values });
    const alert = await publishAlert(c.var.db, official, parsed.input, formKey);
    forgetAlertLines();
    return c.redirect(`${BASE}${alert.id}/?da-dang`, 303);
  }
  return previewPage(c, { action: `${BASE}moi`, input: parsed.input, values, submit: { step: 'dang', label: t.publish }, formKey: crypto.randomUUID() });
});

/** The alert of the path (its scope checked by the route's guard), or 404. */
async function alertOfPath(c: Ctx): Promise<Alert | Response> {
  const alert = c.get('scope') ? await alertById(c.var.db, c.req.param('id')) : null;
  return alert ?? c.notFound();
}

adminAlerts.get('/:id/', officials({ scope: alertToReadFromPath }), async (c) => {
  const alert = await alertOfPath(c);
  if (alert instanceof Response) return alert;
  const official = c.get('official');
  const query = c.req.query();
  const notice =
    'da-dang' in query
      ? t.published(alert.title)
      : 'da-sua' in query
        ? t.updated(alert.title)
        : 'khong-doi' in query
          ? t.unchanged
          : 'da-go' in query
            ? t.withdrawn_(alert.title)
            : undefined;
  const canChange = mayPublish(official, alert.provinceCode) && !alert.withdrawnAt;
  const catalog = await guideCatalog(c.env, c.req.url);
  return adminPage(c, {
    title: alert.title,
    main: (
      <>
        <AlertStyle />
        <p>
          <a href={BASE}>{t.adminTitle}</a>
        </p>
        {notice && (
          <p class="notice notice-success" role="status">
            {notice}
          </p>
        )}
        <p>
          <strong>{statusLabel(alert)}</strong>
          {!alert.withdrawnAt && (
            <>
              {' · '}
              <a href={alertPath(alert.slug)}>{alertPath(alert.slug)}</a>
            </>
          )}
        </p>
        <ul>
          <li>
            <a href={`${BASE}${alert.id}/pho-bien`}>{t.viewReach}</a>
          </li>
          {canChange && (
            <li>
              <a href={`${BASE}${alert.id}/sua`}>{t.adminEdit}</a>
            </li>
          )}
          {canChange && (
            <li>
              <a href={`${BASE}${alert.id}/go`}>{t.withdraw}</a>
            </li>
          )}
        </ul>
        <AlertCard alert={alert} provinceName={alert.provinceName} catalog={catalog} tools={false} />
      </>
    ),
  });
});

adminAlerts.get('/:id/sua', publisherOf(alertFromPath), async (c) => {
  const alert = await alertOfPath(c);
  if (alert instanceof Response) return alert;
  if (alert.withdrawnAt) return c.redirect(`${BASE}${alert.id}/`, 303);
  return formPage(c, { action: `${BASE}${alert.id}/sua`, heading: t.adminEdit, values: valuesOfAlert(alert), keepStart: alert.startsOn });
});

adminAlerts.post('/:id/sua', publisherOf(alertFromPath), async (c) => {
  const alert = await alertOfPath(c);
  if (alert instanceof Response) return alert;
  if (alert.withdrawnAt) return c.redirect(`${BASE}${alert.id}/`, 303);
  const official = c.get('official');
  const { parsed, values, step } = await readAlertForm(c, alert.startsOn);
  // The guard checked the alert as it is; the area it moves to must be the official's to publish in too (else 403, nothing written).
  const area = values.scope === 'toan-quoc' ? null : provinceCodePattern.test(values.scope) ? values.scope : undefined;
  if (area !== undefined && !mayPublish(official, area)) return forbiddenPage(c, 'scope');
  const action = `${BASE}${alert.id}/sua`;
  if (!parsed.ok || step === 'sua-lai')
    return formPage(c, { action, heading: t.adminEdit, values, errors: parsed.ok ? undefined : parsed.errors, keepStart: alert.startsOn });
  if (step === 'luu') {
    const changed = await updateAlert(c.var.db, official, alert, parsed.input);
    forgetAlertLines();
    return c.redirect(`${BASE}${alert.id}/?${changed ? 'da-sua' : 'khong-doi'}`, 303);
  }
  return previewPage(c, { action, input: parsed.input, values, submit: { step: 'luu', label: t.saveChanges } });
});

async function teamsReached(db: D1Database, alertId: number): Promise<number> {
  return (await db.prepare('SELECT count(DISTINCT team_id) AS n FROM scam_alert_reach WHERE alert_id = ?').bind(alertId).first<{ n: number }>())?.n ?? 0;
}

adminAlerts.get('/:id/go', publisherOf(alertFromPath), async (c) => {
  const alert = await alertOfPath(c);
  if (alert instanceof Response) return alert;
  if (alert.withdrawnAt) return c.redirect(`${BASE}${alert.id}/?khong-doi`, 303);
  return adminPage(c, {
    title: t.withdrawTitle(alert.title),
    main: (
      <>
        <h1>{t.withdrawTitle(alert.title)}</h1>
        <p>{t.withdrawExplain(await teamsReached(c.var.db, alert.id))}</p>
        <form method="post" action={`${BASE}${alert.id}/go`}>
          <CsrfField token={csrfToken(c)} />
          <p class="alert-tools">
            <button type="submit">{t.withdrawConfirm}</button>
            <a href={`${BASE}${alert.id}/`}>{ui.assistsAdmin.back}</a>
          </p>
        </form>
      </>
    ),
  });
});

adminAlerts.post('/:id/go', publisherOf(alertFromPath), async (c) => {
  const alert = await alertOfPath(c);
  if (alert instanceof Response) return alert;
  const done = await withdrawAlert(c.var.db, c.get('official'), alert);
  forgetAlertLines();
  return c.redirect(`${BASE}${alert.id}/?${done ? 'da-go' : 'khong-doi'}`, 303);
});

// ——— Reach: where it was passed on, counts only ———

/** Which table the official asked for, inside their scope: provinces, a province's communes, or a commune's teams. */
async function reachLevel(
  c: Ctx,
  alert: Alert,
): Promise<
  { level: 'national' } | { level: 'province'; provinceCode: string } | { level: 'commune'; provinceCode: string; communeCode: string; name: string } | Response
> {
  const official: Official = c.get('official');
  const xa = official.role === 'commune' ? official.communeCode! : c.req.query('xa');
  if (xa) {
    const place = await communePlace(c.var.db, xa);
    if (!place) return c.notFound();
    const inScope = official.role === 'national' || place.provinceCode === official.provinceCode;
    if (!inScope || (alert.provinceCode && alert.provinceCode !== place.provinceCode)) return forbiddenPage(c, 'scope');
    return { level: 'commune', provinceCode: place.provinceCode!, communeCode: xa, name: place.name };
  }
  const tinh = official.role === 'national' ? (alert.provinceCode ?? c.req.query('tinh')) : official.provinceCode!;
  if (tinh) {
    if (!provinceCodePattern.test(tinh)) return c.notFound();
    if (alert.provinceCode && alert.provinceCode !== tinh) return forbiddenPage(c, 'scope');
    return { level: 'province', provinceCode: tinh };
  }
  return { level: 'national' };
}

adminAlerts.get('/:id/pho-bien', officials({ scope: alertToReadFromPath }), async (c) => {
  const alert = await alertOfPath(c);
  if (alert instanceof Response) return alert;
  const level = await reachLevel(c, alert);
  if (level instanceof Response) return level;
  const here = `${BASE}${alert.id}/pho-bien`;
  const csv = c.req.query('dinh-dang') === 'csv';
  if (level.level === 'commune') {
    const teams = await reachByTeam(c.var.db, alert.id, level.communeCode);
    const channels = (list: string) =>
      list
        .split(',')
        .filter(Boolean)
        .map((ch) => t.channels[ch as keyof typeof t.channels] ?? ch)
        .join(', ');
    if (csv) {
      const rows = [
        [t.teamColumn, t.channelColumn, t.peopleColumn],
        ...teams.map((tm) => [tm.name, tm.channels ? channels(tm.channels) : t.notYet, tm.people]),
      ];
      return csvAnswer(c, rows, `pho-bien-${alert.id}-${level.communeCode}.csv`);
    }
    const reached = teams.filter((tm) => tm.channels).length;
    return reachPage(
      c,
      alert,
      level.name,
      `${here}?xa=${level.communeCode}&dinh-dang=csv`,
      <>
        <p>{t.teamsReached(reached, teams.length, teams.length ? formatPercent(reached, teams.length) : '0%')}</p>
        <div class="table-wrap">
          <table class="table-stack">
            <thead>
              <tr>
                <th scope="col">{t.teamColumn}</th>
                <th scope="col">{t.channelColumn}</th>
                <th scope="col" class="number">
                  {t.peopleColumn}
                </th>
              </tr>
            </thead>
            <tbody>
              {teams.map((tm) => (
                <tr>
                  <td>{tm.name}</td>
                  <td data-label={t.channelColumn}>{tm.channels ? channels(tm.channels) : <strong>{t.notYet}</strong>}</td>
                  <td data-label={t.peopleColumn} class="number">
                    {formatNumber(tm.people)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>,
    );
  }
  const rows: ReachRow[] =
    level.level === 'national' ? await reachByProvince(c.var.db, alert.id, null) : await reachByCommune(c.var.db, alert.id, level.provinceCode);
  const place = level.level === 'national' ? t.national : ((await provinceName(c.var.db, level.provinceCode)) ?? level.provinceCode);
  const query = level.level === 'province' && c.get('official').role === 'national' && !alert.provinceCode ? `tinh=${level.provinceCode}&` : '';
  if (csv) {
    const table = [
      [t.placeColumn, t.teamsColumn, t.reachedColumn, t.shareColumn, t.peopleColumn],
      ...rows.map((r) => [r.name, r.teams, r.reached, r.teams ? formatPercent(r.reached, r.teams) : '0%', r.people]),
    ];
    return csvAnswer(c, table, `pho-bien-${alert.id}-${level.level === 'national' ? 'toan-quoc' : level.provinceCode}.csv`);
  }
  const link = (r: ReachRow) => (level.level === 'national' ? `${here}?tinh=${r.code}` : r.code === 'tinh' ? null : `${here}?${query}xa=${r.code}`);
  return reachPage(
    c,
    alert,
    place,
    `${here}?${query}dinh-dang=csv`,
    <div class="table-wrap">
      <table class="table-stack">
        <thead>
          <tr>
            <th scope="col">{t.placeColumn}</th>
            <th scope="col" class="number">
              {t.teamsColumn}
            </th>
            <th scope="col" class="number">
              {t.reachedColumn}
            </th>
            <th scope="col" class="number">
              {t.shareColumn}
            </th>
            <th scope="col" class="number">
              {t.peopleColumn}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const href = link(r);
            return (
              <tr>
                <td>{href ? <a href={href}>{r.name}</a> : r.name}</td>
                <td data-label={t.teamsColumn} class="number">
                  {formatNumber(r.teams)}
                </td>
                <td data-label={t.reachedColumn} class="number">
                  {formatNumber(r.reached)}
                </td>
                <td data-label={t.shareColumn} class="number">
                  {r.teams ? formatPercent(r.reached, r.teams) : '0%'}
                </td>
                <td data-label={t.peopleColumn} class="number">
                  {formatNumber(r.people)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>,
  );
});

function reachPage(c: Ctx, alert: Alert, place: string, csvHref: string, table: unknown) {
  return adminPage(c, {
    title: t.reachTitle(alert.title),
    main: (
      <>
        <p>
          <a href={`${BASE}${alert.id}/`}>{alert.title}</a>
        </p>
        <h1>{`${t.reachTitle(alert.title)} — ${place}`}</h1>
        <p>{t.reachIntro}</p>
        {table}
        <p>
          <a href={csvHref}>{t.downloadCsv}</a>
        </p>
      </>
    ),
  });
}

function csvAnswer(c: Ctx, rows: (string | number)[][], filename: string) {
  return c.body(csvDocument(rows), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });
}
