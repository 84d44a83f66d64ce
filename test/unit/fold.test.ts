import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../site/utils/fold.ts';

describe('foldVietnamese', () => {
  it('removes every Vietnamese tone and vowel mark', () => {
    expect(foldVietnamese('Tạo tài khoản Cổng Dịch vụ công quốc gia')).toBe('tao tai khoan cong dich vu cong quoc gia');
    expect(foldVietnamese('ă â ê ô ơ ư')).toBe('a a e o o u');
    expect(foldVietnamese('à á ả ã ạ ằ ắ ẳ ẵ ặ ầ ấ ẩ ẫ ậ')).toBe('a a a a a a a a a a a a a a a');
    expect(foldVietnamese('ờ ớ ở ỡ ợ ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ')).toBe('o o o o o u u u u u y y y y y');
  });

  it('folds đ and Đ to d, which Unicode does not decompose', () => {
    expect(foldVietnamese('điện')).toBe('dien');
    expect(foldVietnamese('Đăng ký')).toBe('dang ky');
    expect(foldVietnamese('ĐỊNH DANH ĐIỆN TỬ')).toBe('dinh danh dien tu');
  });

  it('folds the look-alike eth (Ð/ð) that legacy text uses for Đ', () => {
    expect(foldVietnamese('Ðăng ký')).toBe('dang ky');
    expect(foldVietnamese('ðiện')).toBe('dien');
  });

  it('folds case', () => {
    expect(foldVietnamese('NỘP TIỀN ĐIỆN')).toBe('nop tien dien');
    expect(foldVietnamese('MoMo ZaloPay VNeID')).toBe('momo zalopay vneid');
  });

  it('gives the same result for NFC and NFD input', () => {
    const nfc = 'Sổ sức khỏe điện tử';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(foldVietnamese(nfd)).toBe(foldVietnamese(nfc));
    // Written out: "ví" as v + i + combining acute, "điện" with combining dot below + circumflex.
    expect(foldVietnamese('v\u0069\u0301 \u0111ie\u0323\u0302n tu\u031b\u0309')).toBe('vi dien tu');
  });

  it('collapses whitespace and drops invisible format characters', () => {
    expect(foldVietnamese('  dịch\u00a0vụ \n\t công  ')).toBe('dich vu cong');
    expect(foldVietnamese('mo\u200Bmo')).toBe('momo');
    expect(foldVietnamese('thanh\u00ADtoán')).toBe('thanhtoan');
  });

  it('leaves ASCII, digits and punctuation alone', () => {
    expect(foldVietnamese('OTP 123456, mã QR!')).toBe('otp 123456, ma qr!');
    expect(foldVietnamese('')).toBe('');
  });

  it('is idempotent', () => {
    const once = foldVietnamese('Kích hoạt tài khoản định danh điện tử mức 2');
    expect(foldVietnamese(once)).toBe(once);
  });
});
