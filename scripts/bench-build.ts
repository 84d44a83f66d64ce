// The build part of `npm run bench`: build time of a synthetic 1,000-guide
// site, cold (no cache) and warm (rebuilt unchanged, then with one title
// changed), beside a stock Starlight site built from the same 1,000 guides.
// The guides are copies of the real ones with new slugs and titles, generated
// into temporary folders (never committed); Starlight is installed from npm
// into its own temporary folder, so it is the stock package, not our code.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ogImageRequestUrl } from '../functions/og-images/contract.ts';
import { startLocalWorker } from './lib/local-worker.ts';

const GUIDES = 1_000;
const PROJECT_FILES = ['site', 'content', 'astro.config.mjs', 'package.json', 'tsconfig.json'];
/** The Starlight release measured against (the one anchors.md names), on the Astro major this project uses. */
const STARLIGHT_PACKAGES = ['@astrojs/starlight@0.42', 'astro@7'];
/** Cold builds of each site, alternated so machine load falls on both alike. */
const COLD_RUNS = 2;

interface BuildRun {
  seconds: number;
}

/** A copy of the project whose content/guides holds `count` guides (the real ones, then renamed copies). */
export async function syntheticSite(count: number): Promise<string> {
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

/** Our authoring components in Starlight's own: Steps is Steps, a Callout is an Aside (warning → caution). */
export function toStarlightMdx(mdx: string): string {
  const end = mdx.indexOf('\n---', 4) + 4;
  const asideType: Record<string, string> = { danger: 'danger', warning: 'caution', note: 'note', tip: 'tip' };
  const body = mdx
    .slice(end)
    .replace(/<Callout type="(\w+)"/g, (_, type: string) => `<Aside type="${asideType[type] ?? 'note'}"`)
    .replace(/<Callout\b/g, '<Aside')
    .replace(/<\/Callout>/g, '</Aside>');
  return `${mdx.slice(0, end)}\n\nimport { Steps, Aside } from '@astrojs/starlight/components';\n${body}`;
}

/** A stock Starlight site (Vietnamese UI, default settings) holding the same guides as `synthetic`. */
export async function starlightSite(synthetic: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'camnangso-bench-starlight-'));
  await writeFile(join(root, 'package.json'), JSON.stringify({ name: 'starlight-bench', private: true, type: 'module' }));
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...STARLIGHT_PACKAGES], {
    cwd: root,
    encoding: 'utf8',
  });
  if (install.status !== 0) throw new Error(`npm install of Starlight failed:\n${install.stderr.slice(-3000)}`);
  await writeFile(
    join(root, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
export default defineConfig({
  site: 'http://localhost:8787',
  integrations: [starlight({ title: 'Cẩm nang số', defaultLocale: 'root', locales: { root: { label: 'Tiếng Việt', lang: 'vi' } } })],
});
`,
  );
  await mkdir(join(root, 'src', 'content', 'docs', 'huong-dan'), { recursive: true });
  await writeFile(
    join(root, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`,
  );
  await writeFile(join(root, 'src', 'content', 'docs', 'index.mdx'), '---\ntitle: Cẩm nang số\n---\n\nHướng dẫn công nghệ số.\n');
  const dir = join(synthetic, 'content', 'guides');
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.mdx'))) {
    await writeFile(join(root, 'src', 'content', 'docs', 'huong-dan', file), toStarlightMdx(await readFile(join(dir, file), 'utf8')));
  }
  return root;
}

/** Everything a build leaves to speed up the next: gone, for a cold build. */
async function clearBuildCaches(root: string): Promise<void> {
  for (const path of ['dist', '.astro', join('node_modules', '.astro'), join('node_modules', '.vite')]) {
    // Our synthetic site shares the project's node_modules through a link: only its own folders are removed.
    if (path.startsWith('node_modules') && root.includes('camnangso-bench-build-')) continue;
    await rm(join(root, path), { recursive: true, force: true });
  }
}

function build(root: string): BuildRun {
  const started = performance.now();
  // The pinned Node (npm run bench runs under it): Astro 7 refuses older ones.
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    // A 1,000-guide build logs megabytes (Vite warnings per MDX file); the default 1 MB buffer would kill it.
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`astro build failed in ${root}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
  return { seconds };
}

export async function printBuildBench(): Promise<void> {
  const root = await syntheticSite(GUIDES);
  const starlight = await starlightSite(root);
  try {
    const ours: BuildRun[] = [];
    const theirs: BuildRun[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      await clearBuildCaches(root);
      ours.push(build(root));
      await clearBuildCaches(starlight);
      theirs.push(build(starlight));
    }
    const rows: [string, BuildRun][] = [
      ...ours.map((run, i): [string, BuildRun] => [`cold (no cache) #${i + 1}`, run]),
      ...theirs.map((run, i): [string, BuildRun] => [`Starlight 0.42 cold #${i + 1}`, run]),
    ];
    rows.push(['warm (unchanged)', build(root)]);
    const dir = join(root, 'content', 'guides');
    const one = join(dir, (await readdir(dir)).find((f) => f.includes('-ban-'))!);
    await writeFile(one, (await readFile(one, 'utf8')).replace(/^title: (.*)$/m, 'title: $1 — đã sửa'));
    rows.push(['warm (one title changed)', build(root)]);
    console.log(`Synthetic site: ${GUIDES} guides (copies of the real ones), astro build incl. the Pagefind index;`);
    console.log(`beside it a stock Starlight site (${STARLIGHT_PACKAGES.join(', ')}, from npm) with the same guides, builds alternated.`);
    // Build times scale with what else the machine runs: the load says how comparable two runs are.
    console.log(
      `${availableParallelism()} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}\n`,
    );
    for (const [label, run] of rows) console.log(`${label.padEnd(26)} ${run.seconds.toFixed(1).padStart(6)} s`);
    // The fastest of each: the run least slowed by whatever else the machine did.
    const fastest = (runs: BuildRun[]) => Math.min(...runs.map((r) => r.seconds));
    const ratio = fastest(ours) / fastest(theirs);
    console.log(`\ncold build against Starlight (fastest of ${COLD_RUNS} each): ${ratio.toFixed(2)}× (goal ≤ 0.70×, every guide with its preview image)`);
    await printPreviewImageLatency();
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(starlight, { recursive: true, force: true });
  }
}

/** Milliseconds one GET takes, body read. */
async function timedGet(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200 || res.headers.get('content-type') !== 'image/png') throw new Error(`${url}: ${res.status}`);
  return performance.now() - started;
}

/**
 * The guides' preview images are not built: the preview image Worker draws
 * each on its first request and keeps it (functions/og-images/). What a Zalo
 * previewer waits for, in local wrangler dev: the first image of a Worker just
 * started, the first image of a new guide, and an image already kept.
 */
export async function printPreviewImageLatency(): Promise<void> {
  const port = Number(process.env.BENCH_OG_PORT ?? 8795);
  const persistTo = await mkdtemp(join(tmpdir(), 'camnangso-bench-og-'));
  const worker = await startLocalWorker({
    port,
    persistTo,
    configPath: 'wrangler.og.toml',
    readyPath: '/',
    readyOnAnyAnswer: true,
  });
  try {
    const url = (title: string) =>
      ogImageRequestUrl({ title, topicName: 'Chính phủ số', siteName: 'Cẩm nang số', host: 'camnangso.example.vn' }).replace(
        /^https:\/\/[^/]+/,
        worker.baseUrl,
      );
    const stamp = Date.now();
    const cold = await timedGet(url(`Đăng ký tài khoản định danh điện tử mức 2 ${stamp}`));
    const fresh: number[] = [];
    const kept: number[] = [];
    for (let i = 0; i < 5; i++) fresh.push(await timedGet(url(`Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công, bản ${stamp}-${i}`)));
    for (let i = 0; i < 5; i++) kept.push(await timedGet(url(`Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công, bản ${stamp}-0`)));
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(
      `\npreview image at the edge (local wrangler dev): first of a just-started Worker ${cold.toFixed(0)} ms; ` +
        `a new guide's first, median of 5 ${median(fresh).toFixed(0)} ms (max ${Math.max(...fresh).toFixed(0)}); ` +
        `kept, median of 5 ${median(kept).toFixed(0)} ms (goal: first preview < 1000 ms)`,
    );
  } finally {
    worker.stop();
    await rm(persistTo, { recursive: true, force: true });
  }
}
