// OWNER: search (issue 3). Runs a search against the Pagefind index built by
// site/integrations/search-index.ts. Loaded only when someone starts searching.
import vocabulary from 'virtual:search-vocabulary';
import { matchesQuery, matchText, matchWords, type ErrorIndexEntry } from '../../utils/error-match.ts';
import { foldForSearch } from '../../utils/fold.ts';
import { textFromIndex } from './index-text.ts';
import { mendQuery, rankByWordsMatched, type NearMiss } from './near-miss.ts';

/** The parts of Pagefind's browser API (dist/pagefind/pagefind.js) that we use. */
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: { filters?: Record<string, string> }): Promise<{ results: PagefindResult[] } | null>;
}
interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindRecord>;
}
interface PagefindRecord {
  url: string;
  content: string;
  excerpt: string;
  plain_excerpt?: string;
  locations: number[];
  meta: Record<string, string | undefined>;
}

/** One piece of a highlighted text: `mark` pieces matched the query. */
export interface TextPart {
  text: string;
  mark: boolean;
}

export interface SearchHit {
  url: string;
  title: TextPart[];
  excerpt: TextPart[];
  /** Topic name, for guides. */
  topic?: string;
  kind: 'guide' | 'topic' | 'error';
}

export interface SearchOutcome {
  query: string;
  /** The first guides found, best first. */
  guides: SearchHit[];
  /** How many guides match in all. */
  total: number;
  /** Topics whose name or description match (at most MAX_TOPIC_HITS; none when not asked for). */
  topics: SearchHit[];
  /** Loads the next guides after those already shown. */
  more: (count: number) => Promise<SearchHit[]>;
  /** Set when no guide held every word typed and the search answered with the nearest instead. */
  nearMiss?: NearMiss;
}

// Where Pagefind's files are served. A variable, so the bundler leaves the
// import alone: the file only exists after the build has indexed the site.
const PAGEFIND_URL = '/pagefind/pagefind.js';
/** Pagefind's WASM for languages without a stemmer, Vietnamese included (checked in test/build). */
export const PAGEFIND_WASM_URL = '/pagefind/wasm.unknown.pagefind';

let pagefind: Promise<PagefindApi> | undefined;

/** Loads Pagefind once (its JS, WASM and index metadata). Safe to call often. */
export function loadPagefind(): Promise<PagefindApi> {
  if (!pagefind) {
    // Pagefind asks for its WASM only after pagefind.js and its entry file have
    // arrived; fetching it alongside saves two round trips on a slow network.
    const link = Object.assign(document.createElement('link'), { rel: 'preload', href: PAGEFIND_WASM_URL, as: 'fetch' });
    link.crossOrigin = 'anonymous';
    document.head.appendChild(link);
  }
  pagefind ??= (import(/* @vite-ignore */ PAGEFIND_URL) as Promise<PagefindApi>).then(async (api) => {
    await api.options({
      // A Web Worker would cost another ~12 KB download; searching 20-odd
      // guides on the main thread takes a few milliseconds.
      noWorker: true,
      excerptLength: 22,
      ranking: {
        // Titles and the editors' keywords say what a guide is about; the
        // topic name alone should not lift a guide above one that matches.
        // The description is also the first paragraph of the indexed body:
        // counted there, not twice.
        metaWeights: { title: 5, keywords: 7, topic: 1, description: 0 },
        // No penalty for long pages (Pagefind's default 0.75): our pages are
        // all guides, and the long ones are the complete ones (activating
        // VNeID), which should lead for their own topic over short side
        // guides (a new phone for VNeID). Measured on test/browser/search-queries.ts:
        // with 0.75 or 0.25 "vneid" misses the activation guide, with 0 every query hits.
        pageLength: 0,
      },
    });
    await api.init();
    return api;
  });
  pagefind.catch(() => {
    pagefind = undefined; // let the next attempt retry (e.g. after the network comes back)
  });
  return pagefind;
}

/** Words of a folded query, for highlighting titles ourselves. */
function queryTerms(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

// Runs of letters (with their combining marks) and digits: what a "word" is when highlighting.
const WORD = /([\p{L}\p{M}\p{N}]+)/u;

/** Splits text into words and the rest, marking the words `isMatch` accepts; punctuation stays unmarked. */
function markWords(text: string, isMatch: (word: string) => boolean): TextPart[] {
  return text
    .split(WORD)
    .filter((piece) => piece !== '')
    .map((piece) => ({ text: piece, mark: WORD.test(piece) && isMatch(piece) }));
}

/** Marks the words of `text` whose folded form starts with a query term (Pagefind matches prefixes too). */
export function highlight(text: string, terms: string[]): TextPart[] {
  return markWords(text, (word) => {
    const folded = foldForSearch(word);
    return terms.some((term) => folded.startsWith(term));
  });
}

/** Pagefind's excerpt is HTML with <mark> around matched words (punctuation included) and < > escaped. */
export function parseExcerpt(excerpt: string): TextPart[] {
  return excerpt
    .split(/(<mark>[\s\S]*?<\/mark>)/)
    .filter((piece) => piece !== '')
    .flatMap((piece) => {
      const marked = piece.startsWith('<mark>');
      const text = textFromIndex((marked ? piece.slice(6, -7) : piece).replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
      return marked ? markWords(text, () => true) : [{ text, mark: false }];
    });
}

function toHit(record: PagefindRecord, terms: string[], kind: SearchHit['kind']): SearchHit {
  const description = record.meta.description;
  let excerpt: TextPart[];
  if (record.locations.length === 0 && description) {
    // A match in the title or keywords only: the description says what the guide is.
    excerpt = highlight(textFromIndex(description), terms);
  } else {
    excerpt = parseExcerpt(record.excerpt);
    // Say when the excerpt is cut out of a longer text.
    const plain = record.plain_excerpt ?? '';
    if (plain && !record.content.startsWith(plain)) excerpt.unshift({ text: '… ', mark: false });
    if (plain && !record.content.endsWith(plain)) excerpt.push({ text: ' …', mark: false });
  }
  const topic = record.meta.topic;
  return {
    url: record.url,
    title: highlight(textFromIndex(record.meta.title ?? record.url), terms),
    excerpt,
    ...(kind === 'guide' && topic ? { topic: textFromIndex(topic) } : {}),
    kind,
  };
}

type GuideSearch = (folded: string) => Promise<PagefindResult[]>;

/**
 * When no guide holds every word: each word is searched alone. Words that
 * find nothing (a place, a code) are left out and the rest searched together;
 * if no guide holds them all either, the guides holding the most of them
 * come first. Undefined when no word finds anything.
 */
async function nearestGuides(
  folded: string,
  guideSearch: GuideSearch,
): Promise<{ guides: PagefindResult[]; searched: string; dropped: string[]; someWords: boolean } | undefined> {
  const words = queryTerms(folded);
  if (words.length < 2) return undefined;
  const alone = await Promise.all(words.map(guideSearch));
  const kept = words.flatMap((word, i) => (alone[i]!.length > 0 ? [{ word, results: alone[i]! }] : []));
  const dropped = words.filter((_, i) => alone[i]!.length === 0);
  if (kept.length === 0) return undefined;
  const searched = kept.map((k) => k.word).join(' ');
  const together = dropped.length > 0 ? await guideSearch(searched) : [];
  if (together.length > 0) return { guides: together, searched, dropped, someWords: false };
  const ranked = rankByWordsMatched(kept.map((k) => k.results.map((result) => ({ id: result.id, score: result.score, item: result }))));
  return { guides: ranked, searched, dropped, someWords: kept.length > 1 };
}

/** At most this many matching topics are shown (the search page; the box shows none). */
const MAX_TOPIC_HITS = 2;

/**
 * Searches the way people type: the query is folded like the index (no
 * diacritics, đ → d, any case, NFC or NFD, kí = ký, Zalo-Pay = ZaloPay), so "dang ki dich vu cong" finds
 * "Đăng ký … Dịch vụ công"; a misspelt name is mended ("vnied" → "vneid"),
 * and a query no guide answers in full falls back to its nearest guides
 * (`nearestGuides`). Only the records shown are downloaded (each one is a
 * small fragment file), `limit` guides at first, more on demand, and the
 * matching topics only for a view that shows them (`withTopics`).
 */
export async function searchGuides(query: string, limit: number, { withTopics }: { withTopics: boolean }): Promise<SearchOutcome> {
  const folded = foldForSearch(query);
  const nothing = { query, guides: [], total: 0, topics: [], more: async () => [] };
  if (folded === '') return nothing;
  const api = await loadPagefind();
  const guideSearch: GuideSearch = async (text) => (await api.search(text, { filters: { kind: 'guide' } }))?.results ?? [];
  const mended = mendQuery(folded, vocabulary);
  let searched = mended.text;
  let guides = await guideSearch(searched);
  let nearMiss: NearMiss | undefined = mended.mended.length > 0 ? { mended: mended.mended, dropped: [], someWords: false } : undefined;
  const nearest = guides.length === 0 ? await nearestGuides(searched, guideSearch) : undefined;
  if (nearest) {
    ({ guides, searched } = nearest);
    nearMiss = { mended: mended.mended, dropped: nearest.dropped, someWords: nearest.someWords };
  }
  const terms = queryTerms(searched);
  // Each topic shown costs a fragment download: the box, which shows none, asks for none.
  const topics = withTopics ? ((await api.search(searched, { filters: { kind: 'topic' } }))?.results ?? []) : [];
  const load = async (results: PagefindResult[], kind: SearchHit['kind']) =>
    (await Promise.all(results.map((r) => r.data()))).map((record) => toHit(record, terms, kind));
  let shown = 0;
  const more = async (count: number) => {
    const next = await load(guides.slice(shown, shown + count), 'guide');
    shown += next.length;
    return next;
  };
  const [first, topicHits] = await Promise.all([more(limit), load(topics.slice(0, MAX_TOPIC_HITS), 'topic')]);
  return { query, guides: first, total: guides.length, topics: topicHits, more, ...(nearMiss ? { nearMiss } : {}) };
}

/** Where the wording of the "Tra lỗi" entries is (site/pages/tra-loi/chi-muc.json.ts). */
export const ERROR_INDEX_URL = '/tra-loi/chi-muc.json';
/** At most this many error entries are offered above the guides. */
const MAX_ERROR_HITS = 2;

/**
 * Error entries whose message holds every word typed (folded, partial words
 * allowed: "bao tri", "he thong dang bao tri", text pasted from a screenshot).
 * A single short word ("vneid", "otp") says nothing about a message, so at
 * least two words or one of six letters or more are needed.
 */
export function errorHits(entries: readonly ErrorIndexEntry[], query: string): SearchHit[] {
  const words = matchWords(query);
  if (words.length === 0 || (words.length === 1 && (words[0]?.length ?? 0) < 6)) return [];
  const terms = queryTerms(foldForSearch(query));
  return entries
    .filter((entry) => matchesQuery(matchText(entry.message), query))
    .slice(0, MAX_ERROR_HITS)
    .map((entry) => ({
      url: entry.url,
      title: highlight(`“${entry.message}”`, terms),
      excerpt: [{ text: entry.app, mark: false }],
      kind: 'error' as const,
    }));
}

/**
 * Words a query needs before the entries' whole pages (where, meaning, steps:
 * Pagefind records of kind "error") are searched when no message holds it:
 * a sentence read off the screen or describing it ("khong doc duoc chip can
 * cuoc"), not a topic of two or three words, which the guides answer.
 */
const PAGE_SEARCH_MIN_WORDS = 4;

/** True when a query no message holds is long enough to look for an entry by what its page says. */
export const searchesErrorPages = (query: string) => matchWords(query).length >= PAGE_SEARCH_MIN_WORDS;

let errorIndex: Promise<ErrorIndexEntry[]> | undefined;

/**
 * Error entries matching `query`: by their wording first (no Pagefind needed,
 * none when the index cannot be fetched offline: guides still show); failing
 * that, a long query is searched in the entries' pages in the Pagefind index.
 */
export async function searchErrors(query: string): Promise<SearchHit[]> {
  errorIndex ??= fetch(ERROR_INDEX_URL).then((r) => (r.ok ? (r.json() as Promise<ErrorIndexEntry[]>) : []));
  errorIndex.catch(() => {
    errorIndex = undefined;
  });
  const byWording = errorHits(await errorIndex.catch(() => []), query);
  if (byWording.length > 0 || !searchesErrorPages(query)) return byWording;
  try {
    const folded = foldForSearch(query);
    const api = await loadPagefind();
    const results = (await api.search(folded, { filters: { kind: 'error' } }))?.results ?? [];
    const records = await Promise.all(results.slice(0, MAX_ERROR_HITS).map((r) => r.data()));
    return records.map((record) => toHit(record, queryTerms(folded), 'error'));
  } catch {
    return [];
  }
}
