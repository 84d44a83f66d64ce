// Password hashing bench: the cost of one hash (functions/auth/password.ts,
// scrypt N=2^14 r=8 p=5 through node:crypto) in workerd, the Workers runtime,
// as `wrangler dev` runs it. Wall time of a request hashing n times minus a
// request hashing none, from Node (clocks inside workerd do not advance
// during CPU work, as in production), on the bench's own small Worker in
// `wrangler dev` (port 8808). Run alone: `node scripts/bench-auth.ts`.
import { build } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalWorker } from './lib/local-worker.ts';

const entry = `
import { hashPassword, verifyPassword } from './functions/auth/password.ts';
export default {
  async fetch(request) {
    const n = Number(new URL(request.url).searchParams.get('n') ?? '0');
    let hash = '';
    for (let i = 0; i < n; i++) hash = await hashPassword('dong-lua-xanh-muot-' + i);
    if (n > 0 && !(await verifyPassword('dong-lua-xanh-muot-' + (n - 1), hash))) throw new Error('verify failed');
    return new Response(String(n));
  },
};`;

export async function passwordHashBench(samples = 10): Promise<{ msPerHash: number; samples: number }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const bundle = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'bench-auth-entry.ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    external: ['node:*'],
    write: false,
  });
  const dir = await mkdtemp(join(tmpdir(), 'bench-auth-'));
  await writeFile(join(dir, 'worker.js'), bundle.outputFiles[0]!.text);
  await writeFile(
    join(dir, 'wrangler.json'),
    JSON.stringify({ name: 'bench-auth', main: 'worker.js', compatibility_date: '2026-11-01', compatibility_flags: ['nodejs_compat'] }),
  );
  const worker = await startLocalWorker({ port: 8808, persistTo: join(dir, 'state'), configPath: join(dir, 'wrangler.json'), readyPath: '/?n=0' });
  try {
    const time = async (n: number) => {
      const start = performance.now();
      const res = await fetch(`${worker.baseUrl}/?n=${n}`);
      if (!res.ok) throw new Error(`bench worker answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      await res.text();
      return performance.now() - start;
    };
    await time(1); // warm up
    const empty = Math.min(await time(0), await time(0), await time(0));
    // n hashes + 1 verify = n + 1 key derivations.
    const runs = [await time(samples), await time(samples), await time(samples)];
    if (process.env.BENCH_DEBUG) console.log({ empty, runs });
    return { msPerHash: (Math.min(...runs) - empty) / (samples + 1), samples };
  } finally {
    worker.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function authBenchSection(): Promise<void> {
  const { msPerHash, samples } = await passwordHashBench();
  const [load] = loadavg();
  console.log(
    `Password hash (scrypt N=2^14, r=8, p=5, 16 MiB) in workerd: ${msPerHash.toFixed(1)} ms per hash (best of 3 × ${samples + 1}; ` +
      `machine load average ${load!.toFixed(1)} on ${availableParallelism()} CPUs).`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await authBenchSection();
