import { randomInt } from 'node:crypto';

/**
 * Crockford's base32 without I, L, O, U: no letters that read as digits (or
 * spell words), so a code read aloud over the phone or typed from paper survives.
 */
export const memberCodeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const memberCodeLength = 8;

const memberCodePattern = new RegExp(`^[${memberCodeAlphabet}]{${memberCodeLength}}$`);

/** 40 random bits from the OS CSPRNG: short, yet not guessable or sequential. */
export function generateMemberCode(): string {
  let code = '';
  for (let i = 0; i < memberCodeLength; i++) code += memberCodeAlphabet[randomInt(memberCodeAlphabet.length)];
  return code;
}

/**
 * Normalizes a code typed by a person: any case, spaces or dashes, and the
 * look-alikes Crockford maps (O→0, I/L→1). Returns null if it is not a code.
 */
export function normalizeMemberCode(input: string): string | null {
  const code = input
    .trim()
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return memberCodePattern.test(code) ? code : null;
}
