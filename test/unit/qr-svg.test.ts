import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { qrSvg } from '../../functions/views/qr-svg.ts';

/** Paints the SVG's rectangles back into a module grid. */
function modulesOf(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const path = /<path fill="#000" d="([^"]*)"/.exec(svg)![1]!;
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(w); i++) grid[Number(y)]![Number(x) + i] = true;
  }
  return grid;
}

describe('qrSvg', () => {
  it.each([
    'https://camnangso.example.vn/huong-dan/tao-tai-khoan-dich-vu-cong/',
    'https://camnangso.example.vn/g/kich-hoat-dinh-danh-dien-tu-muc-2-vneid/k7m2q9ab',
  ])('draws exactly the modules of the QR code of %s, with a 4-module quiet zone', (text) => {
    const svg = qrSvg(text);
    const expected = encode(text, { ecc: 'M', border: 4 });
    expect(modulesOf(svg)).toEqual(expected.data);
    // Quiet zone: the outer 4 rows and columns stay light.
    const grid = modulesOf(svg);
    expect(grid.slice(0, 4).flat().some(Boolean)).toBe(false);
    expect(grid.flatMap((row) => row.slice(0, 4)).some(Boolean)).toBe(false);
  });

  it('is much smaller than one square per module', () => {
    const text = 'https://camnangso.example.vn/g/tao-tai-khoan-dich-vu-cong/k7m2q9';
    const dark = encode(text, { ecc: 'M', border: 4 }).data.flat().filter(Boolean).length;
    expect(qrSvg(text).length).toBeLessThan(dark * 12);
  });

  it('names the image for screen readers, escaping the label', () => {
    expect(qrSvg('x', { label: 'Mã QR “A & B”' })).toContain('role="img" aria-label="Mã QR “A &amp; B”"');
    expect(qrSvg('x')).toContain('aria-hidden="true"');
  });
});
