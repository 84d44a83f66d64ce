import { encode } from 'uqr';

export interface QrSvgOptions {
  /** Rendered width and height in CSS pixels (the SVG scales; this is its intrinsic size). */
  size?: number;
  /** Accessible name of the image. */
  label?: string;
}

const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A QR code as a small SVG, made here (uqr) so no outside service learns who
 * shares what. Each run of dark modules in a row is one rectangle, which keeps
 * the markup a third of uqr's one-square-per-module SVG. Quiet zone of 4
 * modules and error correction M, as phone camera apps read best.
 */
export function qrSvg(text: string, { size = 180, label }: QrSvgOptions = {}): string {
  const { data, size: modules } = encode(text, { ecc: 'M', border: 4 });
  let path = '';
  data.forEach((row, y) => {
    for (let x = 0; x < modules; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      let run = 1;
      while (row[x + run]) run++;
      path += `M${x} ${y}h${run}v1h-${run}z`;
      x += run;
    }
  });
  const a11y = label ? ` role="img" aria-label="${escapeAttr(label)}"` : ' aria-hidden="true"';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${modules} ${modules}" width="${size}" height="${size}"` +
    ` shape-rendering="crispEdges"${a11y}><path fill="#fff" d="M0 0h${modules}v${modules}H0z"/><path fill="#000" d="${path}"/></svg>`
  );
}
