// Demo accounts, one per role, so a newcomer can sign in at once after
// `npm start`. Created only by the seed script against a LOCAL database
// (seed-demo.ts refuses --remote for them), never by the Worker: no build of
// the Worker contains code that creates them. Listed in README.md.
import { hashPassword } from '../../functions/auth/password.ts';
import type { OfficialRole } from '../schema/officials.ts';

export const demoPassword = 'demo-cam-nang-so';
/** TOTP key of the demo national and province admins (add it to any authenticator app, or see README). */
export const demoTotpKey = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const demoOfficials: {
  username: string;
  displayName: string;
  role: OfficialRole;
  provinceCode: string | null;
  communeCode: string | null;
  totp: boolean;
}[] = [
  { username: 'demo.toanquoc', displayName: 'Quản trị toàn quốc (mẫu)', role: 'national', provinceCode: null, communeCode: null, totp: true },
  { username: 'demo.daklak', displayName: 'Quản trị tỉnh Đắk Lắk (mẫu)', role: 'province', provinceCode: '66', communeCode: null, totp: true },
  { username: 'demo.buonmathuot', displayName: 'Cán bộ phường Buôn Ma Thuột (mẫu)', role: 'commune', provinceCode: '66', communeCode: '24133', totp: false },
];

/** Inserts the demo accounts that are missing; returns how many were added. */
export async function seedDemoOfficials(d1: D1Database): Promise<number> {
  const hash = await hashPassword(demoPassword);
  const now = Date.now();
  const results = await d1.batch(
    demoOfficials.map((o) =>
      d1
        .prepare(
          `INSERT OR IGNORE INTO officials (username, display_name, role, province_code, commune_code, password_hash, totp_key, totp_enabled_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(o.username, o.displayName, o.role, o.provinceCode, o.communeCode, hash, o.totp ? demoTotpKey : null, o.totp ? now : null, now),
    ),
  );
  return results.reduce((sum, r) => sum + (r.meta.changes ?? 0), 0);
}
