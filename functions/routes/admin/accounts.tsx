import { Hono, type Context } from 'hono';
import { adminAccountsUi, adminOwnAccountUi } from '../../../site/i18n/admin-ui.ts';
import { parseUnitCode } from '../../directory/sheet/fields.ts';
import { invitationNameFormSchema, invitationPlaceFormSchema } from '../../auth/form-schemas.ts';
import { readForm } from '../../forms/read-form.ts';
import { auditStatement } from '../../auth/audit.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { OnceField } from '../../auth/once.tsx';
import { invitationPath, invitationStatements } from '../../auth/invitations.ts';
import type { AdminEnv } from '../../auth/middleware.ts';
import { invitationFromPath, officialFromPath, officials, type ScopeSource } from '../../auth/guard.ts';
import { invitableRoles, roleLabels, type Official, type OfficialRole } from '../../auth/official.ts';
import { AdminHomeLink, adminPage } from '../../auth/pages.tsx';
import { officialSessions } from '../../auth/session.ts';
import { endAllSessionsStatement } from '../../auth/session-core.ts';
import { siteOrigin } from '../../site-origin.ts';
import { FieldInput, FieldSelect } from '../../views/field.tsx';
import { Notice } from '../../views/notice.tsx';
import { doneLocation, doneNotice } from './done-notice.tsx';

const t = adminAccountsUi;
const o = adminOwnAccountUi;

/** /quan-tri/tai-khoan: officials and invitations of the scope below; invite, revoke, disable. */
export const adminAccounts = new Hono<AdminEnv>();
// Commune officers have nobody below them.
const admins = ['province', 'national'] as const;

/**
 * The place an invitation is for, from its form (role and unit code): false
 * for a role the official may not invite, null for an unknown unit (400).
 */
const invitationScope: ScopeSource = {
  from: 'form',
  name: 'form role + scope',
  resolve: async (c) => {
    // The lists send `tinh` (province) and `xa` (commune); a typed `scope` code is still read.
    const form = await readForm(c, invitationPlaceFormSchema);
    const { role, scopeText } = form.ok ? form.data : { role: undefined, scopeText: '' };
    if (role === undefined) return false;
    if (!invitableRoles(c.get('official')).includes(role)) return false;
    // National admins invite national admins in the app (issue 16).
    if (role === 'national') return { provinceCode: null, communeCode: null };
    const db = c.var.db;
    if (role === 'province') {
      const code = parseUnitCode(scopeText, 2);
      const row = code ? await db.prepare('SELECT code FROM provinces WHERE code = ?').bind(code).first<{ code: string }>() : null;
      return row ? { provinceCode: row.code, communeCode: null } : null;
    }
    const code = parseUnitCode(scopeText, 5);
    const row = code
      ? await db.prepare('SELECT code, province_code FROM communes WHERE code = ?').bind(code).first<{ code: string; province_code: string }>()
      : null;
    return row ? { provinceCode: row.province_code, communeCode: row.code } : null;
  },
};

/**
 * The invitation a revoke touches: the official must stand above its role and
 * place, except that national admins revoke national admins' invitations.
 */
const revokedInvitation: ScopeSource = {
  from: 'row',
  name: 'invitation :id',
  resolve: async (c) => {
    const base = await invitationFromPath.resolve(c);
    // No such invitation (null) or refused (false) stays so; only a national one needs more.
    if (!base) return base;
    if (base.role !== 'national') return base;
    return c.get('official').role === 'national' ? { provinceCode: null, communeCode: null } : false;
  },
};

interface OfficialRow {
  id: number;
  username: string;
  display_name: string;
  role: OfficialRole;
  province_code: string | null;
  commune_code: string | null;
  disabled_at: number | null;
  totp_enabled_at: number | null;
}
interface InvitationRow {
  id: number;
  display_name: string;
  role: OfficialRole;
  province_code: string | null;
  commune_code: string | null;
  expires_at: number;
}

/** SQL condition (and binding) for rows strictly below the official: national → province & commune; province → its communes. */
function belowScope(official: Official): { where: string; binds: unknown[] } {
  if (official.role === 'national') return { where: "role <> 'national'", binds: [] };
  if (official.role === 'province') return { where: "role = 'commune' AND province_code = ?", binds: [official.provinceCode] };
  return { where: '0', binds: [] };
}

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function accountsPage(c: Context<AdminEnv>, extra?: { url?: string; error?: string; status?: 400 }) {
  const official = c.get('official');
  const db = c.var.db;
  const below = belowScope(official);
  const [officials, invitations] = await Promise.all([
    db
      .prepare(
        `SELECT id, username, display_name, role, province_code, commune_code, disabled_at, totp_enabled_at FROM officials WHERE ${below.where} ORDER BY province_code, commune_code, username LIMIT 500`,
      )
      .bind(...below.binds)
      .all<OfficialRow>(),
    // A national admin's pending invitations of other national admins are theirs to see and revoke too.
    db
      .prepare(
        `SELECT id, display_name, role, province_code, commune_code, expires_at FROM invitations WHERE (${below.where}${official.role === 'national' ? " OR role = 'national'" : ''}) AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 200`,
      )
      .bind(...below.binds, Date.now())
      .all<InvitationRow>(),
  ]);
  // Inviting picks the province, then the commune, from lists (issue 16): a national admin chooses the province first (?tinh=).
  const provinceCode =
    official.role === 'national' ? (/^\d{2}$/.test(c.req.query('tinh') ?? '') ? c.req.query('tinh')! : undefined) : (official.provinceCode ?? undefined);
  const [provinces, communes] = await Promise.all([
    official.role === 'national'
      ? db.prepare('SELECT code, name FROM provinces ORDER BY name').all<{ code: string; name: string }>()
      : Promise.resolve({ results: [] }),
    provinceCode
      ? db.prepare('SELECT code, name FROM communes WHERE province_code = ? ORDER BY name').bind(provinceCode).all<{ code: string; name: string }>()
      : Promise.resolve({ results: [] }),
  ]);
  const provinceName = provinceCode
    ? (provinces.results.find((p) => p.code === provinceCode)?.name ??
      (await db.prepare('SELECT name FROM provinces WHERE code = ?').bind(provinceCode).first<{ name: string }>())?.name ??
      '')
    : '';
  const csrf = csrfToken(c);
  const roles = invitableRoles(official);
  const done = await doneNotice(c);
  return adminPage(c, {
    title: t.title,
    status: extra?.status,
    main: (
      <>
        <AdminHomeLink />
        <h1>{t.title}</h1>
        {extra?.url && (
          <Notice tone="success">
            <p>{t.created}</p>
            <p>
              <code class="invitation-url">{extra.url}</code>
            </p>
          </Notice>
        )}
        {done}
        <h2>{t.newInvitation}</h2>
        {extra?.error && <Notice tone="error">{extra.error}</Notice>}
        {official.role === 'national' && (
          <form method="get" action="/quan-tri/tai-khoan" class="field">
            <p>{o.chooseProvinceFirst}</p>
            <label for="tinh">{o.province}</label>
            <select id="tinh" name="tinh">
              {provinces.results.map((p) => (
                <option value={p.code} selected={p.code === provinceCode}>
                  {p.name}
                </option>
              ))}
            </select>{' '}
            <button type="submit" class="button-secondary">
              {o.choose}
            </button>
          </form>
        )}
        <form method="post" action="/quan-tri/tai-khoan/moi">
          <CsrfField token={csrf} />
          <OnceField />
          {provinceCode && <input type="hidden" name="tinh" value={provinceCode} />}
          <div class="field">
            <FieldSelect id="role" name="role" label={t.role}>
              {roles
                .filter((role) => role === 'national' || provinceCode)
                .map((role) => (
                  <option value={role}>{role === 'national' ? o.inviteRoleNational : `${roleLabels[role]}${provinceName ? ` — ${provinceName}` : ''}`}</option>
                ))}
            </FieldSelect>
          </div>
          {provinceCode && (
            <div class="field">
              <FieldSelect id="xa" name="xa" label={o.commune}>
                {official.role === 'national' && <option value="">{o.noCommune}</option>}
                {communes.results.map((commune) => (
                  <option value={commune.code}>{commune.name}</option>
                ))}
              </FieldSelect>
            </div>
          )}
          <div class="field">
            <FieldInput id="name" name="name" label={t.name} hint={t.nameHint} required maxlength={120} />
          </div>
          <p>
            <button type="submit">{t.create}</button>
          </p>
        </form>
        <h2>{t.invitations}</h2>
        {invitations.results.length === 0 ? (
          <p>{t.noInvitations}</p>
        ) : (
          <ul>
            {invitations.results.map((inv) => (
              <li>
                {inv.display_name} — {roleLabels[inv.role]} {inv.commune_code ?? inv.province_code} ({t.expires(date(inv.expires_at))})
                <form method="post" action={`/quan-tri/tai-khoan/moi/${inv.id}/thu-hoi`}>
                  <CsrfField token={csrf} />
                  <OnceField />
                  <button type="submit" class="button-secondary">
                    {t.revoke}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <h2>{t.officials}</h2>
        {officials.results.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul>
            {officials.results.map((row) => (
              <li>
                {row.display_name} (<code>{row.username}</code>) — {roleLabels[row.role]} {row.commune_code ?? row.province_code}
                {row.disabled_at !== null ? ` · ${t.disabled}` : ''}
                {row.totp_enabled_at !== null ? ` · ${o.twoFactorOn}` : ''}
                <form method="post" action={`/quan-tri/tai-khoan/${row.id}/${row.disabled_at === null ? 'khoa' : 'mo-khoa'}`}>
                  <CsrfField token={csrf} />
                  <OnceField />
                  <button type="submit" class="button-secondary">
                    {row.disabled_at === null ? t.disable : t.enable}
                  </button>
                </form>
                {row.totp_enabled_at !== null && (
                  <form method="post" action={`/quan-tri/tai-khoan/${row.id}/dat-lai-hai-buoc`}>
                    <CsrfField token={csrf} />
                    <OnceField />
                    <button type="submit" class="button-secondary">
                      {o.resetTwoFactor}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}

adminAccounts.get('/', officials({ roles: admins }), (c) => accountsPage(c));

adminAccounts.post('/moi', officials({ roles: admins, scope: invitationScope }), async (c) => {
  const official = c.get('official');
  const db = c.var.db;
  // The role was checked by the guard (invitationScope): a province admin invites only into their own province.
  const placeForm = await readForm(c, invitationPlaceFormSchema);
  const role = (placeForm.ok ? placeForm.data.role : undefined) as OfficialRole;
  const place = c.get('scope');
  if (!place) return accountsPage(c, { error: role === 'commune' ? o.badCommune : t.badScope, status: 400 });
  // Checked as every person's name is (the import's rules): control characters refused, never stored.
  const nameForm = await readForm(c, invitationNameFormSchema);
  if (!nameForm.ok) return accountsPage(c, { error: nameForm.errors.name ?? t.badName, status: 400 });
  const name = nameForm.data.name;
  const { token, statements } = await invitationStatements(
    db,
    { role, provinceCode: place.provinceCode, communeCode: place.communeCode, displayName: name },
    official,
  );
  await db.batch(statements);
  return accountsPage(c, { url: siteOrigin(c.env) + invitationPath(token) });
});

adminAccounts.post('/moi/:id/thu-hoi', officials({ roles: admins, scope: revokedInvitation }), async (c) => {
  const official = c.get('official');
  const db = c.var.db;
  const id = Number(c.req.param('id'));
  const inv = Number.isInteger(id)
    ? await db.prepare('SELECT id, role, province_code, commune_code, display_name FROM invitations WHERE id = ?').bind(id).first<InvitationRow>()
    : null;
  if (!inv || !c.get('scope')) return c.redirect('/quan-tri/tai-khoan', 303);
  const target = { role: inv.role, provinceCode: inv.province_code, communeCode: inv.commune_code };
  await db.batch([
    db.prepare('UPDATE invitations SET revoked_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL').bind(Date.now(), inv.id),
    auditStatement(db, {
      actor: official,
      action: 'invitation.revoke',
      // Already used or revoked: nothing changed, nothing logged.
      onlyIfChanged: true,
      place: target,
      subject: `invitation:${inv.id}`,
      before: { displayName: inv.display_name, role: inv.role },
    }),
  ]);
  return c.redirect(doneLocation('/quan-tri/tai-khoan', 'thu-hoi', inv.id), 303);
});

for (const [path, disable] of [
  ['khoa', true],
  ['mo-khoa', false],
] as const) {
  adminAccounts.post(`/:id/${path}`, officials({ roles: admins, scope: officialFromPath }), async (c) => {
    const official = c.get('official');
    const db = c.var.db;
    const id = Number(c.req.param('id'));
    const row = Number.isInteger(id)
      ? await db
          .prepare('SELECT id, username, display_name, role, province_code, commune_code, disabled_at, totp_enabled_at FROM officials WHERE id = ?')
          .bind(id)
          .first<OfficialRow>()
      : null;
    if (!row || !c.get('scope')) return c.redirect('/quan-tri/tai-khoan', 303);
    const target = { role: row.role, provinceCode: row.province_code, communeCode: row.commune_code };
    await db.batch([
      db.prepare('UPDATE officials SET disabled_at = ? WHERE id = ?').bind(disable ? Date.now() : null, row.id),
      // Disabling ends every session of the account at once.
      ...(disable ? [endAllSessionsStatement(db, officialSessions, row.id)] : []),
      auditStatement(db, {
        actor: official,
        action: disable ? 'official.disable' : 'official.enable',
        place: target,
        subject: `official:${row.id}`,
        before: { disabled: row.disabled_at !== null },
        after: { disabled: disable },
      }),
    ]);
    return c.redirect(doneLocation('/quan-tri/tai-khoan', disable ? 'khoa' : 'mo-khoa', row.id), 303);
  });
}

/**
 * A higher admin resets a lower official's two-step sign-in (a lost phone and
 * lost recovery codes): key and codes cleared, every session of theirs ended,
 * audited. They sign in with their password and turn it on again.
 */
adminAccounts.post('/:id/dat-lai-hai-buoc', officials({ roles: admins, scope: officialFromPath }), async (c) => {
  const official = c.get('official');
  const db = c.var.db;
  const id = Number(c.req.param('id'));
  const row = Number.isInteger(id)
    ? await db.prepare('SELECT id, role, province_code, commune_code, totp_enabled_at FROM officials WHERE id = ?').bind(id).first<OfficialRow>()
    : null;
  // The guard has checked the official stands above this account.
  if (!row || !c.get('scope')) return c.redirect('/quan-tri/tai-khoan', 303);
  const target = { role: row.role, provinceCode: row.province_code, communeCode: row.commune_code };
  await db.batch([
    db.prepare('UPDATE officials SET totp_key = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?').bind(row.id),
    db.prepare('DELETE FROM official_recovery_codes WHERE official_id = ?').bind(row.id),
    endAllSessionsStatement(db, officialSessions, row.id),
    auditStatement(db, {
      actor: official,
      action: 'official.two_factor.reset',
      place: target,
      subject: `official:${row.id}`,
      before: { twoFactor: row.totp_enabled_at !== null },
      after: { twoFactor: false },
    }),
  ]);
  return c.redirect(doneLocation('/quan-tri/tai-khoan', 'dat-lai-hai-buoc', row.id), 303);
});
