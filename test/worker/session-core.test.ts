// The one session core (functions/auth/session-core.ts) driven directly, for
// both kinds, in workerd with real D1: the lifetimes each kind is configured
// with, idle and absolute expiry at both edges, renewal, revocation of one and
// of all, refused tokens, and that D1 only ever holds hashes.
import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberSessions } from '../../functions/assists/member-auth.ts';
import { sessionCookieBase } from '../../functions/auth/cookies.ts';
import { sha256Hex } from '../../functions/auth/crypto.ts';
import { officialSessions } from '../../functions/auth/session.ts';
import {
  currentSession,
  endAllSessionsStatement,
  endCurrentSession,
  endSessionStatement,
  findSession,
  openSession,
  startSession,
  type SessionPolicy,
} from '../../functions/auth/session-core.ts';
import { seedOfficial } from './admin-helpers.ts';
import { memberIdOf } from './assists-helpers.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Policies are generic over their principal; the tests only need its table and times.
type AnyPolicy = SessionPolicy<unknown, never>;

interface Kind {
  name: string;
  policy: AnyPolicy;
  /** The lifetimes the kind is configured with today (behaviour users rely on). */
  idle?: { ms: number; renewAfterMs: number };
  absoluteMs?: number;
  /** Two distinct principals allowed a session. */
  principals: () => Promise<[number, number]>;
  /** Columns the kind's table needs at opening. */
  columns?: Record<string, number>;
}

let officialCount = 0;
const newOfficial = () => seedOfficial({ username: `phien.${++officialCount}`, role: 'commune', provinceCode: '66', communeCode: '24169' });

const kinds: Kind[] = [
  {
    name: 'officials',
    policy: officialSessions as AnyPolicy,
    idle: { ms: 7 * DAY, renewAfterMs: DAY },
    principals: async () => [await newOfficial(), await newOfficial()],
    columns: { two_factor_verified: 1 },
  },
  {
    name: 'members',
    policy: memberSessions as AnyPolicy,
    absoluteMs: 180 * DAY,
    // Fixture members of a current team (test/worker/fixtures/directory.ts).
    principals: async () => [await memberIdOf('K7Q2MZ20'), await memberIdOf('P3X9TA21')],
  },
];

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

async function open(kind: Kind, policy: AnyPolicy, principal: number, now: number) {
  const { statement, ...opened } = await openSession(env.DB, policy, principal, { now, columns: kind.columns });
  await statement.run();
  return opened;
}

/** A session of the kind's first principal, opened now under `policy`. */
async function freshSession(kind: Kind, policy: AnyPolicy) {
  const [principal] = await kind.principals();
  const t0 = Date.now();
  return { t0, principal, ...(await open(kind, policy, principal, t0)) };
}

const stateAt = async (policy: AnyPolicy, token: string, now: number) => (await findSession(env.DB, policy, token, now)).state;

async function storedExpiry(policy: AnyPolicy, token: string): Promise<number | null> {
  return env.DB.prepare(`SELECT expires_at FROM ${policy.table} WHERE ${policy.idColumn} = ?`)
    .bind(await sha256Hex(token))
    .first<number>('expires_at');
}

/** A request through the core's cookie side, at a chosen time, on http (no `__Host-` prefix). */
function cookieApp(policy: AnyPolicy) {
  const app = new Hono();
  const nowOf = (url: string) => Number(new URL(url).searchParams.get('now'));
  app.get('/', async (c) => {
    const session = await currentSession(c, env.DB, policy, nowOf(c.req.url));
    return c.json(session ? { id: session.id, expiresAt: session.expiresAt } : null);
  });
  app.post('/start/:id', async (c) => c.json(await startSession(c, env.DB, policy, Number(c.req.param('id')), kindOf(policy).columns)));
  app.post('/end', async (c) => {
    await endCurrentSession(c, env.DB, policy);
    return c.body(null, 204);
  });
  const cookieName = sessionCookieBase[policy.kind];
  return {
    cookieName,
    get: (token: string, now: number) => app.request(`http://localhost/?now=${now}`, { headers: { cookie: `${cookieName}=${token}` } }),
    start: (principal: number) => app.request(`http://localhost/start/${principal}`, { method: 'POST' }),
    end: (token: string) => app.request('http://localhost/end', { method: 'POST', headers: { cookie: `${cookieName}=${token}` } }),
  };
}

const kindOf = (policy: AnyPolicy) => kinds.find((k) => k.policy.table === policy.table)!;

/** The same table with both deadlines, so each kind's table is driven through idle and absolute expiry. */
const bothDeadlines = (policy: AnyPolicy): AnyPolicy => ({
  ...policy,
  expiry: { idleMs: HOUR, renewAfterMs: 10 * MINUTE, absoluteMs: 3 * HOUR },
});

describe.each(kinds)('$name: the one session core', (kind) => {
  const { policy } = kind;

  it('stores only the SHA-256 of the token, never the token itself', async () => {
    const [principal] = await kind.principals();
    const opened = await open(kind, policy, principal, Date.now());
    expect(opened.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await env.DB.prepare(`SELECT * FROM ${policy.table}`).all<Record<string, unknown>>();
    const stored = rows.results.flatMap((row) => Object.values(row).map(String));
    expect(stored).not.toContain(opened.token);
    expect(stored.some((value) => value.includes(opened.token))).toBe(false);
    expect(stored).toContain(await sha256Hex(opened.token));
    expect(opened.id).toBe(await sha256Hex(opened.token));
  });

  it('opens with the lifetime the kind is configured with, and its cookie lasts as long', async () => {
    const [principal] = await kind.principals();
    const t0 = Date.now();
    const opened = await open(kind, policy, principal, t0);
    const lifetime = kind.idle?.ms ?? kind.absoluteMs!;
    expect(opened.expiresAt - t0).toBe(lifetime);
    expect(await storedExpiry(policy, opened.token)).toBe(t0 + lifetime);

    const res = await cookieApp(policy).start(principal);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toContain(`${sessionCookieBase[policy.kind]}=`);
    expect(cookie).toContain(`Max-Age=${lifetime / 1000}`);
    expect(cookie).toMatch(/HttpOnly/);
    const started = (await res.json()) as { token: string };
    expect(await stateAt(policy, started.token, Date.now())).toBe('live');
  });

  it('is live up to its configured deadline and refused from it on', async () => {
    const { token, t0 } = await freshSession(kind, policy);
    const lifetime = kind.idle?.ms ?? kind.absoluteMs!;
    expect(await stateAt(policy, token, t0 + lifetime - 1)).toBe('live');
    expect(await stateAt(policy, token, t0 + lifetime)).toBe('ended');
  });

  it('idle expiry: ends an hour after the last use, at both edges', async () => {
    const both = bothDeadlines(policy);
    const { token, t0 } = await freshSession(kind, both);
    expect(await storedExpiry(both, token)).toBe(t0 + HOUR);
    expect(await stateAt(both, token, t0 + HOUR - 1)).toBe('live');
    expect(await stateAt(both, token, t0 + HOUR)).toBe('ended');
  });

  it('renewal: a use once renewAfter has passed extends the deadline (row and cookie); an earlier one writes nothing', async () => {
    const both = bothDeadlines(policy);
    const app = cookieApp(both);
    const { token, t0 } = await freshSession(kind, both);

    // 10 minutes: not yet due (renewed at most once per renewAfterMs).
    const early = await app.get(token, t0 + 10 * MINUTE);
    expect(((await early.json()) as { expiresAt: number }).expiresAt).toBe(t0 + HOUR);
    expect(early.headers.get('set-cookie')).toBeNull();
    expect(await storedExpiry(both, token)).toBe(t0 + HOUR);

    // Just past 10 minutes: renewed to an hour from this use.
    const used = t0 + 10 * MINUTE + 1;
    const renewed = await app.get(token, used);
    expect(((await renewed.json()) as { expiresAt: number }).expiresAt).toBe(used + HOUR);
    expect(await storedExpiry(both, token)).toBe(used + HOUR);
    expect(renewed.headers.get('set-cookie')).toContain(`Max-Age=${HOUR / 1000}`);
    // Past the first deadline, still live; an hour after the last use, not.
    expect(await stateAt(both, token, t0 + HOUR + 1)).toBe('live');
    expect(await stateAt(both, token, used + HOUR)).toBe('ended');
  });

  it('absolute expiry: renewal never reaches past it, and it ends at it however recently used', async () => {
    const both = bothDeadlines(policy);
    const app = cookieApp(both);
    const { token, t0 } = await freshSession(kind, both);
    for (let used = t0 + 50 * MINUTE; used < t0 + 3 * HOUR; used += 50 * MINUTE) {
      expect((await app.get(token, used)).status).toBe(200);
      expect(await storedExpiry(both, token)).toBe(Math.min(used + HOUR, t0 + 3 * HOUR));
    }
    expect(await stateAt(both, token, t0 + 3 * HOUR - 1)).toBe('live');
    expect(await stateAt(both, token, t0 + 3 * HOUR)).toBe('ended');
    // Even a row whose deadline was pushed past it (by hand) ends at created_at + absoluteMs.
    await env.DB.prepare(`UPDATE ${both.table} SET expires_at = ? WHERE ${both.idColumn} = ?`)
      .bind(t0 + 10 * HOUR, await sha256Hex(token))
      .run();
    expect(await stateAt(both, token, t0 + 3 * HOUR - 1)).toBe('live');
    expect(await stateAt(both, token, t0 + 3 * HOUR)).toBe('ended');
  });

  it('the kind’s own renewal rule holds', async () => {
    const app = cookieApp(policy);
    const { token, t0 } = await freshSession(kind, policy);
    if (kind.idle) {
      // Renewed at most once per renewAfterMs, then to idle from the use.
      await app.get(token, t0 + kind.idle.renewAfterMs);
      expect(await storedExpiry(policy, token)).toBe(t0 + kind.idle.ms);
      await app.get(token, t0 + kind.idle.renewAfterMs + 1);
      expect(await storedExpiry(policy, token)).toBe(t0 + kind.idle.renewAfterMs + 1 + kind.idle.ms);
    } else {
      // Never renewed: a use the day before the deadline leaves it where it was.
      const res = await app.get(token, t0 + kind.absoluteMs! - DAY);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await storedExpiry(policy, token)).toBe(t0 + kind.absoluteMs!);
    }
  });

  it('an ended session met on a request is deleted and its cookie cleared; a read-only lookup writes nothing', async () => {
    const app = cookieApp(policy);
    const { token, t0 } = await freshSession(kind, policy);
    const deadline = t0 + (kind.idle?.ms ?? kind.absoluteMs!);
    expect(await stateAt(policy, token, deadline)).toBe('ended');
    expect(await storedExpiry(policy, token)).not.toBeNull();
    const res = await app.get(token, deadline);
    expect(await res.json()).toBeNull();
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${app.cookieName}=;.*Max-Age=0`));
    // Members: the public code cookie set beside the session goes with it (issue 16).
    if (policy.clearWith) expect(res.headers.getSetCookie().some((line) => /^ma_thanh_vien=;.*Max-Age=0/.test(line))).toBe(true);
    expect(await storedExpiry(policy, token)).toBeNull();
  });

  it('revokes one session: signing out ends the cookie’s session only', async () => {
    const app = cookieApp(policy);
    const [principal] = await kind.principals();
    const now = Date.now();
    const first = await open(kind, policy, principal, now);
    const second = await open(kind, policy, principal, now);
    const res = await app.end(first.token);
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(await stateAt(policy, first.token, now)).toBe('unknown');
    expect(await stateAt(policy, second.token, now)).toBe('live');
    await endSessionStatement(env.DB, policy, second.id).run();
    expect(await stateAt(policy, second.token, now)).toBe('unknown');
  });

  it('revokes all sessions of a principal, and no one else’s; or all but the one in use', async () => {
    const [principal, other] = await kind.principals();
    const now = Date.now();
    const mine = [await open(kind, policy, principal, now), await open(kind, policy, principal, now), await open(kind, policy, principal, now)];
    const theirs = await open(kind, policy, other, now);
    await endAllSessionsStatement(env.DB, policy, principal, mine[0]!.id).run();
    expect(await Promise.all(mine.map((s) => stateAt(policy, s.token, now)))).toEqual(['live', 'unknown', 'unknown']);
    await endAllSessionsStatement(env.DB, policy, principal).run();
    expect(await stateAt(policy, mine[0]!.token, now)).toBe('unknown');
    expect(await stateAt(policy, theirs.token, now)).toBe('live');
  });

  it('refuses a tampered, unknown or malformed token, and clears such a cookie without touching the real session', async () => {
    const app = cookieApp(policy);
    const [principal] = await kind.principals();
    const now = Date.now();
    const { token } = await open(kind, policy, principal, now);
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [tampered, token.slice(1), `${token}A`, 'A'.repeat(43), '', ' '.repeat(43), `${token.slice(0, 42)};`, 'x'.repeat(10_000)])
      expect(await stateAt(policy, bad, now), bad.slice(0, 50)).toBe('unknown');
    // Presenting the session's id (what D1 holds) opens nothing either.
    expect(await stateAt(policy, await sha256Hex(token), now)).toBe('unknown');
    const res = await app.get(tampered, now);
    expect(await res.json()).toBeNull();
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(await stateAt(policy, token, now)).toBe('live');
  });
});

describe('the kinds are kept apart', () => {
  it('a token of one kind opens nothing in the other', async () => {
    const official = await newOfficial();
    const member = await memberIdOf('K7Q2MZ20');
    const now = Date.now();
    const officialToken = (await open(kinds[0]!, officialSessions as AnyPolicy, official, now)).token;
    const memberToken = (await open(kinds[1]!, memberSessions as AnyPolicy, member, now)).token;
    expect(await stateAt(memberSessions as AnyPolicy, officialToken, now)).toBe('unknown');
    expect(await stateAt(officialSessions as AnyPolicy, memberToken, now)).toBe('unknown');
  });
});
