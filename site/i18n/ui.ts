// Every UI string of the site in one place (Vietnamese).
export const ui = {
  siteName: 'Cẩm nang số',
  prepareTitle: 'Cần chuẩn bị',
  callout: {
    note: 'Ghi chú',
    tip: 'Mẹo',
    warning: 'Cẩn thận',
    danger: 'Nguy hiểm',
  },
  /** Share bar and printed handout of a guide (site/components/ShareBar.astro). */
  share: {
    heading: 'Gửi hướng dẫn này cho người cần',
    linkLabel: 'Liên kết của hướng dẫn (chạm giữ để sao chép):',
    share: 'Chia sẻ',
    copy: 'Sao chép liên kết',
    zalo: 'Mở Zalo',
    print: 'In tờ hướng dẫn',
    copied: 'Đã sao chép liên kết. Mở Zalo và dán vào cuộc trò chuyện.',
    copyFailed: 'Chưa sao chép được. Hãy chạm giữ vào liên kết ở trên để sao chép.',
    memberSummary: 'Bạn là thành viên Tổ công nghệ số cộng đồng?',
    memberExplain:
      'Nhập mã thành viên của bạn một lần trên điện thoại này (hỏi tổ trưởng nếu chưa biết mã). Từ đó, liên kết và mã QR bạn chia sẻ hoặc in ra sẽ là liên kết riêng của bạn, để tổ biết hướng dẫn nào được bà con dùng. Mã chỉ lưu trên máy này; người mở liên kết không bị thu thập thông tin cá nhân.',
    memberLabel: 'Mã thành viên',
    memberHint: 'Từ 4 đến 16 chữ cái thường hoặc chữ số, không dấu.',
    memberSave: 'Lưu mã',
    memberSaved: (code: string) => `Đã lưu mã ${code}. Liên kết chia sẻ giờ là liên kết riêng của bạn.`,
    memberInvalid: 'Mã thành viên gồm 4 đến 16 chữ cái thường hoặc chữ số, không dấu, không khoảng trắng.',
    memberUnknown: 'Không tìm thấy mã thành viên này. Hãy kiểm tra lại với tổ trưởng.',
    memberCurrent: 'Đang dùng mã thành viên:',
    memberClear: 'Bỏ mã',
    memberToolkit: 'Xem mọi liên kết và mã QR của bạn',
    handoutQr: 'Quét mã QR bằng camera điện thoại để mở hướng dẫn này:',
  },
  /** Member toolkit pages rendered by the Worker (/cong-cu/…). */
  toolkit: {
    title: 'Công cụ của thành viên',
    description: 'Liên kết chia sẻ riêng và mã QR của thành viên Tổ công nghệ số cộng đồng cho mọi hướng dẫn.',
    intro:
      'Mỗi thành viên Tổ công nghệ số cộng đồng có một mã riêng. Nhập mã để xem liên kết riêng và mã QR của mọi hướng dẫn, gửi qua Zalo hoặc in ra cho bà con.',
    formLabel: 'Mã thành viên',
    formHint: 'Từ 4 đến 16 chữ cái thường hoặc chữ số, không dấu. Hỏi tổ trưởng nếu bạn chưa có mã.',
    formSubmit: 'Xem công cụ',
    invalidCode: 'Mã thành viên gồm 4 đến 16 chữ cái thường hoặc chữ số, không dấu, không khoảng trắng.',
    unknownCode: 'Không tìm thấy mã thành viên này. Hãy kiểm tra lại với tổ trưởng.',
    memberTitle: (name: string) => `Công cụ của ${name}`,
    memberDescription: (name: string, team: string) => `Liên kết chia sẻ riêng và mã QR của ${name}, ${team}.`,
    codeLabel: 'Mã thành viên',
    contactLabel: 'Điện thoại liên hệ',
    howTo:
      'Gửi liên kết riêng vào nhóm Zalo của thôn, xóm hoặc in trang này. Khi bà con mở liên kết hay quét mã QR, tổ được tính một lượt dùng hướng dẫn; không ai bị thu thập thông tin cá nhân.',
    print: 'In trang này',
    printHint: 'Hoặc chọn "In" trong trình duyệt. Mỗi hướng dẫn kèm mã QR để bà con quét bằng camera điện thoại.',
    guidesHeading: 'Các hướng dẫn',
    personalLink: 'Liên kết riêng:',
    qrLabel: (title: string) => `Mã QR mở hướng dẫn “${title}”`,
    roles: { to_truong: 'Tổ trưởng', to_pho: 'Tổ phó', thanh_vien: 'Thành viên' },
  },
} as const;
