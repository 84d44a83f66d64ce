// UI strings of the officials' admin area (/quan-tri/, issue 8), in Vietnamese.
// Kept beside ui.ts (same folder, same style) so the public pages' bundles
// never carry them.

export const adminUi = {
  description: 'Khu vực quản trị danh sách Tổ công nghệ số cộng đồng dành cho cán bộ.',
  areaName: 'Quản trị',
  backHome: 'Về trang quản trị',
  forbiddenTitle: 'Không được phép',
  forbidden: {
    csrf: 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi gửi lại. Chưa có gì bị thay đổi.',
    scope: 'Tài khoản của bạn không quản lý đơn vị này. Chưa có gì bị thay đổi.',
    two_factor:
      'Tài khoản quản trị tỉnh và toàn quốc cần bật đăng nhập hai bước trước khi thay đổi dữ liệu. Chưa có gì bị thay đổi.',
  },
  signIn: {
    title: 'Đăng nhập quản trị',
    intro: 'Dành cho cán bộ xã, tỉnh quản lý danh sách Tổ công nghệ số. Tài khoản chỉ được tạo qua lời mời.',
    username: 'Tên đăng nhập',
    usernameHint: 'Chữ thường không dấu, ví dụ: canbo.eakao',
    password: 'Mật khẩu',
    passwordHint: 'Mật khẩu bạn đã đặt khi nhận lời mời.',
    submit: 'Đăng nhập',
    wrong: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    missing: 'Hãy nhập tên đăng nhập và mật khẩu.',
    blocked: 'Bạn đã thử đăng nhập quá nhiều lần. Hãy đợi vài phút rồi thử lại.',
    signedOut: 'Bạn đã đăng xuất.',
  },
  signOut: 'Đăng xuất',
  signOutEverywhere: 'Đăng xuất trên mọi thiết bị',
  signOutEverywhereHint: 'Dùng khi bạn làm mất điện thoại hoặc đã đăng nhập ở máy người khác.',
  twoFactor: {
    title: 'Đăng nhập hai bước',
    verifyIntro: 'Mở ứng dụng xác thực trên điện thoại và nhập mã 6 số đang hiện. Nếu mất điện thoại, nhập một mã khôi phục.',
    code: 'Mã xác thực',
    codeHint: 'Mã 6 số trong ứng dụng xác thực, hoặc một mã khôi phục (dạng xxxx-xxxx-xxxx-xxxx).',
    verify: 'Xác nhận',
    wrongCode: 'Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trong ứng dụng.',
    setupLink: 'Bật đăng nhập hai bước',
    setupTitle: 'Bật đăng nhập hai bước',
    setupIntro:
      'Đăng nhập hai bước bảo vệ tài khoản kể cả khi người khác biết mật khẩu. Bạn cần một ứng dụng xác thực trên điện thoại, ví dụ Google Authenticator hoặc Microsoft Authenticator.',
    setupStep1: 'Mở ứng dụng xác thực, chọn thêm tài khoản, rồi quét mã QR dưới đây.',
    setupStep2: 'Nếu không quét được, chọn nhập khóa thủ công và gõ khóa sau:',
    setupStep3: 'Nhập mã 6 số ứng dụng vừa hiện để hoàn tất.',
    enabled: 'Đã bật đăng nhập hai bước. Hãy chép hoặc in các mã khôi phục dưới đây và cất ở nơi an toàn. Mỗi mã dùng được một lần, khi bạn mất điện thoại. Trang này chỉ hiện chúng một lần.',
    alreadyOn: 'Đăng nhập hai bước đang bật cho tài khoản này.',
    required: 'Tài khoản của bạn cần bật đăng nhập hai bước trước khi thay đổi dữ liệu.',
    qrLabel: 'Mã QR để thêm tài khoản vào ứng dụng xác thực',
  },
  invitation: {
    title: 'Nhận lời mời quản trị',
    intro: (name: string, role: string, scope: string) => `Lời mời dành cho ${name} — ${role}${scope ? `, ${scope}` : ''}. Hãy chọn tên đăng nhập và mật khẩu.`,
    usernameHint: '3–32 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang. Ví dụ: canbo.eakao',
    passwordHint: 'Ít nhất 10 ký tự. Nên ghép vài từ dễ nhớ với nhau, không dùng mật khẩu phổ biến.',
    submit: 'Tạo tài khoản',
    usernameTaken: 'Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.',
    gone: {
      used: 'Lời mời này đã được dùng. Nếu đó là bạn, hãy đăng nhập.',
      revoked: 'Lời mời này đã bị thu hồi. Hãy xin người mời một lời mời mới.',
      expired: 'Lời mời này đã hết hạn (lời mời có hiệu lực 7 ngày). Hãy xin người mời một lời mời mới.',
      unknown: 'Không tìm thấy lời mời này. Hãy kiểm tra lại đường link.',
    },
  },
} as const;
