/**
 * How people actually type when they look for a guide, each with the guide it
 * must find in the top 3 results (test/browser/search.spec.ts, and the recall
 * figure of `npm run bench`). NFD strings are written with explicit combining
 * marks (\u0301 acute, \u0300 grave, \u0309 hook, \u0303 tilde, \u0323 dot
 * below, \u0302 circumflex, \u031B horn) so no editor can silently normalize them.
 */
export interface SearchQuery {
  query: string;
  slug: string;
  /** What kind of typing this query stands for. */
  kind: 'unaccented' | 'd-for-đ' | 'all-caps' | 'accented' | 'nfd' | 'brand' | 'abbreviation' | 'task' | 'prefix' | 'i-or-y' | 'brand-spacing' | 'typo';
}

export const searchQueries: SearchQuery[] = [
  // Without diacritics, the way most people type on phones.
  { query: 'dang ky dich vu cong', slug: 'dang-nhap-dich-vu-cong-bang-vneid', kind: 'task' },
  { query: 'tao tai khoan dich vu cong', slug: 'dang-nhap-dich-vu-cong-bang-vneid', kind: 'unaccented' },
  { query: 'nop ho so truc tuyen', slug: 'nop-ho-so-truc-tuyen', kind: 'unaccented' },
  { query: 'tra cuu ho so', slug: 'nop-ho-so-truc-tuyen', kind: 'task' },
  { query: 'nop le phi', slug: 'thanh-toan-phi-le-phi-truc-tuyen', kind: 'task' },
  { query: 'thanh toan phi dich vu cong', slug: 'thanh-toan-phi-le-phi-truc-tuyen', kind: 'unaccented' },
  { query: 'kich hoat vneid', slug: 'kich-hoat-tai-khoan-vneid-muc-2', kind: 'task' },
  { query: 'cuoc goi lua dao', slug: 'nhan-biet-cuoc-goi-tin-nhan-lua-dao', kind: 'unaccented' },
  { query: 'lua dao', slug: 'nhan-biet-cuoc-goi-tin-nhan-lua-dao', kind: 'task' },
  { query: 'mat khau manh', slug: 'giu-bi-mat-otp-va-mat-khau', kind: 'unaccented' },
  { query: 'xac thuc hai buoc', slug: 'bat-xac-thuc-hai-buoc', kind: 'unaccented' },
  { query: 'bao mat zalo', slug: 'bat-xac-thuc-hai-buoc', kind: 'task' },
  { query: 'cai ung dung an toan', slug: 'cai-ung-dung-an-toan', kind: 'unaccented' },
  { query: 'tai app', slug: 'cai-ung-dung-an-toan', kind: 'task' },
  { query: 'quet ma qr tra tien', slug: 'thanh-toan-bang-ma-vietqr', kind: 'task' },
  { query: 'ban hang online', slug: 'ban-hang-truc-tuyen', kind: 'task' },
  { query: 'nhan tien qua ma qr', slug: 'ho-kinh-doanh-nhan-tien-qua-ma-qr', kind: 'task' },
  { query: 'nop tien dien', slug: 'thanh-toan-tien-dien-nuoc', kind: 'task' },
  { query: 'tien nuoc', slug: 'thanh-toan-tien-dien-nuoc', kind: 'unaccented' },
  { query: 'so suc khoe dien tu', slug: 'so-suc-khoe-dien-tu', kind: 'unaccented' },
  { query: 'the bao hiem y te', slug: 'so-suc-khoe-dien-tu', kind: 'unaccented' },
  { query: 'huong dan nguoi dan tan noi', slug: 'thanh-vien-to-huong-dan-nguoi-dan', kind: 'unaccented' },
  { query: 'chuyen tien khong can tai khoan ngan hang', slug: 'dung-mobile-money', kind: 'task' },
  { query: 'gia danh cong an', slug: 'nhan-biet-cuoc-goi-tin-nhan-lua-dao', kind: 'task' },

  // "đ" typed as "d" (Pagefind alone misses all of these).
  { query: 'dong tien dien', slug: 'thanh-toan-tien-dien-nuoc', kind: 'd-for-đ' },
  { query: 'dinh danh dien tu muc 2', slug: 'kich-hoat-tai-khoan-vneid-muc-2', kind: 'd-for-đ' },
  { query: 'doi mat khau', slug: 'giu-bi-mat-otp-va-mat-khau', kind: 'd-for-đ' },
  { query: 'vi dien tu', slug: 'mo-va-xac-thuc-vi-dien-tu', kind: 'd-for-đ' },
  { query: 'dien thoai bi lua dao', slug: 'nhan-biet-cuoc-goi-tin-nhan-lua-dao', kind: 'd-for-đ' },

  // All caps, with and without diacritics.
  { query: 'DANG KY DICH VU CONG', slug: 'dang-nhap-dich-vu-cong-bang-vneid', kind: 'all-caps' },
  { query: 'LỪA ĐẢO', slug: 'nhan-biet-cuoc-goi-tin-nhan-lua-dao', kind: 'all-caps' },
  { query: 'TIỀN ĐIỆN', slug: 'thanh-toan-tien-dien-nuoc', kind: 'all-caps' },
  { query: 'VNEID MỨC 2', slug: 'kich-hoat-tai-khoan-vneid-muc-2', kind: 'all-caps' },

  // Proper Vietnamese.
  { query: 'Sổ sức khỏe điện tử', slug: 'so-suc-khoe-dien-tu', kind: 'accented' },
  { query: 'Đăng ký tài khoản dịch vụ công', slug: 'dang-nhap-dich-vu-cong-bang-vneid', kind: 'accented' },
  { query: 'Bán hàng trên mạng', slug: 'ban-hang-truc-tuyen', kind: 'accented' },

  // Decomposed (NFD) input, alone and mixed with precomposed letters.
  { query: 'thanh toa\u0301n tie\u0302\u0300n \u0111ie\u0323\u0302n', slug: 'thanh-toan-tien-dien-nuoc', kind: 'nfd' },
  { query: 'vi\u0301 \u0111ie\u0323\u0302n tu\u031B\u0309', slug: 'mo-va-xac-thuc-vi-dien-tu', kind: 'nfd' },
  { query: 'giữ bí mật ma\u0303 OTP', slug: 'giu-bi-mat-otp-va-mat-khau', kind: 'nfd' },
  { query: 'lừa \u0111a\u0309o', slug: 'nhan-biet-cuoc-goi-tin-nhan-lua-dao', kind: 'nfd' },

  // Brand and service names.
  { query: 'momo', slug: 'mo-va-xac-thuc-vi-dien-tu', kind: 'brand' },
  { query: 'zalopay', slug: 'mo-va-xac-thuc-vi-dien-tu', kind: 'brand' },
  { query: 'vneid', slug: 'kich-hoat-tai-khoan-vneid-muc-2', kind: 'brand' },
  // Two letters swapped in a name (Pagefind alone answers with every page holding its longest known prefix).
  { query: 'kich hoat vnied', slug: 'kich-hoat-tai-khoan-vneid-muc-2', kind: 'typo' },
  { query: 'zlaopay', slug: 'mo-va-xac-thuc-vi-dien-tu', kind: 'typo' },
  { query: 'ung dung vsisd', slug: 'dung-ung-dung-vssid', kind: 'typo' },
  { query: 'vietqr', slug: 'thanh-toan-bang-ma-vietqr', kind: 'brand' },
  { query: 'viettel money', slug: 'dung-mobile-money', kind: 'brand' },
  { query: 'gmail', slug: 'bat-xac-thuc-hai-buoc', kind: 'brand' },
  { query: 'dichvucong', slug: 'dang-nhap-dich-vu-cong-bang-vneid', kind: 'brand' },

  // Abbreviations.
  { query: 'dvc', slug: 'dang-nhap-dich-vu-cong-bang-vneid', kind: 'abbreviation' },
  { query: 'cccd', slug: 'kich-hoat-tai-khoan-vneid-muc-2', kind: 'abbreviation' },
  { query: 'bhyt', slug: 'so-suc-khoe-dien-tu', kind: 'abbreviation' },
  { query: 'otp', slug: 'giu-bi-mat-otp-va-mat-khau', kind: 'abbreviation' },
  { query: '2fa', slug: 'bat-xac-thuc-hai-buoc', kind: 'abbreviation' },

  // Still typing: the last word is a prefix.
  { query: 'zalop', slug: 'mo-va-xac-thuc-vi-dien-tu', kind: 'prefix' },
  { query: 'tien di dong', slug: 'dung-mobile-money', kind: 'unaccented' },

  // i or y for the same syllable (kí/ký, lí/lý, kĩ/kỹ): both spellings are in use.
  { query: 'dang ki dich vu cong', slug: 'dang-nhap-dich-vu-cong-bang-vneid', kind: 'i-or-y' },
  { query: 'Đăng kí tài khoản định danh', slug: 'kich-hoat-tai-khoan-vneid-muc-2', kind: 'i-or-y' },
  { query: 'dang nhap dich vu cong', slug: 'dang-nhap-dich-vu-cong-bang-vneid', kind: 'task' },

  // Brand names written apart, together or with a hyphen.
  { query: 'zalo pay', slug: 'mo-va-xac-thuc-vi-dien-tu', kind: 'brand-spacing' },
  { query: 'zalo-pay', slug: 'mo-va-xac-thuc-vi-dien-tu', kind: 'brand-spacing' },
  { query: 'mo mo', slug: 'mo-va-xac-thuc-vi-dien-tu', kind: 'brand-spacing' },
  { query: 'viettelmoney', slug: 'dung-mobile-money', kind: 'brand-spacing' },
  { query: 'viet qr', slug: 'thanh-toan-bang-ma-vietqr', kind: 'brand-spacing' },

  // Wave 2 guides (issue 11): the ways people ask about the new topics.
  { query: 'cap nhat sinh trac hoc', slug: 'xac-thuc-khuon-mat-ngan-hang', kind: 'task' },
  { query: 'chuyen tien tren 10 trieu', slug: 'xac-thuc-khuon-mat-ngan-hang', kind: 'task' },
  { query: 'sinh trắc học', slug: 'xac-thuc-khuon-mat-ngan-hang', kind: 'accented' },
  { query: 'bi lua chuyen tien', slug: 'xu-ly-khi-bi-lua-dao', kind: 'task' },
  { query: 'to giac toi pham tren vneid', slug: 'xu-ly-khi-bi-lua-dao', kind: 'task' },
  { query: 'phong toa tai khoan', slug: 'xu-ly-khi-bi-lua-dao', kind: 'unaccented' },
  { query: 'app ngan hang', slug: 'dung-ung-dung-ngan-hang-lan-dau', kind: 'task' },
  { query: 'xem so du tai khoan', slug: 'dung-ung-dung-ngan-hang-lan-dau', kind: 'task' },
  { query: 'mobile banking', slug: 'dung-ung-dung-ngan-hang-lan-dau', kind: 'brand' },
  { query: 'lam giay khai sinh', slug: 'dang-ky-khai-sinh-truc-tuyen', kind: 'task' },
  { query: 'khai sinh cho con tren vneid', slug: 'dang-ky-khai-sinh-truc-tuyen', kind: 'task' },
  { query: 'nhập hộ khẩu cho trẻ sơ sinh', slug: 'dang-ky-khai-sinh-truc-tuyen', kind: 'accented' },
  { query: 'vssid', slug: 'dung-ung-dung-vssid', kind: 'brand' },
  { query: 'bhxh so', slug: 'dung-ung-dung-vssid', kind: 'abbreviation' },
  { query: 'qua trinh dong bao hiem xa hoi', slug: 'dung-ung-dung-vssid', kind: 'task' },
  { query: 'sim chinh chu', slug: 'kiem-tra-sim-chinh-chu', kind: 'unaccented' },
  { query: 'kiểm tra thông tin thuê bao', slug: 'kiem-tra-sim-chinh-chu', kind: 'accented' },
  { query: 'tttb', slug: 'kiem-tra-sim-chinh-chu', kind: 'abbreviation' },
  { query: 'binh dan hoc vu so', slug: 'hoc-tren-binh-dan-hoc-vu-so', kind: 'unaccented' },
  { query: 'hoc ki nang so', slug: 'hoc-tren-binh-dan-hoc-vu-so', kind: 'task' },
  { query: 'binhdanhocvuso', slug: 'hoc-tren-binh-dan-hoc-vu-so', kind: 'brand' },
  { query: 'quen mat khau vneid', slug: 'quen-mat-khau-vneid', kind: 'task' },
  { query: 'quen passcode', slug: 'quen-mat-khau-vneid', kind: 'task' },
  { query: 'QUÊN MẬT KHẨU VNEID', slug: 'quen-mat-khau-vneid', kind: 'all-caps' },
  { query: 'doi so dien thoai vneid', slug: 'doi-dien-thoai-so-dien-thoai-vneid', kind: 'task' },
  { query: 'vneid gui ma ve may cu', slug: 'doi-dien-thoai-so-dien-thoai-vneid', kind: 'task' },
  { query: 'vneid bi khoa', slug: 'mo-khoa-tai-khoan-vneid', kind: 'task' },
  { query: 'khoa vneid khi mat dien thoai', slug: 'mo-khoa-tai-khoan-vneid', kind: 'task' },
  { query: 'dang ky tam tru', slug: 'dang-ky-tam-tru-tren-vneid', kind: 'unaccented' },
  { query: 'cap nhat vneid sau sap nhap', slug: 'dang-ky-tam-tru-tren-vneid', kind: 'task' },
  { query: 'đăng kí tạm trú', slug: 'dang-ky-tam-tru-tren-vneid', kind: 'accented' },
  { query: 'ly lich tu phap', slug: 'xin-ly-lich-tu-phap-tren-vneid', kind: 'unaccented' },
  { query: 'lam ly lich tu phap online', slug: 'xin-ly-lich-tu-phap-tren-vneid', kind: 'task' },
  { query: 'lam can cuoc cho con', slug: 'cap-can-cuoc-cho-tre-em', kind: 'task' },
  { query: 'cccd tre em', slug: 'cap-can-cuoc-cho-tre-em', kind: 'abbreviation' },
  { query: 'tich hop bang lai xe vao vneid', slug: 'tich-hop-giay-to-vao-vneid', kind: 'task' },
  { query: 'gplx', slug: 'tich-hop-giay-to-vao-vneid', kind: 'abbreviation' },
  { query: 'thong bao luu tru', slug: 'thong-bao-luu-tru-tren-vneid', kind: 'unaccented' },
  { query: 'khai bao khach o qua dem', slug: 'thong-bao-luu-tru-tren-vneid', kind: 'task' },
  { query: 'tra cuu phat nguoi', slug: 'tra-cuu-phat-nguoi', kind: 'unaccented' },
  { query: 'csgt goi dien phat nguoi', slug: 'tra-cuu-phat-nguoi', kind: 'task' },
];
