// Security headers for the built site: hashes every inline <script> and
// <style> of every built page (Astro inlines the CSS and small scripts), then
// writes dist/_headers (the headers Cloudflare adds to the assets it serves
// without the Worker) and dist/du-lieu/csp.json (the same hashes, read by the
// Worker for the pages it answers). Run by build-done.ts.
import type { AstroIntegrationLogger } from 'astro';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { contentSecurityPolicy, CSP_HASHES_PATH, HSTS, type InlineHashes, SECURITY_HEADERS } from '../security/policy.ts';
import { SEARCH_STYLES } from '../scripts/search/search-styles.ts';
import { guideSlugFromPath, handoutQrStyle } from '../utils/urls.ts';
import { isUnder } from './dist-files.ts';
import { RECORDS_DIR } from './search-index.ts';

/** Styles that scripts add at run time (a <style> element is under the CSP like any inline one). */
const RUNTIME_STYLES = [SEARCH_STYLES];

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

/** Hashes of the inline code of one page; throws on inline code a hash cannot allow safely. */
export function inlineHashesOf(html: string, page: string): InlineHashes {
  const scripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => sha256(m[1]!));
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => sha256(m[1]!));
  const handler = /<[^>]+\son[a-z]+\s*=/i.exec(html);
  if (handler) throw new Error(`${page}: inline event handler (${handler[0].slice(0, 60)}…) would be blocked by the CSP; use a script`);
  // The one inline style attribute the policy knows: the guide handout's QR, allowed by hash for its own page.
  const slug = guideSlugFromPath(page);
  for (const m of html.matchAll(/<[^>]+\sstyle="([^"]*)"/gi)) {
    if (!slug || m[1] !== handoutQrStyle(slug)) {
      throw new Error(`${page}: inline style="${m[1]}" would be blocked by the CSP; use a class in the page's CSS`);
    }
  }
  return { scripts, styles };
}

/** The page path of a built file: dist/huong-dan/x/index.html → /huong-dan/x/. */
const pagePath = (dir: string, file: string) => `/${relative(dir, file).split('\\').join('/')}`.replace(/index\.html$/, '').replace(/\.html$/, '');

/**
 * Writes dist/_headers and dist/du-lieu/csp.json from the inline code of every
 * built page. `files`: every file of the build, as `filesUnder(root)` listed
 * it; the search records are left out (the search index step reads and
 * deletes them meanwhile: they are never served).
 */
export async function writeSecurityHeaders(root: string, files: readonly string[], logger: AstroIntegrationLogger): Promise<void> {
  const all: InlineHashes = { scripts: [], styles: RUNTIME_STYLES.map(sha256) };
  const records = join(root, RECORDS_DIR);
  for (const file of files.filter((f) => f.endsWith('.html') && !isUnder(records, f))) {
    const page = inlineHashesOf(await readFile(file, 'utf8'), pagePath(root, file));
    all.scripts.push(...page.scripts);
    all.styles.push(...page.styles);
  }
  const hashes = { scripts: [...new Set(all.scripts)].sort(), styles: [...new Set(all.styles)].sort() };
  const csp = contentSecurityPolicy(hashes);
  // _headers lines may hold 2,000 characters (Cloudflare's limit): fail the build, not the deploy.
  if (csp.length + 30 > 2000) throw new Error(`CSP too long for _headers (${csp.length} chars): too many distinct inline blocks`);
  const headers = { 'content-security-policy': csp, ...SECURITY_HEADERS, 'strict-transport-security': HSTS };
  const lines = ['/*', ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)];
  await writeFile(join(root, '_headers'), `${lines.join('\n')}\n`);
  const jsonFile = join(root, CSP_HASHES_PATH);
  await mkdir(dirname(jsonFile), { recursive: true });
  await writeFile(jsonFile, JSON.stringify(hashes));
  logger.info(`CSP: ${hashes.scripts.length} inline script and ${hashes.styles.length} inline style hashes`);
}
