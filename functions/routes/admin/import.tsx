import { Hono, type Context } from 'hono';
import { columnHeader } from '../../directory/sheet/columns.ts';
import { readDirectoryRows } from '../../directory/sheet/export-rows.ts';
import { removalCounts, removalTotal } from '../../directory/import/change-report.ts';
import type { DirectoryChangeSummary, EntityChanges, ImportKind } from '../../directory/import/changes.ts';
import { confirmDirectoryUpload, previewDirectoryUpload } from '../../directory/import/import-sheet.ts';
import { sheetBytes } from '../../directory/sheet/sheet-bytes.ts';
import { formatRowError } from '../../directory/import/validate.ts';
import { adminDirectoryUi, adminImportUi } from '../../../site/i18n/admin-ui.ts';
import { auditStatement, placeOf } from '../../auth/audit.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { OnceField } from '../../auth/once.tsx';
import type { AdminEnv } from '../../auth/middleware.ts';
import { officials } from '../../auth/guard.ts';
import { directoryScopeOf, type Official } from '../../auth/official.ts';
import { AdminHomeLink, adminPage } from '../../auth/pages.tsx';
import { FieldInput } from '../../views/field.tsx';
import { Notice } from '../../views/notice.tsx';
import { XLSX_CONTENT_TYPE } from '../../sheets/xlsx.ts';
import { confirmImportFormSchema, uploadFormSchema, uploadKindOf } from '../../directory/form-schemas.ts';
import { firstError, readForm } from '../../forms/read-form.ts';

const t = adminImportUi;
const maxErrorsShown = 200;

/** /quan-tri/nhap/: upload → preview (nothing written) → confirm (all-or-nothing). */
export const adminImport = new Hono<AdminEnv>();

/**
 * The upload form. It asks first what the file is (field `kind`, no default:
 * a one-row file sent as the complete list would remove everyone else).
 */
function UploadForm({ csrf, error, kind }: { csrf: string; error?: string; kind?: ImportKind }) {
  return (
    <>
      <AdminHomeLink />
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p>
        {t.templateHint} <a href="/quan-tri/xuat">{adminDirectoryUi.nav.export}</a>
      </p>
      {error && <Notice tone="error">{error}</Notice>}
      <form method="post" action="/quan-tri/nhap/" enctype="multipart/form-data">
        <CsrfField token={csrf} />
        <fieldset class="field">
          <legend>{t.kind}</legend>
          {(
            [
              ['changes', t.kindChanges, t.kindChangesHint],
              ['full', t.kindFull, t.kindFullHint],
            ] as const
          ).map(([value, label, hint]) => (
            <p>
              <label>
                <input type="radio" name="kind" value={value} required checked={kind === value} aria-describedby={`kind-${value}-hint`} /> {label}
              </label>
              <br />
              <span class="field-hint" id={`kind-${value}-hint`}>
                {hint}
              </span>
            </p>
          ))}
        </fieldset>
        <div class="field">
          <FieldInput id="file" name="file" type="file" label={t.file} hint={t.fileHint} required accept={`.csv,.xlsx,text/csv,${XLSX_CONTENT_TYPE}`} />
        </div>
        <p>
          <button type="submit">{t.submit}</button>
        </p>
      </form>
    </>
  );
}

adminImport.get('/', officials(), (c) => adminPage(c, { title: t.title, main: <UploadForm csrf={csrfToken(c)} /> }));

/** One table's changes; removals only when asked (the preview lists them first, in its warning). */
function ChangeList<R>({
  heading,
  changes,
  label,
  showRemoved,
}: {
  heading: string;
  changes: EntityChanges<R>;
  label: (ref: R) => string;
  showRemoved: boolean;
}) {
  const { added, changed, removed } = changes;
  if (added.length + changed.length + removed.length === 0) return null;
  return (
    <section>
      <h2>
        {heading}: {t.counts(added.length, changed.length, removed.length)}
      </h2>
      {added.length > 0 && (
        <>
          <h3>{t.added}</h3>
          <ul>
            {added.map((ref) => (
              <li>
                {label(ref)}
                {ref.restored ? t.restored : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {changed.length > 0 && (
        <>
          <h3>{t.changed}</h3>
          <ul>
            {changed.map((ref) => (
              <li>
                {label(ref)}
                <ul>
                  {ref.fields.map((f) => (
                    <li>
                      {columnHeader(f.column)}: {f.before || '—'} → {f.after || '—'}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {showRemoved && removed.length > 0 && (
        <>
          <h3>{t.removed}</h3>
          <ul>
            {removed.map((ref) => (
              <li>{label(ref)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const total = (s: DirectoryChangeSummary, key: 'added' | 'changed' | 'removed') => s.villages[key].length + s.teams[key].length + s.members[key].length;

/** Whoever a list removes, first and in red, by name and count. */
function RemovalWarning({ summary }: { summary: DirectoryChangeSummary }) {
  const counts = removalCounts(summary);
  const memberLabel = (m: DirectoryChangeSummary['members']['removed'][number]) => `${m.fullName} (${m.code}) — ${m.team.name}`;
  return (
    <Notice tone="error" id="se-go">
      <h2>{t.removalWarning(counts)}</h2>
      <p>{t.removalWarningHint}</p>
      {summary.members.removed.length > 0 && (
        <>
          <h3>{t.membersHeading}</h3>
          <ul>
            {summary.members.removed.map((m) => (
              <li>{memberLabel(m)}</li>
            ))}
          </ul>
        </>
      )}
      {summary.teams.removed.length > 0 && (
        <>
          <h3>{t.teamsHeading}</h3>
          <ul>
            {summary.teams.removed.map((x) => (
              <li>
                {x.name} — {x.place}
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.villages.removed.length > 0 && (
        <>
          <h3>{t.villagesHeading}</h3>
          <ul>
            {summary.villages.removed.map((v) => (
              <li>
                {v.name} — {v.place}
              </li>
            ))}
          </ul>
        </>
      )}
    </Notice>
  );
}

/**
 * The confirm form of a staged preview. A large removal (any team or village,
 * or over a quarter of a commune's members) needs the `allowRemovals`
 * checkbox, which names the count; the server refuses the confirm without it.
 */
function ConfirmForm({ csrf, importId, summary }: { csrf: string; importId: string; summary: DirectoryChangeSummary }) {
  const removing = removalTotal(summary) > 0;
  return (
    <form method="post" action="/quan-tri/nhap/xac-nhan">
      <CsrfField token={csrf} />
      <OnceField />
      <input type="hidden" name="importId" value={importId} />
      {summary.largeRemoval && (
        <p class="field">
          <label>
            <input type="checkbox" name="allowRemovals" value="yes" required /> {t.allowRemovals(removalTotal(summary), removalCounts(summary))}
          </label>
        </p>
      )}
      <p>
        <button type="submit" class={removing ? 'button-danger' : undefined}>
          {t.confirm}
        </button>
      </p>
    </form>
  );
}

function Summary({ summary, showRemoved = false }: { summary: DirectoryChangeSummary; showRemoved?: boolean }) {
  return (
    <>
      <ChangeList heading={t.villagesHeading} changes={summary.villages} label={(v) => `${v.name} — ${v.place}`} showRemoved={showRemoved} />
      <ChangeList heading={t.teamsHeading} changes={summary.teams} label={(team) => `${team.name} — ${team.place}`} showRemoved={showRemoved} />
      <ChangeList heading={t.membersHeading} changes={summary.members} label={(m) => `${m.fullName} (${m.code}) — ${m.team.name}`} showRemoved={showRemoved} />
    </>
  );
}

adminImport.post('/', officials(), async (c) => {
  const official = c.get('official');
  const form = await readForm(c, uploadFormSchema);
  const again = (status: 400 | 413, error: string) =>
    adminPage(c, { title: t.title, status, main: <UploadForm csrf={csrfToken(c)} error={error} kind={uploadKindOf(form.values)} /> });
  if (!form.ok) {
    const error = firstError(form.errors, ['kind', 'file']);
    return again(error === t.tooBig ? 413 : 400, error);
  }
  const { kind, file } = form.data;
  const preview = await previewDirectoryUpload(
    c.var.db,
    { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name },
    { scope: directoryScopeOf(official), kind },
  );
  if (!preview.ok) {
    if (preview.fileError !== undefined) return again(400, preview.fileError);
    const shown = preview.errors.slice(0, maxErrorsShown);
    return adminPage(c, {
      title: t.title,
      status: 400,
      main: (
        <>
          <UploadForm csrf={csrfToken(c)} kind={kind} />
          <Notice tone="error">
            <p>{t.rejected}</p>
            <ul>
              {shown.map((e) => (
                <li>{formatRowError(e)}</li>
              ))}
            </ul>
            {preview.errors.length > shown.length && <p>{t.moreErrors(preview.errors.length - shown.length)}</p>}
          </Notice>
        </>
      ),
    });
  }
  return previewPage(c, preview.importId, preview.rows, preview.summary);
});

/** The preview: removals first (red, by name and count), then every change, then the confirm form. */
function previewPage(c: Context<AdminEnv>, importId: string, rows: number | undefined, summary: DirectoryChangeSummary, error?: string, status?: 409) {
  const nothing = summary.changed.villages + summary.changed.teams + summary.changed.members === 0;
  return adminPage(c, {
    title: t.previewTitle,
    ...(status ? { status } : {}),
    main: (
      <>
        <h1>{t.previewTitle}</h1>
        {error && <Notice tone="error">{error}</Notice>}
        {rows !== undefined && <p>{summary.kind === 'changes' ? t.previewIntroChanges(rows) : t.previewIntro(rows, summary.units.communes.length)}</p>}
        {removalTotal(summary) > 0 && <RemovalWarning summary={summary} />}
        {nothing ? <Notice>{t.nothing}</Notice> : <Summary summary={summary} />}
        {!nothing && <ConfirmForm csrf={csrfToken(c)} importId={importId} summary={summary} />}
        <p>
          <a class="button button-secondary" href="/quan-tri/nhap/">
            {t.cancel}
          </a>
        </p>
      </>
    ),
  });
}

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
      kind: summary.kind,
      villagesRemoved: summary.villages.removed.map((x) => x.name),
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
  // Both fields have a value whatever was posted: an unknown id is the apply's own answer (410).
  const form = await readForm(c, confirmImportFormSchema);
  const { importId, allowRemovals } = form.ok ? form.data : { importId: '', allowRemovals: false };
  const scope = directoryScopeOf(official);
  // The audit entry, made from the staged preview the apply reads anyway, written in the same transaction.
  const result = await confirmDirectoryUpload(db, importId, {
    scope,
    allowRemovals,
    extraStatements: (staged) => [importAudit(db, official, staged.summary)],
  });
  // A large removal confirmed without the checkbox: nothing written, the same preview again to tick it.
  if (!result.ok && result.reason === 'removals') return previewPage(c, importId, undefined, result.summary, result.message, 409);
  if (!result.ok)
    return adminPage(c, {
      title: t.failedTitle,
      status: result.reason === 'missing' ? 410 : result.reason === 'scope' ? 403 : 409,
      main: (
        <>
          <h1>{t.failedTitle}</h1>
          <Notice tone="error">{result.message}</Notice>
          <p>
            <a href="/quan-tri/nhap/">{t.title}</a>
          </p>
        </>
      ),
    });
  const s = result.summary;
  return adminPage(c, {
    title: t.appliedTitle,
    main: (
      <>
        <h1>{t.appliedTitle}</h1>
        <Notice tone="success">{t.applied(total(s, 'added'), total(s, 'changed'), total(s, 'removed'))}</Notice>
        <Summary summary={s} showRemoved />
        <ul>
          {s.units.communes.map((code) => (
            <li>
              <a href={`/quan-tri/xa/${code}`}>{code}</a>
            </li>
          ))}
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
          <p>
            <a class="button" href="/quan-tri/xuat?dinh-dang=csv">
              {t.exportCsv}
            </a>
          </p>
          <p>
            <a class="button" href="/quan-tri/xuat?dinh-dang=xlsx">
              {t.exportXlsx}
            </a>
          </p>
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
