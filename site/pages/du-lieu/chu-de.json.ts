import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';

/**
 * The topics (id, name, order) as one static JSON file, the companion of
 * /du-lieu/huong-dan.json: Worker-rendered pages (member toolkit) name and
 * order guides by topic without their own copy of content/topics.yaml.
 */
export const GET: APIRoute = async () => {
  const topics = await getCollection('topics');
  const list = topics
    .map((topic) => ({ id: topic.id, name: topic.data.name, order: topic.data.order }))
    .sort((a, b) => a.order - b.order);
  return new Response(JSON.stringify(list), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
