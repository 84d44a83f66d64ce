// Public pages of the team directory, rendered by the Worker inside the
// site's shell: /to-cong-nghe-so/ (provinces), /<province>/ (communes),
// /<province>/<commune>/ (villages, teams, members) and /tim/ (search).
import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import { communeDirectory, provinceDirectory, provincesWithCoverage } from '../directory/lookups.ts';
import { communeCodePattern, provinceCodePattern } from '../directory/schemas.ts';
import { SEARCH_MAX_LENGTH, searchPlaces, searchTokens } from '../directory/search.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from '../errors.ts';
import { renderInShell } from '../views/render-page.ts';
import { communePath, DIRECTORY_PATH, provinceTitle } from '../views/directory/components.tsx';
import { communePage, indexPage, provincePage, searchPage, type SearchOutcome } from '../views/directory/pages.tsx';
import { DIRECTORY_CACHE_CONTROL } from '../directory/cache.ts';

const t = ui.directory;
const isProvinceCode = (code: string) => provinceCodePattern.test(code);
const isCommuneCode = (code: string) => communeCodePattern.test(code);

/** Same path with a trailing slash, query kept: the pages' one canonical form. */
function withSlash(url: string): string {
  const u = new URL(url);
  u.pathname += '/';
  return u.pathname + u.search;
}

export const directoryPages = new Hono<AppEnv>();

directoryPages.get('/to-cong-nghe-so', (c) => c.redirect(withSlash(c.req.url), 301));

directoryPages.get(DIRECTORY_PATH, async (c) => {
  const data = await provincesWithCoverage(drizzle(c.var.db));
  return renderInShell(c, {
    title: t.title,
    description: t.indexDescription,
    main: indexPage(data),
    cacheControl: DIRECTORY_CACHE_CONTROL,
  });
});

directoryPages.get(`${DIRECTORY_PATH}tim`, (c) => c.redirect(withSlash(c.req.url), 301));

directoryPages.get(`${DIRECTORY_PATH}tim/`, async (c) => {
  const query = (c.req.query('q') ?? '').trim();
  let outcome: SearchOutcome;
  if (query === '') outcome = { kind: 'empty' };
  else if (query.length > SEARCH_MAX_LENGTH) outcome = { kind: 'message', message: t.searchTooLong(SEARCH_MAX_LENGTH) };
  else {
    const tokens = searchTokens(query);
    outcome =
      tokens.join('').length < 2
        ? { kind: 'message', message: t.searchTooShort }
        : { kind: 'results', ...(await searchPlaces(c.var.db, tokens)) };
  }
  return renderInShell(c, {
    // A too-long query is echoed only in the form field, never in the title.
    title: outcome.kind === 'results' ? `${t.searchResultsFor(query)} — ${t.searchTitle}` : t.searchTitle,
    description: t.searchDescription,
    main: searchPage(query.slice(0, SEARCH_MAX_LENGTH), outcome),
    cacheControl: 'public, max-age=300',
  });
});

directoryPages.get(`${DIRECTORY_PATH}:province`, (c) =>
  isProvinceCode(c.req.param('province')) ? c.redirect(withSlash(c.req.url), 301) : notFoundPage(c),
);

directoryPages.get(`${DIRECTORY_PATH}:province/`, async (c) => {
  const code = c.req.param('province');
  if (!isProvinceCode(code)) return notFoundPage(c);
  const province = await provinceDirectory(drizzle(c.var.db), code);
  if (!province) return notFoundPage(c);
  const title = provinceTitle(province);
  return renderInShell(c, {
    title: `${t.title} — ${title}`,
    description: t.provinceDescription(title),
    main: provincePage(province),
    cacheControl: DIRECTORY_CACHE_CONTROL,
  });
});

directoryPages.get(`${DIRECTORY_PATH}:province/:commune`, (c) =>
  isProvinceCode(c.req.param('province')) && isCommuneCode(c.req.param('commune'))
    ? c.redirect(withSlash(c.req.url), 301)
    : notFoundPage(c),
);

directoryPages.get(`${DIRECTORY_PATH}:province/:commune/`, async (c) => {
  const { province: provinceCode, commune: code } = c.req.param();
  if (!isProvinceCode(provinceCode) || !isCommuneCode(code)) return notFoundPage(c);
  const commune = await communeDirectory(drizzle(c.var.db), code);
  if (!commune) return notFoundPage(c);
  // A link with the wrong province (typed by hand, or from before a merger)
  // still reaches the commune, at its one canonical address.
  if (commune.province.code !== provinceCode) return c.redirect(communePath(commune.province.code, code), 301);
  const provinceName = provinceTitle(commune.province);
  return renderInShell(c, {
    title: `${commune.name}, ${provinceName} — ${t.title}`,
    description: t.communeDescription(commune.name, provinceName),
    main: communePage(commune),
    cacheControl: DIRECTORY_CACHE_CONTROL,
  });
});
