// OWNER: search (issue 3). Builds the Pagefind index at the end of `astro build` (run by build-done.ts).
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import type { Plugin } from 'vite';
import { parse as parseYaml } from 'yaml';
import { textForIndex } from '../scripts/search/index-text.ts';
import { spellingVocabulary } from '../scripts/search/near-miss.ts';
import { foldForSearch } from '../utils/fold.ts';
import { isUnder } from './dist-files.ts';
import { guideBodyOf, withGuideBody } from './search-records.ts';

/** Where site/pages/tim-kiem/chi-muc/[...record].astro writes the records (deleted after indexing). */
export const RECORDS_DIR = 'tim-kiem/chi-muc';

/**
 * Word occurrences per index chunk (Pagefind's default: 20 000, i.e. one ~27 KB
 * chunk for our 16 guides). A search downloads only the chunks holding its
 * words, so ~3 KB chunks keep the first search under 100 KB (measured by
 * `npm run bench`: 108.8 KB → 90.2 KB) and stay small as guides are added.
 * Pagefind reads it from its service's environment; test/build checks it held.
 */
const INDEX_CHUNK_SIZE = '2000';

/**
 * Spells đ/Đ the way Pagefind can fold (see index-text.ts) in the text of the
 * page, i.e. between tags. Scripts and styles go first: Pagefind ignores them.
 */
export function htmlForIndex(html: string): string {
  return html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '').replace(/>([^<]+)</g, (_, text: string) => `>${textForIndex(text)}<`);
}

/**
 * The words of the published guides that are not Vietnamese syllables — the
 * names of apps, brands and agencies and the few foreign words the guides use
 * (vneid, zalopay, bhxh, email) — read from content/guides: what a misspelt
 * word is mended into (see near-miss.ts). Addresses and link targets are left
 * out: their slugs are not words anyone types.
 */
export async function guideSpellingVocabulary(guidesDir: string): Promise<string[]> {
  const texts: string[] = [];
  for (const file of (await readdir(guidesDir)).filter((f) => f.endsWith('.mdx'))) {
    const mdx = await readFile(join(guidesDir, file), 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(mdx);
    const data = (match ? parseYaml(match[1]!) : {}) as { title?: unknown; description?: unknown; keywords?: unknown; draft?: unknown };
    if (data.draft === true) continue;
    const body = mdx
      .slice(match?.[0].length ?? 0)
      .replace(/^import .*$/gm, '')
      // Hidden source notes ({/* … */}): editors' words, not what readers see or type.
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/https?:\/\/\S+/g, '')
      .replace(/<[^>]*>/g, ' ');
    texts.push(String(data.title ?? ''), String(data.description ?? ''), body);
    if (Array.isArray(data.keywords)) texts.push(...data.keywords.filter((k): k is string => typeof k === 'string'));
  }
  return spellingVocabulary(texts.flatMap((text) => foldForSearch(text).match(/[a-z]+/g) ?? []));
}

/** `virtual:search-vocabulary`: the vocabulary, built into the search script (loaded only when someone searches). */
export const SEARCH_VOCABULARY_MODULE = 'virtual:search-vocabulary';

/**
 * The module's source, worked out once per process and guides folder: Vite
 * loads it once per bundle (the pages' and each of the search script's worker
 * bundles: 11 times in one build), and reading 1,000 guides 11 times took
 * 5 s of plugin time in a 1,000-guide build (issue 20).
 */
const vocabularyModules = new Map<string, Promise<string>>();
function vocabularyModule(guidesDir: string): Promise<string> {
  let source = vocabularyModules.get(guidesDir);
  if (!source) {
    source = guideSpellingVocabulary(guidesDir).then((words) => `export default ${JSON.stringify(words)};`);
    vocabularyModules.set(guidesDir, source);
    source.catch(() => vocabularyModules.delete(guidesDir));
  }
  return source;
}

export function searchVocabularyPlugin(guidesDir: string): Plugin {
  const resolved = `\0${SEARCH_VOCABULARY_MODULE}`;
  return {
    name: 'cam-nang-so:search-vocabulary',
    resolveId: (id) => (id === SEARCH_VOCABULARY_MODULE ? resolved : undefined),
    load: (id) => (id === resolved ? vocabularyModule(guidesDir) : undefined),
  };
}

export function searchIndex(): AstroIntegration {
  return {
    name: 'cam-nang-so:search-index',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const guidesDir = fileURLToPath(new URL('content/guides/', config.root));
        // The search script is bundled on its own (?worker&url in SearchBox.astro): Vite gives such bundles their own plugins.
        updateConfig({ vite: { plugins: [searchVocabularyPlugin(guidesDir)], worker: { plugins: () => [searchVocabularyPlugin(guidesDir)] } } });
      },
    },
  };
}

/**
 * Writes dist/pagefind/ from the search records (the guides' bodies taken from
 * their built pages), then deletes the records. Reads nothing but the records
 * and the guide pages, and writes nothing another build step reads before the
 * service worker's build hash (build-done.ts runs it beside the CSP step).
 * `files`: every file of the build, as `filesUnder(outDir)` listed it.
 */
export async function writeSearchIndex(outDir: string, files: readonly string[], logger: AstroIntegrationLogger): Promise<void> {
  const recordsDir = join(outDir, RECORDS_DIR);
  const records = files.filter((f) => isUnder(recordsDir, f) && basename(f) === 'index.html');
  if (records.length === 0) throw new Error(`search index: no records were built in ${RECORDS_DIR}/`);

  process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= INDEX_CHUNK_SIZE;
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'vi' });
  if (!index) throw new Error(`search index: ${errors.join('; ')}`);
  // Every record sent without waiting for Pagefind's answers, in a fixed order
  // (the index must not depend on which file was read first): Pagefind's
  // service takes them as they come, so 1,000 guides do not wait for 1,000
  // round trips in a row. Each is sent as soon as it and those before it are
  // read: Pagefind starts indexing while the rest are still being read.
  const pages = records.map(async (file) => {
    // tim-kiem/chi-muc/huong-dan/<slug>/index.html → /huong-dan/<slug>/
    const url = `/${relative(recordsDir, file).split(sep).slice(0, -1).join('/')}/`;
    const record = await readFile(file, 'utf8');
    if (!url.startsWith('/huong-dan/')) return { url, html: record };
    // A guide's body: from its built page (search-records.ts), not rendered twice.
    const page = join(outDir, url, 'index.html');
    return { url, html: withGuideBody(record, guideBodyOf(await readFile(page, 'utf8'), page), page) };
  });
  // A failed read fails the build in the loop below, not as an unhandled rejection meanwhile.
  for (const page of pages) page.catch(() => {});
  const added: Promise<void>[] = [];
  for (const page of pages) {
    const { url, html } = await page;
    const adding = index.addHTMLFile({ url, content: htmlForIndex(html) }).then((result) => {
      if (result.errors.length > 0) throw new Error(`search index: ${url}: ${result.errors.join('; ')}`);
    });
    adding.catch(() => {}); // awaited below, with the others
    added.push(adding);
  }
  await Promise.all(added);
  const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
  await pagefind.close();
  await rm(recordsDir, { recursive: true, force: true });
  // Pagefind also writes its ready-made UIs and a Web Worker; our own UI
  // runs the search API on the main thread (noWorker), so ship neither.
  for (const unused of await readdir(join(outDir, 'pagefind'))) {
    if (/^pagefind-(component-ui|modular-ui|ui|highlight|worker)\./.test(unused)) {
      await rm(join(outDir, 'pagefind', unused));
    }
  }
  logger.info(`indexed ${records.length} records into pagefind/`);
}
