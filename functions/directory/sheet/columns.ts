import { compactKey } from './fields.ts';

/**
 * The one definition of the team-list spreadsheet: the import reads it, the
 * export and the templates (CSV and XLSX) write it. The first eleven columns
 * are the official template, in this order; the last four are optional on
 * import (a file without them keeps what the database has) and always written
 * by the export, so every field of the directory round-trips.
 */
export const directoryColumns = [
  {
    key: 'communeCode',
    header: 'Mã xã/phường',
    required: true,
    width: 14,
    help: 'Mã xã/phường 5 chữ số theo danh mục từ 1/7/2025 (mã trước 1/7/2025 được tự chuyển sang xã/phường mới). Tổ cấp tỉnh: ghi mã tỉnh 2 chữ số và Cấp tổ "Tỉnh".',
  },
  {
    key: 'villageName',
    header: 'Tên thôn/tổ dân phố',
    required: true,
    width: 24,
    help: 'Ví dụ "Thôn 3", "Ấp Tân Lập", "Tổ dân phố 5". Để trống với tổ cấp xã, cấp tỉnh.',
  },
  {
    key: 'villageKind',
    header: 'Loại',
    required: true,
    width: 12,
    help: 'thôn, buôn, bản, ấp, sóc, làng, xóm, tổ dân phố, khu phố, khóm, khu. Để trống nếu tên đã bắt đầu bằng loại (ví dụ "Thôn 3").',
  },
  {
    key: 'teamName',
    header: 'Tên tổ',
    required: true,
    width: 36,
    help: 'Tên Tổ công nghệ số cộng đồng. Để trống nếu dòng chỉ khai báo thôn (thôn chưa có tổ).',
  },
  {
    key: 'fullName',
    header: 'Họ và tên',
    required: true,
    width: 24,
    help: 'Họ và tên thành viên. Để trống nếu dòng chỉ khai báo tổ.',
  },
  { key: 'role', header: 'Vai trò', required: true, width: 12, help: 'Tổ trưởng, Tổ phó hoặc Thành viên (để trống = Thành viên).' },
  { key: 'position', header: 'Chức vụ', required: true, width: 24, help: 'Chức vụ hoặc nơi công tác, ví dụ "Bí thư chi bộ", "Đoàn viên".' },
  {
    key: 'phone',
    header: 'Số điện thoại',
    required: true,
    width: 16,
    help: 'Số di động Việt Nam 10 chữ số (03, 05, 07, 08, 09…); chấp nhận +84, dấu cách, dấu chấm. Có thể để trống.',
  },
  {
    key: 'publishContact',
    header: 'Công khai liên hệ',
    required: true,
    width: 12,
    help: 'Có nếu thành viên đồng ý công khai số điện thoại; để trống hoặc Không nếu không.',
  },
  { key: 'decisionNumber', header: 'Số quyết định', required: true, width: 18, help: 'Số quyết định thành lập tổ, ví dụ "125/QĐ-UBND".' },
  { key: 'decisionDate', header: 'Ngày quyết định', required: true, width: 14, help: 'Ngày quyết định, dạng ngày/tháng/năm: 15/08/2025.' },
  {
    key: 'teamLevel',
    header: 'Cấp tổ',
    required: false,
    width: 12,
    help: 'Không bắt buộc: Thôn, Xã, Tỉnh hoặc Tổ chức (cơ quan, trường học, doanh nghiệp). Để trống: Thôn nếu có tên thôn, ngược lại Xã.',
  },
  { key: 'zaloUrl', header: 'Link nhóm Zalo', required: false, width: 28, help: 'Không bắt buộc: đường dẫn nhóm Zalo của tổ, bắt đầu bằng https://zalo.me/' },
  { key: 'teamStatus', header: 'Trạng thái', required: false, width: 16, help: 'Không bắt buộc: Đang hoạt động (mặc định) hoặc Đã giải thể.' },
  {
    key: 'memberCode',
    header: 'Mã thành viên',
    required: false,
    width: 14,
    help: 'Không bắt buộc: để trống, hệ thống tự cấp mã (8 ký tự) và giữ nguyên mã khi nhập lại.',
  },
] as const;

export type DirectoryColumn = (typeof directoryColumns)[number];
export type ColumnKey = DirectoryColumn['key'];

/** One spreadsheet row by column key; absent optional columns are undefined. */
export type RawRow = { rowNumber: number } & { [K in ColumnKey]?: string };

/** Other spellings officials use for the same column. */
const headerAliases: Partial<Record<ColumnKey, string[]>> = {
  communeCode: ['Mã xã', 'Mã phường', 'Mã xã, phường', 'Mã đơn vị hành chính'],
  villageName: ['Tên thôn', 'Thôn/tổ dân phố', 'Tên thôn, tổ dân phố', 'Thôn'],
  villageKind: ['Loại thôn'],
  fullName: ['Họ tên'],
  phone: ['Điện thoại', 'SĐT', 'Số ĐT'],
  publishContact: ['Công khai', 'Đồng ý công khai'],
  decisionNumber: ['Số QĐ'],
  decisionDate: ['Ngày QĐ'],
  zaloUrl: ['Nhóm Zalo', 'Zalo'],
};

/** Headers are compared as compactKey gives them: folded, only letters and digits ("Mã xã/phường" → "maxaphuong"). */
const columnByHeaderKey = new Map<string, ColumnKey>();
for (const column of directoryColumns) {
  for (const text of [column.header, ...(headerAliases[column.key] ?? [])]) columnByHeaderKey.set(compactKey(text), column.key);
}

export function columnForHeader(text: string): ColumnKey | undefined {
  return columnByHeaderKey.get(compactKey(text));
}

export function columnHeader(key: ColumnKey): string {
  return directoryColumns.find((c) => c.key === key)!.header;
}
