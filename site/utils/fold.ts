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

/**
 * A syllable whose only vowel is a final "y" after its consonants (kí/ký,
 * lí/lý, mĩ/mỹ, quí/quý, hi/hy, y): Vietnamese spells these with i or y and
 * people type both. "uy" (thuỳ, tuy) and "ay" (máy) are other vowels and keep y.
 */
const iOrY = /^(?:[bcdghklmnpqrstvx]|ch|gh|kh|ng|ngh|nh|ph|th|tr|qu)?y$/;

/** One folded word with the i/y choice made the same way every time (y → i). */
export function canonicalSpelling(foldedWord: string): string {
  return iOrY.test(foldedWord) ? `${foldedWord.slice(0, -1)}i` : foldedWord;
}

/** Whether a (not yet folded) word is one of the i/y syllables above. */
export function hasIOrYSpelling(word: string): boolean {
  return iOrY.test(foldVietnamese(word));
}

/**
 * What search compares, at both ends (the words in the index and the query):
 * `foldVietnamese`, then one spelling for i/y syllables, and words joined by a
 * hyphen written as one ("Zalo-Pay" = "ZaloPay"), which is how Pagefind reads
 * a hyphenated word. Search only: the directory keeps `foldVietnamese`.
 */
export function foldForSearch(text: string): string {
  return foldVietnamese(text)
    .replace(/(?<=[\p{L}\p{N}])-+(?=[\p{L}\p{N}])/gu, '')
    .replace(/[\p{L}\p{N}]+/gu, canonicalSpelling);
}
