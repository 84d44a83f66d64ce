// The promise that shared links never break: content/published-urls.json lists
// every guide URL ever published, and the "Tra lỗi" pages (issue 19). A listed
// guide URL must stay a page or become a redirect (content/redirects.yaml); a
// listed "Tra lỗi" URL must stay a page; a new page must be added to the list.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorUrl, guideSlugFromPath, guideUrl, paths } from '../../site/utils/urls.ts';
import { distDir } from './page-weight.ts';

export const manifestFile = fileURLToPath(new URL('../../content/published-urls.json', import.meta.url));

export function readPublishedUrls(file = manifestFile): string[] {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data) || !data.every((url) => typeof url === 'string')) {
    throw new Error(`${file}: cần một danh sách JSON các đường dẫn, ví dụ ["/huong-dan/ten-tep/"]`);
  }
  return data;
}

export function writePublishedUrls(urls: string[], file = manifestFile): void {
  writeFileSync(file, `${JSON.stringify(urls, null, 2)}\n`);
}

/** Names of the folders of `dir` that hold a built page. */
function builtPageSlugs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'index.html')))
    .map((entry) => entry.name)
    .sort();
}

/** Slugs of the guide pages in dist/ (drafts are never built). */
export function builtGuideSlugs(dist = distDir): string[] {
  return builtPageSlugs(join(dist, 'huong-dan'));
}

/** URLs of the "Tra lỗi" pages in dist/: the list and one page per published entry. */
export function builtErrorUrls(dist = distDir): string[] {
  if (!existsSync(join(dist, 'tra-loi', 'index.html'))) return [];
  return [paths.errors, ...builtPageSlugs(join(dist, 'tra-loi')).map(errorUrl)];
}

/** The renamed-guide map as built for the Worker (dist/redirects.json). */
export function builtRedirects(dist = distDir): Record<string, string> {
  const file = join(dist, 'redirects.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

export interface LinkCheck {
  /** Published URLs that are neither a built page nor a guide redirected to one. */
  broken: string[];
  /** Built pages whose URL is not in the manifest yet. */
  unlisted: string[];
}

/** `built`: guide slugs; `builtPages`: the other built URLs the manifest lists ("Tra lỗi"). */
export function checkPublishedUrls(published: string[], built: string[], redirects: Record<string, string>, builtPages: string[] = []): LinkCheck {
  const builtSet = new Set(built);
  const pageSet = new Set(builtPages);
  const broken = published.filter((url) => {
    if (pageSet.has(url)) return false;
    const slug = guideSlugFromPath(url);
    if (!slug || url !== guideUrl(slug)) return true;
    const target = redirects[slug];
    return !builtSet.has(slug) && !(target && builtSet.has(target));
  });
  const listed = new Set(published);
  const unlisted = [...built.map(guideUrl), ...builtPages].filter((url) => !listed.has(url));
  return { broken, unlisted };
}

/** Adds the URLs of newly built guides (and other pages, `builtPages`); never removes one. */
export function withNewGuides(published: string[], built: string[], builtPages: string[] = []): { urls: string[]; added: string[] } {
  const listed = new Set(published);
  const added = [...built.map(guideUrl), ...builtPages].filter((url) => !listed.has(url));
  return { urls: [...published, ...added].sort(), added };
}
