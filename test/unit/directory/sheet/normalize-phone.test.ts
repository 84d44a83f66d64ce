import { describe, expect, it } from 'vitest';
import { normalizeVietnamesePhone } from '../../../../functions/directory/sheet/normalize-phone.ts';

describe('normalizeVietnamesePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['+84 (0) 912 345 678', '0912345678'],
    ['912345678', '0912345678'], // a spreadsheet dropped the leading zero
    ['0386 123 456', '0386123456'],
    ['0521234567', '0521234567'],
    ['0701234567', '0701234567'],
    ['0812345678', '0812345678'],
  ])('normalizes %s to %s', (input, phone) => {
    expect(normalizeVietnamesePhone(input)).toEqual({ ok: true, value: phone });
  });

  it('takes an empty cell as no phone', () => {
    expect(normalizeVietnamesePhone('  ')).toEqual({ ok: true, value: null });
  });

  it.each([
    ['0212345678', 'landline prefix 02'],
    ['0112345678', 'prefix 01'],
    ['091234567', 'nine digits with a leading zero'],
    ['09123456789', 'eleven digits'],
    ['+1 912 345 678', 'another country'],
    ['0912abc678', 'letters'],
    ['84 1234', 'too short'],
  ])('rejects %s (%s) with a Vietnamese reason', (input) => {
    const result = normalizeVietnamesePhone(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/số/);
  });
});
