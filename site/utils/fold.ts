/**
 * Folds Vietnamese text the way people type it on phones: no diacritics,
 * "đ" typed as "d", any case, NFC or NFD input. Used at both ends (what we
 * index and what users type) by search and by the team directory finder.
 *
 * Also folds "Ð/ð" (U+00D0/U+00F0, the Icelandic eth that legacy encodings and
 * some keyboards put where "Đ" belongs: it looks identical) and drops invisible
 * format characters (zero-width spaces, soft hyphens) that pasted text carries.
 */
export function foldVietnamese(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đð]/g, 'd')
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
