// The officials' forms about members' help (/quan-tri/ho-tro/…): targets,
// voiding an entry, the allowance rates. Numbers are read as Vietnamese
// people type them (functions/forms/fields.ts).
import { z } from 'zod';
import { ui } from '../../site/i18n/ui.ts';
import { oneOf, wholeNumber } from '../forms/fields.ts';
import { monthPattern } from './activity.ts';
import type { TargetInput } from './official-actions.ts';
import { indicators, type IndicatorId } from './tasks.ts';

const targetErrors = ui.assistsAdmin.targetErrors;

/** One indicator's pair of fields: `muc-tieu-<id>` (≥ 1, blank = no target) and `mau-so-<id>` (≥ the target, or blank). */
function targetPairSchema(indicator: IndicatorId) {
  const targetField = `muc-tieu-${indicator}`;
  const denominatorField = `mau-so-${indicator}`;
  return z
    .object({ [targetField]: wholeNumber(targetErrors.target), [denominatorField]: wholeNumber(targetErrors.denominator) })
    .transform((pair): TargetInput => ({ indicator, target: pair[targetField] ?? null, denominator: pair[denominatorField] ?? null }))
    .superRefine((input, ctx) => {
      if (input.denominator === null) return;
      if (input.target === null) ctx.addIssue({ code: 'custom', message: targetErrors.denominatorAlone, path: [denominatorField] });
      else if (input.denominator < input.target) ctx.addIssue({ code: 'custom', message: targetErrors.denominatorSmall, path: [denominatorField] });
    });
}

/**
 * The targets form: one pair of fields per indicator, each pair checked on
 * its own (an error in one indicator does not hide another's). Whole
 * numbers, written plain or grouped by thousands: "1500", "1.500", "1 500".
 */
export const targetsFormSchema = z.record(z.string(), z.unknown()).transform((form, ctx) => {
  const inputs: TargetInput[] = [];
  for (const { id } of indicators) {
    const pair = targetPairSchema(id).safeParse(form);
    if (pair.success) inputs.push(pair.data);
    else for (const issue of pair.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  }
  return inputs;
});

/** Voiding an entry: `ve` says which list to go back to (the honesty checks' or the entries'). */
export const voidEntryFormSchema = z.object({ ve: oneOf(['ghi-nhan', 'kiem-tra'], 'ghi-nhan') });

const MAX_RATE = 100_000_000;
/** An amount in đồng as officials type it ("50000", "50.000", "50 000"); blank: no rate. */
const amount = (message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().replace(/[.\s]/g, '')) : v),
    z
      .string({ error: message })
      .regex(/^[1-9]\d{0,8}$/, message)
      .transform(Number)
      .pipe(z.number().max(MAX_RATE, message))
      .optional(),
  );

/**
 * The rates form: `muc-ngay` (per member per activity day), `muc-thang` (per
 * team per month), `tu-thang` (YYYY-MM they apply from; a sheet of a month
 * uses the rates in force that month, so changing them never rewrites a
 * sheet already paid).
 */
export const ratesFormSchema = z
  .object({
    'muc-ngay': amount(ui.allowance.rateError),
    'muc-thang': amount(ui.allowance.rateError),
    'tu-thang': z.string({ error: ui.allowance.fromMonthError }).trim().regex(monthPattern, ui.allowance.fromMonthError),
  })
  .transform((form) => ({ fromMonth: form['tu-thang'], rates: { perMemberDay: form['muc-ngay'] ?? null, perTeamMonth: form['muc-thang'] ?? null } }));
