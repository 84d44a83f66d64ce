import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) => {
  if (!site) throw new Error('astro.config.mjs: "site" is needed for the sitemap address');
  const lines = ['User-agent: *', 'Disallow: /api/', 'Disallow: /khung-trang/', '', `Sitemap: ${new URL('/sitemap.xml', site).href}`];
  return new Response(`${lines.join('\n')}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
