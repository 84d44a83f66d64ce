// The officials' own forms: signing in, the second step, accepting an
// invitation, inviting, changing a password, recovery codes, turning on
// two-step sign-in. Passwords and codes are taken as posted (never trimmed:
// a space may be part of a password); whether they are right is the
// handler's question (it needs the database), not the schema's.
import { z } from 'zod';
import { parseText } from '../directory/sheet/fields.ts';
import { adminAccountsUi } from '../../site/i18n/admin-ui.ts';
import { asPosted, directoryLimits, fromCellParser, typed } from '../forms/fields.ts';
import { safeNext } from './middleware.ts';
import { foldUsername } from './username.ts';

/** A username as typed, folded the one way it is stored (functions/auth/username.ts). */
const username = asPosted.transform(foldUsername);

/** /quan-tri/dang-nhap: username, password. */
export const signInFormSchema = z.object({ username, password: asPosted });

/** /quan-tri/hai-buoc: `ma`, a six-digit code or a recovery code. */
export const twoStepFormSchema = z.object({ ma: typed });

/** /quan-tri/moi/:token: the username and password the invited official chooses. */
export const acceptInvitationFormSchema = z.object({ username, password: asPosted });

/** /quan-tri/bao-mat/mat-khau: the current password, then the new one. */
export const passwordChangeFormSchema = z.object({ mat_khau_cu: asPosted, mat_khau_moi: asPosted });

/** /quan-tri/bao-mat/ma-khoi-phuc: the password, before new recovery codes. */
export const recoveryCodesFormSchema = z.object({ mat_khau: asPosted });

/**
 * What the official was doing when two-step sign-in was asked for (the
 * targets form's numbers, issue 16): `tiep` (a path in the admin area) and
 * the `muc-tieu-…`/`mau-so-…` fields they typed, carried through the set-up
 * and back, never stored. Read from the set-up's query and from its form.
 */
export const carrySchema = z.record(z.string(), z.unknown()).transform((values) => ({
  next: typeof values.tiep === 'string' && values.tiep ? safeNext(values.tiep) : undefined,
  fields: Object.entries(values)
    .filter((entry): entry is [string, string] => /^(muc-tieu|mau-so)-[a-z0-9-]{1,30}$/.test(entry[0]) && typeof entry[1] === 'string')
    .slice(0, 40)
    .map(([name, value]) => [name, value.slice(0, 40)] as [string, string]),
}));
export type Carry = z.output<typeof carrySchema>;

/** /quan-tri/hai-buoc/cai-dat: the new key (it travels in the form: the GET stores nothing), the code, and what to carry back. */
export const twoFactorSetupFormSchema = z.object({
  khoa: asPosted.transform((key) => (/^[A-Z2-7]{32}$/.test(key) ? key : undefined)),
  ma: asPosted,
});

const invitedRoles = ['province', 'commune', 'national'] as const;

/**
 * The invitation form's place (read by the route's guard): `role`, and the
 * unit picked from the lists (`tinh` for a province, `xa` for a commune) or a
 * code typed in `scope`.
 */
export const invitationPlaceFormSchema = z.object({ role: asPosted, tinh: asPosted, xa: asPosted, scope: asPosted }).transform((form) => {
  const role = invitedRoles.find((r) => r === form.role);
  const picked = role === 'commune' ? form.xa : role === 'province' ? form.tinh : '';
  return { role, scopeText: picked !== '' ? picked : form.scope };
});

/** The invitation form's name: checked as a member's full name is (the same limit, no control characters). */
export const invitationNameFormSchema = z.object({
  name: fromCellParser(
    (text) => parseText(text, directoryLimits.fullName),
    (reason) => `${adminAccountsUi.name}: ${reason}.`,
  ).pipe(z.string({ error: adminAccountsUi.badName })),
});
