/**
 * What a member can record having helped with, each tied to the guides that
 * cover it and to the national indicator it moves. The one catalog: the form,
 * validation, reports, the API and the CSV/XLSX all read it. Ids are part of
 * the API (`GET /api/assists` → tasks[].id) and stored in assists.task: never
 * rename one, only add.
 */

const indicatorIds = ['vneid', 'dich-vu-cong', 'thanh-toan', 'suc-khoe', 'an-toan', 'kinh-doanh'] as const;
export type IndicatorId = (typeof indicatorIds)[number];

export interface Indicator {
  id: IndicatorId;
  label: string;
  /** The national programme or decision it comes from, for the report's notes. */
  basis: string;
}

export const indicators: readonly Indicator[] = [
  { id: 'vneid', label: 'Người dân có tài khoản định danh điện tử VNeID mức 2', basis: 'Đề án 06 (Quyết định 06/QĐ-TTg)' },
  {
    id: 'dich-vu-cong',
    label: 'Người trưởng thành dùng dịch vụ công trực tuyến',
    basis: 'Quyết định 411/QĐ-TTg: trên 50% người trưởng thành năm 2025, 70% năm 2030',
  },
  {
    id: 'thanh-toan',
    label: 'Người có tài khoản thanh toán điện tử (ngân hàng, ví điện tử, Mobile Money)',
    basis: 'Quyết định 411/QĐ-TTg: từ 75% người trên 15 tuổi có tài khoản thanh toán',
  },
  { id: 'suc-khoe', label: 'Người dân có Sổ sức khỏe điện tử', basis: 'Đề án 06 và Bộ Y tế' },
  { id: 'an-toan', label: 'Người dân có kỹ năng an toàn trên mạng', basis: 'Chương trình chuyển đổi số quốc gia' },
  { id: 'kinh-doanh', label: 'Hộ kinh doanh bán hàng trên môi trường số', basis: 'Quyết định 411/QĐ-TTg (kinh tế số)' },
];

export const taskIds = [
  'vneid-muc-2',
  'dang-nhap-dich-vu-cong',
  'nop-ho-so-truc-tuyen',
  'thanh-toan-phi-truc-tuyen',
  'vi-dien-tu',
  'xac-thuc-khuon-mat',
  'so-suc-khoe-dien-tu',
  'xac-thuc-hai-buoc',
  'lua-dao',
  'cai-ung-dung-an-toan',
  'ban-hang-truc-tuyen',
  'khac',
] as const;
export type TaskId = (typeof taskIds)[number];

export interface Task {
  id: TaskId;
  /** As the form and the reports show it. */
  label: string;
  /** null: counted in the total only ("other"). */
  indicator: IndicatorId | null;
  /** Slugs of the guides that cover it (unpublished ones are skipped where shown). */
  guides: readonly string[];
}

export const tasks: readonly Task[] = [
  { id: 'vneid-muc-2', label: 'Kích hoạt VNeID mức 2', indicator: 'vneid', guides: ['kich-hoat-tai-khoan-vneid-muc-2'] },
  {
    id: 'dang-nhap-dich-vu-cong',
    label: 'Đăng nhập Cổng Dịch vụ công',
    indicator: 'dich-vu-cong',
    guides: ['dang-nhap-dich-vu-cong-bang-vneid'],
  },
  { id: 'nop-ho-so-truc-tuyen', label: 'Nộp hồ sơ trực tuyến', indicator: 'dich-vu-cong', guides: ['nop-ho-so-truc-tuyen'] },
  {
    id: 'thanh-toan-phi-truc-tuyen',
    label: 'Thanh toán phí, lệ phí trực tuyến',
    indicator: 'dich-vu-cong',
    guides: ['thanh-toan-phi-le-phi-truc-tuyen', 'thanh-toan-tien-dien-nuoc'],
  },
  {
    id: 'vi-dien-tu',
    label: 'Mở ví điện tử hoặc Mobile Money',
    indicator: 'thanh-toan',
    guides: ['mo-va-xac-thuc-vi-dien-tu', 'dung-mobile-money'],
  },
  {
    id: 'xac-thuc-khuon-mat',
    label: 'Xác thực khuôn mặt trong ứng dụng ngân hàng',
    indicator: 'thanh-toan',
    guides: ['xac-thuc-khuon-mat-ngan-hang', 'mo-va-xac-thuc-vi-dien-tu'],
  },
  { id: 'so-suc-khoe-dien-tu', label: 'Sổ sức khỏe điện tử trên VNeID', indicator: 'suc-khoe', guides: ['so-suc-khoe-dien-tu'] },
  {
    id: 'xac-thuc-hai-buoc',
    label: 'Bật xác thực hai bước',
    indicator: 'an-toan',
    guides: ['bat-xac-thuc-hai-buoc', 'giu-bi-mat-otp-va-mat-khau'],
  },
  {
    id: 'lua-dao',
    label: 'Nhận biết hoặc báo cáo lừa đảo',
    indicator: 'an-toan',
    guides: ['nhan-biet-cuoc-goi-tin-nhan-lua-dao', 'xu-ly-khi-bi-lua-dao'],
  },
  { id: 'cai-ung-dung-an-toan', label: 'Cài ứng dụng an toàn', indicator: 'an-toan', guides: ['cai-ung-dung-an-toan'] },
  {
    id: 'ban-hang-truc-tuyen',
    label: 'Bắt đầu bán hàng trực tuyến',
    indicator: 'kinh-doanh',
    guides: ['ban-hang-truc-tuyen', 'ho-kinh-doanh-nhan-tien-qua-ma-qr'],
  },
  { id: 'khac', label: 'Việc khác', indicator: null, guides: [] },
];

export const taskById = new Map<string, Task>(tasks.map((t) => [t.id, t]));
export const indicatorById = new Map<string, Indicator>(indicators.map((i) => [i.id, i]));

/** Most people one member may record for one task on one day. */
export const DAILY_CAP = 50;
/** How many days back a member may record, and edit or delete their entries. */
export const RECORD_WINDOW_DAYS = 7;
