import { describe, expect, it } from 'vitest';
import { textForIndex, textFromIndex } from '../../site/scripts/search/index-text.ts';
import { foldVietnamese } from '../../site/utils/fold.ts';

/**
 * What Pagefind 1.6 does to each whitespace-separated word it indexes
 * (pagefind/src/fossick/splitting.rs): keep letters and digits, lowercase,
 * NFD, drop combining marks. Reproduced here so the round trip below states
 * the property the search relies on.
 */
function pagefindWord(word: string): string {
  const kept = [...word].filter((c) => /[\p{L}\p{N}]/u.test(c)).join('').toLowerCase();
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
      const folded = foldVietnamese(text).split(' ').map(pagefindWord).join(' ');
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
