// The one place an officials' form is read: the posted body goes through the
// form's zod schema (functions/*/form-schemas.ts) and comes back typed, or as
// Vietnamese messages per field. test/unit/forms/no-hand-parsed-fields.test.ts
// fails if a route reads a posted field any other way.
import type { Context } from 'hono';
import type { z } from 'zod';

/** What was posted, as Hono's parseBody gives it (kept to show the form again as typed). */
export type FormValues = Record<string, unknown>;
/** The first message for each field that failed, keyed by the field's name in the form. */
export type FormErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FormErrors; values: FormValues };

/** One message per field (the first zod reported); issues about the whole form go under `form`. */
export function formErrors(issues: readonly z.core.$ZodIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return errors;
}

/** Checks values already read (unit tests, and the few callers that hold them). */
export function checkForm<S extends z.ZodType>(schema: S, values: FormValues): FormResult<z.output<S>> {
  const parsed = schema.safeParse(values);
  return parsed.success ? { ok: true, data: parsed.data, values } : { ok: false, errors: formErrors(parsed.error.issues), values };
}

/**
 * The posted form, checked by its schema. `all`: repeated fields (checkbox
 * groups) arrive as arrays, as Hono's parseBody gives them when asked; without
 * it the last value of a repeated field counts. A body that cannot be read as
 * a form counts as an empty form (the schema then says what is missing); the
 * officials' router has already refused unreadable bodies (readable-form.ts).
 */
export async function readForm<S extends z.ZodType>(c: Context, schema: S, options: { all?: boolean } = {}): Promise<FormResult<z.output<S>>> {
  let values: FormValues;
  try {
    values = (await c.req.parseBody({ all: options.all ?? false })) as FormValues;
  } catch {
    values = {};
  }
  return checkForm(schema, values);
}

/** The first error in the order the form shows its fields (pages that show one message at a time). */
export const firstError = (errors: FormErrors, order: readonly string[]): string =>
  order.map((name) => errors[name]).find((message) => message !== undefined) ?? Object.values(errors)[0] ?? '';
