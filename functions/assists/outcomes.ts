/**
 * How an assist ended (issue 23): done, or not finished for one of a fixed
 * list of reasons. The one catalog: the member's form, validation, the
 * "bản đồ điểm nghẽn" and its CSV read it. Ids are stored in assists.outcome
 * and written in the CSV: never rename one, only add. There is no free text:
 * nothing about the citizen is ever recorded.
 */
import { ui } from '../../site/i18n/ui.ts';

export const DONE = 'xong';

export const stallReasonIds = [
  'khong-co-dien-thoai',
  'sim-khong-chinh-chu',
  'cccd-chip',
  'nfc',
  'otp-song',
  'loi-ung-dung',
  'can-den-co-quan',
  'khac',
] as const;
export type StallReasonId = (typeof stallReasonIds)[number];

export const outcomeIds = [DONE, ...stallReasonIds] as const;

export interface StallReason {
  id: StallReasonId;
  /** As the form, the table and the CSV show it. */
  label: string;
  /** Who can usually clear it: the CSV goes to them (police, telecom, bank…). */
  owner: string;
  /** Chart colour, ≥ 3:1 against white. */
  color: string;
}

export const stallReasons: readonly StallReason[] = [
  {
    id: 'khong-co-dien-thoai',
    label: 'Không có điện thoại riêng hoặc không có điện thoại thông minh',
    owner: 'Chính quyền địa phương, doanh nghiệp viễn thông',
    color: '#1f5fbf',
  },
  { id: 'sim-khong-chinh-chu', label: 'SIM không đứng tên chính chủ', owner: 'Doanh nghiệp viễn thông', color: '#a8520a' },
  { id: 'cccd-chip', label: 'Chưa có căn cước gắn chip hoặc sai thông tin giấy tờ', owner: 'Công an xã, phường', color: '#1d6b35' },
  { id: 'nfc', label: 'Điện thoại không đọc được chip (NFC)', owner: 'Công an xã, phường (đọc chip tại chỗ)', color: '#a1221b' },
  { id: 'otp-song', label: 'Không nhận được mã OTP hoặc không có sóng', owner: 'Doanh nghiệp viễn thông, ngân hàng', color: '#6b3fa0' },
  { id: 'loi-ung-dung', label: 'Ứng dụng báo lỗi', owner: 'Đơn vị quản lý ứng dụng', color: '#0b6e75' },
  { id: 'can-den-co-quan', label: 'Phải đến cơ quan, quầy giao dịch', owner: 'Cơ quan giải quyết thủ tục', color: '#7a5a00' },
  { id: 'khac', label: 'Lý do khác', owner: '', color: '#5d6670' },
];

export const stallReasonById = new Map<string, StallReason>(stallReasons.map((r) => [r.id, r]));

/** An entry's outcome in words (members' history, officials' entries); null when not said. */
export const outcomeLabel = (outcome: string | null) =>
  outcome === null ? null : outcome === DONE ? ui.memberOutcome.done : ui.memberOutcome.stalled(stallReasonById.get(outcome)?.label ?? outcome);
