import { Hono, type Context } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from '../errors.ts';
import { guideCatalog } from '../usage/catalog.ts';
import { usageCsv } from '../usage/csv.ts';
import { type Period, ReportInputError, type Scope, resolvePeriod, resolveScope, usageQuerySchema, usageReport } from '../usage/report.ts';
import { renderInShell } from '../views/render-page.ts';
import { BadPeriod, type PlaceLink, UsageReportPage } from '../views/usage-report.tsx';

/**
 * Usage reports as pages: /thong-ke/ (national), /thong-ke/<province>/,
 * /thong-ke/<province>/<commune>/; `?from=&to=` pick the period and
 * `?dinh-dang=csv` downloads the guide table.
 */
export const usageReports = new Hono<AppEnv>();

async function placeLinks(db: D1Database, scope: Scope): Promise<{ heading: string; links: PlaceLink[] } | null> {
  if (scope.level === 'national') {
    const { results } = await db.prepare('SELECT code, name FROM provinces ORDER BY name').all<{ code: string; name: string }>();
    return { heading: ui.usage.provincesHeading, links: results.map((p) => ({ href: `/thong-ke/${p.code}/`, label: p.name })) };
  }
  if (scope.level === 'province') {
    const { results } = await db
      .prepare(
        `SELECT DISTINCT c.code, c.name FROM teams t JOIN communes c ON c.code = t.commune_code
         WHERE t.province_code = ? ORDER BY c.name`,
      )
      .bind(scope.province.code)
      .all<{ code: string; name: string }>();
    return {
      heading: ui.usage.communesHeading,
      links: results.map((cm) => ({ href: `/thong-ke/${scope.province.code}/${cm.code}/`, label: cm.name })),
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
  switch (scope.level) {
    case 'national':
      return ui.usage.reportTitleNational;
    case 'province':
      return `${ui.usage.reportTitlePlace} ${scope.province.name}`;
    case 'commune':
      return `${ui.usage.reportTitlePlace} ${scope.commune.name}, ${scope.province.name}`;
    case 'team':
      return `${ui.usage.reportTitlePlace} ${scope.team.name}`;
  }
}

function csvName(scope: Scope, period: Period): string {
  const place = scope.level === 'national' ? 'toan-quoc' : scope.level === 'province' ? scope.province.code : scope.level === 'commune' ? `${scope.province.code}-${scope.commune.code}` : `to-${scope.team.id}`;
  return `thong-ke-${place}-${period.from}-${period.to}.csv`;
}

async function reportPage(c: Context<AppEnv>, province?: string, commune?: string) {
  const path = c.req.path;
  const parsed = usageQuerySchema.pick({ from: true, to: true }).safeParse(c.req.query());
  let period: Period;
  let scope: Scope;
  try {
    if (!parsed.success) throw new ReportInputError(400, 'bad_request', parsed.error.issues[0]?.message ?? ui.usage.badPeriodTitle);
    period = resolvePeriod(parsed.data);
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

  const report = await usageReport(c.var.db, await guideCatalog(c.env, c.req.url), scope, period);
  if (c.req.query('dinh-dang') === 'csv') {
    return new Response(usageCsv(report), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${csvName(scope, period)}"`,
        'cache-control': 'public, max-age=60',
      },
    });
  }
  const title = heading(scope);
  return renderInShell(c, {
    title,
    description: ui.usage.reportDescription,
    main: (
      <UsageReportPage report={report} heading={title} path={path} breadcrumbs={breadcrumbs(scope)} places={await placeLinks(c.var.db, scope)} />
    ).toString(),
    cacheControl: 'public, max-age=60',
  });
}

// Full paths (mounted at /): Hono merges a sub-router's '/' into '/thong-ke', without the slash.
usageReports.get('/thong-ke/', (c) => reportPage(c));
usageReports.get('/thong-ke/:province/', (c) => reportPage(c, c.req.param('province')));
usageReports.get('/thong-ke/:province/:commune/', (c) => reportPage(c, c.req.param('province'), c.req.param('commune')));
// The pages' canonical URLs end with a slash, like every page of the site.
const addSlash = (c: Context<AppEnv>) => c.redirect(`${c.req.path}/${new URL(c.req.url).search}`, 308);
usageReports.get('/thong-ke', addSlash);
usageReports.get('/thong-ke/:province{[^/]+}', addSlash);
usageReports.get('/thong-ke/:province/:commune{[^/]+}', addSlash);
