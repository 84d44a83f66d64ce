import { z } from 'astro/zod';
import { slugPattern } from '../utils/urls.ts';
import { skillCodesField } from './skills.ts';

/** Unknown fields fail (a misspelt "draft" would publish a draft), in a step as in the journey. */
const noOtherFields = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys' ? `Trường không có trong mẫu: ${issue.keys.join(', ')}. Kiểm tra chính tả tên trường (xem CONTENT.md).` : undefined,
};

/**
 * A journey (GOV.UK's "step by step"): a goal walked through in order across
 * several guides. One YAML file per journey in content/journeys/; the file
 * name is the URL: content/journeys/lan-dau-lam-thu-tuc.yaml →
 * /lo-trinh/lan-dau-lam-thu-tuc/. Messages are for editors, in Vietnamese.
 *
 * `knownGuides` is every guide file name in content/guides (without .mdx), so a
 * misspelt slug fails where the editor wrote it rather than as a broken link.
 * `skillCodes` are the skill areas of content/khung-ky-nang-so.yaml a journey may name.
 */
export function journeySchemaFor(knownGuides: ReadonlySet<string>, skillCodes: ReadonlySet<string> = new Set()) {
  const guideSlug = z
    .string({ message: 'Ghi tên tệp hướng dẫn (không có .mdx), ví dụ: kich-hoat-tai-khoan-vneid-muc-2' })
    .regex(slugPattern, 'Ghi tên tệp hướng dẫn, không có .mdx, ví dụ: kich-hoat-tai-khoan-vneid-muc-2')
    .refine((slug) => knownGuides.has(slug), {
      error: (issue) => `Không có hướng dẫn "${String(issue.input)}" (không có tệp content/guides/${String(issue.input)}.mdx)`,
    });

  const step = z.strictObject(
    {
      title: z.string({ message: 'Mỗi bước cần "title": việc người đọc làm ở bước này' }).min(3, 'Tên bước quá ngắn').max(90, 'Tên bước tối đa 90 ký tự'),
      text: z.string({ message: '"text" là một câu giải thích ngắn' }).max(240, 'Lời giải thích của bước tối đa 240 ký tự').optional(),
      guides: z
        .array(guideSlug, { message: 'Mỗi bước cần "guides": danh sách [ … ] tên tệp hướng dẫn' })
        .min(1, 'Mỗi bước cần ít nhất một hướng dẫn')
        .max(4, 'Mỗi bước tối đa 4 hướng dẫn; nhiều hơn thì tách thành hai bước'),
    },
    noOtherFields,
  );

  return z
    .strictObject(
      {
        title: z.string({ message: 'Thiếu "title": tên lộ trình' }).min(5, 'Tên lộ trình quá ngắn').max(90, 'Tên lộ trình tối đa 90 ký tự'),
        description: z
          .string({ message: 'Thiếu "description": một câu mô tả, 30–160 ký tự' })
          .min(30, 'Mô tả tối thiểu 30 ký tự')
          .max(160, 'Mô tả tối đa 160 ký tự (hiện khi chia sẻ qua Zalo)'),
        order: z.number({ message: '"order" là một số nguyên: lộ trình có số nhỏ hiện trước' }).int().min(1).max(999).default(100),
        steps: z
          .array(step, { message: 'Thiếu "steps": danh sách các bước theo thứ tự' })
          .min(2, 'Lộ trình cần ít nhất 2 bước')
          .max(10, 'Lộ trình tối đa 10 bước'),
        draft: z.boolean({ message: 'draft là true (bản nháp, chưa đăng) hoặc false' }).default(false),
        /** Skill areas of QĐ 757/QĐ-BKHCN (citizens) the journey as a whole teaches. */
        skills: skillCodesField(skillCodes),
      },
      noOtherFields,
    )
    .superRefine((journey, ctx) => {
      // A guide shows one position per journey ("bước 2/4"), so it may appear in one step only.
      const seen = new Map<string, number>();
      journey.steps.forEach((step, index) => {
        step.guides.forEach((slug, position) => {
          const first = seen.get(slug);
          if (first !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['steps', index, 'guides', position],
              message: `Hướng dẫn "${slug}" đã có ở bước ${first + 1}; mỗi hướng dẫn chỉ thuộc một bước của lộ trình`,
            });
          } else seen.set(slug, index);
        });
      });
    });
}
