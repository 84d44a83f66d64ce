import { z } from 'astro/zod';

/** The four areas of the community digital technology teams' work. */
export const topicIds = ['chinh-quyen-so', 'kinh-te-so', 'xa-hoi-so', 'an-toan-thong-tin'] as const;

export const topicSchema = z.object({
  name: z.string().min(3, 'Tên chủ đề quá ngắn'),
  description: z.string().min(10).max(200, 'Mô tả chủ đề tối đa 200 ký tự'),
  order: z.number().int().min(1),
});
