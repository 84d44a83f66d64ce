// `npm run bench` figures of issue 23 (point 4), on the synthetic national
// year of scripts/bench-assists.ts (one team in every commune, members
// recording about 1.5 entries a week): the time to produce one province's
// allowance sheets for a whole month — every commune's sheet, every current
// member's activity days, help, confirmations and amounts.
//  1. prepareAllowanceBench (before the Worker starts): the province's rates
//     and a province admin, then allowanceSheets + the XLSX built in Node
//     against the local D1 (and the province's honesty checks);
//  2. allowanceBenchOverHttp (Worker running): the province admin signs in
//     and GETs the printable page and the XLSX through wrangler dev.
import { allowanceSheets, allowanceWorkbook } from '../functions/assists/activity.ts';
import { flaggedEntries } from '../functions/assists/honesty.ts';
import { lastWeeks } from '../functions/usage/report.ts';
import { hashPassword } from '../functions/auth/password.ts';
import { xlsxWorkbook } from '../functions/sheets/xlsx.ts';
import { withDirectoryDb } from './lib/d1.ts';
import { percentile } from './lib/percentile.ts';

const USERNAME = 'bench.tinh';
const PASSWORD = 'bench-bang-ke-thang';

const round = (n: number) => Math.round(n * 10) / 10;
const median = (values: number[]) =>
  round(
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    ),
  );

/** The last full calendar month before `today` (YYYY-MM). */
export function lastFullMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export async function prepareAllowanceBench(persistTo: string, province: string, month: string, runs = 3): Promise<void> {
  await withDirectoryDb({ remote: false, persistTo }, async ({ d1 }) => {
    const now = Date.now();
    await d1.batch([
      d1
        .prepare(
          "INSERT OR REPLACE INTO assist_rates (province_code, from_month, per_member_day, per_team_month, set_by, updated_at) VALUES (?, '2020-01', 50000, 300000, 'bench', ?)",
        )
        .bind(province, now),
      d1
        .prepare(
          `INSERT OR IGNORE INTO officials (username, display_name, role, province_code, password_hash, created_at) VALUES (?, 'Bench', 'province', ?, ?, ?)`,
        )
        .bind(USERNAME, province, await hashPassword(PASSWORD), now),
    ]);
    const ms: number[] = [];
    let summary = '';
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const data = await allowanceSheets(d1, { provinceCode: province, communeCode: null }, month);
      const bytes = xlsxWorkbook(allowanceWorkbook(data)).byteLength;
      ms.push(performance.now() - started);
      const members = data.sheets.reduce((s, sheet) => s + sheet.rows.length, 0);
      const days = data.sheets.reduce((s, sheet) => s + sheet.totals.days, 0);
      summary = `${data.sheets.length} communes, ${members.toLocaleString('en')} members, ${days.toLocaleString('en')} activity days, XLSX ${(bytes / 1024).toFixed(0)} KB`;
    }
    console.log(
      `Allowance sheets, province ${province}, ${month} (${summary}): allowanceSheets + XLSX in Node against local D1, median of ${runs}: ${median(ms)} ms.`,
    );
    // The honesty checks of the same province over the default 12 weeks (four window/grouping queries in one batch).
    const checks: number[] = [];
    let flagged = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      flagged = (await flaggedEntries(d1, { provinceCode: province, communeCode: null }, lastWeeks(12, `${month}-28`))).length;
      checks.push(performance.now() - started);
    }
    // The synthetic entries all carry created_at 0, so the "many people within minutes" rule lists up to the page limit.
    console.log(
      `Honesty checks, province ${province}, 12 weeks to ${month}-28: ${flagged} entries listed (synthetic entries share one created_at), median of ${runs}: ${median(checks)} ms (in Node against local D1).`,
    );
  });
}

/** Cookies of a response, as a Cookie header value merged into `jar`. */
function remember(jar: Map<string, string>, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

export async function allowanceBenchOverHttp(baseUrl: string, month: string, requests = 5): Promise<void> {
  const jar = new Map<string, string>();
  remember(jar, await fetch(`${baseUrl}/quan-tri/dang-nhap`));
  const csrf = [...jar].find(([k]) => k.endsWith('cns_csrf'))?.[1] ?? '';
  const signIn = await fetch(`${baseUrl}/quan-tri/dang-nhap`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, cookie: cookieHeader(jar) },
    body: new URLSearchParams({ username: USERNAME, password: PASSWORD, csrf }),
  });
  if (signIn.status !== 303) throw new Error(`bench sign-in answered ${signIn.status}`);
  remember(jar, signIn);
  for (const [label, query] of [
    ['printable page (every commune)', `thang=${month}`],
    ['XLSX (one sheet per commune)', `thang=${month}&dinh-dang=xlsx`],
  ] as const) {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < requests + 1; i++) {
      const started = performance.now();
      const res = await fetch(`${baseUrl}/quan-tri/ho-tro/bang-ke/?${query}`, { headers: { cookie: cookieHeader(jar) } });
      bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`bang-ke answered ${res.status}`);
      if (i > 0) ms.push(performance.now() - started); // one warm-up request
    }
    console.log(
      `GET /quan-tri/ho-tro/bang-ke/ ${label}, ${month}: median ${median(ms)} ms, max ${round(Math.max(...ms))} ms (${requests} requests, ${(bytes / 1024).toFixed(0)} KB, local wrangler dev, each one audited).`,
    );
  }
}

// On its own: `npx node scripts/bench-allowance.ts` builds the synthetic year and prints only these figures.
if (import.meta.main) {
  const { rm } = await import('node:fs/promises');
  const { freshLocalD1 } = await import('./lib/local-d1.ts');
  const { startLocalWorker } = await import('./lib/local-worker.ts');
  const { writeSyntheticYear } = await import('./bench-assists.ts');
  const { vietnamDay } = await import('../functions/assists/entries.ts');
  const persistTo = await freshLocalD1('bench-allowance-');
  try {
    const today = vietnamDay();
    const data = await withDirectoryDb({ remote: false, persistTo }, ({ d1 }) => writeSyntheticYear(d1, 4, today));
    console.log(
      `Synthetic year: ${data.entries.toLocaleString('en')} entries by ${data.members.toLocaleString('en')} members of ${data.teams.toLocaleString('en')} teams, written in ${data.seconds} s.`,
    );
    const month = lastFullMonth(today);
    await prepareAllowanceBench(persistTo, data.busiestProvince, month);
    const worker = await startLocalWorker({ port: process.env.BENCH_PORT ?? '8804', persistTo });
    try {
      await allowanceBenchOverHttp(worker.baseUrl, month);
    } finally {
      worker.stop();
    }
  } finally {
    await rm(persistTo, { recursive: true, force: true });
  }
}
