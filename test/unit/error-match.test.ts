// The "Tra lỗi" box (site/utils/error-match.ts): people type a message the way
// they can — without diacritics, partly, or pasted from a screenshot.
import { describe, expect, it } from 'vitest';
import { matchesQuery, matchText, matchWords } from '../../site/utils/error-match.ts';

const item = matchText('Hệ thống đang bảo trì. Vui lòng thử lại sau VNeID');

describe('error wording match', () => {
  it('folds case, diacritics and đ, and drops punctuation', () => {
    expect(matchWords('Đăng nhập KHÔNG thành công!')).toEqual(['dang', 'nhap', 'khong', 'thanh', 'cong']);
    expect(item).toBe('he thong dang bao tri vui long thu lai sau vneid');
  });

  it.each([
    ['the exact wording', 'Hệ thống đang bảo trì. Vui lòng thử lại sau'],
    ['no diacritics', 'he thong dang bao tri'],
    ['part of it, words out of order', 'bao tri he thong'],
    ['a word cut short', 'bao tr'],
    ['pasted from a screenshot: quotes, line break, extra spaces', '“Hệ thống đang bảo trì.\nVui lòng   thử lại sau”'],
    ['decomposed (NFD) text', 'Hệ thống'.normalize('NFD')],
    ['the app name', 'vneid bao tri'],
  ])('matches %s', (_name, query) => {
    expect(matchesQuery(item, query)).toBe(true);
  });

  it('does not match when a word is absent, and matches everything for an empty box', () => {
    expect(matchesQuery(item, 'bao tri ngan hang')).toBe(false);
    expect(matchesQuery(item, 'mat khau')).toBe(false);
    expect(matchesQuery(item, '  ')).toBe(true);
  });
});
