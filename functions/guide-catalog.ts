import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
import { guideCatalog, type GuideEntry } from './usage/catalog.ts';

/** One topic, as site/pages/du-lieu/chu-de.json.ts builds it. */
export interface CatalogTopic {
  id: string;
  name: string;
  order: number;
}

/**
 * The guides (usage/catalog.ts: /du-lieu/huong-dan.json) and topics
 * (/du-lieu/chu-de.json) of the deployed build: the Worker keeps no copy of
 * the content.
 */
export async function loadGuideCatalog(c: Context<AppEnv>) {
  const [catalog, topicsRes] = await Promise.all([
    guideCatalog(c.env, c.req.url),
    c.env.ASSETS.fetch(new URL('/du-lieu/chu-de.json', c.req.url)),
  ]);
  if (!topicsRes.ok) throw new Error(`/du-lieu/chu-de.json is missing from the built site (${topicsRes.status})`);
  return { guides: [...catalog.values()], topics: await topicsRes.json<CatalogTopic[]>() };
}

/** Guides grouped by topic in the site's topic order, each group sorted by title (Vietnamese collation). */
export function guidesByTopic(guides: GuideEntry[], topics: CatalogTopic[]) {
  return topics
    .map((topic) => ({
      topic,
      guides: guides.filter((g) => g.topic === topic.id).sort((a, b) => a.title.localeCompare(b.title, 'vi')),
    }))
    .filter((group) => group.guides.length > 0);
}
