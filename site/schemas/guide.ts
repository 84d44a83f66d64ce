import { z } from 'astro/zod';
import { reference } from 'astro:content';
import { topicIds } from './topic.ts';

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

const sourceSchema = z.object({
  title: z.string().min(3, 'Mỗi nguồn cần "title": tên trang nguồn'),
  url: z
    .string()
    .refine(isOfficialSource, {
      message: `Nguồn phải là địa chỉ https chính thức (đuôi .gov.vn hoặc trang của nhà cung cấp dịch vụ: ${officialSourceHosts.join(', ')})`,
    }),
});

/** Frontmatter of one guide in content/guides/*.mdx. Messages are for editors, in Vietnamese. */
export const guideSchema = z.object({
  title: z.string().min(5, 'Tiêu đề quá ngắn').max(90, 'Tiêu đề tối đa 90 ký tự'),
  description: z
    .string()
    .min(30, 'Mô tả tối thiểu 30 ký tự')
    .max(160, 'Mô tả tối đa 160 ký tự (hiện trong bản xem trước khi chia sẻ qua Zalo)'),
  topic: z.enum(topicIds, { message: `Chủ đề phải là một trong: ${topicIds.join(', ')}` }),
  audience: z.array(z.enum(audiences, { message: `Đối tượng phải là một trong: ${audiences.join(', ')}` })).min(1),
  keywords: z.array(z.string().min(2)).default([]),
  sources: z.array(sourceSchema).min(1, 'Cần ít nhất một nguồn chính thức'),
  reviewed: z.coerce.date({ message: 'Ngày rà soát dạng YYYY-MM-DD, ví dụ 2026-11-20' }),
  duration: z.number({ message: 'Thời gian làm (phút) là một số' }).int().min(1).max(180),
  prepare: z.array(z.string().min(2)).default([]),
  related: z.array(reference('guides')).default([]),
  /** Lower comes first: the most needed guides lead the home and topic pages. */
  priority: z.number().int().min(1).max(999).default(100),
  draft: z.boolean().default(false),
});

export type GuideFrontmatter = z.infer<typeof guideSchema>;
