/**
 * Shape of a team member's public code (db/schema/directory.ts members.code),
 * as typed by a member and as it appears in share links /g/<slug>/<code>.
 * One definition for the guide page script, the member toolkit and the QR
 * endpoint: lowercase letters and digits, 4–16 characters.
 */
export const MEMBER_CODE_PATTERN = '[a-z0-9]{4,16}';

/** What people type (spaces, capitals) → the stored form; null when it cannot be a member code. */
export function normalizeMemberCode(input: string): string | null {
  const code = input.trim().toLowerCase();
  return new RegExp(`^${MEMBER_CODE_PATTERN}$`).test(code) ? code : null;
}
