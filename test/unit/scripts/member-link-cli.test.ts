import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDirectoryDb } from '../../../scripts/lib/d1.ts';
import { freshLocalD1 } from '../../../scripts/lib/local-d1.ts';
import { runScript } from './run-script.ts';

// `npm run member:link` as an officer runs it, on a temporary local D1 with the demo seeded.
let persistTo: string;
const run = (script: string, ...args: string[]) => runScript(persistTo, script, args);

beforeAll(async () => {
  persistTo = await freshLocalD1('member-link-cli-');
  const seeded = await run('db/seeds/seed-demo.ts');
  expect(seeded.stderr).toBe('');
}, 120_000);
afterAll(() => rm(persistTo, { recursive: true, force: true }));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('npm run member:link', () => {
  it('prints the sign-in URL as the last line; D1 keeps only its hash; the demo has assists and targets', async () => {
    const { code, stdout } = await run('scripts/member-link.ts', 'py1me26f', '--origin', 'https://camnangso.example');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const url = lines.at(-1)!;
    expect(url).toMatch(/^https:\/\/camnangso\.example\/thanh-vien\/dang-nhap\/[A-Za-z0-9_-]{43}$/);
    expect(stdout).toContain('Nguyễn Văn An');
    const token = url.split('/').at(-1)!;
    await withDirectoryDb({ remote: false, persistTo }, async ({ d1 }) => {
      const link = await d1
        .prepare(
          'SELECT l.used_at AS usedAt, l.expires_at - l.created_at AS ttl, m.code FROM member_sign_in_links l JOIN members m ON m.id = l.member_id WHERE token_hash = ?',
        )
        .bind(sha256(token))
        .first<{ usedAt: number | null; ttl: number; code: string }>();
      expect(link).toEqual({ usedAt: null, ttl: 7 * 86_400_000, code: 'PY1ME26F' });
      const stored = await d1.prepare('SELECT count(*) AS n FROM member_sign_in_links WHERE token_hash = ?').bind(token).first<{ n: number }>();
      expect(stored?.n).toBe(0);
      const audit = await d1
        .prepare("SELECT actor, after_json AS after FROM audit_log WHERE action = 'member.sign_in_link.issue'")
        .first<{ actor: string; after: string }>();
      expect(audit?.actor).toBe('cli');
      expect(audit?.after).not.toContain(token);
      const demo = await d1
        .prepare('SELECT (SELECT count(*) FROM assists) AS entries, (SELECT count(*) FROM assist_targets) AS targets')
        .first<{ entries: number; targets: number }>();
      expect(demo!.entries).toBeGreaterThan(100);
      expect(demo!.targets).toBeGreaterThan(0);
    });
  }, 60_000);

  it('refuses a malformed code (exit 2) and an unknown one (exit 1)', async () => {
    const malformed = await run('scripts/member-link.ts', 'abc');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('không phải mã thành viên');
    const unknown = await run('scripts/member-link.ts', 'ZZZZ9999');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Không có thành viên mã ZZZZ9999');
  }, 60_000);
});
