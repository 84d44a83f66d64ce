// The build part of `npm run bench`: build time of a synthetic 1,000-guide
// site, cold (no cache) and warm (rebuilt unchanged, then with one title
// changed). The guides are copies of the real ones with new slugs and titles,
// generated into a temporary copy of the project (never committed).
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const GUIDES = 1_000;
const PROJECT_FILES = ['site', 'content', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

interface BuildRun {
  seconds: number;
  /** "1000 preview images: 1000 rendered (2 threads), 0 from cache, 41230 ms" */
  previews: string;
}

/** A copy of the project whose content/guides holds `count` guides (the real ones, then renamed copies). */
async function syntheticSite(count: number): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'camnangso-bench-build-'));
  for (const name of PROJECT_FILES) await cp(name, join(root, name), { recursive: true });
  await symlink(join(process.cwd(), 'node_modules'), join(root, 'node_modules'), 'dir');
  const dir = join(root, 'content', 'guides');
  const originals = (await readdir(dir)).filter((f) => f.endsWith('.mdx')).sort();
  const texts = await Promise.all(originals.map((f) => readFile(join(dir, f), 'utf8')));
  for (let i = originals.length; i < count; i++) {
    const k = i % originals.length;
    const text = texts[k]!.replace(/^title: (.*)$/m, (_, title: string) => `title: ${title.replace(/^["']|["']$/g, '')} (bản ${i})`);
    await writeFile(join(dir, `${originals[k]!.replace(/\.mdx$/, '')}-ban-${i}.mdx`), text);
  }
  return root;
}

function build(root: string): BuildRun {
  const started = performance.now();
  const result = spawnSync('npx', ['astro', 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    // A 1,000-guide build logs megabytes (Vite warnings per MDX file); the default 1 MB buffer would kill it.
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`astro build failed in ${root}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
  const previews = /\d+ preview images: .*/.exec(result.stdout)?.[0] ?? '(no preview line)';
  return { seconds, previews };
}

export async function printBuildBench(): Promise<void> {
  const root = await syntheticSite(GUIDES);
  try {
    const rows: [string, BuildRun][] = [];
    rows.push(['cold (no cache)', build(root)]);
    rows.push(['warm (unchanged)', build(root)]);
    // One guide retitled: only its preview image is rendered again.
    const dir = join(root, 'content', 'guides');
    const one = join(dir, (await readdir(dir)).find((f) => f.includes('-ban-'))!);
    await writeFile(one, (await readFile(one, 'utf8')).replace(/^title: (.*)$/m, 'title: $1 — đã sửa'));
    rows.push(['warm (one title changed)', build(root)]);
    console.log(`Synthetic site: ${GUIDES} guides (copies of the real ones), astro build incl. Pagefind index and preview images.`);
    // Build times scale with what else the machine runs: the load says how comparable two runs are.
    console.log(`${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')}\n`);
    for (const [label, run] of rows) console.log(`${label.padEnd(26)} ${run.seconds.toFixed(1).padStart(6)} s   ${run.previews}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
