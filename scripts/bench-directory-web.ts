// Latency of the directory's heaviest reads on a national-size dataset, in
// local wrangler dev: the province coverage page and /api/communes/:code.
//
//   node scripts/bench-directory.ts --keep          # imports the synthetic national directory, prints its --persist-to
//   node scripts/bench-directory-web.ts --persist-to <dir> [--requests 200]
//
// `npm run bench` runs both in turn. Loopback only, bounded request count.
import { parseArgs } from 'node:util';
import { startLocalWorker } from './lib/local-worker.ts';

export interface LatencyFigures {
  path: string;
  requests: number;
  p50: number;
  p95: number;
  max: number;
}

export interface DirectoryWebBench {
  baseUrl: string;
  provinceCode: string;
  /** /api/health (one trivial D1 query): what the local dev proxy and runtime cost by themselves. */
  baseline: LatencyFigures;
  province: LatencyFigures;
  commune: LatencyFigures;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function figures(path: string, ms: number[]): LatencyFigures {
  const sorted = [...ms].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    path,
    requests: ms.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { 'cache-control': 'no-cache' } });
  await res.arrayBuffer();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return ms;
}

/**
 * Measures p50/p95 of the province coverage page (the province with most
 * villages) and of /api/communes/:code (rotating over that province's
 * communes), sequentially, after a short warm-up. Loopback only.
 */
export async function benchDirectoryWeb(baseUrl: string, requests = 200): Promise<DirectoryWebBench> {
  const base = new URL(baseUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    throw new Error(`The directory bench only talks to a local server, not ${base.hostname}.`);
  }
  const count = Math.max(10, Math.min(requests, 2000));
  const list = (await (await fetch(new URL('/api/provinces', base))).json()) as {
    provinces: { code: string; coverage: { villages: number } }[];
  };
  const province = [...list.provinces].sort((a, b) => b.coverage.villages - a.coverage.villages)[0];
  if (!province || province.coverage.villages === 0) throw new Error('The directory is empty: import data first.');
  const communes = (
    (await (await fetch(new URL(`/api/provinces/${province.code}/communes`, base))).json()) as {
      communes: { code: string; coverage: { villages: number } }[];
    }
  ).communes.filter((c) => c.coverage.villages > 0);

  const provincePath = `/to-cong-nghe-so/${province.code}/`;
  const communePath = (i: number) => `/api/communes/${communes[i % communes.length]!.code}`;
  for (let i = 0; i < 5; i++) {
    await timed(new URL(provincePath, base).toString());
    await timed(new URL(communePath(i), base).toString());
  }
  const baselineMs: number[] = [];
  const provinceMs: number[] = [];
  const communeMs: number[] = [];
  // Interleaved, so a burst of load on the machine hits all three alike.
  for (let i = 0; i < count; i++) {
    baselineMs.push(await timed(new URL('/api/health', base).toString()));
    provinceMs.push(await timed(new URL(provincePath, base).toString()));
    communeMs.push(await timed(new URL(communePath(i), base).toString()));
  }
  return {
    baseUrl: base.origin,
    provinceCode: province.code,
    baseline: figures('/api/health', baselineMs),
    province: figures(provincePath, provinceMs),
    commune: figures(`/api/communes/:code (${communes.length} communes in turn)`, communeMs),
  };
}

/**
 * Serves the built dist/ with wrangler dev over the local D1 in `persistTo`
 * (e.g. the national directory `benchDirectory({ keep: true })` leaves),
 * measures, prints and stops the server.
 */
export async function printDirectoryWebBench(persistTo: string, requests = 200): Promise<DirectoryWebBench> {
  const worker = await startLocalWorker({ port: process.env.BENCH_PORT ?? '8803', persistTo });
  try {
    const result = await benchDirectoryWeb(worker.baseUrl, requests);
    const goal = 100;
    console.log(`/api/health (baseline): p50 ${result.baseline.p50} ms, p95 ${result.baseline.p95} ms`);
    for (const f of [result.province, result.commune]) {
      console.log(`${f.path}: p50 ${f.p50} ms, p95 ${f.p95} ms ${f.p95 < goal ? '✔' : '✖'} (goal p95 < ${goal} ms)`);
    }
    return result;
  } finally {
    worker.stop();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'persist-to': { type: 'string' }, requests: { type: 'string' } } });
  if (!values['persist-to']) {
    console.error('usage: node scripts/bench-directory-web.ts --persist-to <dir> (from node scripts/bench-directory.ts --keep)');
    process.exit(2);
  }
  await printDirectoryWebBench(values['persist-to'], Number(values.requests ?? 200));
}
