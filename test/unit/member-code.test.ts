import { describe, expect, it } from 'vitest';
import { normalizeMemberCode } from '../../site/utils/member-code.ts';

describe('normalizeMemberCode', () => {
  it.each([
    ['k7m2q9', 'k7m2q9'],
    ['  K7M2Q9 ', 'k7m2q9'],
    ['abcd', 'abcd'],
    ['a1b2c3d4e5f6g7h8', 'a1b2c3d4e5f6g7h8'],
  ])('accepts %j as %j', (typed, code) => {
    expect(normalizeMemberCode(typed)).toBe(code);
  });

  it.each(['', 'abc', 'a1b2c3d4e5f6g7h8i', 'k7m 2q9', 'k7m-q9', 'mã123', '../x1', '<b>1234'])('rejects %j', (typed) => {
    expect(normalizeMemberCode(typed)).toBeNull();
  });
});
