import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';

import { OG_IMAGE_HEIGHT, OG_IMAGE_WIDTH } from './og.ts';

type SatoriFont = { name: string; data: Buffer; weight: 400 | 700; style: 'normal' };

// Noto Sans from npm, not a system font, so every build renders the same glyphs.
// Fontsource splits it into unicode-range subsets: the Latin file has a, â, ê, ô, à, á…,
// the Vietnamese file has ă, đ, ơ, ư and the stacked tones (ạ, ổ, ự…). Satori falls back
// across font FAMILIES grapheme by grapheme (fonts sharing one family name are not
// fallbacks for each other: satori uses just one of them, and ố loses its acute, ă/đ/ơ/ư
// become empty boxes), so each subset is loaded as its own family and the text asks for
// both. WOFF, not WOFF2: satori cannot read WOFF2.
const fontFiles = [
  ['latin', 400],
  ['latin', 700],
  ['vietnamese', 400],
  ['vietnamese', 700],
] as const;
const family = (subset: string) => `Noto Sans ${subset}`;
/** Latin first: its "a", "ô", "à" are the complete ones; what it lacks comes from the Vietnamese file. */
const fontFamily = fontFiles.filter(([, w]) => w === 400).map(([subset]) => family(subset));

let fontsOnce: Promise<SatoriFont[]> | undefined;

/** Reads the font files once per build, not once per image. */
function loadFonts(): Promise<SatoriFont[]> {
  fontsOnce ??= Promise.all(
    fontFiles.map(async ([subset, weight]) => ({
      name: family(subset),
      weight,
      style: 'normal' as const,
      data: await readFile(fileURLToPath(import.meta.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff`))),
    })),
  );
  return fontsOnce;
}

export interface OgImageText {
  title: string;
  topicName: string;
  siteName: string;
  /** Host shown at the bottom, e.g. camnangso.example.vn. */
  host: string;
}

type Node = { type: string; props: Record<string, unknown> & { children?: unknown } };
const h = (type: string, style: Record<string, unknown>, children?: unknown): Node => ({
  type,
  props: { style, children },
});

/** Long titles get a smaller size so they stay within three lines. */
function titleFontSize(title: string): number {
  if (title.length <= 40) return 76;
  if (title.length <= 64) return 64;
  return 54;
}

/** Renders one guide's 1200×630 preview image as PNG. */
export async function renderOgImage(text: OgImageText): Promise<Buffer> {
  const tree = h(
    'div',
    {
      // border-box: satori adds padding to a 100% width otherwise, pushing the footer off the image.
      boxSizing: 'border-box',
      width: OG_IMAGE_WIDTH,
      height: OG_IMAGE_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      padding: '64px 72px',
      background: '#0b5cab',
      color: '#ffffff',
      fontFamily: fontFamily.join(', '),
    },
    [
      h('div', { display: 'flex', alignItems: 'center' }, [
        h(
          'div',
          {
            display: 'flex',
            fontSize: 32,
            fontWeight: 700,
            padding: '8px 24px',
            borderRadius: 999,
            background: '#ffffff',
            color: '#0b5cab',
          },
          text.topicName.normalize('NFC'),
        ),
      ]),
      // NFC: a title typed with combining marks must use the precomposed glyphs (ố, not o + ̂ + ́).
      h('div', { display: 'flex', fontSize: titleFontSize(text.title), fontWeight: 700, lineHeight: 1.25 }, text.title.normalize('NFC')),
      h('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', fontSize: 34 }, [
        h('div', { display: 'flex', fontWeight: 700, fontSize: 44 }, text.siteName),
        h('div', { display: 'flex', opacity: 0.85 }, text.host),
      ]),
    ],
  );
  // satori's types want a React element; the plain object form is what it reads.
  const svg = await satori(tree as unknown as Parameters<typeof satori>[0], {
    width: OG_IMAGE_WIDTH,
    height: OG_IMAGE_HEIGHT,
    fonts: await loadFonts(),
  });
  return new Resvg(svg, { fitTo: { mode: 'width', value: OG_IMAGE_WIDTH } }).render().asPng();
}
