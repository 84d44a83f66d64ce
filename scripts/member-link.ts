// `npm run member:link -- <member code> [--origin <https://…>] [--remote] [--persist-to <dir>]`:
// issues a member's personal sign-in link (valid 7 days, used once) against the
// local D1 (or --remote) and prints its URL as the LAST line. Any earlier
// unused link of the member stops working. The member opens it on their phone
// and presses "Đăng nhập". The URL is a credential: send it only to the member.
import { parseDbArgs, withDirectoryDb } from './lib/d1.ts';
import { normalizeMemberCode } from '../functions/directory/member-code.ts';
import { currentMemberSql, issueSignInLink, signInUrl } from '../functions/assists/member-auth.ts';
import { writeAudit } from '../functions/auth/audit.ts';

// --origin <url> is this script's own option; parseDbArgs reads the database ones.
const args = process.argv.slice(2);
const originAt = args.indexOf('--origin');
const originArg = originAt >= 0 ? args.splice(originAt, 2)[1] : undefined;
const { target, rest } = parseDbArgs(args);
const usage = 'Cách dùng: npm run member:link -- <mã thành viên> [--origin https://…] [--remote] [--persist-to <thư mục>]';
const [typed] = rest;
const code = typed ? normalizeMemberCode(typed) : null;
if (!code || rest.length > 1) {
  console.error(typed && !code ? `✖ “${typed}” không phải mã thành viên (8 chữ cái và chữ số).` : usage);
  process.exit(2);
}
const origin = originArg !== undefined ? originArg.replace(/\/+$/, '') : `http://localhost:${process.env.PORT ?? '8787'}`;
if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
  console.error(`✖ --origin phải có dạng https://tên-miền (nhận được “${origin}”).`);
  process.exit(2);
}

await withDirectoryDb(target, async ({ d1, target: where }) => {
  const member = await d1
    .prepare(
      `SELECT m.id, m.full_name AS fullName, t.name AS teamName, t.province_code AS provinceCode, t.commune_code AS communeCode,
              (${currentMemberSql('m', 't')}) AS current
       FROM members m JOIN teams t ON t.id = m.team_id WHERE m.code = ?`,
    )
    .bind(code)
    .first<{ id: number; fullName: string; teamName: string; provinceCode: string; communeCode: string | null; current: number }>();
  if (!member) {
    console.error(`✖ Không có thành viên mã ${code} trong ${where}.`);
    process.exitCode = 1;
    return;
  }
  if (!member.current) {
    console.error(`✖ ${member.fullName} (${code}) không còn trong tổ đang hoạt động: không cấp liên kết đăng nhập.`);
    process.exitCode = 1;
    return;
  }
  const { token, expiresAt } = await issueSignInLink(d1, member.id, 'cli');
  // Like the officers' links, on the audit log of the member's commune (never the token).
  await writeAudit(d1, {
    actor: 'cli',
    action: 'member.sign_in_link.issue',
    place: { provinceCode: member.provinceCode, communeCode: member.communeCode },
    subject: `member:${member.id}`,
    after: { expiresAt: new Date(expiresAt).toISOString() },
  });
  console.log(`✔ Liên kết đăng nhập của ${member.fullName} (${member.teamName}), ${where}.`);
  console.log(`  Dùng được một lần, hết hạn ${new Date(expiresAt).toISOString()}. Liên kết cũ chưa dùng (nếu có) đã bị thu hồi.`);
  console.log('  Chỉ gửi riêng cho thành viên này (tin nhắn Zalo riêng), không gửi vào nhóm.');
  console.log(signInUrl(origin, token));
});
