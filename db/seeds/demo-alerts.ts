// Demo scam alerts (issue 18): two current alerts — a national one about fake
// police calls asking to "update VNeID", and one for the demo members'
// province about fake "phạt nguội" (traffic fine) messages — with some reach:
// about half of the demo members marked them as passed on. Written once: a
// database that already holds alerts gets none. The texts follow the guides
// nhan-biet-cuoc-goi-tin-nhan-lua-dao and tra-cuu-phat-nguoi; the only numbers
// are those the guides already cite (113, and VNeID's 1900 0368).
import { vietnamDay } from '../../functions/assists/entries.ts';
import { currentMemberSql } from '../../functions/assists/member-auth.ts';
import { addDays } from '../../functions/usage/report.ts';
import { seededRandom } from '../../functions/directory/sheet/generate.ts';

export const demoAlerts = [
  {
    slug: 'gia-danh-cong-an-goi-dien-doi-cap-nhat-vneid',
    title: 'Giả danh công an gọi điện đòi “cập nhật VNeID”',
    scamText: [
      'Kẻ gian gọi điện, xưng là công an phường, xã.',
      'Họ nói tài khoản VNeID của bạn bị lỗi, phải “cập nhật” ngay, nếu không sẽ bị khoá.',
      'Họ gửi đường link qua Zalo hoặc tin nhắn, bảo bạn cài ứng dụng “VNeID” giả.',
      'Sau đó họ hỏi mã OTP, mật khẩu, hoặc bảo bạn quay mặt trước camera.',
      'Làm theo, bạn có thể mất hết tiền trong tài khoản ngân hàng.',
    ].join('\n'),
    adviceText: [
      'Công an không gọi điện bảo bạn cài ứng dụng hay cập nhật VNeID qua điện thoại.',
      'Không bấm đường link lạ. Chỉ cài VNeID từ CH Play hoặc App Store.',
      'Không đọc mã OTP, mật khẩu cho bất kỳ ai.',
      'Nếu lo tài khoản có vấn đề, đến công an xã, phường nơi bạn ở để hỏi trực tiếp.',
      'Lỡ làm theo: gọi ngay ngân hàng để khoá tài khoản, rồi báo công an.',
    ].join('\n'),
    contacts: ['113', '19000368'],
    guides: ['nhan-biet-cuoc-goi-tin-nhan-lua-dao', 'kich-hoat-tai-khoan-vneid-muc-2', 'xu-ly-khi-bi-lua-dao'],
    national: true,
  },
  {
    slug: 'tin-nhan-phat-nguoi-gia-kem-duong-link',
    title: 'Tin nhắn “phạt nguội” giả kèm đường link nộp phạt',
    scamText: [
      'Bạn nhận tin nhắn hoặc cuộc gọi báo xe của bạn bị “phạt nguội”.',
      'Tin nhắn kèm đường link để “tra cứu” hoặc “nộp phạt” cho nhanh.',
      'Link dẫn tới trang giả. Trang đó đòi số tài khoản, mật khẩu ngân hàng, mã OTP, hoặc bảo bạn chuyển tiền.',
    ].join('\n'),
    adviceText: [
      'Không bấm link, không chuyển tiền theo tin nhắn hay cuộc gọi.',
      'Thông báo phạt nguội thật được cơ quan công an gửi bằng văn bản tới chủ xe.',
      'Tự tra cứu phạt nguội trên trang của Cục Cảnh sát giao thông (xem hướng dẫn trên Cẩm nang số).',
      'Có nghi ngờ, hỏi công an xã, phường nơi bạn ở.',
    ].join('\n'),
    contacts: ['113'],
    guides: ['tra-cuu-phat-nguoi', 'nhan-biet-cuoc-goi-tin-nhan-lua-dao'],
    national: false,
  },
] as const;

const CHANNELS = ['zalo', 'loa', 'hop', 'truc-tiep'] as const;

export async function seedDemoAlerts(d1: D1Database): Promise<{ alerts: number; marks: number } | null> {
  const existing = await d1.prepare('SELECT count(*) AS n FROM scam_alerts').first<{ n: number }>();
  if ((existing?.n ?? 0) > 0) return null;
  const { results: members } = await d1
    .prepare(
      `SELECT m.id, t.id AS teamId, t.province_code AS provinceCode, t.commune_code AS communeCode
       FROM members m JOIN teams t ON t.id = m.team_id WHERE ${currentMemberSql('m', 't')} ORDER BY m.id`,
    )
    .all<{ id: number; teamId: number; provinceCode: string; communeCode: string | null }>();
  if (members.length === 0) return null;
  const province = members[0]!.provinceCode;
  const today = vietnamDay();
  const now = Date.now();
  const random = seededRandom(20261207);
  await d1.batch(
    demoAlerts.map((a, i) =>
      d1
        .prepare(
          `INSERT INTO scam_alerts (slug, title, scam_text, advice_text, contacts_json, guides_json, province_code, starts_on, ends_on, form_key, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
        )
        .bind(
          a.slug,
          a.title,
          a.scamText,
          a.adviceText,
          JSON.stringify(a.contacts),
          JSON.stringify(a.guides),
          a.national ? null : province,
          addDays(today, -3 - i),
          addDays(today, 40),
          `demo-${a.slug}`,
          now,
          now,
        ),
    ),
  );
  const { results: alerts } = await d1
    .prepare('SELECT id, province_code AS provinceCode FROM scam_alerts ORDER BY id')
    .all<{ id: number; provinceCode: string | null }>();
  const marks: D1PreparedStatement[] = [];
  for (const alert of alerts) {
    for (const m of members) {
      if ((alert.provinceCode && alert.provinceCode !== m.provinceCode) || random() > 0.5) continue;
      const day = addDays(today, -Math.floor(random() * 3));
      marks.push(
        d1
          .prepare(
            `INSERT INTO scam_alert_reach (alert_id, member_id, team_id, province_code, commune_code, channel, people, first_day, day, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(
            alert.id,
            m.id,
            m.teamId,
            m.provinceCode,
            m.communeCode,
            CHANNELS[Math.floor(random() * CHANNELS.length)]!,
            5 + Math.floor(random() * 60),
            day,
            day,
            now,
            now,
          ),
      );
    }
  }
  if (marks.length > 0) await d1.batch(marks);
  return { alerts: alerts.length, marks: marks.length };
}
