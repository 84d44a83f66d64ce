// One rendering thread of site/integrations/og-images.ts: renders the preview
// images it is given and writes each into the cache (atomically: a build
// killed midway leaves no half-written image behind).
import { rename, writeFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { renderOgImage, type OgImageText } from '../utils/og-image.ts';

const { jobs } = workerData as { jobs: { text: OgImageText; cacheFile: string }[] };
for (const { text, cacheFile } of jobs) {
  const png = await renderOgImage(text);
  const partial = `${cacheFile}.${process.pid}.partial`;
  await writeFile(partial, png);
  await rename(partial, cacheFile);
}
parentPort!.postMessage(jobs.length);
