import { env, SELF } from 'cloudflare:test';
import { issueSignInLink, MEMBER_COOKIE } from '../../functions/assists/member-auth.ts';
import { csrfTokenOfSession } from '../../functions/auth/cookies.ts';
import { randomToken } from '../../functions/auth/crypto.ts';

export const ORIGIN = 'http://localhost';

export async function memberIdOf(code: string): Promise<number> {
  const row = await env.DB.prepare('SELECT id FROM members WHERE code = ?').bind(code).first<{ id: number }>();
  if (!row) throw new Error(`no member ${code}`);
  return row.id;
}

/** A fresh sign-in link for a member, as the CLI or an officer issues it. */
export async function linkFor(code: string, now?: number): Promise<{ token: string; path: string }> {
  const { token } = await issueSignInLink(env.DB, await memberIdOf(code), 'test', now);
  return { token, path: `/thanh-vien/dang-nhap/${token}` };
}

/** The CSRF token our pages put in a signed-in member's forms: bound to the session of the cookie. */
function csrfHeaderFor(cookie: string | undefined): Record<string, string> {
  const token = cookie && new RegExp(`(?:^|; )${MEMBER_COOKIE}=([^;]+)`).exec(cookie)?.[1];
  return token ? { 'x-csrf-token': csrfTokenOfSession(token) } : {};
}

/** What a phone's browser sends when the member presses a button of one of our pages. */
export const formHeaders = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/x-www-form-urlencoded',
  origin: ORIGIN,
  'sec-fetch-site': 'same-origin',
  ...csrfHeaderFor(extra.cookie),
  ...extra,
});

export function cookieFrom(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  const value = new RegExp(`${MEMBER_COOKIE}=([^;]+)`).exec(set)?.[1];
  if (!value) throw new Error(`no ${MEMBER_COOKIE} cookie in ${JSON.stringify(set)}`);
  return `${MEMBER_COOKIE}=${value}`;
}

/** Signs a member in through their link's page, as the member would: returns the session cookie. */
export async function signIn(code: string): Promise<string> {
  const { path } = await linkFor(code);
  const res = await SELF.fetch(`${ORIGIN}${path}`, { method: 'POST', headers: formHeaders(), redirect: 'manual' });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  return cookieFrom(res);
}

export function memberGet(path: string, cookie: string) {
  return SELF.fetch(`${ORIGIN}${path}`, { headers: { cookie }, redirect: 'manual' });
}

/** POST a form of the members' area, with a fresh one-time token (field `once`) unless the form carries its own. */
export function memberPost(path: string, cookie: string, form: Record<string, string>) {
  return SELF.fetch(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: formHeaders({ cookie }),
    body: new URLSearchParams({ once: randomToken(20), ...form }).toString(),
    redirect: 'manual',
  });
}

export async function sessionCount(memberCode: string): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM member_sessions s JOIN members m ON m.id = s.member_id WHERE m.code = ?')
    .bind(memberCode)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Inserts an entry straight into D1 for member `code`, with their team and place (fixtures of reports and checks). */
export async function insertEntry(
  code: string,
  people: number,
  day: string,
  extra: { task?: string; outcome?: string | null; createdAt?: number } = {},
): Promise<number> {
  const createdAt = extra.createdAt ?? 0;
  const row = await env.DB.prepare(
    `INSERT INTO assists (member_id, team_id, province_code, commune_code, village_id, task, people, day, created_at, updated_at, outcome)
     SELECT m.id, t.id, t.province_code, t.commune_code, t.village_id, ?, ?, ?, ?, ?, ? FROM members m JOIN teams t ON t.id = m.team_id WHERE m.code = ?
     RETURNING id`,
  )
    .bind(extra.task ?? 'vneid-muc-2', people, day, createdAt, createdAt, extra.outcome ?? null, code)
    .first<{ id: number }>();
  if (!row) throw new Error(`no member ${code}`);
  return row.id;
}
