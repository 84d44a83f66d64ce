// OWNER: search (issue 19). What search does when the words typed find no
// guide together: mend a misspelt brand or agency name, then drop the words
// that find nothing alone (a number, a year, a place), and say so.

/**
 * A folded word that is one Vietnamese syllable (initial consonants, vowels,
 * final consonant): never "mended" into a brand name, however close.
 */
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

export function isVietnameseSyllable(foldedWord: string): boolean {
  return SYLLABLE.test(foldedWord);
}

/**
 * Which words of the guides people misspell: words of letters, four or more,
 * that are not a Vietnamese syllable (vneid, zalopay, vssid, shopee, bhxh,
 * email). Abbreviations of three letters are too short to mend safely. Words
 * are already folded for search.
 */
export function spellingVocabulary(foldedWords: Iterable<string>): string[] {
  const words = new Set<string>();
  for (const word of foldedWords) {
    if (/^[a-z]{4,}$/.test(word) && !isVietnameseSyllable(word)) words.add(word);
  }
  return [...words].sort();
}

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The guides' word a typed word was meant to be, when it is none of them:
 * one edit away (two for words of eight letters or more), the nearest, then
 * the first in order. A Vietnamese syllable, a short word, digits, a word of
 * the guides or the start of one (search matches prefixes) are left alone.
 * Pagefind itself would answer an unknown word with its longest known
 * prefix ("vnied" → every page with "vn"), so names are mended first.
 */
export function mendSpelling(foldedWord: string, vocabulary: readonly string[]): string | undefined {
  if (!/^[a-z]{4,}$/.test(foldedWord) || isVietnameseSyllable(foldedWord)) return undefined;
  if (vocabulary.some((word) => word.startsWith(foldedWord))) return undefined;
  const allowed = foldedWord.length >= 8 ? 2 : 1;
  let best: { word: string; distance: number } | undefined;
  for (const word of vocabulary) {
    if (Math.abs(word.length - foldedWord.length) > allowed) continue;
    const distance = editDistance(foldedWord, word);
    if (distance <= allowed && (!best || distance < best.distance)) best = { word, distance };
  }
  return best?.word;
}

/** The query with every misspelt name mended, and the [typed, meant] pairs. */
export function mendQuery(folded: string, vocabulary: readonly string[]): { text: string; mended: [string, string][] } {
  const mended: [string, string][] = [];
  const text = folded.replace(/[a-z]+/g, (word) => {
    const meant = mendSpelling(word, vocabulary);
    if (!meant) return word;
    mended.push([word, meant]);
    return meant;
  });
  return { text, mended };
}

/** What the search did instead of answering nothing, for the status line. */
export interface NearMiss {
  /** Words mended into a name from the guides: [typed, meant]. */
  mended: [string, string][];
  /** Words that found nothing and were left out. */
  dropped: string[];
  /** True when no guide held every remaining word: guides holding the most of them come first. */
  someWords: boolean;
}

interface Ranked<T> {
  id: string;
  score: number;
  item: T;
}

/**
 * Guides holding the most of the words, then the best scored: the answer
 * when no guide holds them all (each word's results searched alone).
 */
export function rankByWordsMatched<T>(perWord: Ranked<T>[][]): T[] {
  const byId = new Map<string, { item: T; words: number; score: number }>();
  for (const results of perWord) {
    for (const { id, score, item } of results) {
      const seen = byId.get(id);
      if (seen) {
        seen.words += 1;
        seen.score += score;
      } else byId.set(id, { item, words: 1, score });
    }
  }
  return [...byId.values()].sort((a, b) => b.words - a.words || b.score - a.score).map((entry) => entry.item);
}
