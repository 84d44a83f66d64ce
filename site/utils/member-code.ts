/**
 * Shape of a team member's public code (members.code), as typed by a member and
 * as it appears in share links /g/<slug>/<code>. The directory import draws the
 * codes (db/directory/member-code.ts): 8 characters of Crockford's base32
 * without I, L, O, U. This copy has no Node imports so the guide page's script
 * and the Worker can use it; test/unit/member-code.test.ts checks that both
 * agree.
 */
export const MEMBER_CODE_PATTERN = '[0-9A-HJKMNP-TV-Z]{8}';

/**
 * What people type (any case, spaces or dashes, O for 0, I or L for 1) → the
 * stored form; null when it cannot be a member code.
 */
export function normalizeMemberCode(input: string): string | null {
  const code = input
    .trim()
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return new RegExp(`^${MEMBER_CODE_PATTERN}$`).test(code) ? code : null;
}
