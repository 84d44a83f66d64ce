// Public pages of the team directory, rendered by the Worker inside the
// site's shell: /to-cong-nghe-so/ (provinces), /<province>/ (communes),
// /<province>/<commune>/ (villages, teams, members) and /tim/ (search).
import { drizzle } from 'drizzle-orm/d1';
import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import { communeDirectory, provinceDirectory, provincesWithCoverage } from '../directory/lookups.ts';
import { CommuneCode, ProvinceCode } from '../directory/schemas.ts';
import { pageParams } from '../middleware/page-params.ts';
import { SEARCH_MAX_LENGTH, searchPlaces, searchTokens, searchWords } from '../directory/search.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from '../errors.ts';
import { renderInShell } from '../views/render-page.ts';
import { communePath, DIRECTORY_PATH, provinceTitle } from '../views/directory/components.tsx';
import { communePage, indexPage, provincePage, searchPage, type SearchOutcome } from '../views/directory/pages.tsx';
import { DIRECTORY_CACHE_CONTROL } from '../middleware/edge-cache.ts';
import { communeScheduleBlock } from './roster-public.tsx';
import { nextByCommune } from '../roster/schedule.ts';

/** Search results with each commune's next shift or session (issue 17: "find your team" shows when to come). */
async function withNextDuty(db: D1Database, found: Awaited<ReturnType<typeof searchPlaces>>): Promise<SearchOutcome> {
  const codes = [...new Set([...found.communes.map((c) => c.code), ...found.villages.map((v) => v.communeCode)])];
  return { kind: 'results', ...found, nextDuty: await nextByCommune(db, codes) };
}

const t = ui.directory;
/** No place name has a longer word: a longer one is a typo or junk, refused with a clear message before FTS5 sees it. */
const SEARCH_MAX_WORD_LENGTH = 30;

const provinceParams = z.object({ province: ProvinceCode });
const communeParams = z.object({ province: ProvinceCode, commune: CommuneCode });

export const directoryPages = new Hono<AppEnv>();

directoryPages.get(DIRECTORY_PATH, async (c) => {
  const data = await provincesWithCoverage(drizzle(c.var.db));
  return renderInShell(c, {
    title: t.title,
    description: t.indexDescription,
    main: indexPage(data),
    cacheControl: DIRECTORY_CACHE_CONTROL,
  });
});

directoryPages.get(`${DIRECTORY_PATH}tim/`, async (c) => {
  const query = (c.req.query('q') ?? '').trim();
  let outcome: SearchOutcome;
  if (query === '') outcome = { kind: 'empty' };
  else if (query.length > SEARCH_MAX_LENGTH) outcome = { kind: 'message', message: t.searchTooLong(SEARCH_MAX_LENGTH) };
  else {
    const tokens = searchTokens(query);
    outcome =
      tokens.length === 0 && searchWords(query).length > 0
        ? { kind: 'message', message: t.searchNeedsPlace }
        : tokens.join('').length < 2
          ? { kind: 'message', message: t.searchTooShort }
          : tokens.some((token) => token.length > SEARCH_MAX_WORD_LENGTH)
            ? { kind: 'message', message: t.searchWordTooLong(SEARCH_MAX_WORD_LENGTH) }
            : await withNextDuty(c.var.db, await searchPlaces(c.var.db, tokens));
  }
  return renderInShell(c, {
    // A too-long query is echoed only in the form field, never in the title.
    title: outcome.kind === 'results' ? `${t.searchResultsFor(query)} — ${t.searchTitle}` : t.searchTitle,
    description: t.searchDescription,
    main: searchPage(query.slice(0, SEARCH_MAX_LENGTH), outcome),
    cacheControl: 'public, max-age=300',
  });
});

directoryPages.get(`${DIRECTORY_PATH}:province/`, pageParams(provinceParams), async (c) => {
  const { province: code } = c.req.valid('param');
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

directoryPages.get(`${DIRECTORY_PATH}:province/:commune/`, pageParams(communeParams), async (c) => {
  const { province: provinceCode, commune: code } = c.req.valid('param');
  // The commune's shifts and sessions (issue 17) are read alongside its teams.
  const [commune, schedule] = await Promise.all([communeDirectory(drizzle(c.var.db), code), communeScheduleBlock(c.var.db, provinceCode, code)]);
  if (!commune) return notFoundPage(c);
  // A link with the wrong province (typed by hand, or from before a merger)
  // still reaches the commune, at its one canonical address.
  if (commune.province.code !== provinceCode) return c.redirect(communePath(commune.province.code, code), 301);
  const provinceName = provinceTitle(commune.province);
  return renderInShell(c, {
    title: `${commune.name}, ${provinceName} — ${t.title}`,
    description: t.communeDescription(commune.name, provinceName),
    main: communePage(commune, schedule),
    cacheControl: DIRECTORY_CACHE_CONTROL,
  });
});
