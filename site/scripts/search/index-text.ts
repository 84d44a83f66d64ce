/**
 * How Vietnamese text goes into the Pagefind index and comes back out.
 *
 * Pagefind (1.5+) already folds case and strips combining marks from every word
 * it indexes, so "Dịch" is found by "dich". It does not fold "đ": that letter
 * has no Unicode decomposition, so "điện" is indexed as "đien" and the query
 * "dien" misses it. We therefore hand Pagefind the text with every đ/Đ written
 * as d/D followed by U+0335 (combining short stroke overlay). Pagefind drops the
 * mark while indexing (it keeps only letters and digits of a word), so the
 * indexed word becomes exactly `foldForSearch(word)`; the stored text, the
 * excerpts and the <mark> positions stay full Vietnamese, and
 * `textFromIndex` turns the stroke back into a real đ for display (even
 * unrestored, d̵ still reads as đ). Queries are folded with `foldForSearch`.
 *
 * The same stroke spells the i/y choice: in a syllable like "ký" / "kí" (see
 * `canonicalSpelling`), the final y is handed over as i + its tone + stroke, so
 * "ký", "kí", "ky" and "ki" are all indexed as "ki"; `textFromIndex` turns
 * i + stroke back into y.
 *
 * Measured on Pagefind 1.6: without this, `dien` does not find "điện" and
 * `dang ky dich vu cong` finds nothing; with it, both find their guides.
 */
import { foldForSearch, hasIOrYSpelling } from '../../utils/fold.ts';

const STROKE = '\u0335';

/** One word with its i/y syllable (if it is one) spelled i + stroke. */
function iOrYForIndex(word: string): string {
  return hasIOrYSpelling(word)
    ? word
        .normalize('NFD')
        .replace(/([yY])(\p{M}*)$/u, (_, y: string, marks: string) => `${y === 'y' ? 'i' : 'I'}${marks}${STROKE}`)
        .normalize('NFC')
    : word;
}

/**
 * Each distinct word's spelling, worked out once: a build indexes a few
 * thousand distinct words a million times over, and folding each occurrence
 * again was ~1 s of a 1,000-guide build (issue 20).
 */
const wordsForIndex = new Map<string, string>();

/** Text as we give it to Pagefind: NFC, with đ/Đ (and the look-alike eth) spelled d/D + stroke, i/y syllables with i + stroke. */
export function textForIndex(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\p{L}\p{M}]+/gu, (word) => {
      let spelled = wordsForIndex.get(word);
      if (spelled === undefined) {
        spelled = iOrYForIndex(word);
        wordsForIndex.set(word, spelled);
      }
      return spelled;
    })
    .replace(/[đð]/g, `d${STROKE}`)
    .replace(/[ĐÐ]/g, `D${STROKE}`);
}

/** Text as Pagefind returns it (titles, metadata, excerpts) made readable again. */
export function textFromIndex(text: string): string {
  if (!text.includes(STROKE) && !text.normalize('NFD').includes(STROKE)) return text;
  return text
    .normalize('NFD')
    .replace(/([dDiI])(\p{M}*)/gu, (all, letter: string, marks: string) => {
      if (!marks.includes(STROKE)) return all;
      const rest = marks.replace(STROKE, '');
      const restored = { d: 'đ', D: 'Đ', i: 'y', I: 'Y' }[letter] ?? letter;
      return restored + rest;
    })
    .normalize('NFC');
}

/**
 * The editors' keywords as the hidden "keywords" field of a search record
 * (never shown): folded for search, plus the other ways people write the same
 * name. A keyword of two words also goes in joined ("viettel money" →
 * "viettelmoney"; longer ones are phrases, not names, and would only dilute the field), and a brand written with inner capitals in the title or the
 * keywords also goes in apart ("ZaloPay" → "zalo pay", "MoMo" → "mo mo"),
 * unless it starts as an acronym (VNeID).
 */
export function keywordsForIndex(keywords: readonly string[], title: string): string {
  const variants = new Set<string>();
  for (const keyword of keywords) {
    const folded = foldForSearch(keyword);
    variants.add(folded);
    const words = folded.split(' ');
    if (words.length === 2) variants.add(words.join(''));
  }
  for (const word of `${title} ${keywords.join(' ')}`.match(/[\p{L}\p{M}]+/gu) ?? []) {
    // An acronym start (VNeID, EVNHANOI) is not two words people type apart.
    if (/^\p{Lu}{2}/u.test(word)) continue;
    const parts = word.normalize('NFC').split(/(?<=\p{Ll})(?=\p{Lu})/u);
    if (parts.length > 1) variants.add(foldForSearch(parts.join(' ')));
  }
  return [...variants].join(' , ');
}
