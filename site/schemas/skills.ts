import { z } from 'astro/zod';
import { skillsPlatformUrl } from '../utils/urls.ts';

/** Course links must stay on the "Bình dân học vụ số" platform. */
const skillsPlatformHost = new URL(skillsPlatformUrl).hostname;

/** A code as the Decision numbers its skill areas: "1", "1.2". */
export const skillCodePattern = /^\d{1,2}(?:\.\d{1,2})?$/;

function onPlatform(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname === skillsPlatformHost;
  } catch {
    return false;
  }
}

const skillAreaSchema = z.strictObject({
  code: z
    .string({ message: 'Mỗi nhóm kỹ năng cần "code": mã đúng như Quyết định 757 đánh số, ví dụ "1.2"' })
    .regex(skillCodePattern, 'Mã nhóm kỹ năng dạng số, ví dụ "1" hoặc "1.2" (ghi trong dấu ngoặc kép)'),
  name: z.string({ message: 'Mỗi nhóm kỹ năng cần "name": tên đúng như Quyết định 757 ghi' }).min(3, 'Tên nhóm kỹ năng quá ngắn').max(160),
  course: z.string().refine(onPlatform, `Khóa học phải là địa chỉ https trên ${skillsPlatformHost}`).optional(),
});

/**
 * content/khung-ky-nang-so.yaml: the citizens' part of the national basic
 * digital-skills framework (QĐ 757/QĐ-BKHCN, Phụ lục I). Guides and journeys
 * may only name codes this file holds.
 */
export const skillFrameworkSchema = z
  .strictObject({
    decision: z.literal('757/QĐ-BKHCN'),
    issued: z.coerce.date(),
    audience: z.string().min(3),
    areas: z.array(skillAreaSchema),
  })
  .superRefine((framework, ctx) => {
    const seen = new Set<string>();
    framework.areas.forEach((area, index) => {
      if (seen.has(area.code)) ctx.addIssue({ code: 'custom', path: ['areas', index, 'code'], message: `Mã "${area.code}" ghi hai lần` });
      seen.add(area.code);
    });
  });

export type SkillFramework = z.infer<typeof skillFrameworkSchema>;
export type SkillArea = SkillFramework['areas'][number];

/** The frontmatter field `skills`: codes that must exist in the framework file. */
export function skillCodesField(known: ReadonlySet<string>) {
  const code = z.string({ message: 'Ghi mã nhóm kỹ năng trong dấu ngoặc kép, ví dụ "1.2"' }).refine((value) => known.has(value), {
    error: (issue) =>
      `Mã kỹ năng "${String(issue.input)}" không có trong content/khung-ky-nang-so.yaml` +
      (known.size ? ` (các mã có: ${[...known].join(', ')})` : ' (tệp chưa có nhóm kỹ năng nào)'),
  });
  return z.array(code, { message: 'skills là một danh sách [ … ] mã nhóm kỹ năng, ví dụ ["1.2"]' }).default([]);
}
