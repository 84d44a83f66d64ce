// Every UI string of the site in one place (Vietnamese).

/** Strings of the search box and the search page (own export so the search script bundles only these). */
export const searchUi = {
  label: 'Tìm hướng dẫn',
  placeholder: 'Ví dụ: dang ky dich vu cong',
  submit: 'Tìm',
  pageTitle: 'Tìm hướng dẫn',
  pageDescription: 'Tìm hướng dẫn công nghệ số bằng tiếng Việt, gõ có dấu hay không dấu đều được.',
  pageHint: 'Gõ việc bạn cần làm, có dấu hay không dấu đều được. Ví dụ: nop tien dien, vneid, lua dao.',
  resultsLabel: 'Kết quả tìm kiếm',
  loading: 'Đang tìm…',
  resultCount: (count: number, query: string) => `Có ${count} hướng dẫn cho “${query}”.`,
  noResults: (query: string) => `Chưa có hướng dẫn nào cho “${query}”.`,
  noResultsHint: 'Hãy thử gõ ngắn hơn hoặc dùng từ khác, hoặc xem hướng dẫn theo chủ đề:',
  askTeam: 'Nhờ Tổ công nghệ số ở thôn, tổ dân phố của bạn giúp',
  browseTopics: 'Xem tất cả hướng dẫn theo chủ đề',
  seeAllResults: (count: number) => `Xem cả ${count} kết quả`,
  showMore: (count: number) => `Hiện thêm ${count} hướng dẫn`,
  topicLabel: 'Chủ đề:',
  topicsMatched: 'Chủ đề phù hợp',
  allGuidesTitle: 'Tất cả hướng dẫn theo chủ đề',
  noScript: 'Trình duyệt đang tắt JavaScript nên chưa tìm được. Dưới đây là tất cả hướng dẫn, xếp theo chủ đề.',
  error: 'Chưa tải được công cụ tìm kiếm. Hãy kiểm tra kết nối mạng rồi thử lại.',
} as const;

export const ui = {
  siteName: 'Cẩm nang số',
  siteTagline: 'Hướng dẫn công nghệ số từng bước, dễ hiểu, cho mọi người',
  siteDescription:
    'Hướng dẫn từng bước bằng tiếng Việt dễ hiểu: dịch vụ công trực tuyến, VNeID, ví điện tử, thanh toán QR, sổ sức khỏe điện tử và giữ an toàn trên mạng.',
  prepareTitle: 'Cần chuẩn bị',
  callout: {
    note: 'Ghi chú',
    tip: 'Mẹo',
    warning: 'Cẩn thận',
    danger: 'Nguy hiểm',
  },
  skipLink: 'Bỏ qua, đến nội dung chính',
  nav: {
    label: 'Mục chính',
    home: 'Cẩm nang số, về trang chủ',
    topics: 'Chủ đề',
    search: 'Tìm kiếm',
    teams: 'Tổ công nghệ số',
    about: 'Giới thiệu',
  },
  breadcrumbs: {
    label: 'Bạn đang ở',
    home: 'Trang chủ',
    topics: 'Chủ đề',
  },
  guide: {
    metaLabel: 'Tóm tắt',
    duration: 'Thời gian',
    minutes: (minutes: number) => `Khoảng ${minutes} phút`,
    reviewed: 'Rà soát lần cuối',
    sourcesTitle: 'Nguồn chính thức',
    sourcesIntro: 'Hướng dẫn này dựa trên thông tin của:',
    reviewedOn: 'Nội dung được rà soát lần cuối ngày',
    relatedTitle: 'Hướng dẫn liên quan',
    prevNextLabel: 'Hướng dẫn khác cùng chủ đề',
    previous: 'Bài trước',
    next: 'Bài tiếp theo',
  },
  topic: {
    guideCount: (count: number) => `${count} hướng dẫn`,
    seeAll: (count: number, name: string) => `Xem cả ${count} hướng dẫn về ${name}`,
    empty: 'Chủ đề này chưa có hướng dẫn. Mời bạn quay lại sau.',
    otherTopics: 'Chủ đề khác',
  },
  topicsIndex: {
    title: 'Chủ đề',
    description: 'Bốn lĩnh vực mà Tổ công nghệ số cộng đồng giúp người dân: chính quyền số, kinh tế số, xã hội số và an toàn thông tin.',
    intro: 'Chọn một chủ đề để xem các hướng dẫn.',
  },
  home: {
    title: 'Cẩm nang số',
    topicsTitle: 'Hướng dẫn theo chủ đề',
    teamsTitle: 'Cần người giúp?',
    teamsText:
      'Ở mỗi thôn, tổ dân phố có Tổ công nghệ số cộng đồng: những người hàng xóm sẵn lòng giúp bạn làm theo các hướng dẫn này ngay trên điện thoại của bạn.',
    teamsFind: 'Tìm Tổ công nghệ số gần bạn',
    teamsAbout: 'Tổ công nghệ số là gì?',
  },
  notFound: {
    title: 'Không tìm thấy trang',
    heading: 'Không tìm thấy trang này',
    text: 'Có thể địa chỉ bị gõ sai, bị cắt mất một phần khi chia sẻ, hoặc trang đã được chuyển đi.',
    tryTitle: 'Bạn có thể:',
    home: 'Về trang chủ',
    search: 'Tìm hướng dẫn',
    searchHint: 'hoặc gõ vào ô tìm kiếm ở đầu trang',
    topics: 'Xem hướng dẫn theo chủ đề:',
  },
  footer: {
    label: 'Liên kết cuối trang',
    about: 'Giới thiệu',
    teams: 'Tổ công nghệ số',
    topics: 'Chủ đề',
    safety: 'Không bao giờ đọc mã OTP hay mật khẩu cho người khác, kể cả người tự nhận là cán bộ hay nhân viên ngân hàng.',
    note: 'Cẩm nang số: hướng dẫn cho người dân và Tổ công nghệ số cộng đồng. Luôn làm theo thông tin trên trang chính thức.',
  },
  /** Reviewed dates and other dates shown to readers: 20/11/2026. */
  formatDate: (date: Date) =>
    new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date),
} as const;
