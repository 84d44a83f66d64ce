// How the "Tra lỗi" box matches what people type against an app's message: any
// case, with or without diacritics, part of the wording, or text pasted from a
// screenshot (punctuation, line breaks and quotes are ignored). Shared by the
// built list (site/components/ErrorFinder.astro) and its script in the browser.
import { foldVietnamese } from './fold.ts';

/** The words of `text`, folded: "Hệ thống đang bảo trì." → ["he", "thong", "dang", "bao", "tri"]. */
export function matchWords(text: string): string[] {
  return foldVietnamese(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** What a list item carries for matching: its folded words joined by spaces. */
export const matchText = (text: string) => matchWords(text).join(' ');

/** True when every word of the query is part of the item's text (an empty query matches all). */
export function matchesQuery(itemText: string, query: string): boolean {
  return matchWords(query).every((word) => itemText.includes(word));
}

/** One line of /tra-loi/chi-muc.json: what the guide search needs to offer an error entry. */
export interface ErrorIndexEntry {
  url: string;
  message: string;
  /** The app's name as readers know it. */
  app: string;
}
