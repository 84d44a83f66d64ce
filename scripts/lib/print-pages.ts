// Printing guides in Chromium (issue 12): the handout's page count and where
// its QR code lands. Shared by the browser test (test/browser/print.spec.ts,
// real Worker) and `npm run bench` (dist/ served by page.route), so both
// measure the same way.
import type { Page } from '@playwright/test';

/** The handout's printable height: A4 with print.css's @page margins (10 mm top and bottom). */
const MM = 96 / 25.4;
export const PRINT_CONTENT_HEIGHT_PX = Math.floor((297 - 20) * MM);

/** Pages of a PDF written by Chromium: one /Type /Page object per page (the tree nodes are /Type /Pages). */
export function countPdfPages(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0
  );
}

export type PrintVersion = 'full' | 'summary';

/**
 * Loads the handout's QR image (the --qr URL) as the print button does before
 * printing, so the print snapshot has it; true when it loaded.
 */
export function loadHandoutQr(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const figure = document.querySelector<HTMLElement>('.handout-qr');
    const url = figure && /url\(["']?([^"')]+)/.exec(getComputedStyle(figure).getPropertyValue('--qr'))?.[1];
    if (!url) return false;
    return new Promise<boolean>((resolve) => {
      const img = new Image();
      img.onload = () => resolve(img.naturalWidth > 0);
      img.onerror = () => resolve(false);
      img.src = url;
    });
  });
}

/** Prints the guide open in `page` as the reader's print buttons do (summary: "In bản tóm tắt"). */
export async function printGuide(page: Page, version: PrintVersion = 'full'): Promise<Uint8Array> {
  await loadHandoutQr(page);
  await page.evaluate((summary) => {
    if (summary) document.documentElement.dataset.print = 'tom-tat';
    else delete document.documentElement.dataset.print;
  }, version === 'summary');
  return page.pdf({ preferCSSPageSize: true, printBackground: false });
}

/** Where the handout QR sits in print layout: its box (CSS px from the top of the printed content) and whether its image loaded. */
export async function handoutQrBox(page: Page): Promise<{ top: number; bottom: number; width: number; imageLoaded: boolean }> {
  const imageLoaded = await loadHandoutQr(page);
  await page.emulateMedia({ media: 'print' });
  try {
    return await page.evaluate((imageLoaded) => {
      const box = document.querySelector<HTMLElement>('.handout-qr')!.getBoundingClientRect();
      const top = box.top - document.body.getBoundingClientRect().top;
      return { top, bottom: top + box.height, width: box.width, imageLoaded };
    }, imageLoaded);
  } finally {
    await page.emulateMedia({ media: null });
  }
}
