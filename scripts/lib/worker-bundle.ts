// The Worker as `wrangler deploy` would upload it, built without uploading
// (`--dry-run`): the bundle test and `npm run bench` measure this file.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budget of the Worker bundle, gzip: far below the free plan's 3 MB, so growth is seen long before it matters. */
export const WORKER_BUNDLE_BUDGET = 1024 * 1024;

export interface WorkerBundle {
  bytes: number;
  gzipBytes: number;
  /** wrangler's own output (its errors if the bundle did not build). */
  log: string;
  /** npm packages whose code is in the bundle (from esbuild's metafile). */
  packages: string[];
}

/** The npm package a bundled file comes from (its last node_modules segment), if any. */
function packageOf(file: string): string | undefined {
  const at = file.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const [scope, name] = file.slice(at + 'node_modules/'.length).split('/');
  return scope?.startsWith('@') ? `${scope}/${name}` : scope;
}

/** Runs `wrangler deploy --dry-run --outdir <outDir>`; throws with wrangler's output if the Worker does not build. */
export function buildWorkerBundle(outDir = join('.wrangler', 'dry-run')): WorkerBundle {
  rmSync(outDir, { recursive: true, force: true });
  const metafile = join(outDir, 'meta.json');
  const result = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outDir, '--metafile', metafile], {
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' },
  });
  const log = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`wrangler deploy --dry-run failed (exit ${result.status}):\n${log}`);
  const code = readFileSync(join(outDir, 'index.js'));
  const inputs = Object.keys((JSON.parse(readFileSync(metafile, 'utf8')) as { inputs: Record<string, unknown> }).inputs);
  const packages = [...new Set(inputs.map(packageOf).filter((p): p is string => p !== undefined))].sort();
  return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, log, packages };
}
