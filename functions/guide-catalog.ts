import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/** One published guide, as site/pages/du-lieu/huong-dan.json.ts builds it. */
export interface CatalogGuide {
  slug: string;
  title: string;
  topic: string;
}

/** One topic, as site/pages/du-lieu/chu-de.json.ts builds it. */
export interface CatalogTopic {
  id: string;
  name: string;
  order: number;
}

async function readBuiltJson<T>(c: Context<AppEnv>, path: string): Promise<T> {
  const res = await c.env.ASSETS.fetch(new URL(path, c.req.url));
  if (!res.ok) throw new Error(`${path} is missing from the built site (status ${res.status})`);
  return res.json<T>();
}

/**
 * The guides and topics of the deployed build, read from the static JSON the
 * site build writes: the Worker never keeps its own copy of the content.
 */
export async function loadGuideCatalog(c: Context<AppEnv>) {
  const [guides, topics] = await Promise.all([
    readBuiltJson<CatalogGuide[]>(c, '/du-lieu/huong-dan.json'),
    readBuiltJson<CatalogTopic[]>(c, '/du-lieu/chu-de.json'),
  ]);
  return { guides, topics };
}

/** Guides grouped by topic in the site's topic order, each group sorted by title (Vietnamese collation). */
export function guidesByTopic(guides: CatalogGuide[], topics: CatalogTopic[]) {
  return topics
    .map((topic) => ({
      topic,
      guides: guides.filter((g) => g.topic === topic.id).sort((a, b) => a.title.localeCompare(b.title, 'vi')),
    }))
    .filter((group) => group.guides.length > 0);
}
