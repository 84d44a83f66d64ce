import { z } from 'zod';
import type { Env } from '../env.ts';

/** Built by site/pages/du-lieu/huong-dan.json.ts from the guides collection (drafts excluded). */
export const GUIDE_CATALOG_PATH = '/du-lieu/huong-dan.json';

const catalogSchema = z.array(z.object({ slug: z.string(), title: z.string(), topic: z.string() }));
export type GuideEntry = z.infer<typeof catalogSchema>[number];

// The catalog changes only with a deploy; keep it a few minutes per isolate.
const CATALOG_TTL_MS = 5 * 60 * 1000;
let cached: { at: number; guides: Promise<Map<string, GuideEntry>> } | undefined;

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
  const now = Date.now();
  if (!cached || now - cached.at > CATALOG_TTL_MS) {
    const guides = loadCatalog(env, new URL(requestUrl).origin);
    cached = { at: now, guides };
    // A failed load must not stick for five minutes.
    guides.catch(() => {
      if (cached?.guides === guides) cached = undefined;
    });
  }
  return cached.guides;
}
