// The promise that guide links never break: content/published-urls.json lists
// every guide URL ever published. A listed URL must stay a page or become a
// redirect (content/redirects.yaml); a new guide must be added to the list.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guideSlugFromPath, guideUrl } from '../../site/utils/urls.ts';
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

/** Slugs of the guide pages in dist/ (drafts are never built). */
export function builtGuideSlugs(dist = distDir): string[] {
  const dir = join(dist, 'huong-dan');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'index.html')))
    .map((entry) => entry.name)
    .sort();
}

/** The renamed-guide map as built for the Worker (dist/redirects.json). */
export function builtRedirects(dist = distDir): Record<string, string> {
  const file = join(dist, 'redirects.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

export interface LinkCheck {
  /** Published URLs that are neither a built guide nor redirected to one. */
  broken: string[];
  /** Built guides whose URL is not in the manifest yet. */
  unlisted: string[];
}

export function checkPublishedUrls(published: string[], built: string[], redirects: Record<string, string>): LinkCheck {
  const builtSet = new Set(built);
  const broken = published.filter((url) => {
    const slug = guideSlugFromPath(url);
    if (!slug || url !== guideUrl(slug)) return true;
    const target = redirects[slug];
    return !builtSet.has(slug) && !(target && builtSet.has(target));
  });
  const listed = new Set(published);
  const unlisted = built.map(guideUrl).filter((url) => !listed.has(url));
  return { broken, unlisted };
}

/** Adds the URLs of newly built guides; never removes one. */
export function withNewGuides(published: string[], built: string[]): { urls: string[]; added: string[] } {
  const listed = new Set(published);
  const added = built.map(guideUrl).filter((url) => !listed.has(url));
  return { urls: [...published, ...added].sort(), added };
}
