// The link preview image of every guide, built once into dist/og/<slug>.png.
import type { APIRoute, GetStaticPaths } from 'astro';
import { ui } from '../../i18n/ui.ts';
import { publishedGuides, topicOf } from '../../utils/guides.ts';
import { renderOgImage } from '../../utils/og-image.ts';

export const getStaticPaths = (async () => {
  const guides = await publishedGuides();
  return Promise.all(
    guides.map(async (guide) => ({
      params: { slug: guide.id },
      props: { title: guide.data.title, topicName: (await topicOf(guide)).data.name },
    })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ title: string; topicName: string }> = async ({ props, site }) => {
  const png = await renderOgImage({
    title: props.title,
    topicName: props.topicName,
    siteName: ui.siteName,
    host: site?.host ?? '',
  });
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
};
