// `npm run admin:invite -- --role national|province|commune [--scope <code>] [--name "<display name>"] [--remote] [--persist-to <dir>]`
// Creates a one-time invitation (valid 7 days) in the local D1 (or the deployed
// one with --remote) and prints its URL as the LAST line. Opening the URL
// changes nothing; the page's form creates the account.
import { parseDbArgs, withDirectoryDb } from './lib/d1.ts';
import { invitationPath, invitationStatements, type InvitationRequest } from '../functions/auth/invitations.ts';
import { officialRoles, type OfficialRole } from '../db/schema/officials.ts';
import { parseUnitCode } from '../functions/directory/sheet/fields.ts';
import { parseArgs } from 'node:util';

const usage = 'Cách dùng: npm run admin:invite -- --role national|province|commune [--scope <mã tỉnh hoặc mã xã>] [--name "<tên hiển thị>"] [--remote]';
const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  strict: false,
  options: { role: { type: 'string' }, scope: { type: 'string' }, name: { type: 'string' } },
});
const { target } = parseDbArgs(process.argv.slice(2));
const fail = (message: string): never => {
  console.error(`✖ ${message}\n${usage}`);
  process.exit(2);
};

const role = flags.role as OfficialRole | undefined;
if (!role || !officialRoles.includes(role)) fail('--role phải là national, province hoặc commune.');
const scopeText = typeof flags.scope === 'string' ? flags.scope : undefined;
const displayName = (typeof flags.name === 'string' ? flags.name : '').trim() || `Quản trị ${role}`;
if (role === 'national' && scopeText) fail('Quản trị toàn quốc không có --scope.');
if (role !== 'national' && !scopeText) fail(`--role ${role} cần --scope (mã ${role === 'province' ? 'tỉnh, 2 số' : 'xã, 5 số'}).`);

// The site's public origin: SITE_URL (required with --remote), else the local `npm start` server.
if (target.remote && !process.env.SITE_URL) fail('--remote cần biến SITE_URL (địa chỉ trang thật, ví dụ SITE_URL=https://… npm run admin:invite -- …).');
const baseUrl = new URL(process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? '8787'}`).origin;

await withDirectoryDb(target, async ({ d1, target: where }) => {
  const request: InvitationRequest = { role: role!, provinceCode: null, communeCode: null, displayName };
  if (role === 'province') {
    const code = parseUnitCode(scopeText, 2) ?? fail(`Mã tỉnh không hợp lệ: ${scopeText}`);
    const row = await d1.prepare('SELECT code FROM provinces WHERE code = ?').bind(code).first();
    if (!row) fail(`Không có tỉnh mã ${code} trong ${where} (chạy npm run db:seed trước?).`);
    request.provinceCode = code;
  } else if (role === 'commune') {
    const code = parseUnitCode(scopeText, 5) ?? fail(`Mã xã không hợp lệ: ${scopeText}`);
    const row = await d1.prepare('SELECT province_code FROM communes WHERE code = ?').bind(code).first<{ province_code: string }>();
    if (!row) fail(`Không có xã mã ${code} trong ${where} (chạy npm run db:seed trước?).`);
    request.provinceCode = row!.province_code;
    request.communeCode = code;
  }
  const { token, statements } = await invitationStatements(d1, request, 'cli');
  await d1.batch(statements);
  console.log(`✔ Lời mời ${role}${scopeText ? ` (${scopeText})` : ''} cho "${displayName}" đã tạo trong ${where}, hiệu lực 7 ngày.`);
  console.log(baseUrl + invitationPath(token));
});
