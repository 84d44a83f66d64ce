// "Hỗ trợ người dân" for officials (issue 9), mounted at /quan-tri/ho-tro/:
// the report with members' names, sign-in links for members, voiding wrong
// entries, targets. Scope is checked here, where data is read or written;
// every change goes to the audit log in the same batch as the change.
import { FieldInput } from '../../views/field.tsx';
import { vietnamDay } from '../../assists/entries.ts';
import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { ui } from '../../../site/i18n/ui.ts';
import { currentMemberSql, issueSignInLink, revokeMemberAccess, signInUrl } from '../../assists/member-auth.ts';
import { siteOrigin } from '../../site-origin.ts';
import {
  entryById,
  lockedForCommune,
  membersWithAccess,
  type OfficialView,
  recentEntries,
  saveTargets,
  targetsOf,
  voidEntry,
} from '../../assists/official-actions.ts';
import { targetsFormSchema, voidEntryFormSchema } from '../../assists/form-schemas.ts';
import { readForm } from '../../forms/read-form.ts';
import { assistReport } from '../../assists/report.ts';
import { assistSheets } from '../../assists/tables.ts';
import { indicators, taskById } from '../../assists/tasks.ts';
import { outcomeLabel } from '../../assists/outcomes.ts';
import { auditStatement } from '../../auth/audit.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { OnceField } from '../../auth/once.tsx';
import type { AdminEnv } from '../../auth/middleware.ts';
import { mustUseTwoFactor } from '../../auth/official.ts';
import { adminTwoFactorSetupUi } from '../../../site/i18n/admin-ui.ts';
import { adminPage, forbiddenPage } from '../../auth/pages.tsx';
import { entryFromPath, fromQuery, memberFromPath, officials } from '../../auth/guard.ts';
import { xlsxWorkbook, XLSX_CONTENT_TYPE } from '../../sheets/xlsx.ts';
import { csvDocument } from '../../usage/csv.ts';
import { type Period, ReportInputError, resolvePeriod, resolveScope, type Scope, scopeName, usageQuerySchema } from '../../usage/report.ts';
import { AssistsSection } from '../../views/assists-report.tsx';
import { qrSvg } from '../../views/qr-svg.ts';
import { formatDate, formatDateTime, formatNumber } from '../../../site/utils/format.ts';
import { Notice } from '../../views/notice.tsx';

const t = ui.assistsAdmin;
export const BASE = '/quan-tri/ho-tro/';

export const assistsAdmin = new Hono<AdminEnv>();

/** The guard of the pages that look at a place picked with ?xa= (and ?tinh= for national admins). */
export const atPlace = officials({ scope: fromQuery('xa') });

type Ctx = Context<AdminEnv>;

/**
 * The place an official looks at, checked by the route's guard (fromQuery):
 * their own scope, narrowed by ?tinh= (national) and ?xa= (a commune, or
 * "tinh" for a province's teams without commune).
 */
export function viewOf(c: Ctx): { view: OfficialView; provinceTeamsOnly: boolean } | Response | Promise<Response> {
  const scope = c.get('scope');
  if (!scope) return forbiddenPage(c, 'scope');
  return { view: { provinceCode: scope.provinceCode, communeCode: scope.communeCode }, provinceTeamsOnly: scope.provinceTeamsOnly ?? false };
}

/** Communes of a province that have teams, for the place picker. */
export async function communesWithTeams(db: D1Database, provinceCode: string) {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT c.code, c.name FROM teams t JOIN communes c ON c.code = t.commune_code
       WHERE t.province_code = ? AND t.active = 1 ORDER BY c.name_folded`,
    )
    .bind(provinceCode)
    .all<{ code: string; name: string }>();
  return results;
}

export function PlacePicker({
  action,
  communes,
  current,
  withProvinceTeams,
}: {
  action: string;
  communes: { code: string; name: string }[];
  current: string | undefined;
  withProvinceTeams: boolean;
}) {
  return (
    <form method="get" action={action} class="field">
      <label for="xa">{t.placeLegend}</label>
      <select id="xa" name="xa">
        <option value="">{t.wholeScope}</option>
        {withProvinceTeams && (
          <option value="tinh" selected={current === 'tinh'}>
            {t.provinceTeams}
          </option>
        )}
        {communes.map((cm) => (
          <option value={cm.code} selected={current === cm.code}>
            {cm.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit">{t.show}</button>
    </form>
  );
}

export const Back = () => (
  <p>
    <a href={BASE}>{t.back}</a>
  </p>
);

/** Officials' filter (issue 23): ?xac-nhan=1 counts only help citizens confirmed. */
const CONFIRMED_ONLY = 'xac-nhan';
const confirmedOnlyOf = (c: Ctx) => c.req.query(CONFIRMED_ONLY) === '1';

function scopeOfView(view: OfficialView): { province?: string; commune?: string } {
  return { ...(view.provinceCode ? { province: view.provinceCode } : {}), ...(view.communeCode ? { commune: view.communeCode } : {}) };
}

// The report, with members' names for this official's scope.
assistsAdmin.get('/', atPlace, async (c) => {
  const official = c.get('official');
  const found = viewOf(c);
  if (!('view' in found)) return found;
  const { view } = found;
  const parsed = usageQuerySchema.pick({ from: true, to: true }).safeParse(c.req.query());
  let scope: Scope;
  let period: Period;
  try {
    if (!parsed.success) throw new ReportInputError(400, 'bad_request', parsed.error.issues[0]?.message ?? ui.usage.badPeriodTitle);
    // Members record help on Vietnam's calendar: today is Vietnam's today (UTC+7), not UTC's.
    period = resolvePeriod(parsed.data, vietnamDay());
    scope = await resolveScope(c.var.db, found.provinceTeamsOnly ? { province: view.provinceCode! } : scopeOfView(view));
  } catch (err) {
    if (!(err instanceof ReportInputError)) throw err;
    return adminPage(c, {
      title: t.title,
      status: err.status,
      main: (
        <>
          <h1>{t.title}</h1>
          <Notice tone="error">{err.message}</Notice>
          <Back />
        </>
      ),
    });
  }
  const confirmedOnly = confirmedOnlyOf(c);
  const report = await assistReport(c.var.db, scope, period, { withMembers: true, confirmedOnly });
  const format = c.req.query('dinh-dang');
  if (format === 'ho-tro-csv' || format === 'ho-tro-xlsx') {
    const sheets = assistSheets(report, scopeName(scope));
    const csv = format === 'ho-tro-csv';
    return c.body(csv ? csvDocument(sheets[0]!.rows) : (xlsxWorkbook(sheets) as Uint8Array<ArrayBuffer>), 200, {
      'content-type': csv ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE,
      'content-disposition': `attachment; filename="ho-tro-${view.communeCode ?? view.provinceCode ?? 'toan-quoc'}-${period.from}-${period.to}.${csv ? 'csv' : 'xlsx'}"`,
    });
  }
  const xa = c.req.query('xa');
  const query = new URLSearchParams({ ...(c.req.query('tinh') ? { tinh: c.req.query('tinh')! } : {}), ...(xa ? { xa } : {}) }).toString();
  const communes = view.provinceCode && official.role !== 'commune' ? await communesWithTeams(c.var.db, view.provinceCode) : [];
  const periodQuery = `${query ? `${query}&` : ''}from=${period.from}&to=${period.to}`;
  return adminPage(c, {
    title: t.title,
    main: (
      <>
        <h1>{`${t.title}: ${scopeName(scope)}`}</h1>
        <p>{t.intro}</p>
        {communes.length > 0 && <PlacePicker action={BASE} communes={communes} current={xa} withProvinceTeams />}
        <ul>
          <li>
            <a href={`${BASE}thanh-vien/${query ? `?${query}` : ''}`}>{t.links.members}</a>
          </li>
          <li>
            <a href={`${BASE}ghi-nhan/${query ? `?${query}` : ''}`}>{t.links.entries}</a>
          </li>
          <li>
            <a href={`${BASE}chi-tieu/${query ? `?${query}` : ''}`}>{t.links.targets}</a>
          </li>
          {/* Issue 23: why help stalls, the allowance sheet and its rates, honesty checks. */}
          <li>
            <a href={`${BASE}diem-nghen/${query ? `?${query}` : ''}`}>{ui.stalls.link}</a>
          </li>
          <li>
            <a href={`${BASE}bang-ke/${query ? `?${query}` : ''}`}>{ui.allowance.link}</a>
          </li>
          <li>
            <a href={`${BASE}muc-chi/${query ? `?${query}` : ''}`}>{ui.allowance.ratesLink}</a>
          </li>
          <li>
            <a href={`${BASE}kiem-tra/${query ? `?${query}` : ''}`}>{ui.honesty.link}</a>
          </li>
        </ul>
        {raw(
          (
            <AssistsSection
              report={report}
              placeHeading={scopeName(scope)}
              downloadBase={`${BASE}?${periodQuery}${confirmedOnly ? `&${CONFIRMED_ONLY}=1` : ''}`}
              national={scope.level === 'national'}
              filter={{ href: `${BASE}?${periodQuery}${confirmedOnly ? '' : `&${CONFIRMED_ONLY}=1`}` }}
            />
          ).toString(),
        )}
      </>
    ),
  });
});

// Members and their sign-in links.
assistsAdmin.get('/thanh-vien/', atPlace, async (c) => {
  const official = c.get('official');
  const found = viewOf(c);
  if (!('view' in found)) return found;
  const { view } = found;
  const csrf = csrfToken(c);
  const xa = c.req.query('xa');
  const communes = view.provinceCode && official.role !== 'commune' ? await communesWithTeams(c.var.db, view.provinceCode) : [];
  const members = view.communeCode || found.provinceTeamsOnly ? await membersWithAccess(c.var.db, view) : null;
  // The revoke's outcome, rebuilt from numbers and a member of this list: no text from the URL is shown.
  const revokedId = Number(c.req.query('da-thu-hoi'));
  const revokedMember = members?.find((m) => m.id === revokedId);
  const count = (name: string) => Math.max(0, Math.trunc(Number(c.req.query(name)) || 0));
  const notice = revokedMember ? t.revoked(revokedMember.fullName, count('phien'), count('lien-ket')) : undefined;
  return adminPage(c, {
    title: t.membersTitle,
    main: (
      <>
        <Back />
        <h1>{t.membersTitle}</h1>
        {notice && <Notice tone="success">{notice}</Notice>}
        <p>{t.membersIntro}</p>
        {communes.length > 0 && <PlacePicker action={`${BASE}thanh-vien/`} communes={communes} current={xa} withProvinceTeams />}
        {members === null ? (
          <p>{t.chooseCommune}</p>
        ) : members.length === 0 ? (
          <p>{t.noMembers}</p>
        ) : (
          <div class="table-wrap">
            <table class="table-stack">
              <thead>
                <tr>
                  <th scope="col">{t.memberColumn}</th>
                  <th scope="col">{t.statusColumn}</th>
                  <th scope="col">{t.actionsColumn}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr>
                    <td>
                      <strong>{m.fullName}</strong>
                      <br />
                      {m.teamName}
                    </td>
                    <td data-label={t.statusColumn}>
                      {t.signedInOn(m.sessions)}
                      {m.linkExpiresAt && (
                        <>
                          <br />
                          {t.linkWaiting(formatDateTime(m.linkExpiresAt))}
                        </>
                      )}
                    </td>
                    <td data-label={t.actionsColumn}>
                      <form method="post" action={`${BASE}thanh-vien/${m.id}/lien-ket`}>
                        <CsrfField token={csrf} />
                        <OnceField />
                        <button type="submit" aria-label={`${t.issue}: ${m.fullName}`}>
                          {t.issue}
                        </button>
                      </form>
                      {(m.sessions > 0 || m.linkExpiresAt) && (
                        <form method="post" action={`${BASE}thanh-vien/${m.id}/thu-hoi`} style="margin-top:.5rem">
                          <CsrfField token={csrf} />
                          <OnceField />
                          <button type="submit" class="button-secondary" aria-label={`${t.revoke}: ${m.fullName}`}>
                            {t.revoke}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
});

/**
 * The member of a path, if still listed and inside the official's scope, with
 * whether they are current (currentMemberSql: may sign in); else the response to send.
 */
async function scopedMember(
  c: Ctx,
): Promise<{ id: number; fullName: string; current: boolean; place: { provinceCode: string | null; communeCode: string | null } } | Response> {
  const id = c.req.param('id');
  if (!id || !/^[1-9]\d{0,11}$/.test(id)) return c.notFound();
  const row = await c.var.db
    .prepare(
      `SELECT m.full_name AS fullName, t.province_code AS provinceCode, t.commune_code AS communeCode, (${currentMemberSql('m', 't')}) AS current
       FROM members m JOIN teams t ON t.id = m.team_id WHERE m.id = ? AND m.removed_at IS NULL`,
    )
    .bind(Number(id))
    .first<{ fullName: string; provinceCode: string | null; communeCode: string | null; current: number }>();
  if (!row || !c.get('scope')) return c.notFound();
  const place = { provinceCode: row.provinceCode, communeCode: row.communeCode };
  return { id: Number(id), fullName: row.fullName, current: row.current === 1, place };
}

assistsAdmin.post('/thanh-vien/:id/lien-ket', officials({ scope: memberFromPath }), async (c) => {
  const official = c.get('official');
  const member = await scopedMember(c);
  if (member instanceof Response) return member;
  if (!member.current) return c.notFound();
  const { token, expiresAt } = await issueSignInLink(c.var.db, member.id, `official:${official.username}`, Date.now(), (expires) =>
    auditStatement(c.var.db, {
      actor: official,
      action: 'member.sign_in_link.issue',
      place: member.place,
      subject: `member:${member.id}`,
      after: { expiresAt: new Date(expires).toISOString() },
    }),
  );
  // The deployed origin, never the request's Host: this link is printed as a QR code and handed out.
  const url = signInUrl(siteOrigin(c.env), token);
  return adminPage(c, {
    title: t.linkTitle(member.fullName),
    main: (
      <>
        <p>
          <a href={`${BASE}thanh-vien/${member.place.communeCode ? `?xa=${member.place.communeCode}` : ''}`}>{t.back}</a>
        </p>
        <h1>{t.linkTitle(member.fullName)}</h1>
        <p>{t.linkScan}</p>
        {raw(qrSvg(url, { size: 240, label: t.qrLabel(member.fullName) }))}
        <p class="field">
          <label for="lien-ket">{t.linkCopy}</label>
          <input id="lien-ket" type="text" readonly value={url} style="width:100%" />
        </p>
        <p>{t.linkOnce(formatDateTime(expiresAt))}</p>
      </>
    ),
  });
});

assistsAdmin.post('/thanh-vien/:id/thu-hoi', officials({ scope: memberFromPath }), async (c) => {
  const official = c.get('official');
  const member = await scopedMember(c);
  if (member instanceof Response) return member;
  const revoked = await revokeMemberAccess(c.var.db, member.id, Date.now(), (counts) =>
    auditStatement(c.var.db, { actor: official, action: 'member.access.revoke', place: member.place, subject: `member:${member.id}`, after: counts }),
  );
  const back = new URLSearchParams({
    ...(member.place.communeCode ? { xa: member.place.communeCode } : {}),
    'da-thu-hoi': String(member.id),
    phien: String(revoked.sessions),
    'lien-ket': String(revoked.links),
  });
  return c.redirect(`${BASE}thanh-vien/?${back}`, 303);
});

// Recent entries with a void button each.
assistsAdmin.get('/ghi-nhan/', atPlace, async (c) => {
  const found = viewOf(c);
  if (!('view' in found)) return found;
  const csrf = csrfToken(c);
  const confirmedOnly = confirmedOnlyOf(c);
  const entries = await recentEntries(c.var.db, found.view, 100, { confirmedOnly });
  const xa = c.req.query('xa');
  const filterQuery = new URLSearchParams({ ...(xa ? { xa } : {}), ...(confirmedOnly ? {} : { [CONFIRMED_ONLY]: '1' }) }).toString();
  const done = c.req.query('ket-qua');
  return adminPage(c, {
    title: t.entriesTitle,
    main: (
      <>
        <Back />
        <h1>{t.entriesTitle}</h1>
        {done && <Notice tone="success">{done === 'da-huy' ? t.voided : t.alreadyVoided}</Notice>}
        <p>{t.entriesIntro}</p>
        {confirmedOnly && (
          <p class="notice notice-success" role="status">
            {ui.confirm.filterOn}
          </p>
        )}
        <p>
          <a href={`${BASE}ghi-nhan/${filterQuery ? `?${filterQuery}` : ''}`}>{confirmedOnly ? ui.confirm.filterShowAll : ui.confirm.filterShowConfirmed}</a>
        </p>
        {entries.length === 0 ? (
          <p>{t.noEntries}</p>
        ) : (
          <ul class="assist-history" style="list-style:none;padding:0">
            {entries.map((e) => (
              <li style="border-top:1px solid #d0d5da;padding:.5rem 0">
                <strong>{formatDate(e.day)}</strong> · {taskById.get(e.task)?.label ?? e.task} · {formatNumber(e.people)} người ·{' '}
                {ui.confirm.entryConfirmed(e.confirmed)} · {e.memberName} ({e.teamName}){e.outcome !== null && <> · {outcomeLabel(e.outcome)}</>}
                {e.voidedAt !== null ? (
                  <>
                    {' '}
                    · <em>{t.voidedBy(e.voidedBy ?? '')}</em>
                  </>
                ) : (
                  <form method="post" action={`${BASE}ghi-nhan/${e.id}/huy`}>
                    <CsrfField token={csrf} />
                    <OnceField />
                    <button type="submit" class="button-secondary" aria-label={`${t.voidButton}: ${e.memberName}, ${formatDate(e.day)}`}>
                      {t.voidButton}
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
});

/** The entry of a path (:id) whose place the route's guard (entryFromPath) has checked; else 404. */
export async function scopedEntry(c: Ctx): Promise<NonNullable<Awaited<ReturnType<typeof entryById>>> | Response> {
  const id = c.req.param('id');
  if (!id || !/^[1-9]\d{0,11}$/.test(id) || !c.get('scope')) return c.notFound();
  return (await entryById(c.var.db, Number(id))) ?? c.notFound();
}

assistsAdmin.post('/ghi-nhan/:id/huy', officials({ scope: entryFromPath }), async (c) => {
  const entry = await scopedEntry(c);
  if (entry instanceof Response) return entry;
  const done = await voidEntry(c.var.db, c.get('official'), entry);
  const back = new URLSearchParams({ ...(entry.communeCode ? { xa: entry.communeCode } : {}), 'ket-qua': done ? 'da-huy' : 'da-huy-truoc' });
  // Voided from the honesty checks' list (issue 23): back to that list.
  const form = await readForm(c, voidEntryFormSchema);
  return c.redirect(`${BASE}${form.ok ? form.data.ve : 'ghi-nhan'}/?${back}`, 303);
});

// Targets of the province (no ?xa=) or of one commune.
async function targetsPage(
  c: Ctx,
  form?: { values: Record<string, unknown>; errors: Record<string, string>; message?: string },
  saved?: number,
  typed?: Record<string, string>,
) {
  const official = c.get('official');
  const found = viewOf(c);
  if (!('view' in found)) return found;
  const { view } = found;
  if (!view.provinceCode || found.provinceTeamsOnly) {
    return adminPage(c, {
      title: t.targetsTitle,
      main: (
        <>
          <Back />
          <h1>{t.targetsTitle}</h1>
          <p>{t.chooseProvince}</p>
        </>
      ),
    });
  }
  const existing = await targetsOf(c.var.db, view.provinceCode, view.communeCode);
  const placeRow = view.communeCode
    ? await c.var.db
        .prepare("SELECT c.name || ', ' || p.name AS name FROM communes c JOIN provinces p ON p.code = c.province_code WHERE c.code = ?")
        .bind(view.communeCode)
        .first<{ name: string }>()
    : await c.var.db.prepare('SELECT name FROM provinces WHERE code = ?').bind(view.provinceCode).first<{ name: string }>();
  const communes = official.role !== 'commune' ? await communesWithTeams(c.var.db, view.provinceCode) : [];
  const csrf = csrfToken(c);
  const commune = official.role === 'commune';
  const value = (name: string, fallback: number | null | undefined) =>
    form ? String(form.values[name] ?? '') : typed ? (typed[name] ?? '') : fallback === null || fallback === undefined ? '' : String(fallback);
  const hereQuery = new URLSearchParams({
    ...(c.req.query('tinh') ? { tinh: c.req.query('tinh')! } : {}),
    ...(view.communeCode ? { xa: view.communeCode } : {}),
  }).toString();
  const here = `${BASE}chi-tieu/${hereQuery ? `?${hereQuery}` : ''}`;
  // Before two-step sign-in is on, "Lưu" leads to its set-up carrying what was typed (a GET: nothing saved yet), and back.
  const setUpFirst = mustUseTwoFactor(official) && !official.twoFactorEnabled;
  return adminPage(c, {
    title: t.targetsTitle,
    status: form ? (form.message === t.lockedError ? 403 : 400) : 200,
    main: (
      <>
        <Back />
        <h1>{t.targetsFor(placeRow?.name ?? '')}</h1>
        {saved !== undefined && <Notice tone="success">{t.saved(saved)}</Notice>}
        {form && <Notice tone="error">{form.message ?? t.errors}</Notice>}
        <p>{t.targetsIntro}</p>
        {communes.length > 0 && (
          <PlacePicker action={`${BASE}chi-tieu/`} communes={communes} current={view.communeCode ?? undefined} withProvinceTeams={false} />
        )}
        {setUpFirst && <Notice tone="warning">{adminTwoFactorSetupUi.neededFirst}</Notice>}
        <form method={setUpFirst ? 'get' : 'post'} action={setUpFirst ? '/quan-tri/hai-buoc/cai-dat' : here}>
          {setUpFirst ? (
            <input type="hidden" name="tiep" value={here} />
          ) : (
            <>
              <CsrfField token={csrf} />
              <OnceField />
            </>
          )}
          {indicators.map((ind) => {
            const row = existing.get(ind.id);
            const locked = commune && lockedForCommune(row);
            const tName = `muc-tieu-${ind.id}`;
            const dName = `mau-so-${ind.id}`;
            return (
              <fieldset>
                <legend>{ind.label}</legend>
                {locked && <p class="field-hint">{t.lockedByProvince}</p>}
                {[
                  { name: tName, label: t.targetLabel, stored: row?.target },
                  { name: dName, label: t.denominatorLabel, stored: row?.denominator },
                ].map((field) => (
                  <div class="field">
                    <FieldInput
                      id={field.name}
                      name={field.name}
                      label={field.label}
                      type="text"
                      inputmode="numeric"
                      autocomplete="off"
                      value={value(field.name, field.stored)}
                      readonly={locked}
                      error={form?.errors[field.name]}
                    />
                  </div>
                ))}
              </fieldset>
            );
          })}
          <p>
            <button type="submit">{t.save}</button>
          </p>
        </form>
      </>
    ),
  });
}

assistsAdmin.get('/chi-tieu/', atPlace, async (c) => {
  const saved = c.req.query('da-luu');
  // Numbers typed before two-step set-up, carried back (shown in the form, not saved until "Lưu").
  const typed = Object.fromEntries(
    Object.entries(c.req.query())
      .filter(([name]) => /^(muc-tieu|mau-so)-[a-z0-9-]+$/.test(name))
      .map(([name, v]) => [name, v.slice(0, 40)]),
  );
  return targetsPage(
    c,
    undefined,
    saved !== undefined && /^\d{1,3}$/.test(saved) ? Number(saved) : undefined,
    Object.keys(typed).length > 0 ? typed : undefined,
  );
});

assistsAdmin.post('/chi-tieu/', atPlace, async (c) => {
  const official = c.get('official');
  const found = viewOf(c);
  if (!('view' in found)) return found;
  const { view } = found;
  if (!view.provinceCode || found.provinceTeamsOnly) return targetsPage(c);
  const form = await readForm(c, targetsFormSchema);
  if (!form.ok) return targetsPage(c, { values: form.values, errors: form.errors });
  const inputs = form.data;
  const existing = await targetsOf(c.var.db, view.provinceCode, view.communeCode);
  if (official.role === 'commune') {
    // Only indicators the province has not set; anything else sent is refused whole.
    const touchesLocked = inputs.some((input) => {
      const row = existing.get(input.indicator);
      return lockedForCommune(row) && (row!.target !== input.target || row!.denominator !== input.denominator);
    });
    if (touchesLocked) return targetsPage(c, { values: form.values, errors: {}, message: t.lockedError });
  }
  const changed = await saveTargets(c.var.db, official, { provinceCode: view.provinceCode, communeCode: view.communeCode }, inputs, existing);
  const back = new URLSearchParams({
    ...(c.req.query('tinh') ? { tinh: c.req.query('tinh')! } : {}),
    ...(view.communeCode ? { xa: view.communeCode } : {}),
    'da-luu': String(changed),
  });
  return c.redirect(`${BASE}chi-tieu/?${back}`, 303);
});
