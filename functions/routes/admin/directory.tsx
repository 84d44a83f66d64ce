import { Hono, type Context } from 'hono';
import { sql } from 'drizzle-orm';
import { removeMembersSql } from '../../directory/import/apply.ts';
import { roleLabels as memberRoleLabels, teamLevelLabels, type MemberRole, type TeamLevel } from '../../directory/sheet/fields.ts';
import { directoryLimits } from '../../directory/import/validate.ts';
import { generateMemberCode } from '../../directory/member-code.ts';
import { adminDirectoryUi } from '../../../site/i18n/admin-ui.ts';
import { foldVietnamese } from '../../../site/utils/fold.ts';
import { formatDate } from '../../../site/utils/format.ts';
import { auditStatement } from '../../auth/audit.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { OnceField } from '../../auth/once.tsx';
import type { AdminEnv } from '../../auth/middleware.ts';
import type { Place } from '../../auth/official.ts';
import { AdminHomeLink, adminPage } from '../../auth/pages.tsx';
import { communeFromPath, memberFromPath, officials, teamFromPath } from '../../auth/guard.ts';
import { villagesOfCommune } from '../../assists/entries.ts';
import {
  memberFieldOrder,
  memberFormDraft,
  memberFormSchema,
  teamFieldOrder,
  teamFormDraft,
  teamFormSchema,
  type MemberInput,
  type TeamInput,
} from '../../directory/form-schemas.ts';
import { firstError, readForm } from '../../forms/read-form.ts';
import { FieldInput } from '../../views/field.tsx';
import { writeDirectory } from './directory-write.ts';
import { doneLocation, doneNotice } from './done-notice.tsx';
import { adminDoneUi } from '../../../site/i18n/admin-ui.ts';
import { Notice } from '../../views/notice.tsx';

const t = adminDirectoryUi;

/** The official's directory: a commune's villages, teams and members; add, edit, deactivate. */
export const adminDirectory = new Hono<AdminEnv>();

const today = () => new Date().toISOString().slice(0, 10);
const notFound = (c: Context<AdminEnv>) =>
  adminPage(c, {
    title: 'Không tìm thấy',
    status: 404,
    main: (
      <>
        <h1>Không tìm thấy</h1>
        <p>
          <a href="/quan-tri/">Về trang quản trị</a>
        </p>
      </>
    ),
  });
const parseId = (text: string) => (/^\d{1,12}$/.test(text) ? Number(text) : undefined);

interface VillageRow {
  id: number;
  name: string;
  kind: string;
}
interface TeamRow {
  id: number;
  level: TeamLevel;
  name: string;
  village_id: number | null;
  zalo_url: string | null;
  decision_number: string | null;
  decision_date: string | null;
  active: number;
  province_code: string;
  commune_code: string | null;
}
interface MemberRow {
  id: number;
  code: string;
  team_id: number;
  full_name: string;
  role: MemberRole;
  position: string | null;
  phone: string | null;
  publish_contact: number;
  consent_date: string | null;
}

// ——— The commune page ———

adminDirectory.get('/xa/:code', officials({ scope: communeFromPath('code') }), async (c) => {
  const db = c.var.db;
  const commune = c.get('scope');
  if (!commune) return notFound(c);
  const [villageRows, teamRows, memberRows] = await db.batch([
    db.prepare('SELECT id, name, kind FROM villages WHERE commune_code = ? AND removed_at IS NULL ORDER BY name').bind(commune.communeCode),
    db.prepare('SELECT * FROM teams WHERE commune_code = ? AND removed_at IS NULL ORDER BY active DESC, name').bind(commune.communeCode),
    db
      .prepare(
        `SELECT m.* FROM members m JOIN teams t ON t.id = m.team_id
       WHERE t.commune_code = ? AND t.removed_at IS NULL AND m.removed_at IS NULL
       ORDER BY CASE m.role WHEN 'to_truong' THEN 0 WHEN 'to_pho' THEN 1 ELSE 2 END, m.full_name`, // leader first, as on the public pages
      )
      .bind(commune.communeCode),
  ]);
  const villages = villageRows!.results as VillageRow[];
  const teams = teamRows!.results as TeamRow[];
  const members = memberRows!.results as MemberRow[];
  const villageName = new Map(villages.map((v) => [v.id, v.name]));
  const csrf = csrfToken(c);
  const done = await doneNotice(c);
  return adminPage(c, {
    title: commune.name ?? '',
    main: (
      <>
        <AdminHomeLink />
        <h1>{commune.name}</h1>
        {done}
        <p>
          <a href={`/to-cong-nghe-so/${commune.provinceCode}/${commune.communeCode}/`}>{t.publicPage}</a>
        </p>
        <h2>{t.teams}</h2>
        {teams.length === 0 && <p>{t.noTeams}</p>}
        {teams.map((team) => {
          const teamMembers = members.filter((m) => m.team_id === team.id);
          return (
            <section class="card admin-team" aria-labelledby={`to-${team.id}`}>
              <h3 id={`to-${team.id}`}>{team.name}</h3>
              <p class="card-meta">
                {teamLevelLabels[team.level]}
                {team.village_id !== null ? ` · ${villageName.get(team.village_id) ?? ''}` : ''}
                {team.active ? '' : ` · ${t.dissolved}`}
              </p>
              {teamMembers.length === 0 ? (
                <p>{t.noMembers}</p>
              ) : (
                <ul>
                  {teamMembers.map((m) => (
                    <li>
                      <a href={`/quan-tri/thanh-vien/${m.id}`}>{m.full_name}</a> — {memberRoleLabels[m.role]}
                      {m.phone ? `, ${m.phone}` : ''}
                      {m.phone ? ` (${m.publish_contact ? (m.consent_date ? t.consentOn(formatDate(m.consent_date)) : t.consentUndated) : t.consentOff})` : ''}
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <a class="button button-secondary" href={`/quan-tri/to/${team.id}`}>
                  {t.editTeam}
                </a>{' '}
                <a class="button button-secondary" href={`/quan-tri/to/${team.id}/thanh-vien`}>
                  {t.addMember}
                </a>
              </p>
            </section>
          );
        })}
        <h2>{t.addTeam}</h2>
        <TeamForm action={`/quan-tri/xa/${commune.communeCode}/to`} csrf={csrf} villages={villages} />
      </>
    ),
  });
});

// ——— Teams ———

function TeamForm({
  action,
  csrf,
  villages,
  team,
  error,
}: {
  action: string;
  csrf: string;
  villages: { id: number; name: string }[];
  team?: Partial<TeamInput>;
  error?: string;
}) {
  // A province-level team has no commune: its level and village are not a choice.
  const provinceTeam = team?.level === 'province';
  return (
    <form method="post" action={action}>
      <CsrfField token={csrf} />
      <OnceField />
      {error && <Notice tone="error">{error}</Notice>}
      <div class="field">
        <FieldInput id="ten" name="ten" label={t.teamName} hint={t.teamNameHint} value={team?.name ?? ''} required maxlength={directoryLimits.teamName} />
      </div>
      {provinceTeam ? null : (
        <>
          <div class="field">
            <label for="cap">{t.level}</label>
            <select id="cap" name="cap">
              {(['village', 'commune', 'organisation'] as const).map((level) => (
                <option value={level} selected={team?.level === level}>
                  {teamLevelLabels[level]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="thon">{t.village}</label>
            <select id="thon" name="thon">
              <option value="">{t.villageNone}</option>
              {villages.map((v) => (
                <option value={String(v.id)} selected={team?.villageId === v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <div class="field">
        <FieldInput id="zalo" name="zalo" type="url" label={t.zalo} hint={t.zaloHint} value={team?.zaloUrl ?? ''} maxlength={300} />
      </div>
      <div class="field">
        <FieldInput
          id="so_qd"
          name="so_qd"
          label={t.decisionNumber}
          hint={t.decisionNumberHint}
          value={team?.decisionNumber ?? ''}
          maxlength={directoryLimits.decisionNumber}
        />
      </div>
      <div class="field">
        <FieldInput id="ngay_qd" name="ngay_qd" type="date" label={t.decisionDate} hint={t.decisionDateHint} value={team?.decisionDate ?? ''} />
      </div>
      <p>
        <button type="submit">{t.save}</button>
      </p>
    </form>
  );
}

/** Reads the team form through its schema; `villages` are the commune's; a province-level team stays one. */
async function readTeamForm(
  c: Context<AdminEnv>,
  villages: { id: number; name: string }[],
  provinceTeam = false,
): Promise<{ ok: true; team: TeamInput } | { ok: false; error: string; team: Partial<TeamInput> }> {
  const form = await readForm(c, teamFormSchema({ villages, provinceTeam }));
  if (form.ok) return { ok: true, team: form.data };
  return { ok: false, error: firstError(form.errors, teamFieldOrder), team: teamFormDraft(form.values, { villages, provinceTeam }) };
}

/** A stored team as the form and the audit log see it. */
const teamRowInput = (row: TeamRow): TeamInput => ({
  name: row.name,
  level: row.level,
  villageId: row.village_id,
  zaloUrl: row.zalo_url,
  decisionNumber: row.decision_number,
  decisionDate: row.decision_date,
});

const placeKeyOf = (team: TeamInput, place: Place) => (team.villageId !== null ? `v:${team.villageId}` : `c:${place.communeCode}`);

adminDirectory.post('/xa/:code/to', officials({ scope: communeFromPath('code') }), async (c) => {
  const db = c.var.db;
  const commune = c.get('scope');
  if (!commune) return notFound(c);
  const villages = await villagesOfCommune(db, commune.communeCode!);
  const form = await readTeamForm(c, villages);
  const again = (error: string, team: Partial<TeamInput>) =>
    adminPage(c, {
      title: t.addTeam,
      status: 400,
      main: (
        <>
          <h1>{t.addTeam}</h1>
          <TeamForm action={c.req.path} csrf={csrfToken(c)} villages={villages} team={team} error={error} />
        </>
      ),
    });
  if (!form.ok) return again(form.error, form.team);
  const team = form.team;
  const official = c.get('official');
  try {
    await writeDirectory(db, commune, [
      db
        .prepare(
          `INSERT INTO teams (level, name, name_folded, province_code, commune_code, village_id, zalo_url, decision_number, decision_date, active, place_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
        )
        .bind(
          team.level,
          team.name,
          foldVietnamese(team.name),
          commune.provinceCode,
          commune.communeCode,
          team.villageId,
          team.zaloUrl,
          team.decisionNumber,
          team.decisionDate,
          placeKeyOf(team, commune),
        ),
      auditStatement(db, { actor: official, action: 'team.create', place: commune, subjectOfLastInsert: 'team', after: team }),
    ]);
  } catch (error) {
    if (String(error).includes('UNIQUE')) return again(t.errors.duplicateTeam, team);
    throw error;
  }
  const created = await db
    .prepare('SELECT id FROM teams WHERE place_key = ? AND name_folded = ? AND removed_at IS NULL')
    .bind(placeKeyOf(team, commune), foldVietnamese(team.name))
    .first<{ id: number }>();
  return c.redirect(doneLocation(`/quan-tri/xa/${commune.communeCode}`, 'them-to', created?.id ?? 0), 303);
});

/** The list a team's changes return to: its commune, or its province's page for a province-level team. */
const teamList = (team: { province_code: string | null; commune_code: string | null }) =>
  team.commune_code ? `/quan-tri/xa/${team.commune_code}` : `/quan-tri/tinh/${team.province_code}`;

/** The team of the URL (its scope checked by the route's guard, teamFromPath). */
async function teamInScope(c: Context<AdminEnv>): Promise<{ team: TeamRow } | { response: Response | Promise<Response> }> {
  const id = parseId(c.req.param('id') ?? '');
  const team =
    id === undefined || !c.get('scope') ? null : await c.var.db.prepare('SELECT * FROM teams WHERE id = ? AND removed_at IS NULL').bind(id).first<TeamRow>();
  return team ? { team } : { response: notFound(c) };
}

adminDirectory.get('/to/:id', officials({ scope: teamFromPath }), async (c) => {
  const found = await teamInScope(c);
  if ('response' in found) return found.response;
  const team = found.team;
  const villages = team.commune_code ? await villagesOfCommune(c.var.db, team.commune_code) : [];
  const csrf = csrfToken(c);
  return adminPage(c, {
    title: t.editTeam,
    main: (
      <>
        <p>
          <a href={team.commune_code ? `/quan-tri/xa/${team.commune_code}` : '/quan-tri/'}>← {t.nav.home}</a>
        </p>
        <h1>{t.editTeam}</h1>
        <TeamForm action={`/quan-tri/to/${team.id}`} csrf={csrf} villages={villages} team={teamRowInput(team)} />
        {team.active ? (
          <p>
            <a class="button button-secondary" href={`/quan-tri/to/${team.id}/ngung`}>
              {t.deactivateTeam}
            </a>
          </p>
        ) : (
          <form method="post" action={`/quan-tri/to/${team.id}/hoat-dong`}>
            <CsrfField token={csrf} />
            <OnceField />
            <button type="submit" class="button-secondary">
              {t.reactivateTeam}
            </button>
          </form>
        )}
      </>
    ),
  });
});

adminDirectory.post('/to/:id', officials({ scope: teamFromPath }), async (c) => {
  const found = await teamInScope(c);
  if ('response' in found) return found.response;
  const before = found.team;
  const db = c.var.db;
  const place = { provinceCode: before.province_code, communeCode: before.commune_code };
  const villages = before.commune_code ? await villagesOfCommune(db, before.commune_code) : [];
  const form = await readTeamForm(c, villages, before.level === 'province');
  const again = (error: string, team: Partial<TeamInput>) =>
    adminPage(c, {
      title: t.editTeam,
      status: 400,
      main: (
        <>
          <h1>{t.editTeam}</h1>
          <TeamForm action={c.req.path} csrf={csrfToken(c)} villages={villages} team={team} error={error} />
        </>
      ),
    });
  if (!form.ok) return again(form.error, form.team);
  const team = form.team;
  try {
    await writeDirectory(db, place, [
      db
        .prepare(
          'UPDATE teams SET level = ?, name = ?, name_folded = ?, village_id = ?, zalo_url = ?, decision_number = ?, decision_date = ?, place_key = ? WHERE id = ?',
        )
        .bind(
          team.level,
          team.name,
          foldVietnamese(team.name),
          team.villageId,
          team.zaloUrl,
          team.decisionNumber,
          team.decisionDate,
          before.commune_code ? placeKeyOf(team, place) : `p:${before.province_code}`,
          before.id,
        ),
      auditStatement(db, {
        actor: c.get('official'),
        action: 'team.update',
        place,
        subject: `team:${before.id}`,
        before: { ...teamRowInput(before), active: Boolean(before.active) },
        after: team,
      }),
    ]);
  } catch (error) {
    if (String(error).includes('UNIQUE')) return again(t.errors.duplicateTeam, team);
    throw error;
  }
  return c.redirect(doneLocation(teamList(before), 'sua-to', before.id), 303);
});

for (const [path, active] of [
  ['ngung', 0],
  ['hoat-dong', 1],
] as const) {
  adminDirectory.post(`/to/:id/${path}`, officials({ scope: teamFromPath }), async (c) => {
    const found = await teamInScope(c);
    if ('response' in found) return found.response;
    const team = found.team;
    const db = c.var.db;
    const place = { provinceCode: team.province_code, communeCode: team.commune_code };
    await writeDirectory(db, place, [
      db.prepare('UPDATE teams SET active = ? WHERE id = ?').bind(active, team.id),
      auditStatement(db, {
        actor: c.get('official'),
        action: active ? 'team.reactivate' : 'team.deactivate',
        place,
        subject: `team:${team.id}`,
        before: { active: Boolean(team.active) },
        after: { active: Boolean(active) },
      }),
    ]);
    return c.redirect(doneLocation(teamList(team), active ? 'mo-to' : 'ngung-to', team.id), 303);
  });
}

// Stopping a team asks first, on its own page (no JavaScript needed); the POST above does it.
adminDirectory.get('/to/:id/ngung', officials({ scope: teamFromPath }), async (c) => {
  const found = await teamInScope(c);
  if ('response' in found) return found.response;
  const team = found.team;
  const members = await c.var.db.prepare('SELECT count(*) AS n FROM members WHERE team_id = ? AND removed_at IS NULL').bind(team.id).first<{ n: number }>();
  return confirmPage(c, {
    title: adminDoneUi.confirmDeactivateTitle(team.name),
    text: adminDoneUi.confirmDeactivate(members?.n ?? 0),
    action: `/quan-tri/to/${team.id}/ngung`,
    button: adminDoneUi.confirmDeactivateButton,
    back: `/quan-tri/to/${team.id}`,
  });
});

/** "Are you sure?" for a removal: what will happen, by name; one button that does it, one link back. */
function confirmPage(c: Context<AdminEnv>, page: { title: string; text: string; action: string; button: string; back: string }) {
  return adminPage(c, {
    title: page.title,
    main: (
      <>
        <h1>{page.title}</h1>
        <Notice tone="warning">{page.text}</Notice>
        <form method="post" action={page.action}>
          <CsrfField token={csrfToken(c)} />
          <OnceField />
          <p>
            <button type="submit" class="button-danger">
              {page.button}
            </button>
          </p>
        </form>
        <p>
          <a class="button button-secondary" href={page.back}>
            {adminDoneUi.cancel}
          </a>
        </p>
      </>
    ),
  });
}

// ——— Members ———

function MemberForm({ action, csrf, member, error }: { action: string; csrf: string; member?: Partial<MemberInput>; error?: string }) {
  return (
    <form method="post" action={action}>
      <CsrfField token={csrf} />
      <OnceField />
      {error && <Notice tone="error">{error}</Notice>}
      <div class="field">
        <FieldInput
          id="ho_ten"
          name="ho_ten"
          label={t.fullName}
          hint=""
          value={member?.fullName ?? ''}
          required
          maxlength={directoryLimits.fullName}
          autocomplete="off"
        />
      </div>
      <div class="field">
        <label for="vai_tro">{t.role}</label>
        <select id="vai_tro" name="vai_tro">
          {(['to_truong', 'to_pho', 'thanh_vien'] as const).map((role) => (
            <option value={role} selected={(member?.role ?? 'thanh_vien') === role}>
              {memberRoleLabels[role]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <FieldInput id="chuc_vu" name="chuc_vu" label={t.position} hint={t.positionHint} value={member?.position ?? ''} maxlength={directoryLimits.position} />
      </div>
      <div class="field">
        <FieldInput
          id="dien_thoai"
          name="dien_thoai"
          type="tel"
          label={t.phone}
          hint={t.phoneHint}
          value={member?.phone ?? ''}
          maxlength={20}
          autocomplete="off"
        />
      </div>
      <div class="field">
        <p class="field-hint" id="cong_khai-hint">
          {t.publishHint}
        </p>
        <label>
          <input type="checkbox" name="cong_khai" value="co" checked={member?.publishContact ?? false} aria-describedby="cong_khai-hint" /> {t.publish}
        </label>
      </div>
      <div class="field">
        <FieldInput id="ngay_dong_y" name="ngay_dong_y" type="date" label={t.consentDate} hint={t.consentDateHint} value={member?.consentDate ?? ''} />
      </div>
      <p>
        <button type="submit">{t.save}</button>
      </p>
    </form>
  );
}

/** Reads the member form through its schema (the consent date may not be after today). */
async function readMemberForm(c: Context<AdminEnv>): Promise<{ ok: true; member: MemberInput } | { ok: false; error: string; member: Partial<MemberInput> }> {
  const form = await readForm(c, memberFormSchema(today()));
  if (form.ok) return { ok: true, member: form.data };
  return { ok: false, error: firstError(form.errors, memberFieldOrder), member: memberFormDraft(form.values) };
}

const memberRowAudit = (m: MemberRow): MemberInput => ({
  fullName: m.full_name,
  role: m.role,
  position: m.position,
  phone: m.phone,
  publishContact: Boolean(m.publish_contact),
  consentDate: m.consent_date,
});

adminDirectory.get('/to/:id/thanh-vien', officials({ scope: teamFromPath }), async (c) => {
  const found = await teamInScope(c);
  if ('response' in found) return found.response;
  return adminPage(c, {
    title: t.addMember,
    main: (
      <>
        <h1>{t.addMember}</h1>
        <p>{found.team.name}</p>
        <MemberForm action={`/quan-tri/to/${found.team.id}/thanh-vien`} csrf={csrfToken(c)} member={{ consentDate: today() }} />
      </>
    ),
  });
});

adminDirectory.post('/to/:id/thanh-vien', officials({ scope: teamFromPath }), async (c) => {
  const found = await teamInScope(c);
  if ('response' in found) return found.response;
  const team = found.team;
  const db = c.var.db;
  const place = { provinceCode: team.province_code, communeCode: team.commune_code };
  const form = await readMemberForm(c);
  const again = (error: string, member: Partial<MemberInput>) =>
    adminPage(c, {
      title: t.addMember,
      status: 400,
      main: (
        <>
          <h1>{t.addMember}</h1>
          <MemberForm action={c.req.path} csrf={csrfToken(c)} member={member} error={error} />
        </>
      ),
    });
  if (!form.ok) return again(form.error, form.member);
  const m = form.member;
  const code = generateMemberCode();
  try {
    await writeDirectory(db, place, [
      db
        .prepare(
          `INSERT INTO members (code, team_id, full_name, name_folded, role, position, phone, publish_contact, consent_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(code, team.id, m.fullName, foldVietnamese(m.fullName), m.role, m.position, m.phone, m.publishContact ? 1 : 0, m.consentDate),
      auditStatement(db, { actor: c.get('official'), action: 'member.create', place, subject: `member:${code}`, after: { ...m, team: team.name } }),
    ]);
  } catch (error) {
    if (String(error).includes('UNIQUE')) return again(t.errors.duplicateMember, m);
    throw error;
  }
  const created = await db.prepare('SELECT id FROM members WHERE code = ?').bind(code).first<{ id: number }>();
  return c.redirect(doneLocation(teamList(team), 'them-tv', created?.id ?? 0), 303);
});

/** The member of the URL and their place (checked by the route's guard, memberFromPath). */
async function memberInScope(c: Context<AdminEnv>): Promise<{ member: MemberRow; place: Place } | { response: Response | Promise<Response> }> {
  const id = parseId(c.req.param('id') ?? '');
  const place = c.get('scope');
  const member =
    id === undefined || !place ? null : await c.var.db.prepare('SELECT * FROM members WHERE id = ? AND removed_at IS NULL').bind(id).first<MemberRow>();
  if (!member || !place) return { response: notFound(c) };
  return { member, place: { provinceCode: place.provinceCode, communeCode: place.communeCode } };
}

adminDirectory.get('/thanh-vien/:id', officials({ scope: memberFromPath }), async (c) => {
  const found = await memberInScope(c);
  if ('response' in found) return found.response;
  const { member, place } = found;
  const csrf = csrfToken(c);
  return adminPage(c, {
    title: t.editMember,
    main: (
      <>
        <p>
          <a href={place.communeCode ? `/quan-tri/xa/${place.communeCode}` : '/quan-tri/'}>← {t.nav.home}</a>
        </p>
        <h1>{t.editMember}</h1>
        <p>
          {t.code}: <code>{member.code}</code>
        </p>
        <MemberForm action={`/quan-tri/thanh-vien/${member.id}`} csrf={csrf} member={memberRowAudit(member)} />
        <h2>{t.removeMember}</h2>
        <p>{t.removeMemberHint}</p>
        <p>
          <a class="button button-secondary" href={`/quan-tri/thanh-vien/${member.id}/ngung`}>
            {t.removeMember}
          </a>
        </p>
      </>
    ),
  });
});

adminDirectory.post('/thanh-vien/:id', officials({ scope: memberFromPath }), async (c) => {
  const found = await memberInScope(c);
  if ('response' in found) return found.response;
  const { member: before, place } = found;
  const db = c.var.db;
  const form = await readMemberForm(c);
  const again = (error: string, member: Partial<MemberInput>) =>
    adminPage(c, {
      title: t.editMember,
      status: 400,
      main: (
        <>
          <h1>{t.editMember}</h1>
          <MemberForm action={c.req.path} csrf={csrfToken(c)} member={member} error={error} />
        </>
      ),
    });
  if (!form.ok) return again(form.error, form.member);
  const m = form.member;
  const old = memberRowAudit(before);
  try {
    await writeDirectory(db, place, [
      db
        .prepare('UPDATE members SET full_name = ?, name_folded = ?, role = ?, position = ?, phone = ?, publish_contact = ?, consent_date = ? WHERE id = ?')
        .bind(m.fullName, foldVietnamese(m.fullName), m.role, m.position, m.phone, m.publishContact ? 1 : 0, m.consentDate, before.id),
      auditStatement(db, {
        actor: c.get('official'),
        action: old.publishContact !== m.publishContact ? 'member.consent' : 'member.update',
        place,
        subject: `member:${before.code}`,
        before: old,
        after: m,
      }),
    ]);
  } catch (error) {
    if (String(error).includes('UNIQUE')) return again(t.errors.duplicateMember, m);
    throw error;
  }
  return c.redirect(doneLocation(teamList({ province_code: place.provinceCode, commune_code: place.communeCode }), 'sua-tv', before.id), 303);
});

adminDirectory.post('/thanh-vien/:id/ngung', officials({ scope: memberFromPath }), async (c) => {
  const found = await memberInScope(c);
  if ('response' in found) return found.response;
  const { member, place } = found;
  const db = c.var.db;
  await writeDirectory(db, place, [
    removeMembersSql(sql`SELECT ${member.id}`, new Date().toISOString()),
    auditStatement(db, { actor: c.get('official'), action: 'member.remove', place, subject: `member:${member.code}`, before: memberRowAudit(member) }),
  ]);
  return c.redirect(doneLocation(teamList({ province_code: place.provinceCode, commune_code: place.communeCode }), 'go-tv', member.id), 303);
});

// Removing a member asks first, on its own page (no JavaScript needed); the POST above does it.
adminDirectory.get('/thanh-vien/:id/ngung', officials({ scope: memberFromPath }), async (c) => {
  const found = await memberInScope(c);
  if ('response' in found) return found.response;
  const { member } = found;
  const team = await c.var.db.prepare('SELECT name FROM teams WHERE id = ?').bind(member.team_id).first<{ name: string }>();
  return confirmPage(c, {
    title: adminDoneUi.confirmRemoveMemberTitle(member.full_name),
    text: adminDoneUi.confirmRemoveMember(member.full_name, team?.name ?? ''),
    action: `/quan-tri/thanh-vien/${member.id}/ngung`,
    button: adminDoneUi.confirmRemoveMemberButton,
    back: `/quan-tri/thanh-vien/${member.id}`,
  });
});
