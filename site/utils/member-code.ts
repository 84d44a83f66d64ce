/**
 * A team member's public code (members.code), as drawn by the directory import
 * (functions/directory/member-code.ts), typed by a member, and carried in share links
 * /g/<slug>/<code>. No Node imports: the guide page's script, the Worker and
 * the import CLI all use this one definition.
 *
 * Crockford's base32 without I, L, O, U: no letters that read as digits (or
 * spell words), so a code read aloud over the phone or typed from paper survives.
 */
export const memberCodeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const memberCodeLength = 8;

const memberCodePattern = new RegExp(`^[${memberCodeAlphabet}]{${memberCodeLength}}$`);

/**
 * What people type (any case, spaces or dashes, O for 0, I or L for 1) → the
 * stored form; null when it cannot be a member code.
 */
export function normalizeMemberCode(input: string): string | null {
  const code = input.trim().toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return memberCodePattern.test(code) ? code : null;
}
