// `npm run bench`: prints the figures the budgets are about, per page type.
// Sections are independent functions run in order; other areas append theirs
// to `sections` (search, usage…) without touching the page-size one.
import {
  builtPages,
  GUIDE_BLOCKING_BUDGET,
  GUIDE_JS_BUDGET,
  kb,
  measurePage,
  median,
  type PageType,
} from './lib/page-weight.ts';
import { printDirectoryBench } from './bench-directory.ts';
import { printDirectoryWebBench } from './bench-directory-web.ts';
import { searchBenchSection } from './bench-search.ts';
import { rm } from 'node:fs/promises';
import { usageBenchSection } from './bench-usage.ts';
import { authBenchSection } from './bench-auth.ts';
import { adminImportBenchSection } from './bench-admin-import.ts';
import { assistsBenchSection } from './bench-assists.ts';
import { run } from './run.ts';

interface BenchSection {
  title: string;
  run: () => void | Promise<void>;
}

/** HTML, inline CSS and JS gzip per page type; guides as max and median over all guide pages. */
export function pageSizeSection(): void {
  const pages = builtPages().map((page) => ({ ...page, weight: measurePage(page) }));
  const order: PageType[] = ['home', 'topics', 'topic', 'guide', 'about', '404', 'shell', 'other'];
  const rows: string[][] = [['page', 'count', 'HTML+CSS gzip', 'of which CSS', 'JS gzip', 'largest']];
  for (const type of order) {
    const group = pages.filter((p) => p.type === type);
    if (group.length === 0) continue;
    const largest = group.reduce((a, b) => (b.weight.blockingGzip > a.weight.blockingGzip ? b : a));
    const stat = (pick: (w: (typeof group)[number]['weight']) => number) => {
      const values = group.map((p) => pick(p.weight));
      return group.length === 1 ? kb(values[0]!) : `max ${kb(Math.max(...values))} / median ${kb(median(values))}`;
    };
    rows.push([
      type,
      String(group.length),
      stat((w) => w.blockingGzip),
      stat((w) => w.inlineCssGzip + w.linkedCssGzip),
      stat((w) => w.jsGzip),
      largest.path,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  console.log(
    `\nBudgets per guide page: HTML + blocking CSS ≤ ${kb(GUIDE_BLOCKING_BUDGET)} gzip, own JS ≤ ${kb(GUIDE_JS_BUDGET)} gzip.`,
  );
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

export const sections: BenchSection[] = [
  { title: 'Page sizes (dist/, gzip -9)', run: pageSizeSection },
  { title: 'Search (first search, time to results, recall)', run: searchBenchSection },
  { title: 'Team directory (synthetic national data, local D1 and wrangler dev)', run: directorySection },
  { title: 'Usage counting (events/s through local wrangler dev, D1 rows written per 1,000 events)', run: usageBenchSection },
  { title: 'Officials: password hash cost in workerd', run: authBenchSection },
  { title: 'Officials: web upload of 10,000 rows (preview, apply)', run: adminImportBenchSection },
  { title: 'Members’ assists (report latency on a synthetic national year, recording on a throttled phone)', run: () => assistsBenchSection() },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env.SKIP_BUILD !== '1') run('npm', ['run', 'build']);
  for (const section of sections) {
    console.log(`\n## ${section.title}\n`);
    await section.run();
  }
}
