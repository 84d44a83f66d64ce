// The officials' forms of the directory (/quan-tri/xa/…/to, /quan-tri/to/…,
// /quan-tri/thanh-vien/…) and of the import (/quan-tri/nhap/). Every field of
// a team or member is checked by the import's own rules and limits
// (functions/forms/fields.ts), so a team typed by hand and one read from a
// file obey the same rules.
import { z } from 'zod';
import { memberRoles } from '../../db/schema/directory.ts';
import { importKinds } from './import/changes.ts';
import { adminDirectoryUi, adminImportUi } from '../../site/i18n/admin-ui.ts';
import {
  asPosted,
  asTypedWhenRefused,
  directoryDate,
  directoryLimits,
  directoryText,
  flag,
  oneOf,
  phone,
  requiredDirectoryText,
  typed,
  zaloUrl,
} from '../forms/fields.ts';

const t = adminDirectoryUi;

/** Teams an official creates at a commune; a province-level team stays one (it has no `cap` field). */
const communeLevels = ['village', 'commune', 'organisation'] as const;

type TeamFormContext = { villages: readonly { id: number }[]; provinceTeam?: boolean };
/** `thon`: a village id, kept only when it is one of the commune's (and the team is not a province's). */
const villageField = typed.transform((text) => (/^\d{1,12}$/.test(text) ? Number(text) : null));
const villageOf = (id: number | null, ctx: TeamFormContext) => (!ctx.provinceTeam && ctx.villages.some((v) => v.id === id) ? id : null);

/** The team form: ten, cap, thon, zalo, so_qd, ngay_qd. `villages`: the commune's, the only ones `thon` may name. */
export function teamFormSchema(ctx: TeamFormContext) {
  return z
    .object({
      ten: requiredDirectoryText(directoryLimits.teamName, t.teamName, t.errors.nameRequired),
      cap: oneOf(communeLevels, 'village'),
      thon: villageField,
      zalo: zaloUrl,
      so_qd: directoryText(directoryLimits.decisionNumber, t.decisionNumber),
      ngay_qd: directoryDate(t.errors.badDate),
    })
    .transform((form) => {
      const level = ctx.provinceTeam ? ('province' as const) : form.cap;
      return { name: form.ten, level, villageId: villageOf(form.thon, ctx), zaloUrl: form.zalo, decisionNumber: form.so_qd, decisionDate: form.ngay_qd };
    })
    .refine((team) => team.level !== 'village' || team.villageId !== null, { message: t.errors.villageRequired, path: ['thon'] });
}
export type TeamInput = z.output<ReturnType<typeof teamFormSchema>>;
/** The team form's fields in the order it shows them (its one message is the first of these that failed). */
export const teamFieldOrder = ['ten', 'cap', 'thon', 'zalo', 'so_qd', 'ngay_qd'] as const;

/** What a refused team form shows again: what was typed, a link or date already tidied where it could be. */
export function teamFormDraft(values: Record<string, unknown>, ctx: TeamFormContext): Partial<TeamInput> {
  const draft = z
    .object({
      ten: typed,
      cap: oneOf(communeLevels, 'village'),
      thon: villageField,
      zalo: zaloUrl.catch(asTypedWhenRefused),
      so_qd: typed,
      ngay_qd: directoryDate('').catch(asTypedWhenRefused),
    })
    .parse(values);
  return {
    name: draft.ten,
    level: ctx.provinceTeam ? 'province' : draft.cap,
    villageId: villageOf(draft.thon, ctx),
    zaloUrl: draft.zalo,
    decisionNumber: draft.so_qd || null,
    decisionDate: draft.ngay_qd,
  };
}

/**
 * The member form: ho_ten, vai_tro, chuc_vu, dien_thoai, cong_khai (a
 * checkbox, "co"), ngay_dong_y (the day they agreed to show their phone, read
 * only when it is shown; never after `today`).
 */
export function memberFormSchema(today: string) {
  return z
    .object({
      ho_ten: requiredDirectoryText(directoryLimits.fullName, t.fullName, t.errors.nameRequired),
      vai_tro: oneOf(memberRoles, 'thanh_vien'),
      chuc_vu: directoryText(directoryLimits.position, t.position),
      dien_thoai: phone,
      cong_khai: flag('co'),
      ngay_dong_y: typed,
    })
    .transform((form, ctx) => {
      let consentDate: string | null = null;
      if (form.cong_khai) {
        const date = directoryDate(t.errors.badDate).safeParse(form.ngay_dong_y);
        const refuse = (message: string, field: string) => {
          ctx.addIssue({ code: 'custom', message, path: [field] });
          return z.NEVER;
        };
        if (!form.dien_thoai) return refuse(t.errors.publishNeedsPhone, 'cong_khai');
        if (date.success && date.data === null) return refuse(t.errors.consentDate, 'ngay_dong_y');
        if (!date.success || date.data! > today) return refuse(t.errors.badDate, 'ngay_dong_y');
        consentDate = date.data;
      }
      return { fullName: form.ho_ten, role: form.vai_tro, position: form.chuc_vu, phone: form.dien_thoai, publishContact: form.cong_khai, consentDate };
    });
}
export type MemberInput = z.output<ReturnType<typeof memberFormSchema>>;
export const memberFieldOrder = ['ho_ten', 'vai_tro', 'chuc_vu', 'dien_thoai', 'cong_khai', 'ngay_dong_y'] as const;

/** What a refused member form shows again: what was typed, the phone already tidied where it could be. */
export function memberFormDraft(values: Record<string, unknown>): Partial<MemberInput> {
  const draft = z
    .object({
      ho_ten: typed,
      vai_tro: oneOf(memberRoles, 'thanh_vien'),
      chuc_vu: typed,
      dien_thoai: phone.catch(asTypedWhenRefused),
      cong_khai: flag('co'),
      ngay_dong_y: directoryDate('').catch(asTypedWhenRefused),
    })
    .parse(values);
  return {
    fullName: draft.ho_ten,
    role: draft.vai_tro,
    position: draft.chuc_vu || null,
    phone: draft.dien_thoai,
    publishContact: draft.cong_khai,
    consentDate: draft.cong_khai ? draft.ngay_dong_y : null,
  };
}

// ——— The import (/quan-tri/nhap/) ———

/** The largest team list an official may upload (a province's is split by commune). */
export const maxUploadBytes = 5 * 1024 * 1024;

/** The upload: `kind` (no default: a one-row file sent as the complete list would remove everyone else) and `file`. */
export const uploadFormSchema = z.object({
  kind: z.enum(importKinds, { error: adminImportUi.noKind }),
  file: z
    .instanceof(File, { error: adminImportUi.noFile })
    .refine((file) => file.size > 0, adminImportUi.noFile)
    .refine((file) => file.size <= maxUploadBytes, adminImportUi.tooBig),
});
/** The kind a refused upload keeps selected, if it was one. */
export const uploadKindOf = (values: Record<string, unknown>) => z.object({ kind: z.enum(importKinds).optional().catch(undefined) }).parse(values).kind;

/** The confirmation of a previewed import: its id, and the checkbox that allows a large removal. */
export const confirmImportFormSchema = z.object({
  importId: asPosted.transform((id) => id.slice(0, 100)),
  allowRemovals: flag('yes'),
});
