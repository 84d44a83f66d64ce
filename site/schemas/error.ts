import { z } from 'astro/zod';
import { slugPattern } from '../utils/urls.ts';
import { isOfficialSource } from './guide.ts';

/**
 * "Tra lỗi" (issue 19, point 3): one YAML file per message an app shows, in
 * content/errors/; the file name is the URL: content/errors/vneid-he-thong-dang-bao-tri.yaml
 * → /tra-loi/vneid-he-thong-dang-bao-tri/. Messages are for editors, in Vietnamese.
 */

/** The apps and channels whose messages people bring to a team member, with the name readers know. */
export const errorApps = {
  vneid: 'VNeID',
  dichvucong: 'Cổng Dịch vụ công',
  vssid: 'VssID',
  'ngan-hang': 'Ứng dụng ngân hàng',
  'vi-dien-tu': 'Ví điện tử',
  'nha-mang': 'Nhà mạng, SIM',
} as const;
export type ErrorApp = keyof typeof errorApps;
export const errorAppIds = Object.keys(errorApps) as [ErrorApp, ...ErrorApp[]];

/** Not every message is an error: some warn, some only say what happens next. */
export const errorKinds = { loi: 'Lỗi', 'canh-bao': 'Cảnh báo', 'thong-bao': 'Thông báo' } as const;
export const errorKindIds = Object.keys(errorKinds) as [keyof typeof errorKinds, ...(keyof typeof errorKinds)[]];

const noOtherFields = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys'
      ? `Trường không có trong mẫu: ${issue.keys.map((key) => `"${key}"`).join(', ')}. Kiểm tra chính tả tên trường (xem CONTENT.md).`
      : undefined,
};

/** Quotes around the message would be searched as part of it; the page adds its own. */
const quoteMarks = /^["'“”‘’«»]|["'“”‘’«»]$/;

/**
 * Where the wording comes from. Every entry names at least one: an official page
 * (linked, like a guide's sources) or a report (named with its month, not linked,
 * as CONTENT.md asks of non-official sources).
 */
const sourceSchema = z
  .strictObject(
    {
      title: z
        .string({ message: 'Mỗi nguồn cần "title": tên trang hoặc báo và mã bài, ví dụ: vietbao.vn 558083' })
        .min(5, 'Tên nguồn quá ngắn: ghi tên trang hoặc báo và mã bài'),
      /** Month of the article, YYYY-MM: required for a report, for an official page only when it shows one. */
      published: z
        .string({ message: '"published" là tháng năm của bài, dạng YYYY-MM, ví dụ 2025-08' })
        .regex(/^20\d{2}-(0[1-9]|1[0-2])$/, 'Tháng năm của bài dạng YYYY-MM, ví dụ 2025-08')
        .optional(),
      url: z
        .string()
        .refine(isOfficialSource, {
          message: 'Chỉ ghi "url" cho trang chính thức (https, đuôi .gov.vn hoặc trang của nhà cung cấp dịch vụ); báo chí chỉ ghi tên và mã bài',
        })
        .optional(),
    },
    noOtherFields,
  )
  .refine((source) => source.url || source.published, {
    message: 'Nguồn báo chí cần "published" (tháng năm của bài, YYYY-MM); trang chính thức cần "url"',
    path: ['published'],
  });

export function errorSchemaFor(knownGuides: ReadonlySet<string>) {
  return z
    .strictObject(
      {
        message: z
          .string({ message: 'Thiếu "message": thông báo đúng từng chữ như ứng dụng hiện' })
          .trim()
          .min(3, 'Thông báo quá ngắn')
          .max(300, 'Thông báo tối đa 300 ký tự')
          .refine((text) => !quoteMarks.test(text), 'Không đặt dấu ngoặc kép quanh thông báo; chỉ chép đúng chữ ứng dụng hiện'),
        app: z.enum(errorAppIds, { message: `"app" phải là một trong: ${errorAppIds.join(', ')}` }),
        kind: z.enum(errorKindIds, { message: `"kind" phải là một trong: ${errorKindIds.join(', ')}` }).default('loi'),
        where: z.string({ message: '"where" là một câu: thông báo hiện ra lúc nào' }).min(10).max(160, '"where" tối đa 160 ký tự').optional(),
        meaning: z
          .string({ message: 'Thiếu "meaning": thông báo này nghĩa là gì, bằng lời dễ hiểu' })
          .min(20, '"meaning" quá ngắn')
          .max(400, '"meaning" tối đa 400 ký tự: viết gọn, chi tiết để ở hướng dẫn'),
        steps: z
          .array(z.string().min(5, 'Một bước quá ngắn'), { message: 'Thiếu "steps": danh sách [ … ] việc cần làm, mỗi mục một việc' })
          .min(1, 'Cần ít nhất một việc cần làm')
          .max(6, 'Tối đa 6 việc; dài hơn thì viết trong hướng dẫn rồi ghi "guide"'),
        guide: z
          .string()
          .regex(slugPattern, 'Ghi tên tệp hướng dẫn, không có .mdx')
          .refine((slug) => knownGuides.has(slug), {
            error: (issue) => `Không có hướng dẫn "${String(issue.input)}" (không có tệp content/guides/${String(issue.input)}.mdx)`,
          })
          .optional(),
        /** A "## " heading of that guide, written exactly; the page links to it. */
        section: z.string().min(3).max(90).optional(),
        sources: z.array(sourceSchema, { message: 'Thiếu "sources": ít nhất một nguồn cho đúng từng chữ của thông báo' }).min(1, 'Cần ít nhất một nguồn'),
        reviewed: z.coerce.date({ message: 'Ngày rà soát dạng YYYY-MM-DD, ví dụ 2026-12-07' }),
        draft: z.boolean({ message: 'draft là true (bản nháp, chưa đăng) hoặc false' }).default(false),
      },
      noOtherFields,
    )
    .refine((entry) => !entry.section || entry.guide, { message: '"section" cần đi cùng "guide": mục đó nằm trong hướng dẫn nào?', path: ['section'] });
}
