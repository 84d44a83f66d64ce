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
} as const;
