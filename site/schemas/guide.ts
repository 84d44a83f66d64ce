import { z } from 'astro/zod';
import { slugPattern } from '../utils/urls.ts';
import { topicIds } from './topic.ts';
import { skillCodesField } from './skills.ts';
import { loadSkillFramework, skillCodesOf } from '../utils/skill-framework.ts';

/**
 * Hosts we accept as official sources: every government site (.gov.vn) plus the
 * service operators' own sites for services that are not run by the state.
 * An editor who needs another operator adds it here in a reviewed change.
 */
export const officialSourceHosts = [
  'gov.vn',
  'momo.vn',
  'zalopay.vn',
  'zalo.me',
  'zalo.vn',
  'vnpt.com.vn',
  'vnpay.vn',
  'napas.com.vn',
  'viettel.vn',
  'viettelmoney.vn',
  'mobifone.vn',
  'evn.com.vn',
  'facebook.com',
  'google.com',
  'support.google.com',
  'apple.com',
  'baohiemxahoi.gov.vn',
] as const;

export function isOfficialSource(url: string): boolean {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') return false;
    host = parsed.hostname;
  } catch {
    return false;
  }
  return officialSourceHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

export const audiences = ['nguoi-dan', 'nguoi-cao-tuoi', 'ho-kinh-doanh', 'thanh-vien-to'] as const;

/**
 * Astro prints each failing field as `field: message`, so a message only has to
 * say what is expected. Zod's own wording ("Expected type array") is English and
 * cryptic for editors; this one distinguishes a missing field from a wrong one.
 */
function expects(what: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? `Thiếu trường này. Cần ${what}.` : `Giá trị ${JSON.stringify(issue.input)} chưa đúng. Cần ${what}.`,
  };
}

const listOf = (item: string) => `một danh sách [ … ], mỗi mục là ${item}`;

/**
 * Unknown fields fail instead of being dropped: a misspelt "draft" or "reviewed"
 * would otherwise silently publish a draft or lose a date. Each one is reported
 * under its own name.
 */
const noOtherFields = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys'
      ? `Trường không có trong mẫu: ${issue.keys.map((key) => `"${key}"`).join(', ')}. Kiểm tra chính tả tên trường (xem CONTENT.md).`
      : undefined,
};

const sourceSchema = z.strictObject(
  {
    title: z.string(expects('tên trang nguồn, ví dụ: title: Cổng Dịch vụ công quốc gia')).min(3, 'Tên nguồn quá ngắn'),
    url: z.string(expects('địa chỉ https của trang nguồn')).refine(isOfficialSource, {
      message: `Nguồn phải là địa chỉ https chính thức (đuôi .gov.vn hoặc trang của nhà cung cấp dịch vụ: ${officialSourceHosts.join(', ')})`,
    }),
  },
  noOtherFields,
);

/**
 * Frontmatter of one guide in content/guides/*.mdx. Messages are for editors, in Vietnamese.
 * `skillCodes` are the skill areas of content/khung-ky-nang-so.yaml a guide may name.
 */
export function guideSchemaFor(skillCodes: ReadonlySet<string>) {
  return z.strictObject(
    {
      title: z.string(expects('tiêu đề của hướng dẫn')).min(5, 'Tiêu đề quá ngắn (tối thiểu 5 ký tự)').max(90, 'Tiêu đề tối đa 90 ký tự'),
      description: z
        .string(expects('một câu mô tả, 30–160 ký tự'))
        .min(30, 'Mô tả tối thiểu 30 ký tự')
        .max(160, 'Mô tả tối đa 160 ký tự (hiện trong bản xem trước khi chia sẻ qua Zalo)'),
      topic: z.enum(topicIds, { message: `Chủ đề phải là một trong: ${topicIds.join(', ')}` }),
      audience: z
        .array(z.enum(audiences, { message: `Đối tượng phải là một trong: ${audiences.join(', ')}` }), expects(listOf(audiences.join(' | '))))
        .min(1, 'Cần ít nhất một đối tượng'),
      keywords: z.array(z.string(expects('một từ khóa')).min(2, 'Từ khóa quá ngắn'), expects(listOf('một từ khóa'))).default([]),
      sources: z.array(sourceSchema, expects('danh sách nguồn, mỗi nguồn có "title" và "url"')).min(1, 'Cần ít nhất một nguồn chính thức'),
      reviewed: z.coerce.date({ message: 'Ngày rà soát dạng YYYY-MM-DD, ví dụ 2026-11-20' }),
      duration: z
        .number({ message: 'Thời gian làm (phút) là một số, ví dụ: duration: 10' })
        .int('Thời gian làm là số phút nguyên')
        .min(1, 'Thời gian làm tối thiểu 1 phút')
        .max(180, 'Thời gian làm tối đa 180 phút'),
      prepare: z.array(z.string(expects('một thứ cần chuẩn bị')).min(2), expects(listOf('một thứ cần chuẩn bị'))).default([]),
      /** Slugs (file names without .mdx) of other guides; that they exist is checked when pages are built. */
      related: z
        .array(
          z.string(expects('tên tệp của hướng dẫn khác')).regex(slugPattern, 'Ghi tên tệp hướng dẫn, không có .mdx, ví dụ: dang-nhap-dich-vu-cong-bang-vneid'),
          expects(listOf('tên tệp của hướng dẫn khác, không có .mdx')),
        )
        .default([]),
      /** Lower comes first: the most needed guides lead the home and topic pages. */
      priority: z
        .number({ message: 'Thứ tự ưu tiên là một số nguyên 1–999 (số nhỏ hiện trước)' })
        .int('Thứ tự ưu tiên là số nguyên')
        .min(1, 'Thứ tự ưu tiên từ 1')
        .max(999, 'Thứ tự ưu tiên tối đa 999')
        .default(100),
      draft: z.boolean({ message: 'draft là true (bản nháp, chưa đăng) hoặc false' }).default(false),
      /** Skill areas of QĐ 757/QĐ-BKHCN (citizens) this guide teaches: codes from content/khung-ky-nang-so.yaml. */
      skills: skillCodesField(skillCodes),
    },
    noOtherFields,
  );
}

/** The schema against the repository's framework file (read once, at build and check time). */
export const guideSchema = guideSchemaFor(skillCodesOf(loadSkillFramework()));
