// The officials' roster forms (/quan-tri/lich/…, issue 17): planning shifts
// and help sessions, moving one, cancelling one, marking a shift served.
import { z } from 'zod';
import { ui } from '../../site/i18n/ui.ts';
import { taskIds } from '../assists/tasks.ts';
import { blank, flag, idText, many } from '../forms/fields.ts';
import { addDays, isDay, MAX_RULE_WEEKS, timePattern, vietnamDay } from './dates.ts';

const t = ui.roster.errors;

const day = (message: string) => z.preprocess(blank, z.string({ error: message }).refine(isDay, message));
const time = (message: string) => z.preprocess(blank, z.string({ error: message }).regex(timePattern, message));
const placeField = z.preprocess(blank, z.string({ error: t.place }).min(2, t.place).max(120, t.place));

/** When and where: shared by the planning form and the move form. */
const whenWhere = z
  .object({ day: day(t.day), start: time(t.start), end: time(t.end), place: placeField })
  .refine((v) => v.start < v.end, { message: t.end, path: ['end'] });

/** The planning form ("Thêm ca trực" / "Thêm buổi hỗ trợ"); read with repeated fields as arrays. */
export function planFormSchema(now = Date.now()) {
  const today = vietnamDay(now);
  const last = addDays(today, 366);
  return z
    .object({
      'form-key': z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, t.formKey),
      day: day(t.day).refine((d) => d >= today && d <= last, t.dayRange),
      start: time(t.start),
      end: time(t.end),
      place: placeField,
      village: z.preprocess(blank, idText.optional()),
      topics: z.preprocess(many, z.array(z.enum(taskIds, { error: t.topics })).max(taskIds.length)),
      members: z.preprocess(many, z.array(idText, { error: t.members }).max(30, t.members)),
      repeat: z.preprocess(many, z.array(z.enum(['1', '2', '3', '4', '5', '6', '7'], { error: t.weekdays }).transform(Number)).max(7)),
      weeks: z.preprocess(
        (v) => blank(v) ?? '1',
        z
          .string()
          .regex(/^\d{1,2}$/, t.weeks)
          .transform(Number)
          .pipe(z.number().int().min(1, t.weeks).max(MAX_RULE_WEEKS, t.weeks)),
      ),
    })
    .refine((v) => v.start < v.end, { message: t.end, path: ['end'] });
}
export type PlanInput = z.infer<ReturnType<typeof planFormSchema>>;

/** Moving: to any day from a week ago (a shift held on another day, recorded late) to a year ahead. */
export function moveFormSchema(now = Date.now()) {
  const today = vietnamDay(now);
  return whenWhere.refine((v) => v.day >= addDays(today, -7) && v.day <= addDays(today, 366), { message: t.dayRange, path: ['day'] });
}

/** Cancelling: the form says what goes and asks once more (`confirm`, a checkbox). */
export const cancelFormSchema = z.object({ confirm: flag('1').refine((yes) => yes, ui.roster.confirmRequired) });

/** Marking a shift served: which member served it. */
export const servedFormSchema = z.object({ member: idText });
