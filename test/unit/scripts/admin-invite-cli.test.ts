import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDirectoryDb } from '../../../scripts/lib/d1.ts';
import { freshLocalD1 } from '../../../scripts/lib/local-d1.ts';
import { runScript } from './run-script.ts';

// `npm run admin:invite` as people run it, in its own process, on a temporary local D1.
let persistTo: string;
const invite = (...args: string[]) => runScript(persistTo, 'scripts/admin-invite.ts', args, { SITE_URL: 'https://camnangso.test' });

beforeAll(async () => {
  persistTo = await freshLocalD1('admin-invite-');
  await withDirectoryDb({ remote: false, persistTo }, async ({ d1 }) => {
    await d1.batch([
      d1.prepare("INSERT INTO provinces (code, name, kind, name_folded) VALUES ('66', 'Đắk Lắk', 'Tỉnh', 'dak lak')"),
      d1.prepare("INSERT INTO communes (code, province_code, name, name_folded) VALUES ('24133', '66', 'Phường Buôn Ma Thuột', 'phuong buon ma thuot')"),
    ]);
  });
}, 120_000);
afterAll(() => rm(persistTo, { recursive: true, force: true }));

describe('npm run admin:invite', () => {
  it('prints the one-time URL as its last line; only its hash is stored, valid 7 days, with the scope', async () => {
    const result = await invite('--role', 'commune', '--scope', '24133', '--name', 'Chị Lan');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const url = lines.at(-1)!;
    expect(url).toMatch(/^https:\/\/camnangso\.test\/quan-tri\/moi\/[a-z2-7]{32}$/);
    const token = url.split('/').at(-1)!;
    const row = await withDirectoryDb({ remote: false, persistTo }, ({ d1 }) =>
      d1
        .prepare('SELECT token_hash, role, province_code, commune_code, display_name, created_at, expires_at FROM invitations')
        .first<Record<string, unknown>>(),
    );
    expect(row).toMatchObject({
      token_hash: createHash('sha256').update(token).digest('hex'),
      role: 'commune',
      province_code: '66',
      commune_code: '24133',
      display_name: 'Chị Lan',
    });
    expect(Number(row!.expires_at) - Number(row!.created_at)).toBe(7 * 24 * 3600 * 1000);
    expect(JSON.stringify(row)).not.toContain(token);
  }, 120_000);

  it('refuses a missing or unknown scope, and a scope for a national admin', async () => {
    expect((await invite('--role', 'province')).code).toBe(2);
    const unknown = await invite('--role', 'commune', '--scope', '99999');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Không có xã mã 99999');
    expect((await invite('--role', 'national', '--scope', '66')).code).toBe(2);
    expect((await invite('--role', 'admin')).code).toBe(2);
  }, 120_000);
});
