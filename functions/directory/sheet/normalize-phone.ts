import type { FieldResult } from './fields.ts';

/** Mobile prefixes in use since the 2018 renumbering: 03x, 05x, 07x, 08x, 09x. */
const mobileNumber = /^0[35789]\d{8}$/;

/**
 * Normalizes a Vietnamese mobile number as people write it in spreadsheets
 * ("+84 912.345.678", "84912345678", "0912-345-678", or 912345678 when a
 * spreadsheet dropped the leading zero) to "0912345678". Empty means no phone.
 */
export function normalizeVietnamesePhone(input: string): FieldResult<string | null> {
  const text = input.trim();
  if (text === '') return { ok: true, value: null };
  if (!/^\+?[\d\s.\-()]+$/.test(text)) {
    return { ok: false, reason: `"${text}" không phải số điện thoại (chỉ gồm chữ số, dấu cách, dấu chấm, gạch ngang, +84)` };
  }
  let digits = text.replace(/\D/g, '');
  if (text.startsWith('+') && !digits.startsWith('84')) {
    return { ok: false, reason: `"${text}" không phải số Việt Nam (mã quốc gia phải là +84)` };
  }
  if (digits.startsWith('840') && digits.length === 12) digits = digits.slice(2);
  else if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  else if (digits.length === 9) digits = `0${digits}`;
  if (!mobileNumber.test(digits)) {
    return {
      ok: false,
      reason: `"${text}" không phải số di động Việt Nam hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)`,
    };
  }
  return { ok: true, value: digits };
}
