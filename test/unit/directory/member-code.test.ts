import { describe, expect, it } from 'vitest';
import { generateMemberCode, memberCodeAlphabet, normalizeMemberCode } from '../../../functions/directory/member-code.ts';

describe('member codes', () => {
  it('are 8 characters of Crockford base32 without I, L, O, U', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateMemberCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    }
    expect(memberCodeAlphabet).not.toMatch(/[ILOU]/);
  });

  it('are random, not sequential: 2,000 draws give 2,000 different codes using the whole alphabet', () => {
    const codes = Array.from({ length: 2000 }, generateMemberCode);
    expect(new Set(codes).size).toBe(2000);
    expect(new Set(codes.join('')).size).toBe(32);
    const sorted = [...codes].sort();
    expect(sorted).not.toEqual(codes);
  });

  it('normalizes what people type and rejects what is not a code', () => {
    expect(normalizeMemberCode(' ab12-cd34 ')).toBe('AB12CD34');
    expect(normalizeMemberCode('O1LI2345')).toBe('01112345');
    expect(normalizeMemberCode('ABC')).toBeNull();
    expect(normalizeMemberCode('ABCDEFGU')).toBeNull();
    expect(normalizeMemberCode('ABCDEFGH9')).toBeNull();
  });
});
