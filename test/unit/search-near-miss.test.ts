import { describe, expect, it } from 'vitest';
import { editDistance, isVietnameseSyllable, mendQuery, mendSpelling, rankByWordsMatched, spellingVocabulary } from '../../site/scripts/search/near-miss.ts';
import { guideSpellingVocabulary } from '../../site/integrations/search-index.ts';

describe('search near misses (issue 19)', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('vnied', 'vneid')).toBe(1);
    expect(editDistance('zlaopay', 'zalopay')).toBe(1);
    expect(editDistance('vietel', 'viettel')).toBe(1);
    expect(editDistance('momo', 'vneid')).toBeGreaterThan(2);
  });

  it('knows a Vietnamese syllable from a name', () => {
    for (const word of ['nguyen', 'truong', 'nghieng', 'khoe', 'quyen', 'dien']) expect(isVietnameseSyllable(word), word).toBe(true);
    for (const word of ['vneid', 'zalo', 'momo', 'shopee', 'bhxh']) expect(isVietnameseSyllable(word), word).toBe(false);
  });

  it('takes the words people misspell from the guides: names of apps, brands and agencies, not syllables, short abbreviations or link slugs', async () => {
    const vocabulary = await guideSpellingVocabulary('content/guides');
    for (const name of ['vneid', 'vssid', 'zalopay', 'momo', 'shopee', 'bhxh', 'viettel', 'email']) expect(vocabulary).toContain(name);
    expect(vocabulary).not.toContain('otp');
    expect(vocabulary).not.toContain('https');
    expect(vocabulary.filter((word) => word.length > 20)).toEqual([]);
    expect(vocabulary.some(isVietnameseSyllable)).toBe(false);
    expect(spellingVocabulary(['vneid', 'dien', 'ct01', 'otp', 'vneid'])).toEqual(['vneid']);
  });

  it('mends a misspelt name into the nearest one, and leaves Vietnamese words, short words and digits alone', () => {
    const vocabulary = ['momo', 'vneid', 'vssid', 'zalo', 'zalopay', 'viettel'];
    expect(mendSpelling('vnied', vocabulary)).toBe('vneid');
    expect(mendSpelling('vsisd', vocabulary)).toBe('vssid');
    expect(mendSpelling('zlaopay', vocabulary)).toBe('zalopay');
    expect(mendSpelling('vietel', vocabulary)).toBe('viettel');
    expect(mendSpelling('vneid', vocabulary)).toBeUndefined();
    expect(mendSpelling('dien', vocabulary)).toBeUndefined();
    expect(mendSpelling('2026', vocabulary)).toBeUndefined();
    expect(mendSpelling('abcdefg', vocabulary)).toBeUndefined();
    // The start of a name is what Pagefind matches as a prefix: not a typo.
    expect(mendSpelling('zalop', vocabulary)).toBeUndefined();
  });

  it('mends every misspelt name of a query and says which', () => {
    expect(mendQuery('kich hoat vnied', ['vneid', 'zalo'])).toEqual({ text: 'kich hoat vneid', mended: [['vnied', 'vneid']] });
    expect(mendQuery('kich hoat vneid', ['vneid'])).toEqual({ text: 'kich hoat vneid', mended: [] });
  });

  it('ranks guides by how many of the words they hold, then by score', () => {
    const r = (id: string, score: number) => ({ id, score, item: id });
    expect(rankByWordsMatched([[r('a', 1), r('b', 9)], [r('a', 1), r('c', 5)], [r('c', 1)]])).toEqual(['c', 'a', 'b']);
  });
});
