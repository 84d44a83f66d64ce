// Zod fields shared by the officials' forms. The directory's fields wrap the
// import's own cell parsers (functions/directory/sheet/fields.ts) and limits
// (directoryLimits): a person, team or village typed into a form obeys the
// same rules, in the same words, as one read from a file.
import { z } from 'zod';
import { parseDate, parseText, parseZaloUrl, type FieldResult } from '../directory/sheet/fields.ts';
import { normalizeVietnamesePhone } from '../directory/sheet/normalize-phone.ts';
import { directoryLimits } from '../directory/import/validate.ts';

export { directoryLimits };

/** A text field as typed: trimmed, '' when absent or not text (a file where text belongs). */
// Preprocessed, not z.unknown().transform(): zod treats a missing key as an error for the latter.
export const typed = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string());

/** A text field kept as posted (passwords, codes): '' when absent or not text. */
export const asPosted = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());

/** For .catch() on a field a refused form shows again: the text as typed (trimmed) instead of the tidied value. */
export const asTypedWhenRefused = (ctx: { input: unknown }) => (typeof ctx.input === 'string' ? ctx.input.trim() : '');

/** Blank text counts as absent; other text is trimmed. */
export const blank = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);

/** A checkbox group posts one string or several: always an array. */
export const many = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A row id: at most 12 digits, far above any real id, far below Number.MAX_SAFE_INTEGER. */
export const idPattern = /^[1-9]\d{0,11}$/;
export const idText = z.string().regex(idPattern).transform(Number);

/** A checkbox or a hidden flag: true only for its one value. */
export const flag = (value: string) => z.preprocess((v) => v === value, z.boolean());

/** One of a few values; anything else (or nothing) is `fallback`. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess((v) => (typeof v === 'string' && (values as readonly string[]).includes(v.trim()) ? v.trim() : fallback), z.enum(values));

/** A cell parser of the import as a zod field: its reason becomes the message (after `label: ` when given). */
export function fromCellParser<T>(parse: (text: string) => FieldResult<T>, message?: (reason: string) => string) {
  return typed.transform((text, ctx): T => {
    const result = parse(text);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: message ? message(result.reason) : result.reason });
    return z.NEVER;
  });
}

/**
 * A text of the directory, checked as the import checks its cells: tidy
 * spaces, composed accents, no control characters, at most `maxLength`
 * (too long is an error, never cut). null when blank.
 */
export const directoryText = (maxLength: number, label: string) =>
  fromCellParser(
    (text) => parseText(text, maxLength),
    (reason) => `${label}: ${reason}`,
  );

/** A text the form needs: as directoryText, and `required` when blank. */
export const requiredDirectoryText = (maxLength: number, label: string, required: string) =>
  directoryText(maxLength, label).pipe(z.string({ error: required }));

/** A Zalo group link, as the import takes it (https://zalo.me/…; a bare zalo.me/… gets https). */
export const zaloUrl = fromCellParser(parseZaloUrl);

/** A date as officials write it (dd/mm/yyyy) or as a date input sends it (yyyy-mm-dd); ISO out, null when blank. */
export const directoryDate = (message: string) => fromCellParser(parseDate, () => message);

/** A phone number as the import normalizes it (0912 345 678, +84…); null when blank. */
export const phone = fromCellParser(normalizeVietnamesePhone);

/**
 * A whole number as Vietnamese people type it: "1500", "1.500", "1 500"
 * (thousands in groups of three; "1.5" is not 1500). Blank: null. The text
 * that comes out is the digits, for the field's own range check.
 */
export const groupedDigits = z.preprocess((v) => {
  if (typeof v !== 'string' || v.trim() === '') return null;
  const text = v.trim();
  return /^\d{1,3}([.\s]\d{3})+$/.test(text) ? text.replace(/[.\s]/g, '') : text;
}, z.string().nullable());

/** A whole number from 1 to 999,999,999 typed as groupedDigits; null when blank. */
export const wholeNumber = (message: string) =>
  groupedDigits.transform((text, ctx): number | null => {
    if (text === null) return null;
    if (/^[1-9]\d{0,8}$/.test(text)) return Number(text);
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

/**
 * Parts of one form, each checked on its own against the whole form, every
 * part's errors reported together (zod skips an object's cross-field checks
 * once one of its fields failed; a form shows all its errors at once).
 */
export function eachOnItsOwn<const P extends Record<string, z.ZodType>>(parts: P) {
  return z.record(z.string(), z.unknown()).transform((form, ctx) => {
    const out: Record<string, unknown> = {};
    let failed = false;
    for (const [name, part] of Object.entries(parts)) {
      const result = part.safeParse(form);
      if (result.success) out[name] = result.data;
      else {
        failed = true;
        for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      }
    }
    return failed ? z.NEVER : (out as { [K in keyof P]: z.output<P[K]> });
  });
}
