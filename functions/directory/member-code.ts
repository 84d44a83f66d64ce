import { memberCodeAlphabet, memberCodeLength } from '../../site/utils/member-code.ts';

export { memberCodeAlphabet, normalizeMemberCode } from '../../site/utils/member-code.ts';

/**
 * 40 random bits from the platform CSPRNG (Web Crypto: the same in Node and
 * in the Worker): short, yet not guessable or sequential. The alphabet has 32
 * letters, so 5 bits of a random byte pick one without bias.
 */
export function generateMemberCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(memberCodeLength));
  let code = '';
  for (const byte of bytes) code += memberCodeAlphabet[byte & 31];
  return code;
}
