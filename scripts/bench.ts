// `npm run bench`: prints the figures the budgets are about, per page type.
// Sections are independent functions run in order; other areas append theirs
// to `sections` (search, usage…) without touching the page-size one.
import { builtPages, GUIDE_BLOCKING_BUDGET, GUIDE_JS_BUDGET, kb, measurePage, median, type PageType } from './lib/page-weight.ts';
import { printDirectoryBench } from './bench-directory.ts';
import { printDirectoryWebBench } from './bench-directory-web.ts';
import { searchBenchSection } from './bench-search.ts';
import { rm } from 'node:fs/promises';
import { usageBenchSection } from './bench-usage.ts';
import { authBenchSection } from './bench-auth.ts';
import { adminImportBenchSection } from './bench-admin-import.ts';
import { offlineBytesSection, printSection } from './bench-offline.ts';
import { assistsBenchSection } from './bench-assists.ts';
import { confirmationsBenchSection } from './bench-confirmations.ts';
import { run } from './run.ts';
import { buildWorkerBundle, WORKER_BUNDLE_BUDGET, WORKER_STARTUP_BUDGET_MS, workerStartupMilliseconds } from './lib/worker-bundle.ts';
import { printBuildBench } from './bench-build.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { contentSecurityPolicy, HSTS, type InlineHashes, SECURITY_HEADERS } from '../site/security/policy.ts';
import { handoutQrStyle } from '../site/utils/urls.ts';
import { WORKER_INLINE_SCRIPTS, WORKER_INLINE_STYLES } from '../functions/views/inline-assets.ts';

interface BenchSection {
  title: string;
  run: () => void | Promise<void>;
}

/** HTML, inline CSS and JS gzip per page type; guides as max and median over all guide pages. */
export function pageSizeSection(): void {
  const pages = builtPages().map((page) => ({ ...page, weight: measurePage(page) }));
  const order: PageType[] = ['home', 'topics', 'topic', 'guide', 'about', '404', 'shell', 'offline', 'other'];
  const rows: string[][] = [['page', 'count', 'HTML+CSS gzip', 'of which CSS', 'JS gzip', 'largest']];
  for (const type of order) {
    const group = pages.filter((p) => p.type === type);
    if (group.length === 0) continue;
    const largest = group.reduce((a, b) => (b.weight.blockingGzip > a.weight.blockingGzip ? b : a));
    const stat = (pick: (w: (typeof group)[number]['weight']) => number) => {
      const values = group.map((p) => pick(p.weight));
      return group.length === 1 ? kb(values[0]!) : `max ${kb(Math.max(...values))} / median ${kb(median(values))}`;
    };
    rows.push([type, String(group.length), stat((w) => w.blockingGzip), stat((w) => w.inlineCssGzip + w.linkedCssGzip), stat((w) => w.jsGzip), largest.path]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  console.log(`\nBudgets per guide page: HTML + blocking CSS ≤ ${kb(GUIDE_BLOCKING_BUDGET)} gzip, own JS ≤ ${kb(GUIDE_JS_BUDGET)} gzip.`);
}

/** Import time and D1 size of a synthetic national directory, then read latency over that same D1. */
async function directorySection(): Promise<void> {
  const { national } = await printDirectoryBench({ keep: true });
  if (!national.persistTo) return;
  try {
    console.log('');
    await printDirectoryWebBench(national.persistTo);
  } finally {
    await rm(national.persistTo, { recursive: true, force: true });
  }
}

/** Bytes the security headers add to a guide page answer (uncompressed; HTTP/2 and 3 compress repeats). */
function securityHeaderBytes(): number {
  const sha = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
  const built = JSON.parse(readFileSync('dist/du-lieu/csp.json', 'utf8')) as InlineHashes;
  const slug = (JSON.parse(readFileSync('dist/du-lieu/huong-dan.json', 'utf8')) as { slug: string }[])[0]!.slug;
  const csp = contentSecurityPolicy({
    scripts: [...built.scripts, ...WORKER_INLINE_SCRIPTS.map(sha)],
    styles: [...built.styles, ...WORKER_INLINE_STYLES.map(sha)],
    styleAttributes: [sha(handoutQrStyle(slug))],
  });
  const headers = { 'content-security-policy': csp, ...SECURITY_HEADERS, 'strict-transport-security': HSTS };
  return Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
}

/** The Worker as `wrangler deploy` uploads it (built with --dry-run). */
function workerBundleSection(): void {
  const bundle = buildWorkerBundle();
  console.log(`Worker bundle: ${kb(bundle.bytes)}, gzip ${kb(bundle.gzipBytes)} (budget ${kb(WORKER_BUNDLE_BUDGET)} gzip; free plan limit 3 MB)`);
  const startup = workerStartupMilliseconds(5);
  console.log(
    `Worker startup (wrangler check startup, CPU busy): fastest ${startup.fastest.toFixed(1)} ms of 5 runs [${startup.all.map((ms) => ms.toFixed(1)).join(', ')}] (budget ${WORKER_STARTUP_BUDGET_MS} ms)`,
  );
  console.log(
    `Security headers on a guide page: ${securityHeaderBytes()} bytes of response headers (CSP, HSTS, nosniff, Referrer-, Permissions-Policy, X-Frame-Options)`,
  );
}

export const sections: BenchSection[] = [
  { title: 'Worker bundle (wrangler deploy --dry-run)', run: workerBundleSection },
  { title: 'Build time of a synthetic 1,000-guide site (cold, warm) against stock Starlight', run: printBuildBench },
  { title: 'Page sizes (dist/, gzip -9)', run: pageSizeSection },
  { title: 'Search (first search, time to results, recall)', run: searchBenchSection },
  { title: 'Team directory (synthetic national data, local D1 and wrangler dev)', run: directorySection },
  { title: 'Usage counting (events/s through local wrangler dev, D1 rows written per 1,000 events)', run: usageBenchSection },
  { title: 'Officials: password hash cost in workerd', run: authBenchSection },
  { title: 'Officials: web upload of 10,000 rows (preview, apply)', run: adminImportBenchSection },
  { title: 'Offline reading (service worker, first visit, storage per saved guide)', run: offlineBytesSection },
  { title: 'Printed handouts (A4 pages per guide, Chromium)', run: printSection },
  { title: 'Members’ assists (report latency on a synthetic national year, recording on a throttled phone)', run: () => assistsBenchSection() },
  { title: 'Citizens confirm help (scan → confirmed on a throttled phone)', run: () => confirmationsBenchSection() },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env.SKIP_BUILD !== '1') run('npm', ['run', 'build']);
  for (const section of sections) {
    console.log(`\n## ${section.title}\n`);
    await section.run();
  }
}
