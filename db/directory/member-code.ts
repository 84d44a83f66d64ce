import { randomInt } from 'node:crypto';
import { memberCodeAlphabet, memberCodeLength } from '../../site/utils/member-code.ts';

export { memberCodeAlphabet, normalizeMemberCode } from '../../site/utils/member-code.ts';

/** 40 random bits from the OS CSPRNG: short, yet not guessable or sequential. */
export function generateMemberCode(): string {
  let code = '';
  for (let i = 0; i < memberCodeLength; i++) code += memberCodeAlphabet[randomInt(memberCodeAlphabet.length)];
  return code;
}
