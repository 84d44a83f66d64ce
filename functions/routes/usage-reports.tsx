import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { pageParams } from '../middleware/page-params.ts';
import { ui } from '../../site/i18n/ui.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from '../errors.ts';
import { guideCatalog } from '../guide-catalog.ts';
import { csvDocument, usageCsv } from '../usage/csv.ts';
import {
  type Period,
  placeCode,
  ReportInputError,
  type Scope,
  resolvePeriod,
  resolveScope,
  scopeName,
  usageQuerySchema,
  usageReport,
  usageReportWith,
} from '../usage/report.ts';
import { vietnamDay } from '../assists/entries.ts';
import { assistReport, assistReportQuery } from '../assists/report.ts';
import { assistSheets } from '../assists/tables.ts';
import { xlsxWorkbook, XLSX_CONTENT_TYPE } from '../sheets/xlsx.ts';
import { AssistsSection } from '../views/assists-report.tsx';
import { COMPUTE_COST_HEADER } from '../middleware/edge-cache.ts';
import { renderInShell } from '../views/render-page.ts';
import { BadPeriod, type PlaceLink, UsageReportPage } from '../views/usage-report.tsx';

/**
 * Usage reports as pages: /thong-ke/ (national), /thong-ke/<province>/,
 * /thong-ke/<province>/<commune>/; `?from=&to=` pick the period and
 * `?dinh-dang=csv` downloads the guide table.
 */
export const usageReports = new Hono<AppEnv>();

/** The places one level down a report links to (provinces, or a province's communes), as a statement and how to read it. */
function placeLinksQuery(
  db: D1Database,
  scope: Scope,
): { statement: D1PreparedStatement; read: (result: D1Result | undefined) => { heading: string; links: PlaceLink[] } } | null {
  const rows = (result: D1Result | undefined) => (result?.results ?? []) as { code: string; name: string }[];
  if (scope.level === 'national') {
    return {
      statement: db.prepare('SELECT code, name FROM provinces ORDER BY name'),
      read: (result) => ({ heading: ui.usage.provincesHeading, links: rows(result).map((p) => ({ href: `/thong-ke/${p.code}/`, label: p.name })) }),
    };
  }
  if (scope.level === 'province') {
    return {
      statement: db
        .prepare(
          // Communes of the province that have (or had) a team: one index probe per commune, not a pass over the teams.
          `SELECT c.code, c.name FROM communes c
           WHERE c.province_code = ? AND EXISTS (SELECT 1 FROM teams t WHERE t.commune_code = c.code) ORDER BY c.name`,
        )
        .bind(scope.province.code),
      read: (result) => ({
        heading: ui.usage.communesHeading,
        links: rows(result).map((cm) => ({ href: `/thong-ke/${scope.province.code}/${cm.code}/`, label: cm.name })),
      }),
    };
  }
  return null;
}

function breadcrumbs(scope: Scope): PlaceLink[] {
  if (scope.level === 'national') return [];
  const crumbs: PlaceLink[] = [{ href: '/thong-ke/', label: ui.usage.nationalLink }];
  if (scope.level === 'commune') crumbs.push({ href: `/thong-ke/${scope.province.code}/`, label: scope.province.name });
  return crumbs;
}

function heading(scope: Scope): string {
  return scope.level === 'national' ? ui.usage.reportTitleNational : `${ui.usage.reportTitlePlace} ${scopeName(scope)}`;
}

function csvName(scope: Scope, period: Period): string {
  const place =
    scope.level === 'national'
      ? 'toan-quoc'
      : scope.level === 'province'
        ? scope.province.code
        : scope.level === 'commune'
          ? `${scope.province.code}-${scope.commune.code}`
          : `to-${scope.team.id}`;
  return `thong-ke-${place}-${period.from}-${period.to}.csv`;
}

async function reportPage(c: Context<AppEnv>, province?: string, commune?: string) {
  const path = c.req.path;
  const parsed = usageQuerySchema.pick({ from: true, to: true }).safeParse(c.req.query());
  let period: Period;
  let scope: Scope;
  try {
    if (!parsed.success) throw new ReportInputError(400, 'invalid_parameter', parsed.error.issues[0]?.message ?? ui.usage.badPeriodTitle);
    // The page shows what members recorded, on Vietnam's calendar: its today is Vietnam's (UTC+7); usage
    // counts go by UTC days, so between 17:00 and 24:00 UTC the period simply ends a day after the newest of them.
    period = resolvePeriod(parsed.data, vietnamDay());
    scope = await resolveScope(c.var.db, { province, commune });
  } catch (err) {
    if (!(err instanceof ReportInputError)) throw err;
    if (err.status === 404) return notFoundPage(c);
    return renderInShell(c, {
      title: ui.usage.badPeriodTitle,
      description: err.message,
      main: (<BadPeriod message={err.message} path={path} />).toString(),
      status: 400,
      cacheControl: 'no-store',
    });
  }

  const format = c.req.query('dinh-dang');
  if (format === 'ho-tro-csv' || format === 'ho-tro-xlsx') {
    // "Hỗ trợ người dân" (issue 9): what members recorded, beside (never mixed with) the usage counts.
    const assists = await assistReport(c.var.db, scope, period);
    const sheets = assistSheets(assists, scopeName(scope));
    const name = csvName(scope, period)
      .replace(/^thong-ke-/, 'ho-tro-')
      .replace(/\.csv$/, '');
    const csv = format === 'ho-tro-csv';
    return new Response(csv ? csvDocument(sheets[0]!.rows) : (xlsxWorkbook(sheets) as Uint8Array<ArrayBuffer>), {
      headers: {
        'content-type': csv ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE,
        'content-disposition': `attachment; filename="${name}.${csv ? 'csv' : 'xlsx'}"`,
        'cache-control': 'public, max-age=60',
      },
    });
  }
  if (format === 'csv') {
    const report = await usageReport(c.var.db, await guideCatalog(c.env, c.req.url), scope, period);
    return new Response(usageCsv(report), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${csvName(scope, period)}"`,
        'cache-control': 'public, max-age=60',
        [COMPUTE_COST_HEADER]: String(report.d1Ms),
      },
    });
  }
  // The "Hỗ trợ người dân" section's and the place links' statements ride along
  // in the usage report's first batch: one D1 round trip (the shell is fetched meanwhile).
  const assistsQuery = assistReportQuery(c.var.db, scope, period);
  const placesQuery = placeLinksQuery(c.var.db, scope);
  const reads = guideCatalog(c.env, c.req.url).then(async (catalog) => {
    const alongside = [...assistsQuery.statements, ...(placesQuery ? [placesQuery.statement] : [])];
    const { report, alongside: results } = await usageReportWith(c.var.db, catalog, scope, period, alongside);
    const assists = assistsQuery.read(results.slice(0, assistsQuery.statements.length));
    return [report, assists, placesQuery ? placesQuery.read(results[assistsQuery.statements.length]) : null] as const;
  });
  const title = heading(scope);
  const page = await renderInShell(c, {
    title,
    description: ui.usage.reportDescription,
    main: reads.then(([report, assists, places]) =>
      (
        <UsageReportPage
          report={report}
          heading={title}
          path={path}
          breadcrumbs={breadcrumbs(scope)}
          places={places}
          assists={
            <AssistsSection
              report={assists}
              placeHeading={scopeName(scope)}
              downloadBase={`${path}?from=${period.from}&to=${period.to}`}
              national={scope.level === 'national'}
            />
          }
        />
      ).toString(),
    ),
    cacheControl: 'public, max-age=60',
  });
  const [report] = await reads;
  const paced = new Response(page.body, page);
  paced.headers.set(COMPUTE_COST_HEADER, String(report.d1Ms));
  return paced;
}

usageReports.get('/thong-ke/', (c) => reportPage(c));
usageReports.get('/thong-ke/:province/', pageParams(z.object({ province: placeCode })), (c) => reportPage(c, c.req.valid('param').province));
usageReports.get('/thong-ke/:province/:commune/', pageParams(z.object({ province: placeCode, commune: placeCode })), (c) => {
  const { province, commune } = c.req.valid('param');
  return reportPage(c, province, commune);
});
