// Issue 23 for officials, under /quan-tri/ho-tro/: why help stalls ("bản đồ
// điểm nghẽn"), the allowance sheet and the province's rates, honesty checks.
// Scope is checked here through viewOf (the same place picker as the other
// "Hỗ trợ người dân" pages); every change and every sheet shown or
// downloaded goes to the audit log.
import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { ui } from '../../../site/i18n/ui.ts';
import { formatDate, formatDateTime, formatNumber } from '../../../site/utils/format.ts';
import { allowanceDownloadAudit, allowanceSheets, allowanceWorkbook, monthLabel, monthPattern, ratesHistory, saveRates } from '../../assists/activity.ts';
import { ratesFormSchema } from '../../assists/form-schemas.ts';
import { readForm } from '../../forms/read-form.ts';
import { vietnamDay } from '../../assists/entries.ts';
import { flaggedEntries, markChecked } from '../../assists/honesty.ts';
import { stallReport, stallRows } from '../../assists/stalls.ts';
import { taskById } from '../../assists/tasks.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { OnceField } from '../../auth/once.tsx';
import type { AdminEnv } from '../../auth/middleware.ts';
import { adminPage, forbiddenPage } from '../../auth/pages.tsx';
import { xlsxWorkbook, XLSX_CONTENT_TYPE } from '../../sheets/xlsx.ts';
import { csvDocument } from '../../usage/csv.ts';
import { type Period, ReportInputError, resolvePeriod, usageQuerySchema } from '../../usage/report.ts';
import { allowanceCss, printButtonScript } from '../../views/inline-assets.ts';
import { StallsSection } from '../../views/stalls-report.tsx';
import { AllowanceSignatures, AllowanceTable } from '../../views/allowance-sheet.tsx';
import { atPlace, Back, BASE, communesWithTeams, PlacePicker, scopedEntry, viewOf } from './assists.tsx';
import { entryFromPath, fromQuery, officials } from '../../auth/guard.ts';

export const assistsTrustAdmin = new Hono<AdminEnv>();

type Ctx = Context<AdminEnv>;
type View = { provinceCode: string | null; communeCode: string | null; provinceTeamsOnly: boolean };

/** The view of the request (403 response outside the official's scope). */
async function placeOf(c: Ctx): Promise<View | Response> {
  const found = await viewOf(c);
  return found instanceof Response ? found : { ...found.view, provinceTeamsOnly: found.provinceTeamsOnly };
}

/** Name of a view's place, for headings and the CSV's "Địa bàn" cells. */
async function viewName(db: D1Database, view: View): Promise<string> {
  if (view.communeCode) {
    const row = await db
      .prepare("SELECT c.name || ', ' || p.name AS name FROM communes c JOIN provinces p ON p.code = c.province_code WHERE c.code = ?")
      .bind(view.communeCode)
      .first<{ name: string }>();
    return row?.name ?? view.communeCode;
  }
  if (!view.provinceCode) return ui.usage.nationalLink;
  const row = await db.prepare('SELECT name FROM provinces WHERE code = ?').bind(view.provinceCode).first<{ name: string }>();
  const name = row?.name ?? view.provinceCode;
  return view.provinceTeamsOnly ? `${ui.assistsAdmin.provinceTeams}, ${name}` : name;
}

/** ?tinh= and ?xa= of the request, to carry on links and forms. */
function placeQuery(c: Ctx): Record<string, string> {
  const tinh = c.req.query('tinh');
  const xa = c.req.query('xa');
  return { ...(tinh ? { tinh } : {}), ...(xa ? { xa } : {}) };
}

/** Hidden inputs carrying ?tinh= and ?xa= through a GET form. */
const PlaceFields = ({ query }: { query: Record<string, string> }) => (
  <>
    {Object.entries(query).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
  </>
);

function periodOf(c: Ctx): Period | ReportInputError {
  const parsed = usageQuerySchema.pick({ from: true, to: true }).safeParse(c.req.query());
  try {
    if (!parsed.success) throw new ReportInputError(400, 'bad_request', parsed.error.issues[0]?.message ?? ui.usage.badPeriodTitle);
    return resolvePeriod(parsed.data, vietnamDay());
  } catch (err) {
    if (err instanceof ReportInputError) return err;
    throw err;
  }
}

const errorPage = (c: Ctx, title: string, status: 400 | 403, message: string) =>
  adminPage(c, {
    title,
    status,
    main: (
      <>
        <Back />
        <h1>{title}</h1>
        <p class="notice notice-error" role="alert">
          {message}
        </p>
      </>
    ),
  });

/** The place (403 outside the scope) and the period (400 when malformed) of a report page. */
async function viewAndPeriod(c: Ctx, title: string): Promise<{ view: View; period: Period } | Response> {
  const view = await placeOf(c);
  if (view instanceof Response) return view;
  const period = periodOf(c);
  return period instanceof ReportInputError ? errorPage(c, title, 400, period.message) : { view, period };
}

function PeriodForm({ action, period, query }: { action: string; period: Period; query: Record<string, string> }) {
  const s = ui.stalls;
  return (
    <form method="get" action={action}>
      <PlaceFields query={query} />
      <fieldset>
        <legend>{s.periodLegend}</legend>
        <p class="field">
          <label for="from">{s.from}</label> <input id="from" name="from" type="date" value={period.from} />
        </p>
        <p class="field">
          <label for="to">{s.to}</label> <input id="to" name="to" type="date" value={period.to} />
        </p>
        <button type="submit">{ui.assistsAdmin.show}</button>
      </fieldset>
    </form>
  );
}

async function picker(c: Ctx, view: View, action: string) {
  const official = c.get('official');
  if (!view.provinceCode || official.role === 'commune') return null;
  const communes = await communesWithTeams(c.var.db, view.provinceCode);
  return communes.length > 0 ? <PlacePicker action={action} communes={communes} current={c.req.query('xa')} withProvinceTeams /> : null;
}

// ——— Bản đồ điểm nghẽn ———

assistsTrustAdmin.get('/diem-nghen/', atPlace, async (c) => {
  const s = ui.stalls;
  const found = await viewAndPeriod(c, s.title);
  if (found instanceof Response) return found;
  const { view, period } = found;
  const [report, name] = await Promise.all([stallReport(c.var.db, view, period), viewName(c.var.db, view)]);
  if (c.req.query('dinh-dang') === 'csv') {
    return c.body(csvDocument(stallRows(report, name)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="diem-nghen-${view.communeCode ?? view.provinceCode ?? 'toan-quoc'}-${period.from}-${period.to}.csv"`,
    });
  }
  const query = placeQuery(c);
  const csvHref = `${BASE}diem-nghen/?${new URLSearchParams({ ...query, from: period.from, to: period.to, 'dinh-dang': 'csv' })}`;
  return adminPage(c, {
    title: s.title,
    main: (
      <>
        <Back />
        <h1>{s.heading(name)}</h1>
        <p>{s.intro}</p>
        {await picker(c, view, `${BASE}diem-nghen/`)}
        <PeriodForm action={`${BASE}diem-nghen/`} period={period} query={query} />
        <StallsSection report={report} />
        <p>
          <a class="button button-secondary" href={csvHref} download>
            {s.csvLink}
          </a>
        </p>
      </>
    ),
  });
});

// ——— The allowance sheet ———

assistsTrustAdmin.get('/bang-ke/', atPlace, async (c) => {
  const a = ui.allowance;
  const view = await placeOf(c);
  if (view instanceof Response) return view;
  if (!view.provinceCode) return errorPage(c, a.title, 400, a.chooseProvince);
  const month = c.req.query('thang') ?? vietnamDay().slice(0, 7);
  if (!monthPattern.test(month)) return errorPage(c, a.title, 400, a.badMonth);
  const data = await allowanceSheets(c.var.db, view, month);
  const official = c.get('official');
  const xlsx = c.req.query('dinh-dang') === 'xlsx';
  // Shown (to print) or downloaded: either way in the audit log, before the data leaves.
  await allowanceDownloadAudit(c.var.db, official, view, month, xlsx ? 'xlsx' : 'print').run();
  const place = view.communeCode ?? (view.provinceTeamsOnly ? `${view.provinceCode}-tinh` : view.provinceCode);
  if (xlsx) {
    return c.body(xlsxWorkbook(allowanceWorkbook(data)) as Uint8Array<ArrayBuffer>, 200, {
      'content-type': XLSX_CONTENT_TYPE,
      'content-disposition': `attachment; filename="bang-ke-${place}-${month}.xlsx"`,
    });
  }
  const query = placeQuery(c);
  const withAmount = data.rates.perMemberDay !== null || data.rates.perTeamMonth !== null;
  const rateText = (n: number | null) => (n === null ? a.noRate : `${formatNumber(n)} đ`);
  return adminPage(c, {
    title: a.title,
    main: (
      <>
        <style>{raw(allowanceCss)}</style>
        <div class="no-print">
          <Back />
          <p>{a.intro}</p>
          {await picker(c, view, `${BASE}bang-ke/`)}
          <form method="get" action={`${BASE}bang-ke/`} class="field">
            <PlaceFields query={query} />
            <label for="thang">{a.monthLabel}</label> <input id="thang" name="thang" type="month" value={month} /> <button type="submit">{a.show}</button>
          </form>
          <p>
            <button type="button" data-print>
              {a.print}
            </button>{' '}
            <a class="button button-secondary" href={`${BASE}bang-ke/?${new URLSearchParams({ ...query, thang: month, 'dinh-dang': 'xlsx' })}`} download>
              {a.xlsx}
            </a>
          </p>
          <p>{a.audited}</p>
        </div>
        <h1>{a.heading(monthLabel(month))}</h1>
        <p>{withAmount ? a.ratesLine(rateText(data.rates.perMemberDay), rateText(data.rates.perTeamMonth)) : a.noRates}</p>
        {data.sheets.length === 0 && <p>{a.noMembers}</p>}
        {data.sheets.map((sheet) => (
          <section class="allowance-sheet" aria-labelledby={`bang-ke-${sheet.communeCode || 'tinh'}`}>
            <h2 id={`bang-ke-${sheet.communeCode || 'tinh'}`}>{a.place(sheet.communeName, data.provinceName)}</h2>
            {/* Each commune prints on its own page: the month goes with it. */}
            <p>{a.sheetMonth(monthLabel(month))}</p>
            <AllowanceTable sheet={sheet} withAmount={withAmount} />
            <AllowanceSignatures />
          </section>
        ))}
        <script>{raw(printButtonScript)}</script>
      </>
    ),
  });
});

// ——— The province's rates ———

async function ratesPage(c: Ctx, form?: { values: Record<string, unknown>; errors: Record<string, string> }, notice?: string) {
  const a = ui.allowance;
  const view = await placeOf(c);
  if (view instanceof Response) return view;
  if (!view.provinceCode) return errorPage(c, a.ratesTitle, 400, a.chooseProvince);
  const official = c.get('official');
  const canEdit = official.role !== 'commune';
  const thisMonth = vietnamDay().slice(0, 7);
  const history = await ratesHistory(c.var.db, view.provinceCode);
  // The form starts from the rates in force this month.
  const current = history.find((r) => r.fromMonth <= thisMonth);
  const province = await viewName(c.var.db, { provinceCode: view.provinceCode, communeCode: null, provinceTeamsOnly: false });
  const value = (name: string, fallback: string) => (form ? String(form.values[name] ?? '') : fallback);
  const tinh = c.req.query('tinh');
  const rateText = (n: number | null) => (n === null ? a.noRate : `${formatNumber(n)} đ`);
  const field = (name: 'muc-ngay' | 'muc-thang' | 'tu-thang', label: string, fallback: string, hint?: string) => {
    const error = form?.errors[name];
    const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return (
      <p class="field">
        <label for={name}>{label}</label>
        {hint && (
          <span class="field-hint" id={`${name}-hint`}>
            {hint}
          </span>
        )}
        <input
          id={name}
          name={name}
          type={name === 'tu-thang' ? 'month' : 'text'}
          inputmode={name === 'tu-thang' ? undefined : 'numeric'}
          value={value(name, fallback)}
          readonly={!canEdit}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
        />
        {error && (
          <span class="field-error" id={`${name}-error`}>
            {error}
          </span>
        )}
      </p>
    );
  };
  return adminPage(c, {
    title: a.ratesTitle,
    status: form ? 400 : 200,
    main: (
      <>
        <Back />
        <h1>{a.ratesFor(province)}</h1>
        {notice && (
          <p class="notice notice-success" role="status">
            {notice}
          </p>
        )}
        {form && (
          <p class="notice notice-error" role="alert">
            {a.ratesErrors}
          </p>
        )}
        <p>{a.ratesIntro}</p>
        {!canEdit && <p class="notice">{a.ratesReadOnly}</p>}
        <form method="post" action={`${BASE}muc-chi/${tinh ? `?${new URLSearchParams({ tinh })}` : ''}`}>
          <CsrfField token={csrfToken(c)} />
          <OnceField />
          {field('muc-ngay', a.perMemberDay, current?.perMemberDay ? String(current.perMemberDay) : '')}
          {field('muc-thang', a.perTeamMonth, current?.perTeamMonth ? String(current.perTeamMonth) : '')}
          {field('tu-thang', a.fromMonth, thisMonth, a.fromMonthHint)}
          {canEdit && (
            <p>
              <button type="submit">{a.ratesSave}</button>
            </p>
          )}
        </form>
        {history.length > 0 && (
          <>
            <h2>{a.historyHeading}</h2>
            <div class="table-wrap">
              <table class="table-stack">
                <thead>
                  <tr>
                    <th scope="col">{a.historyFrom}</th>
                    <th scope="col">{a.perMemberDay}</th>
                    <th scope="col">{a.perTeamMonth}</th>
                    <th scope="col">{a.historySetBy}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((r) => (
                    <tr>
                      <td>
                        {monthLabel(r.fromMonth)}
                        {r === current && <> ({a.current})</>}
                      </td>
                      <td data-label={a.perMemberDay}>{rateText(r.perMemberDay)}</td>
                      <td data-label={a.perTeamMonth}>{rateText(r.perTeamMonth)}</td>
                      <td data-label={a.historySetBy}>{`${r.setBy}, ${formatDateTime(r.updatedAt)}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </>
    ),
  });
}

assistsTrustAdmin.get('/muc-chi/', atPlace, (c) => {
  const done = c.req.query('ket-qua');
  return ratesPage(c, undefined, done === 'da-luu' ? ui.allowance.ratesSaved : done === 'khong-doi' ? ui.allowance.ratesUnchanged : undefined);
});

assistsTrustAdmin.post('/muc-chi/', officials({ roles: ['province', 'national'], scope: fromQuery('xa') }), async (c) => {
  const view = await placeOf(c);
  if (view instanceof Response) return view;
  const official = c.get('official');
  // Rates are the province's: its admins (and national) set them; two-step sign-in is enforced for them by the route's guard.
  if (official.role === 'commune') return forbiddenPage(c, 'scope');
  if (!view.provinceCode) return ratesPage(c);
  const form = await readForm(c, ratesFormSchema);
  if (!form.ok) return ratesPage(c, { values: form.values, errors: form.errors });
  const changed = await saveRates(c.var.db, official, view.provinceCode, form.data.fromMonth, form.data.rates);
  const tinh = c.req.query('tinh');
  return c.redirect(`${BASE}muc-chi/?${new URLSearchParams({ ...(tinh ? { tinh } : {}), 'ket-qua': changed ? 'da-luu' : 'khong-doi' })}`, 303);
});

// ——— Honesty checks ———

assistsTrustAdmin.get('/kiem-tra/', atPlace, async (c) => {
  const h = ui.honesty;
  const found = await viewAndPeriod(c, h.title);
  if (found instanceof Response) return found;
  const { view, period } = found;
  const entries = await flaggedEntries(c.var.db, view, period);
  const csrf = csrfToken(c);
  const done = c.req.query('ket-qua');
  const notice =
    done === 'da-kiem-tra'
      ? h.checked
      : done === 'da-kiem-tra-truoc'
        ? h.alreadyChecked
        : done === 'da-huy'
          ? h.voided
          : done === 'da-huy-truoc'
            ? ui.assistsAdmin.alreadyVoided
            : undefined;
  return adminPage(c, {
    title: h.title,
    main: (
      <>
        <Back />
        <h1>{h.title}</h1>
        {notice && (
          <p class="notice notice-success" role="status">
            {notice}
          </p>
        )}
        <p>{h.intro}</p>
        {await picker(c, view, `${BASE}kiem-tra/`)}
        <PeriodForm action={`${BASE}kiem-tra/`} period={period} query={placeQuery(c)} />
        {entries.length === 0 ? (
          <p>{h.none}</p>
        ) : (
          <ul class="assist-history honesty-list">
            {entries.map((e) => (
              <li data-entry={String(e.id)}>
                <strong>{formatDate(e.day)}</strong> · {taskById.get(e.task)?.label ?? e.task} · {formatNumber(e.people)} người · {e.memberName} ({e.teamName})
                · {h.recordedAt(formatDateTime(e.createdAt))} · {h.confirmed(e.confirmed)}
                <ul>
                  {e.reasons.map((r) => (
                    <li>{h.reasons[r]}</li>
                  ))}
                </ul>
                {e.voidedAt !== null ? (
                  <p>
                    <em>{ui.member.voided}</em>
                  </p>
                ) : (
                  <>
                    {e.checkedBy !== null && e.checkedAt !== null ? (
                      <p>
                        <em>{h.checkedBy(e.checkedBy, formatDateTime(e.checkedAt))}</em>
                      </p>
                    ) : (
                      <form method="post" action={`${BASE}kiem-tra/${e.id}/da-kiem-tra`}>
                        <CsrfField token={csrf} />
                        <OnceField />
                        <button type="submit" aria-label={`${h.markChecked}: ${e.memberName}, ${formatDate(e.day)}`}>
                          {h.markChecked}
                        </button>
                      </form>
                    )}
                    <form method="post" action={`${BASE}ghi-nhan/${e.id}/huy`}>
                      <CsrfField token={csrf} />
                      <OnceField />
                      <input type="hidden" name="ve" value="kiem-tra" />
                      <button type="submit" class="button-secondary" aria-label={`${ui.assistsAdmin.voidButton}: ${e.memberName}, ${formatDate(e.day)}`}>
                        {ui.assistsAdmin.voidButton}
                      </button>
                    </form>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
});

assistsTrustAdmin.post('/kiem-tra/:id/da-kiem-tra', officials({ scope: entryFromPath }), async (c) => {
  const entry = await scopedEntry(c);
  if (entry instanceof Response) return entry;
  const done = await markChecked(c.var.db, c.get('official'), entry);
  const back = new URLSearchParams({ ...(entry.communeCode ? { xa: entry.communeCode } : {}), 'ket-qua': done ? 'da-kiem-tra' : 'da-kiem-tra-truoc' });
  return c.redirect(`${BASE}kiem-tra/?${back}`, 303);
});
