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
  prepareTitle: 'Cần chuẩn bị',
  callout: {
    note: 'Ghi chú',
    tip: 'Mẹo',
    warning: 'Cẩn thận',
    danger: 'Nguy hiểm',
  },
} as const;
