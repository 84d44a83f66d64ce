/**
 * Folds Vietnamese text the way people type it on phones: no diacritics,
 * "đ" typed as "d", any case, NFC or NFD input. Used at both ends (what we
 * index and what users type) by search and by the team directory finder.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
