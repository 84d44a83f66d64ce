// The renamed-guide map the Worker reads (functions/routes/guide-pages.ts) to
// answer old guide URLs with a 301. Built from content/redirects.yaml and
// checked against the guides actually published: a redirect to a missing guide
// or a loop fails the build.
import type { APIRoute } from 'astro';
import redirectsYaml from '../../content/redirects.yaml?raw';
import { publishedGuides } from '../utils/guides.ts';
import { parseRedirects, resolveRedirects } from '../utils/redirects.ts';

export const GET: APIRoute = async () => {
  const published = new Set((await publishedGuides()).map((guide) => guide.id));
  const redirects = resolveRedirects(parseRedirects(redirectsYaml), published);
  return new Response(JSON.stringify(redirects, null, 1), { headers: { 'content-type': 'application/json' } });
};
