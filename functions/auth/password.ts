import { scrypt, timingSafeEqual } from 'node:crypto';
import { foldVietnamese } from '../../site/utils/fold.ts';
import { commonPasswords } from './common-passwords.ts';

/**
 * Password hashing with scrypt, run natively by workerd's node:crypto
 * (nodejs_compat): a pure-JS scrypt takes hundreds of ms of Worker CPU, the
 * native one a fraction of that. Parameters are OWASP's scrypt choice that
 * fits a Worker's 128 MB: N=2^14, r=8 (16 MiB), p=5.
 * Stored as scrypt$N$r$p$salt$key (salt and key base64).
 */
const params = { N: 2 ** 14, r: 8, p: 5 } as const;
const keyLength = 32;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = Buffer.from(crypto.getRandomValues(new Uint8Array(16)));
  const key = await derive(password, salt, params.N, params.r, params.p);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, N, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !N || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(N), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash of a random password, computed once per isolate: signing in with an
 * unknown username verifies against it, so the answer takes as long as for a
 * real account and does not reveal which usernames exist.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

const minPasswordLength = 10;

/** Why a new password is refused (Vietnamese), or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < minPasswordLength) return `Mật khẩu cần ít nhất ${minPasswordLength} ký tự.`;
  if (password.length > 256) return 'Mật khẩu quá dài (tối đa 256 ký tự).';
  const lower = password.toLowerCase();
  const folded = foldVietnamese(password);
  if (commonPasswords.has(lower) || commonPasswords.has(folded) || /^(.)\1+$/.test(password) || /^\d+$/.test(password))
    return 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác, ví dụ vài từ ghép lại.';
  if (username && lower.includes(username.toLowerCase())) return 'Mật khẩu không được chứa tên đăng nhập.';
  return null;
}
