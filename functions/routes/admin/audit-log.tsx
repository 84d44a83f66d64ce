import { Hono } from 'hono';
import { adminAuditUi } from '../../../site/i18n/admin-ui.ts';
import { formatDateTime } from '../../../site/utils/format.ts';
import type { AdminEnv } from '../../auth/middleware.ts';
import { officials, scopeWhere } from '../../auth/guard.ts';
import { AdminHomeLink, adminPage } from '../../auth/pages.tsx';

const t = adminAuditUi;
const pageSize = 50;

/** /quan-tri/nhat-ky: the audit log of the official's scope and the scopes below, newest first. */
export const adminAuditLog = new Hono<AdminEnv>();

interface AuditRow { id: number; at: number; actor: string; action: string; province_code: string | null; commune_code: string | null; subject: string | null; before_json: string | null; after_json: string | null }

/** "field: before → after" for each field that differs (or every field when only one side exists). */
function changes(beforeJson: string | null, afterJson: string | null): string[] {
  const parse = (text: string | null): Record<string, unknown> => {
    try {
      const value: unknown = text ? JSON.parse(text) : {};
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
    } catch {
      return {};
    }
  };
  const before = parse(beforeJson);
  const after = parse(afterJson);
  const show = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `${key}: ${show(before[key])} → ${show(after[key])}`);
}

adminAuditLog.get('/', officials(), async (c) => {
  const scope = scopeWhere(c.get('scope')!, { province: 'province_code', commune: 'commune_code' });
  const beforeText = c.req.query('truoc');
  const beforeId = beforeText && /^\d{1,12}$/.test(beforeText) ? Number(beforeText) : Number.MAX_SAFE_INTEGER;
  const rows = (
    await c.var.db.prepare(`SELECT * FROM audit_log WHERE ${scope.where} AND id < ? ORDER BY id DESC LIMIT ?`)
      .bind(...scope.binds, beforeId, pageSize)
      .all<AuditRow>()
  ).results;
  const last = rows.at(-1);
  return adminPage(c, {
    title: t.title,
    main: (
      <>
        <AdminHomeLink />
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        {rows.length === 0 ? <p>{t.none}</p> : (
          <div class="table-wrap">
            <table class="table-stack">
              <thead>
                <tr><th scope="col">{t.when}</th><th scope="col">{t.who}</th><th scope="col">{t.what}</th><th scope="col">{t.subject}</th><th scope="col">{t.before} → {t.after}</th></tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <td data-label={t.when}>{formatDateTime(row.at)}</td>
                    <td data-label={t.who}>{row.actor}</td>
                    <td data-label={t.what}>{row.action}</td>
                    <td data-label={t.subject}>{[row.subject, row.commune_code ?? row.province_code].filter(Boolean).join(' · ')}</td>
                    <td data-label={`${t.before} → ${t.after}`}>
                      {changes(row.before_json, row.after_json).map((line) => <div>{line}</div>)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {rows.length === pageSize && last && <p><a href={`/quan-tri/nhat-ky?truoc=${last.id}`}>{t.older}</a></p>}
      </>
    ),
  });
});
