import type { APIRoute } from 'astro';
import { publishedGuides } from '../../utils/guides.ts';

/**
 * The published guides (slug, title, topic) as one static JSON file. The
 * Worker reads it through ASSETS to know which guides exist (share links) and
 * to title its usage reports, so it never needs its own copy of the content.
 */
export const GET: APIRoute = async () => {
  const catalog = (await publishedGuides())
    .map((guide) => ({ slug: guide.id, title: guide.data.title, topic: guide.data.topic }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
  return new Response(JSON.stringify(catalog), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
