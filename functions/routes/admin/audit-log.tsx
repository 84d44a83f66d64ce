import { Hono, type Context } from 'hono';
import { adminAuditUi } from '../../../site/i18n/admin-ui.ts';
import { formatDateTime } from '../../../site/utils/format.ts';
import type { AdminEnv } from '../../auth/middleware.ts';
import { officials, scopeWhere } from '../../auth/guard.ts';
import { AdminHomeLink, adminPage } from '../../auth/pages.tsx';
import { csvDocument } from '../../usage/csv.ts';
import { Notice } from '../../views/notice.tsx';
import { actionOfSlug, actorText, auditActions, type AuditRow, changeLines, headline, placeText, readAuditNames, subjectText } from './audit-text.ts';

const t = adminAuditUi;
const pageSize = 50;
/** Rows in one CSV download (the newest, within the filters). */
const csvLimit = 5000;

/**
 * /quan-tri/nhat-ky: the audit log of the official's scope and the scopes
 * below, newest first, in plain Vietnamese (functions/routes/admin/audit-text.ts):
 * filters by official (`ai`), action (`viec`) and Vietnam dates (`tu`, `den`),
 * and the same rows as CSV (`dinh-dang=csv`).
 */
export const adminAuditLog = new Hono<AdminEnv>();

/** The one scope filter (functions/auth/guard.ts), on audit_log's place columns. */
const scopeCondition = (c: Context<AdminEnv>, alias = '') =>
  scopeWhere(c.get('scope') ?? c.get('official'), { province: `${alias}province_code`, commune: `${alias}commune_code` });

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
/** Start of a Vietnam day (UTC+7, no daylight saving), in ms; undefined if not a real date. */
function vietnamDayStart(day: string): number | undefined {
  if (!dayPattern.test(day)) return undefined;
  const ms = Date.parse(`${day}T00:00:00+07:00`);
  return Number.isNaN(ms) || new Date(ms + 7 * 3600_000).toISOString().slice(0, 10) !== day ? undefined : ms;
}

interface Filters {
  officialId?: number;
  action?: string;
  from?: number;
  to?: number;
  text: { ai: string; viec: string; tu: string; den: string };
  bad: boolean;
}

function readFilters(c: Context<AdminEnv>): Filters {
  const text = { ai: c.req.query('ai') ?? '', viec: c.req.query('viec') ?? '', tu: c.req.query('tu') ?? '', den: c.req.query('den') ?? '' };
  const from = text.tu ? vietnamDayStart(text.tu) : undefined;
  const toStart = text.den ? vietnamDayStart(text.den) : undefined;
  return {
    ...(/^\d{1,12}$/.test(text.ai) ? { officialId: Number(text.ai) } : {}),
    ...(actionOfSlug.has(text.viec) ? { action: actionOfSlug.get(text.viec)! } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(toStart !== undefined ? { to: toStart + 24 * 3600_000 } : {}),
    text,
    bad: (text.tu !== '' && from === undefined) || (text.den !== '' && toStart === undefined),
  };
}

async function readRows(c: Context<AdminEnv>, filters: Filters, limit: number, beforeId: number): Promise<AuditRow[]> {
  const scope = scopeCondition(c, 'a.');
  const where = [scope.where, 'a.id < ?'];
  const binds: unknown[] = [...scope.binds, beforeId];
  if (filters.officialId !== undefined) {
    where.push('a.official_id = ?');
    binds.push(filters.officialId);
  }
  if (filters.action !== undefined) {
    where.push('a.action = ?');
    binds.push(filters.action);
  }
  if (filters.from !== undefined) {
    where.push('a.at >= ?');
    binds.push(filters.from);
  }
  if (filters.to !== undefined) {
    where.push('a.at < ?');
    binds.push(filters.to);
  }
  return (
    await c.var.db
      .prepare(
        `SELECT a.*, o.display_name AS actor_name FROM audit_log a LEFT JOIN officials o ON o.id = a.official_id WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT ?`,
      )
      .bind(...binds, limit)
      .all<AuditRow>()
  ).results;
}

/** Officials the filter offers: the official and everyone in their scope (by name). */
async function officialsInScope(c: Context<AdminEnv>) {
  const official = c.get('official');
  const scope = scopeCondition(c);
  return (
    await c.var.db
      .prepare(`SELECT id, display_name, username FROM officials WHERE id = ? OR (${scope.where}) ORDER BY display_name LIMIT 500`)
      .bind(official.id, ...scope.binds)
      .all<{ id: number; display_name: string; username: string }>()
  ).results;
}

const query = (text: Filters['text'], extra: Record<string, string> = {}) =>
  new URLSearchParams(Object.entries({ ...text, ...extra }).filter(([, v]) => v !== '')).toString();

function FilterForm({ filters, officials }: { filters: Filters; officials: { id: number; display_name: string; username: string }[] }) {
  return (
    <form method="get" action="/quan-tri/nhat-ky" class="audit-filters" aria-label={t.filters}>
      <div class="field">
        <label for="ai">{t.official}</label>
        <select id="ai" name="ai">
          <option value="">{t.anyOfficial}</option>
          {officials.map((o) => (
            <option value={String(o.id)} selected={filters.officialId === o.id}>
              {o.display_name} ({o.username})
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="viec">{t.action}</label>
        <select id="viec" name="viec">
          <option value="">{t.anyAction}</option>
          {Object.values(auditActions).map((a) => (
            <option value={a.slug} selected={filters.text.viec === a.slug}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="tu">{t.from}</label>
        <input id="tu" name="tu" type="date" value={filters.text.tu} />
      </div>
      <div class="field">
        <label for="den">{t.to}</label>
        <input id="den" name="den" type="date" value={filters.text.den} />
      </div>
      <p>
        <button type="submit">{t.filter}</button> <a href="/quan-tri/nhat-ky">{t.clear}</a>
      </p>
    </form>
  );
}

adminAuditLog.get('/', officials(), async (c) => {
  const filters = readFilters(c);
  if (c.req.query('dinh-dang') === 'csv') {
    const rows = filters.bad ? [] : await readRows(c, filters, csvLimit, Number.MAX_SAFE_INTEGER);
    const names = await readAuditNames(c.var.db, rows);
    const csv = csvDocument([
      t.csvHeader,
      ...rows.map((row) => [
        formatDateTime(row.at),
        actorText(row),
        headline(row, names),
        subjectText(row, names),
        placeText(row, names),
        changeLines(row, names).join('; '),
      ]),
    ]);
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="nhat-ky-thay-doi.csv"',
      'cache-control': 'private, no-store',
    });
  }
  const beforeText = c.req.query('truoc');
  const beforeId = beforeText && /^\d{1,12}$/.test(beforeText) ? Number(beforeText) : Number.MAX_SAFE_INTEGER;
  const [rows, officials] = await Promise.all([filters.bad ? Promise.resolve([]) : readRows(c, filters, pageSize, beforeId), officialsInScope(c)]);
  const names = await readAuditNames(c.var.db, rows);
  const last = rows.at(-1);
  return adminPage(c, {
    title: t.title,
    status: filters.bad ? 400 : 200,
    main: (
      <>
        <AdminHomeLink />
        <h1>{t.title}</h1>
        <p>
          {t.intro} {t.timeNote}
        </p>
        <FilterForm filters={filters} officials={officials} />
        {filters.bad && <Notice tone="error">{t.badDate}</Notice>}
        <p>
          <a class="button button-secondary" href={`/quan-tri/nhat-ky?${query(filters.text, { 'dinh-dang': 'csv' })}`}>
            {t.csv}
          </a>
        </p>
        {rows.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <div class="table-wrap">
            <table class="table-stack">
              <thead>
                <tr>
                  <th scope="col">{t.when}</th>
                  <th scope="col">{t.who}</th>
                  <th scope="col">{t.what}</th>
                  <th scope="col">{t.subject}</th>
                  <th scope="col">{t.details}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <td data-label={t.when}>{formatDateTime(row.at)}</td>
                    <td data-label={t.who}>{actorText(row)}</td>
                    <td data-label={t.what}>{headline(row, names)}</td>
                    <td data-label={t.subject}>{[subjectText(row, names), placeText(row, names)].filter(Boolean).join(' · ')}</td>
                    <td data-label={t.details}>
                      {changeLines(row, names).map((line) => (
                        <div>{line}</div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {rows.length === pageSize && last && (
          <p>
            <a href={`/quan-tri/nhat-ky?${query(filters.text, { truoc: String(last.id) })}`}>{t.older}</a>
          </p>
        )}
      </>
    ),
  });
});
