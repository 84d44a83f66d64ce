// The real "Tra lỗi" entries (content/errors/) found by the guide search the way
// people type a message: with or without diacritics, part of it, or pasted from
// a screenshot's text (quotes, line breaks, "…"). Issue 19, point 3.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { errorApps, type ErrorApp } from '../../site/schemas/error.ts';
import { errorHits } from '../../site/scripts/search/search.ts';
import type { ErrorIndexEntry } from '../../site/utils/error-match.ts';

const dir = fileURLToPath(new URL('../../content/errors/', import.meta.url));
const entries: ErrorIndexEntry[] = readdirSync(dir)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => ({ slug: name.slice(0, -5), data: parse(readFileSync(join(dir, name), 'utf8')) as { message: string; app: ErrorApp; draft?: boolean } }))
  .filter(({ data }) => data.draft !== true)
  .map(({ slug, data }) => ({ url: `/tra-loi/${slug}/`, message: data.message, app: errorApps[data.app] }));
const first = (query: string) => errorHits(entries, query)[0]?.url;

describe('the guide search finds each message from what people type', () => {
  it.each([
    ['exact wording', 'CMT hoặc CCCD đã được đăng ký', '/tra-loi/dichvucong-cmt-hoac-cccd-da-duoc-dang-ky/'],
    ['no diacritics', 'cmt hoac cccd da duoc dang ky', '/tra-loi/dichvucong-cmt-hoac-cccd-da-duoc-dang-ky/'],
    ['no diacritics, part of it', 'thong tin cong dan khong ton tai', '/tra-loi/vneid-thong-tin-cong-dan-khong-ton-tai/'],
    ['the end of it', 'lien he voi cong an cap xa', '/tra-loi/vneid-thong-tin-cong-dan-khong-ton-tai/'],
    ['a text message typed back', 'cap lai mat khau thanh cong', '/tra-loi/vssid-tin-nhan-cap-lai-mat-khau-thanh-cong/'],
    ['a word cut short', 'tai khoan co rui ro trung b', '/tra-loi/ngan-hang-tai-khoan-co-rui-ro-trung-binh/'],
    ['with diacritics', 'Tài khoản có rủi ro cao', '/tra-loi/ngan-hang-tai-khoan-co-rui-ro-cao/'],
    ['the start of a long warning', 'Thiết bị của quý khách đã bị mở khóa cơ chế bảo mật', '/tra-loi/ngan-hang-vietinbank-thiet-bi-bi-mo-khoa-co-che-bao-mat/'],
    [
      'pasted from a screenshot: quotes, line break, ellipsis',
      '“Theo quy định của Ngân hàng Nhà nước,\nngân hàng ngừng cung cấp dịch vụ ngân hàng số…”',
      '/tra-loi/ngan-hang-ngung-cung-cap-dich-vu-tren-thiet-bi-rui-ro/',
    ],
    ['a short success message', 'gui yeu cau thanh cong', '/tra-loi/vneid-gui-yeu-cau-thanh-cong/'],
    ['a reason shown under a result', 'Không tìm thấy dữ liệu của công dân', '/tra-loi/vneid-khong-tim-thay-du-lieu-cua-cong-dan/'],
  ])('%s: %s', (_how, query, url) => {
    expect(first(query)).toBe(url);
  });

  it('keeps apart messages that share words: "rủi ro cao" is not "rủi ro trung bình"', () => {
    expect(errorHits(entries, 'tai khoan co rui ro cao').map((hit) => hit.url)).toEqual(['/tra-loi/ngan-hang-tai-khoan-co-rui-ro-cao/']);
  });
});
