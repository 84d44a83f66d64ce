// The drawing of a link preview image (1200×630 PNG): satori lays the text
// out into SVG, resvg rasterises it, both as WebAssembly inside the preview
// image Worker (functions/og-images/worker.ts), never in the citizens' Worker.
// First: what satori's HarfBuzz needs from workerd as satori loads (see the module).
import './wasm-in-workerd.ts';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import satori, { init as initLayout } from 'satori/standalone';
import layoutWasm from 'satori/layout.wasm';
// Noto Sans from npm, not a system font, so every image has the same glyphs.
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff';
import latin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff';
import vietnamese400 from '@fontsource/noto-sans/files/noto-sans-vietnamese-400-normal.woff';
import vietnamese700 from '@fontsource/noto-sans/files/noto-sans-vietnamese-700-normal.woff';
import { OG_IMAGE_HEIGHT, OG_IMAGE_WIDTH } from '../../site/utils/og.ts';
import type { OgImageText } from './contract.ts';

// Fontsource splits Noto Sans into unicode-range subsets: the Latin file has a, â, ê, ô, à, á…,
// the Vietnamese file has ă, đ, ơ, ư and the stacked tones (ạ, ổ, ự…). Satori falls back
// across font FAMILIES grapheme by grapheme (fonts sharing one family name are not
// fallbacks for each other: satori uses just one of them, and ố loses its acute, ă/đ/ơ/ư
// become empty boxes), so each subset is loaded as its own family and the text asks for
// both. WOFF, not WOFF2: satori cannot read WOFF2.
const family = (subset: string) => `Noto Sans ${subset}`;
// Bytes, by wrangler.og.toml's Data rule (Astro's client types call a .woff import a URL string).
const bytes = (file: unknown) => file as ArrayBuffer;
const fonts = [
  { name: family('latin'), weight: 400, style: 'normal', data: bytes(latin400) },
  { name: family('latin'), weight: 700, style: 'normal', data: bytes(latin700) },
  { name: family('vietnamese'), weight: 400, style: 'normal', data: bytes(vietnamese400) },
  { name: family('vietnamese'), weight: 700, style: 'normal', data: bytes(vietnamese700) },
] as const;
/** Latin first: its "a", "ô", "à" are the complete ones; what it lacks comes from the Vietnamese file. */
const fontFamily = `${family('latin')}, ${family('vietnamese')}`;

let ready: Promise<unknown> | undefined;
/** The two WebAssembly modules are instantiated once per isolate, on its first image. */
function initOnce(): Promise<unknown> {
  ready ??= Promise.all([initLayout(layoutWasm), initWasm(resvgWasm)]).catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
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
export async function renderOgImage(text: OgImageText): Promise<Uint8Array> {
  await initOnce();
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
      fontFamily,
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
    fonts: fonts.map((font) => ({ ...font })),
  });
  // WebAssembly memory is not garbage-collected: both objects are freed by hand.
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: OG_IMAGE_WIDTH } });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
