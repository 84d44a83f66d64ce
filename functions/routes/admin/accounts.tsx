import { Hono, type Context } from 'hono';
import { adminAccountsUi } from '../../../site/i18n/admin-ui.ts';
import { parseUnitCode } from '../../../db/directory/fields.ts';
import { auditStatement } from '../../auth/audit.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { OnceField } from '../../auth/once.tsx';
import { invitationPath, invitationStatements } from '../../auth/invitations.ts';
import type { AdminEnv } from '../../auth/middleware.ts';
import { invitableRoles, officialCovers, officialIsAbove, roleLabels, type Official, type OfficialRole, type Place } from '../../auth/official.ts';
import { AdminHomeLink, adminPage, forbiddenPage } from '../../auth/pages.tsx';
import { endAllSessionsStatement } from '../../auth/session.ts';
import { siteOrigin } from '../../site-origin.ts';
import { FieldInput } from '../../views/field.tsx';
import { Notice } from '../../views/notice.tsx';
import { doneLocation, doneNotice } from './done-notice.tsx';

const t = adminAccountsUi;

/** /quan-tri/tai-khoan: officials and invitations of the scope below; invite, revoke, disable. */
export const adminAccounts = new Hono<AdminEnv>();
// Commune officers have nobody below them.
adminAccounts.use('*', async (c, next) => (c.get('official').role === 'commune' ? forbiddenPage(c, 'scope') : next()));

interface OfficialRow { id: number; username: string; display_name: string; role: OfficialRole; province_code: string | null; commune_code: string | null; disabled_at: number | null }
interface InvitationRow { id: number; display_name: string; role: OfficialRole; province_code: string | null; commune_code: string | null; expires_at: number }

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
    db.prepare(`SELECT id, username, display_name, role, province_code, commune_code, disabled_at FROM officials WHERE ${below.where} ORDER BY province_code, commune_code, username LIMIT 500`).bind(...below.binds).all<OfficialRow>(),
    db.prepare(`SELECT id, display_name, role, province_code, commune_code, expires_at FROM invitations WHERE ${below.where} AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 200`).bind(...below.binds, Date.now()).all<InvitationRow>(),
  ]);
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
            <p><code class="invitation-url">{extra.url}</code></p>
          </Notice>
        )}
        {done}
        <h2>{t.newInvitation}</h2>
        {extra?.error && <Notice tone="error">{extra.error}</Notice>}
        <form method="post" action="/quan-tri/tai-khoan/moi">
          <CsrfField token={csrf} />
          <OnceField />
          <div class="field">
            <label for="role">{t.role}</label>
            <select id="role" name="role">
              {roles.map((role) => <option value={role}>{roleLabels[role]}</option>)}
            </select>
          </div>
          <div class="field">
            <FieldInput id="scope" name="scope" label={t.scope} hint={t.scopeHint} required inputmode="numeric" maxlength={5} />
          </div>
          <div class="field">
            <FieldInput id="name" name="name" label={t.name} hint={t.nameHint} required maxlength={120} />
          </div>
          <p><button type="submit">{t.create}</button></p>
        </form>
        <h2>{t.invitations}</h2>
        {invitations.results.length === 0 ? <p>{t.noInvitations}</p> : (
          <ul>
            {invitations.results.map((inv) => (
              <li>
                {inv.display_name} — {roleLabels[inv.role]} {inv.commune_code ?? inv.province_code} ({t.expires(date(inv.expires_at))})
                <form method="post" action={`/quan-tri/tai-khoan/moi/${inv.id}/thu-hoi`}>
                  <CsrfField token={csrf} />
                  <OnceField />
                  <button type="submit" class="button-secondary">{t.revoke}</button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <h2>{t.officials}</h2>
        {officials.results.length === 0 ? <p>{t.none}</p> : (
          <ul>
            {officials.results.map((o) => (
              <li>
                {o.display_name} (<code>{o.username}</code>) — {roleLabels[o.role]} {o.commune_code ?? o.province_code}
                {o.disabled_at !== null ? ` · ${t.disabled}` : ''}
                <form method="post" action={`/quan-tri/tai-khoan/${o.id}/${o.disabled_at === null ? 'khoa' : 'mo-khoa'}`}>
                  <CsrfField token={csrf} />
                  <OnceField />
                  <button type="submit" class="button-secondary">{o.disabled_at === null ? t.disable : t.enable}</button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}

adminAccounts.get('/', (c) => accountsPage(c));

adminAccounts.post('/moi', async (c) => {
  const official = c.get('official');
  const db = c.var.db;
  const body = await c.req.parseBody();
  const role = body.role;
  const name = typeof body.name === 'string' ? body.name.trim().slice(0, 120) : '';
  const scopeText = typeof body.scope === 'string' ? body.scope : '';
  if (role !== 'province' && role !== 'commune') return forbiddenPage(c, 'scope');
  if (!invitableRoles(official).includes(role)) return forbiddenPage(c, 'scope');
  let place: Place | undefined;
  if (role === 'province') {
    const code = parseUnitCode(scopeText, 2);
    const row = code ? await db.prepare('SELECT code FROM provinces WHERE code = ?').bind(code).first<{ code: string }>() : null;
    if (row) place = { provinceCode: row.code, communeCode: null };
  } else {
    const code = parseUnitCode(scopeText, 5);
    const row = code ? await db.prepare('SELECT code, province_code FROM communes WHERE code = ?').bind(code).first<{ code: string; province_code: string }>() : null;
    if (row) place = { provinceCode: row.province_code, communeCode: row.code };
  }
  if (!place) return accountsPage(c, { error: t.badScope, status: 400 });
  // A province admin invites only into their own province.
  if (!officialCovers(official, place)) return forbiddenPage(c, 'scope');
  if (!name) return accountsPage(c, { error: t.badName, status: 400 });
  const { token, statements } = await invitationStatements(db, { role, ...place, displayName: name }, official);
  await db.batch(statements);
  return accountsPage(c, { url: siteOrigin(c.env) + invitationPath(token) });
});

adminAccounts.post('/moi/:id/thu-hoi', async (c) => {
  const official = c.get('official');
  const db = c.var.db;
  const id = Number(c.req.param('id'));
  const inv = Number.isInteger(id) ? await db.prepare('SELECT id, role, province_code, commune_code, display_name FROM invitations WHERE id = ?').bind(id).first<InvitationRow>() : null;
  if (!inv) return c.redirect('/quan-tri/tai-khoan', 303);
  const target = { role: inv.role, provinceCode: inv.province_code, communeCode: inv.commune_code };
  if (!officialIsAbove(official, target)) return forbiddenPage(c, 'scope');
  await db.batch([
    db.prepare('UPDATE invitations SET revoked_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL').bind(Date.now(), inv.id),
    auditStatement(db, { actor: official, action: 'invitation.revoke', place: target, subject: `invitation:${inv.id}`, before: { displayName: inv.display_name, role: inv.role } }),
  ]);
  return c.redirect(doneLocation('/quan-tri/tai-khoan', 'thu-hoi', inv.id), 303);
});

for (const [path, disable] of [['khoa', true], ['mo-khoa', false]] as const) {
  adminAccounts.post(`/:id/${path}`, async (c) => {
    const official = c.get('official');
    const db = c.var.db;
    const id = Number(c.req.param('id'));
    const row = Number.isInteger(id) ? await db.prepare('SELECT id, username, display_name, role, province_code, commune_code, disabled_at FROM officials WHERE id = ?').bind(id).first<OfficialRow>() : null;
    if (!row) return c.redirect('/quan-tri/tai-khoan', 303);
    const target = { role: row.role, provinceCode: row.province_code, communeCode: row.commune_code };
    if (!officialIsAbove(official, target)) return forbiddenPage(c, 'scope');
    await db.batch([
      db.prepare('UPDATE officials SET disabled_at = ? WHERE id = ?').bind(disable ? Date.now() : null, row.id),
      // Disabling ends every session of the account at once.
      ...(disable ? [endAllSessionsStatement(db, row.id)] : []),
      auditStatement(db, { actor: official, action: disable ? 'official.disable' : 'official.enable', place: target, subject: `official:${row.id}`, before: { disabled: row.disabled_at !== null }, after: { disabled: disable } }),
    ]);
    return c.redirect(doneLocation('/quan-tri/tai-khoan', disable ? 'khoa' : 'mo-khoa', row.id), 303);
  });
}
