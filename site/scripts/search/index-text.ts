/**
 * How Vietnamese text goes into the Pagefind index and comes back out.
 *
 * Pagefind (1.5+) already folds case and strips combining marks from every word
 * it indexes, so "Dịch" is found by "dich". It does not fold "đ": that letter
 * has no Unicode decomposition, so "điện" is indexed as "đien" and the query
 * "dien" misses it. We therefore hand Pagefind the text with every đ/Đ written
 * as d/D followed by U+0335 (combining short stroke overlay). Pagefind drops the
 * mark while indexing (it keeps only letters and digits of a word), so the
 * indexed word becomes exactly `foldVietnamese(word)`; the stored text, the
 * excerpts and the <mark> positions stay full Vietnamese, and
 * `textFromIndex` turns the stroke back into a real đ for display (even
 * unrestored, d̵ still reads as đ). Queries are folded with `foldVietnamese`.
 *
 * Measured on Pagefind 1.6: without this, `dien` does not find "điện" and
 * `dang ky dich vu cong` finds nothing; with it, both find their guides.
 */
const STROKE = '\u0335';

/** Text as we give it to Pagefind: NFC, with đ/Đ (and the look-alike eth) spelled d/D + stroke. */
export function textForIndex(text: string): string {
  return text.normalize('NFC').replace(/[đð]/g, `d${STROKE}`).replace(/[ĐÐ]/g, `D${STROKE}`);
}

/** Text as Pagefind returns it (titles, metadata, excerpts) made readable again. */
export function textFromIndex(text: string): string {
  return text.replace(/d\u0335/g, 'đ').replace(/D\u0335/g, 'Đ');
}
