import { Hono, type Context } from 'hono';
import { columnHeader } from '../../../db/directory/columns.ts';
import { readDirectoryRows } from '../../../db/directory/export-rows.ts';
import { type DirectoryChangeSummary, type EntityChanges } from '../../../db/directory/import-changes.ts';
import { confirmDirectoryUpload, previewDirectoryUpload } from '../../../db/directory/import-sheet.ts';
import { sheetBytes } from '../../../db/directory/sheet-bytes.ts';
import { formatRowError } from '../../../db/directory/validate.ts';
import { adminDirectoryUi, adminImportUi } from '../../../site/i18n/admin-ui.ts';
import { auditStatement, placeOf } from '../../auth/audit.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import type { AdminEnv } from '../../auth/middleware.ts';
import { officials } from '../../auth/guard.ts';
import { directoryScopeOf, type Official } from '../../auth/official.ts';
import { AdminHomeLink, adminPage } from '../../auth/pages.tsx';
import { FieldInput } from '../../views/field.tsx';
import { XLSX_CONTENT_TYPE } from '../../sheets/xlsx.ts';

const t = adminImportUi;
const maxUploadBytes = 5 * 1024 * 1024;
const maxErrorsShown = 200;

/** /quan-tri/nhap/: upload → preview (nothing written) → confirm (all-or-nothing). */
export const adminImport = new Hono<AdminEnv>();

function UploadForm({ csrf, error }: { csrf: string; error?: string }) {
  return (
    <>
      <AdminHomeLink />
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p>{t.templateHint} <a href="/quan-tri/xuat">{adminDirectoryUi.nav.export}</a></p>
      {error && <p class="notice notice-error" role="alert">{error}</p>}
      <form method="post" action="/quan-tri/nhap/" enctype="multipart/form-data">
        <CsrfField token={csrf} />
        <div class="field">
          <FieldInput id="file" name="file" type="file" label={t.file} hint={t.fileHint} required accept={`.csv,.xlsx,text/csv,${XLSX_CONTENT_TYPE}`} />
        </div>
        <p><button type="submit">{t.submit}</button></p>
      </form>
    </>
  );
}

adminImport.get('/', officials(), (c) => adminPage(c, { title: t.title, main: <UploadForm csrf={csrfToken(c)} /> }));

function ChangeList<R>({ heading, changes, label }: { heading: string; changes: EntityChanges<R>; label: (ref: R) => string }) {
  const { added, changed, removed } = changes;
  if (added.length + changed.length + removed.length === 0) return null;
  return (
    <section>
      <h2>{heading}: {t.counts(added.length, changed.length, removed.length)}</h2>
      {added.length > 0 && (
        <>
          <h3>{t.added}</h3>
          <ul>{added.map((ref) => <li>{label(ref)}{ref.restored ? t.restored : ''}</li>)}</ul>
        </>
      )}
      {changed.length > 0 && (
        <>
          <h3>{t.changed}</h3>
          <ul>
            {changed.map((ref) => (
              <li>
                {label(ref)}
                <ul>{ref.fields.map((f) => <li>{columnHeader(f.column)}: {f.before || '—'} → {f.after || '—'}</li>)}</ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {removed.length > 0 && (
        <>
          <h3>{t.removed}</h3>
          <ul>{removed.map((ref) => <li>{label(ref)}</li>)}</ul>
        </>
      )}
    </section>
  );
}

const total = (s: DirectoryChangeSummary, key: 'added' | 'changed' | 'removed') => s.villages[key].length + s.teams[key].length + s.members[key].length;

function Summary({ summary }: { summary: DirectoryChangeSummary }) {
  return (
    <>
      <ChangeList heading={t.villagesHeading} changes={summary.villages} label={(v) => `${v.name} — ${v.place}`} />
      <ChangeList heading={t.teamsHeading} changes={summary.teams} label={(team) => `${team.name} — ${team.place}`} />
      <ChangeList heading={t.membersHeading} changes={summary.members} label={(m) => `${m.fullName} (${m.code}) — ${m.team.name}`} />
    </>
  );
}

adminImport.post('/', officials(), async (c) => {
  const official = c.get('official');
  const again = (status: 400 | 413, error: string) => adminPage(c, { title: t.title, status, main: <UploadForm csrf={csrfToken(c)} error={error} /> });
  let file: unknown;
  try {
    file = (await c.req.parseBody()).file;
  } catch {
    return again(400, t.noFile);
  }
  if (!(file instanceof File) || file.size === 0) return again(400, t.noFile);
  if (file.size > maxUploadBytes) return again(413, t.tooBig);
  const preview = await previewDirectoryUpload(c.var.db, { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name }, { scope: directoryScopeOf(official) });
  if (!preview.ok) {
    if (preview.fileError !== undefined) return again(400, preview.fileError);
    const shown = preview.errors.slice(0, maxErrorsShown);
    return adminPage(c, {
      title: t.title,
      status: 400,
      main: (
        <>
          <UploadForm csrf={csrfToken(c)} />
          <div class="notice notice-error" role="alert">
            <p>{t.rejected}</p>
            <ul>{shown.map((e) => <li>{formatRowError(e)}</li>)}</ul>
            {preview.errors.length > shown.length && <p>{t.moreErrors(preview.errors.length - shown.length)}</p>}
          </div>
        </>
      ),
    });
  }
  const { summary } = preview;
  const nothing = summary.changed.villages + summary.changed.teams + summary.changed.members === 0;
  const csrf = csrfToken(c);
  return adminPage(c, {
    title: t.previewTitle,
    main: (
      <>
        <h1>{t.previewTitle}</h1>
        <p>{t.previewIntro(preview.rows, summary.units.communes.length)}</p>
        {nothing ? <p class="notice">{t.nothing}</p> : <Summary summary={summary} />}
        {!nothing && (
          <form method="post" action="/quan-tri/nhap/xac-nhan">
            <CsrfField token={csrf} />
            <input type="hidden" name="importId" value={preview.importId} />
            <p><button type="submit">{t.confirm}</button></p>
          </form>
        )}
        <p><a class="button button-secondary" href="/quan-tri/nhap/">{t.cancel}</a></p>
      </>
    ),
  });
});

/** Audit entry of an applied import: counts and who was added/removed, by name. */
function importAudit(db: D1Database, official: Official, summary: DirectoryChangeSummary) {
  return auditStatement(db, {
    actor: official,
    action: 'import.apply',
    place: placeOf(official),
    subject: `communes:${summary.units.communes.join(',')}`,
    before: summary.before,
    after: {
      ...summary.after,
      teamsAdded: summary.teams.added.map((x) => x.name),
      teamsRemoved: summary.teams.removed.map((x) => x.name),
      membersAdded: summary.members.added.map((x) => x.fullName),
      membersChanged: summary.members.changed.map((x) => x.fullName),
      membersRemoved: summary.members.removed.map((x) => x.fullName),
    },
  });
}

adminImport.post('/xac-nhan', officials(), async (c) => {
  const official = c.get('official');
  const db = c.var.db;
  const body = await c.req.parseBody();
  const importId = typeof body.importId === 'string' ? body.importId.slice(0, 100) : '';
  const scope = directoryScopeOf(official);
  // The audit entry, made from the staged preview the apply reads anyway, written in the same transaction.
  const result = await confirmDirectoryUpload(db, importId, { scope, extraStatements: (staged) => [importAudit(db, official, staged.summary)] });
  if (!result.ok)
    return adminPage(c, {
      title: t.failedTitle,
      status: result.reason === 'missing' ? 410 : result.reason === 'scope' ? 403 : 409,
      main: <><h1>{t.failedTitle}</h1><p class="notice notice-error" role="alert">{result.message}</p><p><a href="/quan-tri/nhap/">{t.title}</a></p></>,
    });
  const s = result.summary;
  return adminPage(c, {
    title: t.appliedTitle,
    main: (
      <>
        <h1>{t.appliedTitle}</h1>
        <p class="notice notice-success">{t.applied(total(s, 'added'), total(s, 'changed'), total(s, 'removed'))}</p>
        <Summary summary={s} />
        <ul>
          {s.units.communes.map((code) => <li><a href={`/quan-tri/xa/${code}`}>{code}</a></li>)}
        </ul>
        <AdminHomeLink />
      </>
    ),
  });
});

// ——— Export of the scope ———

export const adminExport = new Hono<AdminEnv>();

adminExport.get('/', officials(), async (c: Context<AdminEnv>) => {
  const format = c.req.query('dinh-dang');
  if (format !== 'csv' && format !== 'xlsx')
    return adminPage(c, {
      title: t.exportTitle,
      main: (
        <>
          <AdminHomeLink />
          <h1>{t.exportTitle}</h1>
          <p>{t.exportIntro}</p>
          <p><a class="button" href="/quan-tri/xuat?dinh-dang=csv">{t.exportCsv}</a></p>
          <p><a class="button" href="/quan-tri/xuat?dinh-dang=xlsx">{t.exportXlsx}</a></p>
        </>
      ),
    });
  const official = c.get('official');
  const name = `danh-sach-to-cong-nghe-so-${official.communeCode ?? official.provinceCode ?? 'ca-nuoc'}.${format}`;
  const bytes = await sheetBytes(await readDirectoryRows(c.var.db, directoryScopeOf(official)), name);
  return new Response(bytes as unknown as BodyInit, {
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE,
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'private, no-store',
    },
  });
});
