// The share link's preview image (issue 17): a 1200×630 PNG that Zalo shows
// under the link, with the next session's day and hours in large figures.
// Made at request time in the Worker without an image library: guide
// previews are rendered at build time by satori + resvg (Node only), and a
// WebAssembly renderer would add megabytes to the Worker for one small
// image. The figures are drawn from a 5×7 pixel font (digits, ":", "/",
// "-" and the letters of T2…CN), the place and topics are in the link's
// title and description beside it, and fflate (already a dependency)
// compresses the pixels.
import { zlibSync } from 'fflate';
import { OG_IMAGE_HEIGHT as HEIGHT, OG_IMAGE_WIDTH as WIDTH } from '../../site/utils/og.ts';

/** 5 columns × 7 rows per glyph, one string per row ('#' = ink). */
const GLYPHS: Record<string, string[]> = {
  '0': ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['####.', '....#', '....#', '.###.', '....#', '....#', '####.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
  ':': ['.....', '..#..', '..#..', '.....', '..#..', '..#..', '.....'],
  '/': ['....#', '....#', '...#.', '..#..', '.#...', '#....', '#....'],
  '-': ['.....', '.....', '.....', '#####', '.....', '.....', '.....'],
  ' ': ['.....', '.....', '.....', '.....', '.....', '.....', '.....'],
  T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..'],
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
  N: ['#...#', '##..#', '#.#.#', '#..##', '#...#', '#...#', '#...#'],
};

/** Palette: 0 background (the site's blue), 1 card (white), 2 ink (near black). */
const PALETTE = [0x0b, 0x57, 0xd0, 0xff, 0xff, 0xff, 0x1b, 0x1f, 0x23];

function drawText(pixels: Uint8Array, text: string, x0: number, y0: number, scale: number): void {
  let x = x0;
  for (const char of text) {
    const glyph = GLYPHS[char] ?? GLYPHS[' ']!;
    glyph.forEach((row, gy) => {
      for (let gx = 0; gx < 5; gx++) {
        if (row[gx] !== '#') continue;
        for (let dy = 0; dy < scale; dy++) {
          const offset = (y0 + gy * scale + dy) * WIDTH + x + gx * scale;
          pixels.fill(2, offset, offset + scale);
        }
      }
    });
    x += 6 * scale;
  }
}

const textWidth = (text: string, scale: number) => [...text].length * 6 * scale - scale;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * The image: a white card on the site's blue with up to two lines of figures
 * (e.g. "T3 08/12" and "07:30-11:30"), each centred and as large as fits.
 */
export function previewPng(lines: string[]): Uint8Array {
  const pixels = new Uint8Array(WIDTH * HEIGHT);
  const margin = 60;
  for (let y = margin; y < HEIGHT - margin; y++) pixels.fill(1, y * WIDTH + margin, (y + 1) * WIDTH - margin);
  const shown = lines.slice(0, 2).map((l) => l.toUpperCase());
  const scale = Math.max(4, Math.min(20, ...shown.map((l) => Math.floor((WIDTH - 2 * margin - 80) / (6 * Math.max(1, [...l].length))))));
  const lineHeight = 7 * scale;
  const gap = 3 * scale;
  const total = shown.length * lineHeight + (shown.length - 1) * gap;
  shown.forEach((line, i) => {
    drawText(pixels, line, Math.floor((WIDTH - textWidth(line, scale)) / 2), Math.floor((HEIGHT - total) / 2) + i * (lineHeight + gap), scale);
  });
  // Each scanline starts with filter type 0.
  const raw = new Uint8Array((WIDTH + 1) * HEIGHT);
  for (let y = 0; y < HEIGHT; y++) raw.set(pixels.subarray(y * WIDTH, (y + 1) * WIDTH), y * (WIDTH + 1) + 1);
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, WIDTH);
  hv.setUint32(4, HEIGHT);
  header.set([8, 3, 0, 0, 0], 8); // 8-bit palette indices, no interlace
  const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  const parts = [
    signature,
    chunk('IHDR', header),
    chunk('PLTE', Uint8Array.from(PALETTE)),
    chunk('IDAT', zlibSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
