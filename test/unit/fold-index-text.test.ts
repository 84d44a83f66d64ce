import { describe, expect, it } from 'vitest';
import { keywordsForIndex, textForIndex, textFromIndex } from '../../site/scripts/search/index-text.ts';
import { canonicalSpelling, foldForSearch } from '../../site/utils/fold.ts';

/**
 * What Pagefind 1.6 does to each whitespace-separated word it indexes
 * (pagefind/src/fossick/splitting.rs): keep letters and digits, lowercase,
 * NFD, drop combining marks. Reproduced here so the round trip below states
 * the property the search relies on.
 */
function pagefindWord(word: string): string {
  const kept = [...word]
    .filter((c) => /[\p{L}\p{N}]/u.test(c))
    .join('')
    .toLowerCase();
  return kept.normalize('NFD').replace(/\p{M}/gu, '');
}

describe('text for the search index', () => {
  const samples = [
    'Đăng ký tài khoản Dịch vụ công',
    'Nộp tiền điện, nước qua ví điện tử',
    'ĐỊNH DANH ĐIỆN TỬ mức độ 2',
    'Ðường dây nóng', // eth look-alike
    'Sổ sức khỏe điện tử'.normalize('NFD'),
  ];

  it('makes every indexed word equal to its folded form', () => {
    for (const text of samples) {
      const indexed = textForIndex(text).split(/\s+/).map(pagefindWord).join(' ');
      const folded = foldForSearch(text).split(' ').map(pagefindWord).join(' ');
      expect(indexed).toBe(folded);
    }
  });

  it('keeps đ out of what Pagefind sees', () => {
    expect(textForIndex('điện Đà Nẵng')).not.toMatch(/[đĐ]/);
  });

  it('restores the original Vietnamese for display', () => {
    expect(textFromIndex(textForIndex('Đăng ký điện'))).toBe('Đăng ký điện');
    expect(textFromIndex(textForIndex('Ðường'))).toBe('Đường');
    const nfd = 'đồng hồ điện'.normalize('NFD');
    expect(textFromIndex(textForIndex(nfd))).toBe('đồng hồ điện');
  });
});

describe('i/y spellings and brand names (search only)', () => {
  it('folds kí/ký, lí/lý, kĩ/kỹ, mĩ/mỹ, quí/quý, y/i to one spelling, but not uy or ay', () => {
    expect(foldForSearch('Đăng ký')).toBe(foldForSearch('dang ki'));
    expect(foldForSearch('quản lý')).toBe('quan li');
    expect(foldForSearch('kỹ năng, KĨ NĂNG')).toBe('ki nang, ki nang');
    expect(foldForSearch('Hoa Kỳ, Mỹ, quý, y tế')).toBe('hoa ki, mi, qui, i te');
    expect(foldForSearch('thuỷ, tuy, máy, ngày, yên, huy')).toBe('thuy, tuy, may, ngay, yen, huy');
    expect(canonicalSpelling('ky')).toBe('ki');
    expect(canonicalSpelling('nguy')).toBe('nguy');
  });

  it('reads a hyphenated brand as one word, like Pagefind does', () => {
    expect(foldForSearch('Zalo-Pay')).toBe('zalopay');
    expect(foldForSearch('Viettel-Money')).toBe('viettelmoney');
    expect(foldForSearch('số 2 - 3')).toBe('so 2 - 3');
  });

  it('indexes ký and kí as the word the query folds to, and shows them as written', () => {
    for (const text of ['Đăng ký tài khoản', 'Đăng kí tài khoản', 'KỸ NĂNG SỐ', 'quản lý, Mỹ, y tế'.normalize('NFD')]) {
      const indexed = textForIndex(text).split(/\s+/).map(pagefindWord).join(' ');
      expect(indexed).toBe(foldForSearch(text).split(' ').map(pagefindWord).join(' '));
      expect(textFromIndex(textForIndex(text))).toBe(text.normalize('NFC'));
    }
    expect(textFromIndex(textForIndex('Đăng ký điện'))).toBe('Đăng ký điện');
  });

  it('adds joined and split spellings of brand names to the keywords', () => {
    const keywords = keywordsForIndex(['viettel money', 'vi dien tu', 'dang ky dich vu cong'], 'Mở ví MoMo, ZaloPay trên VNeID');
    expect(keywords.split(' , ')).toEqual(['viettel money', 'viettelmoney', 'vi dien tu', 'dang ki dich vu cong', 'mo mo', 'zalo pay']);
  });
});
