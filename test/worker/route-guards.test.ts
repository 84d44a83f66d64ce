// One way in (issue 22): every officials' and members' route the app
// registers declares who may call it (functions/auth/guard.ts), and the
// cross-scope table is generated from those declarations: every guarded
// route × every role × own / same-province sibling commune / other province,
// reads and writes; each refused write changes nothing (no row, no audit entry).
import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnyHandler, anyone, guardDeclaration, officials, type Declaration } from '../../functions/auth/guard.ts';
import { app } from '../../functions/index.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { Browser, seedOfficial, signedIn, totpKeyForTests } from './admin-helpers.ts';
import { linkFor } from './assists-helpers.ts';
import { databaseSnapshot } from './db-snapshot.ts';

const guardedArea = /^\/(quan-tri|thanh-vien)(\/|$)|^\/api\/admin(\/|$)/;

interface RouteEntry {
  method: string;
  path: string;
  handler: AnyHandler;
}
interface GuardedRoute {
  method: string;
  path: string;
  declaration: Declaration | undefined;
  guardFirst: boolean;
}

/** Routes (not `use` middleware) under the guarded areas, with the guard each declares on itself. */
function areaRoutes(routes: readonly RouteEntry[]): GuardedRoute[] {
  const byRoute = new Map<string, { method: string; path: string; handlers: AnyHandler[] }>();
  for (const { method, path, handler } of routes) {
    // `use('*')` middleware: section-wide (no-store, body limit, CSRF), not a route.
    if (method === 'ALL' && path.endsWith('*')) continue;
    if (!guardedArea.test(path)) continue;
    const key = `${method} ${path}`;
    const route = byRoute.get(key) ?? { method, path, handlers: [] };
    route.handlers.push(handler);
    byRoute.set(key, route);
  }
  return [...byRoute.values()].map(({ method, path, handlers }) => ({
    method,
    path,
    declaration: handlers.map((h) => guardDeclaration(h)).find(Boolean),
    guardFirst: guardDeclaration(handlers[0]!) !== undefined,
  }));
}

const unguarded = (routes: GuardedRoute[]) => routes.filter((r) => !r.declaration || !r.guardFirst).map((r) => `${r.method} ${r.path}`);

describe("every route of the officials' and members' areas declares who may call it", () => {
  const routes = areaRoutes(app.routes);

  it('walks every registered route: none without a guard, the guard first on each', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(unguarded(routes)).toEqual([]);
  });

  it("an officials' route with a path parameter takes its scope from that parameter (the row or unit it names)", () => {
    const loose = routes
      .filter((r) => r.declaration?.who === 'officials')
      .filter((r) => {
        const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
        const source = (r.declaration as Extract<Declaration, { who: 'officials' }>).scope;
        return params.some((p) => !((source.from === 'path' || source.from === 'row') && source.name.endsWith(`:${p}`)));
      })
      .map((r) => `${r.method} ${r.path}`);
    expect(loose).toEqual([]);
  });

  it('the walk catches a route added without a guard, or with the guard after the handler', () => {
    const sub = new Hono().basePath('/quan-tri/');
    sub.get('/moi-them', (c) => c.text('x'));
    sub.post('/sau', (c) => c.text('x'), officials());
    sub.get('/co', officials(), (c) => c.text('x'));
    sub.get('/mo', anyone('test'), (c) => c.text('x'));
    sub.all('/tat-ca', (c) => c.text('x'));
    const probe = new Hono().route('/', sub).route(
      '/',
      new Hono().get('/api/admin/x', (c) => c.text('x')),
    );
    expect(unguarded(areaRoutes(probe.routes)).sort()).toEqual(['ALL /quan-tri/tat-ca', 'GET /api/admin/x', 'GET /quan-tri/moi-them', 'POST /quan-tri/sau']);
  });
});

// ——— The cross-scope table ———

type Role = 'anonymous' | 'member' | 'commune' | 'province' | 'national';
type Target = 'own' | 'sibling' | 'other';
const roles: Role[] = ['anonymous', 'member', 'commune', 'province', 'national'];
const targets: Target[] = ['own', 'sibling', 'other'];
/** The commune officer's commune (24169, province 66), a sibling commune of province 66, a commune of province 86. */
const communes: Record<Target, string> = { own: '24169', sibling: '24133', other: '28789' };
const provinces: Record<Target, string> = { own: '66', sibling: '66', other: '86' };
/** Members of each place: the signed-in member is K7Q2MZ20 (team 1, commune 24169). */
const memberCodes: Record<Target, string> = { own: 'K7Q2MZ20', sibling: 'Z5A7DS29', other: 'D7K5QT33' };
const teams: Record<Target, number> = { own: 1, sibling: 6, other: 9 };
/** Scam alerts (issue 18) have no commune: own and sibling are alerts of province 66, other one of province 86. */
const alertSlugs: Record<Target, string> = { own: 'canh-bao-thu-66-a', sibling: 'canh-bao-thu-66-b', other: 'canh-bao-thu-86' };

let browsers: Record<Role, Browser>;
const rows: Record<string, Record<Target, number>> = {};

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  const commune = await signedIn({ username: 'bang.xa', role: 'commune', provinceCode: '66', communeCode: '24169' });
  const province = await signedIn({ username: 'bang.tinh', role: 'province', provinceCode: '66', totpKey: totpKeyForTests });
  const national = await signedIn({ username: 'bang.toanquoc', role: 'national', totpKey: totpKeyForTests });
  const member = new Browser();
  const { path } = await linkFor(memberCodes.own);
  await member.get(path);
  const res = await member.post(path, {});
  if (res.status !== 303) throw new Error(`member sign-in answered ${res.status}`);
  browsers = { anonymous: new Browser(), member, commune: commune.browser, province: province.browser, national: national.browser };

  const ids = async (sql: string, keys: Record<Target, string | number>) =>
    Object.fromEntries(await Promise.all(targets.map(async (t) => [t, (await env.DB.prepare(sql).bind(keys[t]).first<{ id: number }>())!.id]))) as Record<
      Target,
      number
    >;
  rows.member = await ids('SELECT id FROM members WHERE code = ?', memberCodes);
  rows.team = teams;
  rows.entry = await ids(
    `INSERT INTO assists (member_id, team_id, province_code, commune_code, task, people, day, created_at, updated_at)
     SELECT m.id, t.id, t.province_code, t.commune_code, 'khac', 1, date('now'), unixepoch() * 1000, unixepoch() * 1000
     FROM members m JOIN teams t ON t.id = m.team_id WHERE m.code = ? RETURNING id`,
    memberCodes,
  );
  const officialIds = {} as Record<Target, number>;
  for (const t of targets)
    officialIds[t] = await seedOfficial({ username: `bang.dich.${t}`, role: 'commune', provinceCode: provinces[t], communeCode: communes[t] });
  rows.official = officialIds;
  rows.invitation = await ids(
    `INSERT INTO invitations (token_hash, role, province_code, commune_code, display_name, created_at, expires_at)
     SELECT lower(hex(randomblob(32))), 'commune', province_code, code, 'Mời thử', unixepoch() * 1000, unixepoch() * 1000 + 86400000
     FROM communes WHERE code = ? RETURNING id`,
    communes,
  );
  // Current scam alerts, one per entry of alertSlugs (its province: the slug's digits).
  rows.alert = await ids(
    `INSERT INTO scam_alerts (slug, title, scam_text, advice_text, province_code, starts_on, ends_on, form_key, created_at, updated_at)
     SELECT ?1, 'Cảnh báo thử', 'Kẻ gian gọi điện.', 'Không làm theo.', substr(?1, 14, 2), date('now', '-1 day'), date('now', '+20 days'),
            lower(hex(randomblob(16))), unixepoch() * 1000, unixepoch() * 1000
     RETURNING id`,
    alertSlugs,
  );
  // Duty shifts (issue 17) belong to a commune: one planned tomorrow in each, from its own plan.
  const eventIds = {} as Record<Target, number>;
  for (const t of targets) {
    const plan = await env.DB.prepare(
      `INSERT INTO duty_plans (form_key, province_code, commune_code, kind, first_day, last_day, created_by, created_at)
       SELECT lower(hex(randomblob(16))), province_code, code, 'shift', date('now', '+1 day'), date('now', '+1 day'), 'bang.thu', unixepoch() * 1000
       FROM communes WHERE code = ? RETURNING id, province_code, commune_code, first_day`,
    )
      .bind(communes[t])
      .first<{ id: number; province_code: string; commune_code: string; first_day: string }>();
    eventIds[t] = (await env.DB.prepare(
      `INSERT INTO duty_events (plan_id, kind, province_code, commune_code, day, start_time, end_time, place, created_at, updated_at)
       VALUES (?, 'shift', ?, ?, ?, '07:30', '11:00', 'Trung tâm phục vụ hành chính công xã', unixepoch() * 1000, unixepoch() * 1000) RETURNING id`,
    )
      .bind(plan!.id, plan!.province_code, plan!.commune_code, plan!.first_day)
      .first<{ id: number }>())!.id;
  }
  rows['duty event'] = eventIds;
});

interface Case {
  method: string;
  path: string;
  url: string;
  form: Record<string, string>;
  role: Role;
  target: Target;
  allowed: boolean;
  refusal: number[];
}

/** Whether an official of `role` reaches `target` through a scope source (the table, written out, not computed by the guard). */
function officialReaches(role: 'commune' | 'province' | 'national', source: string, target: Target): boolean {
  if (source === 'own') return true;
  // Officials and invitations: only those strictly below (commune officers have nobody below).
  if (source.startsWith('official') || source.startsWith('invitation')) return role === 'national' || (role === 'province' && target !== 'other');
  // An alert to read: every official inside its area (own and sibling are both alerts of province 66).
  if (source.startsWith('alert to read')) return role === 'national' || target !== 'other';
  // A province itself: a commune officer does not cover it.
  if (source.startsWith('province')) return role === 'national' || (role === 'province' && target !== 'other');
  return role === 'national' || (role === 'province' && target !== 'other') || target === 'own';
}

/** Every route × role × target of the table, with its URL, form and expected outcome. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const route of areaRoutes(app.routes)) {
    const d = route.declaration;
    if (!d || d.who === 'anyone') continue;
    // A member's own rows: a duty shift or an assist entry by :id; a scam alert by :slug (those of the member's province and national ones).
    const memberSource = route.path.includes('/lich/:id')
      ? 'duty event :id'
      : route.path.includes(':id')
        ? 'assist entry :id'
        : route.path.includes(':slug')
          ? 'alert :slug'
          : 'own';
    const source = d.who === 'officials' ? d.scope.name : memberSource;
    const scoped = source !== 'own';
    for (const target of scoped ? targets : (['own'] as Target[])) {
      let url = route.path;
      // A parameter may carry its own pattern (`:id{[0-9]+}`): the value generated must still match it.
      const fill = (param: string, value: string | number) => {
        const pattern = new RegExp(`:${param}(?:\\{([^}]*)\\})?`);
        const own = url.match(pattern)?.[1];
        if (own && !new RegExp(`^(?:${own})$`).test(String(value))) throw new Error(`route-guards.test.ts: ${value} does not match ${route.path}`);
        url = url.replace(pattern, String(value));
      };
      const form: Record<string, string> = { ghi_chu: 'thử' };
      if (source.startsWith('commune')) fill('code', communes[target]);
      else if (source.startsWith('province')) fill('code', provinces[target]);
      else if (source === 'alert :slug') fill('slug', alertSlugs[target]);
      else if (source.startsWith('?')) url += `${source}${communes[target]}`;
      else if (source.startsWith('form'))
        Object.assign(form, { role: 'commune', scope: communes[target], name: 'Người được mời', [source.slice('form '.length)]: communes[target] });
      else if (scoped) {
        const kind = source.split(' :')[0]!.replace('assist entry', 'entry').replace('alert to read', 'alert');
        if (!rows[kind]) throw new Error(`route-guards.test.ts: no rows for the scope source "${source}" of ${route.path}: add one per target in beforeAll`);
        fill('id', rows[kind][target]);
      }
      for (const role of roles) {
        let allowed: boolean;
        let refusal: number[];
        if (d.who === 'officials') {
          allowed = role !== 'anonymous' && role !== 'member' && d.roles.includes(role) && officialReaches(role, source, target);
          // Not signed in as an official: a redirect to sign-in (401 JSON under /api/); signed in: 403.
          refusal = role === 'anonymous' || role === 'member' ? (url.startsWith('/api/') ? [401] : [303]) : [403];
        } else if (source === 'alert :slug') {
          // A member marks the current alerts of their province (own and sibling are both of province 66); another province's: 409.
          allowed = role === 'member' && target !== 'other';
          refusal = role === 'member' ? [409] : [401];
        } else {
          allowed = role === 'member' && target === 'own';
          // Not signed in as a member: 401; another member's entry: 404 (its existence is not told).
          refusal = role === 'member' ? [404] : [401];
        }
        if (url.includes('/:')) throw new Error(`route-guards.test.ts: ${route.path} keeps a parameter its scope does not fill`);
        out.push({ method: route.method, path: route.path, url, form, role, target, allowed, refusal });
      }
    }
  }
  return out;
}

describe('cross-scope table: route × role × own / sibling commune / other province', () => {
  it('has every guarded route in it', () => {
    const table = cases();
    // Printed for the closing note.
    console.log(
      `route × role × scope table: ${table.length} cases (${table.filter((c) => c.method === 'GET').length} reads, ${table.filter((c) => c.method !== 'GET').length} writes; ${table.filter((c) => !c.allowed).length} refused)`,
    );
    expect(table.length).toBeGreaterThan(300);
  });

  it('reads: allowed ones answer 200, refused ones their refusal and nothing private', async () => {
    const failures: string[] = [];
    for (const c of cases().filter((c) => c.method === 'GET')) {
      const res = await browsers[c.role].get(c.url);
      const ok = c.allowed ? res.status === 200 : c.refusal.includes(res.status);
      if (!ok) failures.push(`${c.role} GET ${c.url} (${c.target}): ${res.status}, expected ${c.allowed ? 200 : c.refusal.join('/')}`);
      if (!c.allowed && res.status === 303) expect(res.headers.get('location')).toMatch(/^\/quan-tri\/dang-nhap/);
      await res.body?.cancel();
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('writes: every refused one answers its refusal and changes nothing (no row, no audit entry)', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const c of cases().filter((c) => c.method === 'POST' && !c.allowed)) {
      const before = await databaseSnapshot();
      const res = await browsers[c.role].post(c.url, c.form);
      tried++;
      if (!c.refusal.includes(res.status)) failures.push(`${c.role} POST ${c.url} (${c.target}): ${res.status}, expected ${c.refusal.join('/')}`);
      await res.body?.cancel();
      if ((await databaseSnapshot()) !== before) failures.push(`${c.role} POST ${c.url} (${c.target}) changed the database`);
    }
    expect(tried).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 180_000);
});
