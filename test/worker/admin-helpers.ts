// Officials in worker tests: seed an account straight into D1 (real password
// hash, optional TOTP key), sign it in through the real form, and send forms
// with its cookies and CSRF token.
import { env, SELF } from 'cloudflare:test';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { hashPassword } from '../../functions/auth/password.ts';
import { csrfTokenOfSession } from '../../functions/auth/cookies.ts';
import { randomToken } from '../../functions/auth/crypto.ts';
import type { OfficialRole } from '../../functions/auth/official.ts';

export const origin = 'https://example.com';
export const testPassword = 'dong-lua-xanh-muot';

export interface SeedOfficial {
  username: string;
  role: OfficialRole;
  provinceCode?: string | null;
  communeCode?: string | null;
  password?: string;
  /** Base32 TOTP key: two-step sign-in turned on. */
  totpKey?: string;
  disabled?: boolean;
}

let cachedHash: Promise<string> | undefined;
/** The test password's hash, computed once: hashing is slow by design. */
function testPasswordHash(): Promise<string> {
  cachedHash ??= hashPassword(testPassword);
  return cachedHash;
}

/** A one-time form token, as <OnceField /> renders one (functions/auth/once.tsx). */
export const freshOnceToken = () => randomToken(20);

export async function seedOfficial(official: SeedOfficial): Promise<number> {
  const hash = official.password ? hashPassword(official.password) : testPasswordHash();
  const row = await env.DB.prepare(
    `INSERT INTO officials (username, display_name, role, province_code, commune_code, password_hash, totp_key, totp_enabled_at, disabled_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  )
    .bind(
      official.username,
      `Cán bộ ${official.username}`,
      official.role,
      official.provinceCode ?? null,
      official.communeCode ?? null,
      await hash,
      official.totpKey ?? null,
      official.totpKey ? Date.now() : null,
      official.disabled ? Date.now() : null,
      Date.now(),
    )
    .first<{ id: number }>();
  return row!.id;
}

export const totpKeyForTests = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const totpNow = (key = totpKeyForTests) => generateTOTP(decodeBase32IgnorePadding(key), 30, 6);

/** A cookie jar for one browser. */
export class Browser {
  cookies = new Map<string, string>();
  /** A distinct client for the per-client rate limit. */
  constructor(readonly ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
  }

  get csrf(): string {
    return this.cookies.get('__Host-cns_csrf') ?? '';
  }

  async get(path: string): Promise<Response> {
    const res = await SELF.fetch(origin + path, { headers: { cookie: this.cookieHeader(), 'cf-connecting-ip': this.ip }, redirect: 'manual' });
    this.remember(res);
    return res;
  }

  /**
   * POST a form; the CSRF token is added unless `csrf: false`, and a fresh
   * one-time form token (field `once`, as every form page renders one) unless
   * the fields carry their own or `once: false`.
   */
  async post(path: string, fields: Record<string, string> | FormData, options: { csrf?: boolean | string; once?: boolean } = {}): Promise<Response> {
    if (options.csrf !== false && !this.csrf) await this.get('/quan-tri/dang-nhap');
    const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
    if (options.once !== false && !body.has('once')) body.set('once', freshOnceToken());
    // The members' area binds its token to the member's session, as its pages do.
    const member = path.startsWith('/thanh-vien/') ? (this.cookies.get('__Host-thanh_vien') ?? this.cookies.get('thanh_vien')) : undefined;
    const token = typeof options.csrf === 'string' ? options.csrf : options.csrf === false ? undefined : member ? csrfTokenOfSession(member) : this.csrf;
    if (token !== undefined) body.set('csrf', token);
    const res = await SELF.fetch(origin + path, {
      method: 'POST',
      body,
      headers: { cookie: this.cookieHeader(), 'cf-connecting-ip': this.ip, origin },
      redirect: 'manual',
    });
    this.remember(res);
    return res;
  }

  /** Signs in through the form (and the second step when the account has a TOTP key). */
  async signIn(username: string, password = testPassword, totpKey?: string): Promise<Response> {
    const res = await this.post('/quan-tri/dang-nhap', { username, password });
    if (totpKey && res.headers.get('location')?.startsWith('/quan-tri/hai-buoc')) return this.post('/quan-tri/hai-buoc', { ma: totpNow(totpKey) });
    return res;
  }
}

/** Seeds an official and returns a browser signed in as them. */
export async function signedIn(official: SeedOfficial): Promise<{ browser: Browser; id: number }> {
  const id = await seedOfficial(official);
  const browser = new Browser();
  const res = await browser.signIn(official.username, official.password ?? testPassword, official.totpKey);
  if (res.status !== 303) throw new Error(`sign-in of ${official.username} answered ${res.status}`);
  return { browser, id };
}

export async function auditActions(subject?: string): Promise<string[]> {
  const rows = subject
    ? await env.DB.prepare('SELECT action FROM audit_log WHERE subject = ? ORDER BY id').bind(subject).all<{ action: string }>()
    : await env.DB.prepare('SELECT action FROM audit_log ORDER BY id').all<{ action: string }>();
  return rows.results.map((r) => r.action);
}

/**
 * The rate-limiting binding counts in fixed windows aligned to the wall clock
 * (`floor(now / period)`, as Cloudflare's simple limits and miniflare do).
 * A test that counts attempts up to a limit starts them early in a window, so
 * they never straddle two (which reset the count half way, about 1 run in 10).
 */
export async function startEarlyInLimiterWindow(periodS: number, needMs: number): Promise<void> {
  const periodMs = periodS * 1000;
  const left = periodMs - (Date.now() % periodMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
}
