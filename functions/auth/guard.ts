/**
 * One way in (issue 22): every officials' (/quan-tri/*, /api/admin/*) and
 * members' (/thanh-vien/*) route declares who may call it, as middleware ON
 * THE ROUTE (never a path in a list). test/worker/route-guards.test.ts walks
 * `app.routes` and fails for any route there without one of these guards.
 *
 *   // An official of any role whose scope covers the commune in the path:
 *   router.get('/xa/:code', officials({ scope: communeFromPath('code') }), (c) => c.get('scope'));
 *   // Only province and national admins, in their own scope (reads filter with scopeWhere):
 *   router.get('/', officials({ roles: ['province', 'national'] }), handler);
 *   // The row the route touches decides (team, member, entry, …): see `fromRow`.
 *   router.post('/to/:id', officials({ scope: teamFromPath }), handler);
 *   // A query parameter or a form field: `fromQuery('xa')`, `fromForm('xa')` (a commune code).
 *   router.post('/ghi-nhan', members(), (c) => c.get('member'));
 *   // Deliberately open (sign-in, invitation and link pages): say why.
 *   router.get('/dang-nhap', anyone('sign-in form'), handler);
 *
 * A new kind of row (a roster, an alert, an allowance sheet): one line,
 *   export const rosterFromPath = fromRow('roster', 'SELECT province_code, commune_code FROM rosters WHERE id = ?');
 * and one row per place in the beforeAll of test/worker/route-guards.test.ts
 * (its cross-scope table then covers the route by itself). A member's own rows
 * are checked by member id in the handler (`c.get('member').id`, 404 otherwise).
 *
 * The guard signs the caller in (401 JSON under /api/, a redirect to sign-in
 * otherwise), refuses other roles and places outside the official's scope
 * with 403 before the handler runs (so a refused write changes nothing), and
 * stops national and province admins from changing anything before two-step
 * sign-in is on. The handler reads the checked place with `c.get('scope')`.
 * When the scope's row or unit does not exist, `scope` is left unset and the
 * handler answers its own 404.
 *
 * Keep a router that carries guarded routes free of its own onError: Hono
 * then wraps each handler, and the route walk can no longer see the guard.
 * CSRF (functions/auth/csrf.tsx) is section-wide middleware, not a guard.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { memberGuard } from '../assists/member-guard.tsx';
import { communeCodePattern, provinceCodePattern } from '../directory/schemas.ts';
import { signInOfficial, twoFactorMissing, type AdminEnv } from './middleware.ts';
import { officialCovers, officialIsAbove, type OfficialRole, type Place } from './official.ts';
import { forbiddenPage } from './pages.tsx';
import { communePlace } from './scope.ts';
import { z } from 'zod';
import { typed } from '../forms/fields.ts';
import { readForm } from '../forms/read-form.ts';

/**
 * A checked place. `role` is set when the row is an official or an invitation: then the caller must stand above it.
 * `readInside`: the place is an area every official inside it may read (a scam alert: a national one by everyone).
 */
export type Scope = Place & { role?: OfficialRole; provinceTeamsOnly?: boolean; name?: string; readInside?: boolean };

/** Where a route's scope comes from; `resolve` answers the place, null (no such row: 404 by the handler) or false (refused). */
export interface ScopeSource {
  from: 'own' | 'path' | 'query' | 'form' | 'row';
  /** What it reads, for the route table (e.g. "team :id"). */
  name: string;
  resolve(c: Context<AdminEnv>): Promise<Scope | null | false>;
}

/** What a route declared: read by the route table test. */
export type Declaration =
  | { who: 'officials'; roles: readonly OfficialRole[]; scope: ScopeSource; beforeTwoFactor: boolean }
  | { who: 'members' }
  | { who: 'anyone'; why: string; credentialInPath?: boolean };

/** Any handler or middleware: a guard is known by the function itself. */
export type AnyHandler = (...args: never[]) => unknown;

const declarations = new WeakMap<AnyHandler, Declaration>();

/** The declaration of a handler if it is a guard (for tests walking `app.routes`). */
export const guardDeclaration = (handler: AnyHandler): Declaration | undefined => declarations.get(handler);

function declare<H extends AnyHandler>(handler: H, declaration: Declaration): H {
  declarations.set(handler, declaration);
  return handler;
}

const allRoles: readonly OfficialRole[] = ['commune', 'province', 'national'];

/** The official's own scope: the handler filters its reads by it (scopeWhere). */
export const ownScope: ScopeSource = {
  from: 'own',
  name: 'own',
  resolve: async (c) => ({ provinceCode: c.get('official').provinceCode, communeCode: c.get('official').communeCode }),
};

async function provincePlace(db: D1Database, code: string | undefined): Promise<Scope | null> {
  if (!code || !provinceCodePattern.test(code)) return null;
  const row = await db.prepare('SELECT code FROM provinces WHERE code = ?').bind(code).first<{ code: string }>();
  return row ? { provinceCode: row.code, communeCode: null } : null;
}

export const communeFromPath = (param: string): ScopeSource => ({
  from: 'path',
  name: `commune :${param}`,
  resolve: async (c) => (await communePlace(c.var.db, c.req.param(param) ?? '')) ?? null,
});

export const provinceFromPath = (param: string): ScopeSource => ({
  from: 'path',
  name: `province :${param}`,
  resolve: (c) => provincePlace(c.var.db, c.req.param(param)),
});

/**
 * The place an official looks at from the query: their own scope, narrowed by
 * `?tinh=` (national only) and `?xa=` (a commune, or "tinh": a province's
 * teams without a commune).
 */
export const fromQuery = (param: string): ScopeSource => ({
  from: 'query',
  name: `?${param}=`,
  resolve: async (c) => {
    const official = c.get('official');
    const xa = c.req.query(param);
    const tinh = c.req.query('tinh');
    let provinceCode = official.provinceCode;
    if (official.role === 'national' && tinh && provinceCodePattern.test(tinh)) provinceCode = tinh;
    if (xa === 'tinh') {
      if (official.role === 'commune' || !provinceCode) return false;
      return { provinceCode, communeCode: null, provinceTeamsOnly: true };
    }
    if (xa) return (await communePlace(c.var.db, xa)) ?? false;
    return { provinceCode, communeCode: official.communeCode };
  },
});

/**
 * A unit code in a form field: a commune (5 digits), a province (2 digits) or
 * "toan-quoc", the whole country (only national admins cover it).
 * Unknown or malformed: null (the handler answers its own 400).
 */
export const fromForm = (field: string): ScopeSource => ({
  from: 'form',
  name: `form ${field}`,
  resolve: async (c) => {
    const form = await readForm(c, z.object({ [field]: typed }));
    const code = form.ok ? (form.data[field] ?? '') : '';
    if (code === 'toan-quoc') return { provinceCode: null, communeCode: null };
    if (communeCodePattern.test(code)) return (await communePlace(c.var.db, code)) ?? null;
    return provincePlace(c.var.db, code);
  },
});

/** The row a route touches, by the id in its path: the SQL reads its place (province_code, commune_code[, role]). */
export const fromRow = (name: string, sql: string, param = 'id'): ScopeSource => ({
  from: 'row',
  name: `${name} :${param}`,
  resolve: async (c) => {
    const id = c.req.param(param);
    if (!id || !/^[1-9]\d{0,11}$/.test(id)) return null;
    const row = await c.var.db.prepare(sql).bind(Number(id)).first<{ province_code: string | null; commune_code: string | null; role?: OfficialRole }>();
    if (!row) return null;
    return { provinceCode: row.province_code, communeCode: row.commune_code, ...(row.role ? { role: row.role } : {}) };
  },
});

export const teamFromPath = fromRow('team', 'SELECT province_code, commune_code FROM teams WHERE id = ? AND removed_at IS NULL');
export const memberFromPath = fromRow(
  'member',
  'SELECT t.province_code, t.commune_code FROM members m JOIN teams t ON t.id = m.team_id WHERE m.id = ? AND m.removed_at IS NULL',
);
export const entryFromPath = fromRow('assist entry', 'SELECT province_code, commune_code FROM assists WHERE id = ?');
export const officialFromPath = fromRow('official', 'SELECT province_code, commune_code, role FROM officials WHERE id = ?');
export const invitationFromPath = fromRow('invitation', 'SELECT province_code, commune_code, role FROM invitations WHERE id = ?');
/** A scam alert (issue 18) to change: a national one (no province) by national admins only, a province's by its admins. */
export const alertFromPath = fromRow('alert', 'SELECT province_code, NULL AS commune_code FROM scam_alerts WHERE id = ?');
/** A scam alert to read: every official inside its area, so every official reads a national one. */
export const alertToReadFromPath: ScopeSource = {
  ...fromRow('alert to read', 'SELECT province_code, NULL AS commune_code FROM scam_alerts WHERE id = ?'),
  resolve: async (c) => {
    const alert = await alertFromPath.resolve(c);
    return alert && { ...alert, readInside: true };
  },
};
/** A duty shift or help session (issue 17): it belongs to a commune. */
export const dutyEventFromPath = fromRow('duty event', 'SELECT province_code, commune_code FROM duty_events WHERE id = ?');

/** Whether the official may act on this scope: cover the place, stand above the official/invitation, or be inside an area they read. */
export function mayActOn(official: AdminEnv['Variables']['official'], scope: Scope): boolean {
  if (scope.role) return officialIsAbove(official, { ...scope, role: scope.role });
  return officialCovers(official, scope) || (scope.readInside === true && officialInside(official, scope));
}

/** Whether the official's own place lies inside the area (national area: everyone). */
function officialInside(official: AdminEnv['Variables']['official'], area: Place): boolean {
  if (area.provinceCode === null) return true;
  if (official.provinceCode !== area.provinceCode) return false;
  return area.communeCode === null || official.communeCode === area.communeCode;
}

/**
 * An officials' route. `roles` (default: all three) may call it; `scope` (default:
 * their own) says where its place comes from. `beforeTwoFactor`: reachable
 * before two-step sign-in is on (its own setup page only).
 */
export function officials(options: { roles?: readonly OfficialRole[]; scope?: ScopeSource; beforeTwoFactor?: boolean } = {}): MiddlewareHandler<AdminEnv> {
  const roles = options.roles ?? allRoles;
  const source = options.scope ?? ownScope;
  const guard: MiddlewareHandler<AdminEnv> = async (c, next) => {
    const refused = (await signInOfficial(c)) ?? (options.beforeTwoFactor ? undefined : twoFactorMissing(c));
    if (refused) return refused;
    const official = c.get('official');
    if (!roles.includes(official.role)) return forbiddenPage(c, 'scope');
    const scope = await source.resolve(c);
    if (scope === false || (scope && !mayActOn(official, scope))) return forbiddenPage(c, 'scope');
    if (scope) c.set('scope', scope);
    await next();
  };
  return declare(guard, { who: 'officials', roles, scope: source, beforeTwoFactor: options.beforeTwoFactor ?? false });
}

/** A members' route: a signed-in member (c.get('member')); their own rows only, by member id. */
export function members(): MiddlewareHandler {
  return declare(memberGuard(), { who: 'members' });
}

/**
 * A route open to anyone in an officials' or members' area: sign-in pages,
 * link pages. Say why. `credentialInPath`: the path's unguessable token is the
 * credential and its page sets no cookie, so the CSRF rule checks Origin only.
 */
export function anyone(why: string, options: { credentialInPath?: boolean } = {}): MiddlewareHandler {
  return declare<MiddlewareHandler>(async (_c, next) => next(), { who: 'anyone', why, ...options });
}

/**
 * The one read filter by scope: SQL condition and bindings for rows whose
 * province and commune columns are `province` and `commune`. National (both
 * null): everything; province: its rows; commune: its rows.
 */
export function scopeWhere(scope: Place, columns: { province: string; commune: string }): { where: string; binds: string[] } {
  if (scope.communeCode) return { where: `${columns.commune} = ?`, binds: [scope.communeCode] };
  if (scope.provinceCode) return { where: `${columns.province} = ?`, binds: [scope.provinceCode] };
  return { where: '1', binds: [] };
}
