import type { APIRoute } from 'astro';
import { topicsInOrder } from '../../utils/guides.ts';

/**
 * The topics (id, name, order) as one static JSON file, the companion of
 * /du-lieu/huong-dan.json: Worker-rendered pages (member toolkit) name and
 * order guides by topic without their own copy of content/topics.yaml.
 */
export const GET: APIRoute = async () => {
  const list = (await topicsInOrder()).map((topic) => ({ id: topic.id, name: topic.data.name, order: topic.data.order }));
  return new Response(JSON.stringify(list), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
