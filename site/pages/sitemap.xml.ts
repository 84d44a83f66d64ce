import type { APIRoute } from 'astro';
import { publishedErrors } from '../utils/errors.ts';
import { publishedGuides, topicsInOrder } from '../utils/guides.ts';
import { publishedJourneys } from '../utils/journeys.ts';
import { errorUrl, guideUrl, journeyUrl, paths, topicUrl } from '../utils/urls.ts';

/**
 * Every page a search engine should know: home, about, topics, published
 * guides. The 404 page and the Worker's page frame (/khung-trang/) are left
 * out on purpose; other sections add their own paths to `sectionPaths`.
 */
const sectionPaths: string[] = [paths.home, paths.about, paths.topics, paths.journeys, paths.skills, paths.errors];

export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('astro.config.mjs: "site" is needed for absolute sitemap URLs');
  const topics = await topicsInOrder();
  const guides = await publishedGuides();
  const journeys = await publishedJourneys();
  const errors = await publishedErrors();
  const entries = [
    ...sectionPaths.map((path) => ({ path, lastmod: undefined as Date | undefined })),
    ...topics.map((topic) => ({ path: topicUrl(topic.id), lastmod: undefined })),
    ...guides.map((guide) => ({ path: guideUrl(guide.id), lastmod: guide.data.reviewed })),
    ...journeys.map(({ journey }) => ({ path: journeyUrl(journey.id), lastmod: undefined })),
    ...errors.map(({ entry }) => ({ path: errorUrl(entry.id), lastmod: entry.data.reviewed })),
  ];
  const urls = entries.map(({ path, lastmod }) => {
    const loc = `<loc>${new URL(path, site).href}</loc>`;
    return `<url>${loc}${lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`;
  });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(xml, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
