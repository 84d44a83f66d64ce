// The officials' alert form (/quan-tri/canh-bao/moi, …/sua, issue 18):
// fields tieu-de, ke-gian, nen-lam, so-goi[], huong-dan[], pham-vi, tu-ngay,
// den-ngay, and the preview's buoc and ma-form. Read with repeated fields as
// arrays (the two checkbox groups).
import { z } from 'zod';
import { ui } from '../../site/i18n/ui.ts';
import { addDays } from '../usage/report.ts';
import type { Official } from '../auth/official.ts';
import { asPosted, eachOnItsOwn, many, typed } from '../forms/fields.ts';
import { checkForm, type FormErrors } from '../forms/read-form.ts';
import { vietnamDay } from '../assists/entries.ts';
import {
  channelIds,
  PEOPLE_MAX,
  type AlertFieldErrors,
  type AlertInput,
  type ContactId,
  GUIDES_MAX,
  holdsLink,
  mayPublish,
  START_AHEAD_DAYS,
  START_BACK_DAYS,
  TEXT_MAX,
  TITLE_MAX,
  WINDOW_MAX_DAYS,
} from './alerts.ts';

const t = ui.alerts;

/** Text as typed in a textarea: Windows and old Mac line ends made \n, trimmed. */
const areaText = z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : ''), z.string());
/** A checkbox group's values (strings only), without repeats. */
const picks = z.preprocess((v) => [...new Set(many(v).filter((x): x is string => typeof x === 'string'))], z.array(z.string()));
/** A text of at most `max` characters, without links (an alert never links out: people copy links from it). */
const alertText = (max: number, message: string) =>
  z
    .string()
    .min(1, message)
    .max(max, message)
    .refine((text) => !holdsLink(text), t.errors.noLinks);
const day = z.iso.date();

export interface AlertFormContext {
  official: Official;
  guideSlugs: Set<string>;
  today: string;
  /** Editing an alert whose start has passed keeps that start acceptable. */
  keepStart?: string;
}

/**
 * The alert form, checked whole: guides against the published catalog,
 * numbers against the official list, the scope against the official, dates
 * against a bounded window.
 */
export function alertFormSchema(ctx: AlertFormContext) {
  const { today } = ctx;
  return eachOnItsOwn({
    texts: z.object({
      'tieu-de': areaText.transform((title) => title.replace(/\s+/g, ' ')).pipe(alertText(TITLE_MAX, t.errors.title)),
      'ke-gian': areaText.pipe(alertText(TEXT_MAX, t.errors.scam)),
      'nen-lam': areaText.pipe(alertText(TEXT_MAX, t.errors.advice)),
    }),
    picks: z.object({
      'so-goi': picks.refine((ids) => ids.every((id) => id in t.contacts), t.errors.contacts).transform((ids) => ids as ContactId[]),
      'huong-dan': picks.refine((slugs) => slugs.length <= GUIDES_MAX && slugs.every((slug) => ctx.guideSlugs.has(slug)), t.errors.guides),
      'pham-vi': asPosted
        .transform((scope) => (scope === 'toan-quoc' ? null : /^\d{2}$/.test(scope) ? scope : undefined))
        .refine((code) => code !== undefined && mayPublish(ctx.official, code), t.errors.scope)
        .transform((code) => code!),
    }),
    // Start and end are judged together, as before: each its own message.
    window: z.object({ 'tu-ngay': z.unknown(), 'den-ngay': z.unknown() }).transform((form, check) => {
      const start = day.safeParse(form['tu-ngay']);
      const end = day.safeParse(form['den-ngay']);
      const startOk =
        start.success && ((start.data >= addDays(today, -START_BACK_DAYS) && start.data <= addDays(today, START_AHEAD_DAYS)) || start.data === ctx.keepStart);
      if (!startOk) check.addIssue({ code: 'custom', message: t.errors.start, path: ['tu-ngay'] });
      if (!end.success || (start.success && (end.data < start.data || end.data > addDays(start.data, WINDOW_MAX_DAYS - 1))) || end.data < today)
        check.addIssue({ code: 'custom', message: t.errors.end, path: ['den-ngay'] });
      return startOk && end.success ? { startsOn: start.data!, endsOn: end.data } : z.NEVER;
    }),
  }).transform(
    ({ texts, picks: chosen, window }): AlertInput => ({
      title: texts['tieu-de'],
      scamText: texts['ke-gian'],
      adviceText: texts['nen-lam'],
      contacts: chosen['so-goi'],
      guides: chosen['huong-dan'],
      provinceCode: chosen['pham-vi'],
      ...window,
    }),
  );
}

/** The form's field names and the keys its page shows their errors under. */
const errorKeyOfField = {
  'tieu-de': 'title',
  'ke-gian': 'scam',
  'nen-lam': 'advice',
  'so-goi': 'contacts',
  'huong-dan': 'guides',
  'pham-vi': 'scope',
  'tu-ngay': 'start',
  'den-ngay': 'end',
} as const satisfies Record<string, keyof AlertFieldErrors>;

export function alertFieldErrors(errors: FormErrors): AlertFieldErrors {
  const out: AlertFieldErrors = {};
  for (const [field, key] of Object.entries(errorKeyOfField)) if (errors[field] !== undefined) out[key] = errors[field];
  return out;
}

/** What the form shows again (the preview carries it in hidden fields): the fields as typed. */
export const alertFormValuesSchema = z
  .object({
    'tieu-de': asPosted,
    'ke-gian': asPosted,
    'nen-lam': asPosted,
    'so-goi': picks,
    'huong-dan': picks,
    'pham-vi': asPosted,
    'tu-ngay': asPosted,
    'den-ngay': asPosted,
  })
  .transform((form) => ({
    title: form['tieu-de'],
    scam: form['ke-gian'],
    advice: form['nen-lam'],
    contacts: form['so-goi'],
    guides: form['huong-dan'],
    scope: form['pham-vi'],
    start: form['tu-ngay'],
    end: form['den-ngay'],
  }));
export type AlertFormValues = z.output<typeof alertFormValuesSchema>;

/** The preview's step (`sua-lai` back to the form, `dang` publish, `luu` save) and the key that makes publishing once-only. */
export const alertStepSchema = z.object({
  buoc: asPosted,
  'ma-form': asPosted.transform((key) => (/^[0-9a-f-]{36}$/.test(key) ? key : undefined)),
});

/** Checks a posted alert form (already read); errors under the page's keys. */
export function parseAlertForm(
  form: Record<string, unknown>,
  ctx: Omit<AlertFormContext, 'today'> & { today?: string },
): { ok: true; input: AlertInput } | { ok: false; errors: AlertFieldErrors } {
  const checked = checkForm(alertFormSchema({ ...ctx, today: ctx.today ?? vietnamDay() }), form);
  return checked.ok ? { ok: true, input: checked.data } : { ok: false, errors: alertFieldErrors(checked.errors) };
}

/** A member's mark that they passed an alert on (/thanh-vien/canh-bao/…): how (`cach`) and to how many people (`so-nguoi`). */
export const passedOnFormSchema = z
  .object({
    cach: z.enum(channelIds, { error: t.channelError }),
    'so-nguoi': typed.pipe(
      z
        .string()
        .regex(/^\d{1,3}$/, t.peopleError)
        .transform(Number)
        .pipe(z.number().min(1, t.peopleError).max(PEOPLE_MAX, t.peopleError)),
    ),
  })
  .transform((form) => ({ channel: form.cach, people: form['so-nguoi'] }));

/** The passed-on form's errors under the keys its page shows them. */
export const passedOnFieldErrors = (errors: FormErrors): { channel?: string; people?: string } => ({
  ...(errors.cach !== undefined ? { channel: errors.cach } : {}),
  ...(errors['so-nguoi'] !== undefined ? { people: errors['so-nguoi'] } : {}),
});
