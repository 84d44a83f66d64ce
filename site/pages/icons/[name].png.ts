// Home-screen icons, built once into dist/icons/<name>.png.
import type { APIRoute, GetStaticPaths } from 'astro';
import { APP_ICONS, renderAppIcon } from '../../utils/app-icon.ts';

export const getStaticPaths = (() => APP_ICONS.map((icon) => ({ params: { name: icon.name }, props: icon }))) satisfies GetStaticPaths;

export const GET: APIRoute<(typeof APP_ICONS)[number]> = ({ props }) =>
  new Response(new Uint8Array(renderAppIcon(props.size, props.maskable)), { headers: { 'content-type': 'image/png' } });
