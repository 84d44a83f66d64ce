// The home-screen icon (web app manifest, apple-touch-icon): the favicon's
// page-on-blue drawn as SVG and rendered to PNG at build time with resvg
// (already used for the link-preview images).
import { Resvg } from '@resvg/resvg-js';

export const THEME_COLOR = '#0b4f8a';

/** One icon file: name in /icons/, pixel size, and whether it is "maskable" (full bleed, glyph in the safe zone). */
export const APP_ICONS = [
  { name: 'icon-192', size: 192, maskable: false },
  { name: 'icon-512', size: 512, maskable: false },
  { name: 'maskable-512', size: 512, maskable: true },
  { name: 'apple-touch-icon', size: 180, maskable: true },
] as const;

export function appIconSvg(maskable: boolean): string {
  // 32×32 drawing like the favicon; maskable icons shrink the page into the central 80 % safe zone.
  const page = maskable ? 'M11 9.5h8l3 3v10H11z' : 'M9 8h10l4 4v12H9z';
  const fold = maskable ? 'M19 9.5v3h3' : 'M19 8v4h4';
  const background = maskable ? `<rect width="32" height="32" fill="${THEME_COLOR}"/>` : `<rect width="32" height="32" rx="6" fill="${THEME_COLOR}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${background}<path d="${page}" fill="#fff"/><path d="${fold}" fill="none" stroke="${THEME_COLOR}" stroke-width="0.8"/></svg>`;
}

export function renderAppIcon(size: number, maskable: boolean): Buffer {
  return new Resvg(appIconSvg(maskable), { fitTo: { mode: 'width', value: size } }).render().asPng();
}
