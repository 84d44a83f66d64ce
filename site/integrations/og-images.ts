// Link preview images (/og/<slug>.png, 1200×630) of every published guide,
// written into dist/ at the end of the build. Rendering (satori + resvg, tens
// of milliseconds each) is what made builds grow with the content, so:
// - each image is cached under a key of what it shows (title, topic, site
//   name, host) and of the renderer itself (its source, fonts and libraries):
//   a rebuild renders only the images whose text changed;
// - the images that must be rendered are split over worker threads, one per core.
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ui } from '../i18n/ui.ts';
import type { OgImageText } from '../utils/og-image.ts';
import { ALERT_OG_SLUG } from '../utils/og.ts';

interface OgJob {
  slug: string;
  text: OgImageText;
}

/** What every image depends on besides its text: the renderer's code, its fonts and libraries. */
async function rendererFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of ['../utils/og-image.ts', '../utils/og.ts']) hash.update(await readFile(new URL(file, import.meta.url)));
  for (const pkg of ['satori', '@resvg/resvg-js', '@fontsource/noto-sans']) {
    const manifest = JSON.parse(await readFile(fileURLToPath(import.meta.resolve(`${pkg}/package.json`)), 'utf8')) as { version: string };
    hash.update(`${pkg}@${manifest.version}`);
  }
  return hash.digest('hex');
}

/** The cache key of one image: what it shows, under this renderer. */
export function ogImageKey(fingerprint: string, text: OgImageText): string {
  return createHash('sha256').update(fingerprint).update(JSON.stringify(text)).digest('hex').slice(0, 32);
}

export interface OgBuildStats {
  total: number;
  rendered: number;
  threads: number;
  ms: number;
}

/** Writes `<outDir>/<slug>.png` for every job, rendering only what the cache lacks, in parallel. */
export async function buildOgImages(jobs: OgJob[], outDir: string, cacheDir: string): Promise<OgBuildStats> {
  const started = performance.now();
  await mkdir(outDir, { recursive: true });
  await mkdir(cacheDir, { recursive: true });
  const fingerprint = await rendererFingerprint();
  const keyed = jobs.map((job) => ({ ...job, cacheFile: join(cacheDir, `${ogImageKey(fingerprint, job.text)}.png`) }));
  const cached = new Set(await readdir(cacheDir));
  const missing = keyed.filter((job) => !cached.has(job.cacheFile.slice(cacheDir.length + 1)));

  const threads = Math.max(0, Math.min(availableParallelism(), missing.length));
  await Promise.all(
    Array.from({ length: threads }, (_, i) => {
      const share = missing.filter((_, j) => j % threads === i).map(({ text, cacheFile }) => ({ text, cacheFile }));
      return new Promise<void>((resolve, reject) => {
        const worker = new Worker(new URL('./og-render-worker.ts', import.meta.url), { workerData: { jobs: share } });
        worker.once('message', () => resolve());
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`preview image thread exited with ${code}`))));
      });
    }),
  );

  await Promise.all(keyed.map((job) => copyFile(job.cacheFile, join(outDir, `${job.slug}.png`))));
  // Images of renamed or retitled guides are not kept forever.
  const used = new Set(keyed.map((job) => job.cacheFile.slice(cacheDir.length + 1)));
  await Promise.all([...cached].filter((name) => !used.has(name)).map((name) => rm(join(cacheDir, name), { force: true })));
  return { total: jobs.length, rendered: missing.length, threads, ms: Math.round(performance.now() - started) };
}

export function ogImages(): AstroIntegration {
  let host = '';
  let cacheDir = '';
  return {
    name: 'cam-nang-so:og-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        host = config.site ? new URL(config.site).host : '';
        // Per checkout and gitignored (.astro/), like Astro's own cache.
        cacheDir = join(fileURLToPath(config.root), '.astro', 'og-images');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const read = async <T>(path: string) => JSON.parse(await readFile(new URL(path, dir), 'utf8')) as T;
        // The same published guides and topics the Worker reads (site/pages/du-lieu/).
        const guides = await read<{ slug: string; title: string; topic: string }[]>('du-lieu/huong-dan.json');
        const topics = new Map((await read<{ id: string; name: string }[]>('du-lieu/chu-de.json')).map((t) => [t.id, t.name]));
        const jobs = guides.map((guide) => {
          const topicName = topics.get(guide.topic);
          if (!topicName) throw new Error(`content/topics.yaml: thiếu chủ đề "${guide.topic}" (hướng dẫn ${guide.slug})`);
          return { slug: guide.slug, text: { title: guide.title, topicName, siteName: ui.siteName, host } };
        });
        // One image for every scam alert card (issue 18): the Worker publishes alerts, it draws no images.
        jobs.push({ slug: ALERT_OG_SLUG, text: { title: ui.alerts.ogTitle, topicName: ui.alerts.label, siteName: ui.siteName, host } });
        const stats = await buildOgImages(jobs, fileURLToPath(new URL('og/', dir)), cacheDir);
        logger.info(
          `${stats.total} preview images: ${stats.rendered} rendered (${stats.threads} threads), ${stats.total - stats.rendered} from cache, ${stats.ms} ms`,
        );
      },
    },
  };
}
