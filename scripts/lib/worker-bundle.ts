// The Worker as `wrangler deploy` would upload it, built without uploading
// (`--dry-run`): the bundle test and `npm run bench` measure this file. Its
// startup is profiled the way `wrangler check startup` does it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Budget of the Worker bundle, gzip (issue 20). Every citizen's request —
 * guide views, share links, directory, reports — loads the whole Worker, so
 * what it carries must earn its place: 628 KB with exceljs, 270 KB without it,
 * ~325 KB once wave 3's features were in, ~287 KB once zod's 40 locale packs
 * left (wrangler.toml [alias], functions/zod-without-locales/).
 */
export const WORKER_BUNDLE_BUDGET = 300 * 1024;

/**
 * Budget of the Worker's startup, in ms of CPU busy in `wrangler check
 * startup`'s profile (fastest of a few runs): issue 20's ceiling, half of the
 * ~220 ms it counted with exceljs in the bundle. A quiet machine measures about
 * 60 ms (`npm run bench` prints it); a tighter budget failed whenever the
 * machine was busy (87–119 ms at load 10 and above), which measures the load,
 * not the Worker.
 */
export const WORKER_STARTUP_BUDGET_MS = 110;

export interface WorkerBundle {
  bytes: number;
  gzipBytes: number;
  /** wrangler's own output (its errors if the bundle did not build). */
  log: string;
  /** npm packages whose code is in the bundle (from esbuild's metafile). */
  packages: string[];
  /** Every source file with code in the bundle, and how many bytes of it (esbuild's metafile). */
  files: Record<string, number>;
}

/** The npm package a bundled file comes from (its last node_modules segment), if any. */
function packageOf(file: string): string | undefined {
  const at = file.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const [scope, name] = file.slice(at + 'node_modules/'.length).split('/');
  return scope?.startsWith('@') ? `${scope}/${name}` : scope;
}

const wranglerEnv = () => ({ ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' });

/** Runs `wrangler deploy --dry-run --outdir <outDir>`; throws with wrangler's output if the Worker does not build. */
export function buildWorkerBundle(outDir = join('.wrangler', 'dry-run')): WorkerBundle {
  rmSync(outDir, { recursive: true, force: true });
  const metafile = join(outDir, 'meta.json');
  const result = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outDir, '--metafile', metafile], { encoding: 'utf8', env: wranglerEnv() });
  const log = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`wrangler deploy --dry-run failed (exit ${result.status}):\n${log}`);
  const code = readFileSync(join(outDir, 'index.js'));
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  const output = Object.entries(meta.outputs).find(([file]) => file.endsWith('index.js'))![1];
  // Files esbuild read but tree-shook away entirely are not in the bundle.
  const files = Object.fromEntries(
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file, input]) => [file, input.bytesInOutput]),
  );
  const packages = [
    ...new Set(
      Object.keys(files)
        .map(packageOf)
        .filter((p): p is string => p !== undefined),
    ),
  ].sort();
  return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, log, packages, files };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Milliseconds the profile spent doing anything but waiting: script compile, top-level code, GC. */
export function busyMilliseconds(profile: CpuProfile): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  // The first delta is the wait between starting the profiler and the first sample.
  const micros = profile.samples.reduce((sum, node, i) => (i > 0 && !idle.has(node) ? sum + profile.timeDeltas[i]! : sum), 0);
  return micros / 1000;
}

/** `wrangler check startup` `runs` times; the fastest busy time (the run least disturbed by the rest of the machine). */
export function workerStartupMilliseconds(runs = 3): { fastest: number; all: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cns-startup-'));
  try {
    const all: number[] = [];
    for (let i = 0; i < runs; i++) {
      const outfile = join(dir, `startup-${i}.cpuprofile`);
      const result = spawnSync('npx', ['wrangler', 'check', 'startup', '--outfile', outfile], { encoding: 'utf8', env: wranglerEnv() });
      if (result.status !== 0) throw new Error(`wrangler check startup failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
      all.push(busyMilliseconds(JSON.parse(readFileSync(outfile, 'utf8')) as CpuProfile));
    }
    return { fastest: Math.min(...all), all };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
