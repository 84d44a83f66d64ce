// The web app manifest (issue 12): "Add to home screen" opens the site like an app.
import type { APIRoute } from 'astro';
import { ui } from '../i18n/ui.ts';
import { APP_ICONS, THEME_COLOR } from '../utils/app-icon.ts';

export const GET: APIRoute = () =>
  new Response(
    JSON.stringify({
      name: ui.siteName,
      short_name: ui.siteName,
      description: ui.siteDescription,
      lang: 'vi',
      dir: 'ltr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: THEME_COLOR,
      icons: APP_ICONS.filter((icon) => icon.name !== 'apple-touch-icon').map((icon) => ({
        src: `/icons/${icon.name}.png`,
        sizes: `${icon.size}x${icon.size}`,
        type: 'image/png',
        purpose: icon.maskable ? 'maskable' : 'any',
      })),
    }),
    { headers: { 'content-type': 'application/manifest+json' } },
  );
