import { describe, expect, it } from 'vitest';
import { generateMemberCode } from '../../functions/directory/member-code.ts';
import { normalizeMemberCode } from '../../site/utils/member-code.ts';

describe('normalizeMemberCode', () => {
  it.each([
    ['K7M2Q9AB', 'K7M2Q9AB'],
    ['  k7m2q9ab ', 'K7M2Q9AB'],
    ['k7m2-q9ab', 'K7M2Q9AB'],
    ['K7M2 Q9AB', 'K7M2Q9AB'],
    // Crockford's look-alikes: O is 0, I and L are 1.
    ['7KQ2M9XO', '7KQ2M9X0'],
    ['IL234567', '11234567'],
  ])('accepts %j as %j', (typed, code) => {
    expect(normalizeMemberCode(typed)).toBe(code);
  });

  it.each(['', 'K7M2Q9A', 'K7M2Q9ABC', 'K7M2Q9AU', 'mã123456', '../K7M2Q', '<b>12345', 'K7M_Q9AB'])('rejects %j', (typed) => {
    expect(normalizeMemberCode(typed)).toBeNull();
  });
});

describe('generated member codes', () => {
  it('all have the shape typed codes are checked against', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateMemberCode();
      expect(normalizeMemberCode(code)).toBe(code);
    }
  });
});
