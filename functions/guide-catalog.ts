// The guides of the deployed build, as the Worker knows them: the one module
// for "does this guide exist", guide titles and topics, and renamed guides.
// The Worker keeps no copy of the content: everything here is read from JSON
// files that the Astro build writes into dist/.
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv, Env } from './env.ts';
import { KeptPerIsolate } from './kept-per-isolate.ts';

/** Built by site/pages/du-lieu/huong-dan.json.ts from the guides collection (drafts excluded). */
export const GUIDE_CATALOG_PATH = '/du-lieu/huong-dan.json';
/** Built by site/pages/du-lieu/chu-de.json.ts. */
export const TOPICS_PATH = '/du-lieu/chu-de.json';
/**
 * Built by site/pages/redirects.json.ts from content/redirects.yaml: renamed
 * guide slugs, each already resolved to a guide that is published.
 */
export const REDIRECTS_PATH = '/redirects.json';

const catalogSchema = z.array(z.object({ slug: z.string(), title: z.string(), topic: z.string() }));
export type GuideEntry = z.infer<typeof catalogSchema>[number];

/** One topic, as site/pages/du-lieu/chu-de.json.ts builds it. */
export interface CatalogTopic {
  id: string;
  name: string;
  order: number;
}

// The catalog changes only with a deploy; keep it a few minutes per isolate.
const CATALOG_TTL_MS = 5 * 60 * 1000;
const catalogs = new KeptPerIsolate<Map<string, GuideEntry>>(CATALOG_TTL_MS);

async function loadCatalog(env: Pick<Env, 'ASSETS'>, origin: string): Promise<Map<string, GuideEntry>> {
  const res = await env.ASSETS.fetch(new URL(GUIDE_CATALOG_PATH, origin));
  if (!res.ok) throw new Error(`guide catalog: ${res.status}`);
  const guides = catalogSchema.parse(await res.json());
  return new Map(guides.map((g) => [g.slug, g]));
}

/**
 * The published guides by slug: the one source for "does this guide exist"
 * (share links) and for guide titles (usage reports).
 */
export function guideCatalog(env: Pick<Env, 'ASSETS'>, requestUrl: string): Promise<Map<string, GuideEntry>> {
  // A failed load does not stick for five minutes: KeptPerIsolate forgets it.
  return catalogs.get(GUIDE_CATALOG_PATH, () => loadCatalog(env, new URL(requestUrl).origin));
}

/** The guides and topics together (the member toolkit lists guides by topic). */
export async function loadGuideCatalog(c: Context<AppEnv>) {
  const [catalog, topicsRes] = await Promise.all([guideCatalog(c.env, c.req.url), c.env.ASSETS.fetch(new URL(TOPICS_PATH, c.req.url))]);
  if (!topicsRes.ok) throw new Error(`${TOPICS_PATH} is missing from the built site (${topicsRes.status})`);
  return { guides: [...catalog.values()], topics: await topicsRes.json<CatalogTopic[]>() };
}

/** Guide titles in Vietnamese order (String.localeCompare(…, 'vi')), without building a collator per comparison. */
export const byTitle = new Intl.Collator('vi');

/** Guides grouped by topic in the site's topic order, each group sorted by title (Vietnamese collation). */
export function guidesByTopic(guides: GuideEntry[], topics: CatalogTopic[]) {
  return topics
    .map((topic) => ({
      topic,
      guides: guides.filter((g) => g.topic === topic.id).sort((a, b) => byTitle.compare(a.title, b.title)),
    }))
    .filter((group) => group.guides.length > 0);
}

/** Old slug → new slug of every renamed guide. */
export async function renamedGuides(c: Context<AppEnv>): Promise<Record<string, string>> {
  const res = await c.env.ASSETS.fetch(new URL(REDIRECTS_PATH, c.req.url));
  return res.ok ? ((await res.json()) as Record<string, string>) : {};
}
