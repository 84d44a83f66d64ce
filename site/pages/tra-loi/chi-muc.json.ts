import type { APIRoute } from 'astro';
import { errorApps } from '../../schemas/error.ts';
import type { ErrorIndexEntry } from '../../utils/error-match.ts';
import { publishedErrors } from '../../utils/errors.ts';
import { errorUrl } from '../../utils/urls.ts';

/**
 * The wording of every published error entry, for the guide search (site/scripts/search/search.ts):
 * when what someone types is part of a message an app shows, that entry is offered
 * above the guides. Small (one line per entry, matched in the browser: no folded copy of
 * each message) and fetched only when a search runs.
 */
export const GET: APIRoute = async () => {
  const entries: ErrorIndexEntry[] = (await publishedErrors()).map(({ entry }) => ({
    url: errorUrl(entry.id),
    message: entry.data.message,
    app: errorApps[entry.data.app],
  }));
  return new Response(JSON.stringify(entries), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
