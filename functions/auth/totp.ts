import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { constantTimeEqual, randomToken, sha256Hex } from './crypto.ts';

/** TOTP as every authenticator app does it: SHA-1, 30 s, 6 digits (RFC 6238), via @oslojs/otp. */
const period = 30;
const digits = 6;

export function newTotpKey(): string {
  return encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function totpUri(key: string, username: string): string {
  return createTOTPKeyURI('Cẩm nang số', username, decodeBase32IgnorePadding(key), period, digits);
}

/**
 * The time step (unix seconds / 30) whose code this is — the current one or
 * the one before or after (a phone's clock drifts) — or null. Callers store
 * the step and refuse it next time, so a seen code cannot be replayed.
 */
export function totpStep(key: string, code: string, now = Date.now()): number | null {
  const cleaned = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(cleaned)) return null;
  const bytes = decodeBase32IgnorePadding(key);
  const current = Math.floor(now / 1000 / period);
  for (const step of [current - 1, current, current + 1]) {
    if (constantTimeEqual(generateHOTP(bytes, BigInt(step), digits), cleaned)) return step;
  }
  return null;
}

/**
 * Ten new one-time recovery codes for an official (shown once) and the
 * statements that replace their old ones with these codes' hashes, to batch
 * with the change's audit entry (two-step set-up, "new recovery codes").
 */
export async function replaceRecoveryCodes(db: D1Database, officialId: number): Promise<{ codes: string[]; statements: D1PreparedStatement[] }> {
  const codes = Array.from({ length: 10 }, () =>
    randomToken(10)
      .slice(0, 16)
      .replace(/(.{4})(?=.)/g, '$1-'),
  );
  const hashes = await Promise.all(codes.map(hashRecoveryCode));
  return {
    codes,
    statements: [
      db.prepare('DELETE FROM official_recovery_codes WHERE official_id = ?').bind(officialId),
      ...hashes.map((hash) => db.prepare('INSERT INTO official_recovery_codes (official_id, code_hash) VALUES (?, ?)').bind(officialId, hash)),
    ],
  };
}

export function hashRecoveryCode(code: string): Promise<string> {
  return sha256Hex(code.toLowerCase().replace(/[^a-z2-7]/g, ''));
}
