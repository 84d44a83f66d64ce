import { expect, test } from '@playwright/test';

// Issue 20: a guide's og:image is drawn on its first request by the preview
// image Worker behind the app (npm start runs both), not built into dist/.
// What Zalo's previewer does: read the page's og:image, fetch it, show it.

const GUIDE = '/huong-dan/dang-nhap-dich-vu-cong-bang-vneid/';

test("a guide's og:image answers 200 image/png, a 1200×630 picture the browser can show", async ({ page, request }) => {
  await page.goto(GUIDE);
  const imageUrl = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(imageUrl).toMatch(/\/og\/dang-nhap-dich-vu-cong-bang-vneid\.png$/);

  // Its path on this server (the origin is SITE_URL's, which a reused dist/ may have built for another port).
  const imagePath = new URL(imageUrl!).pathname;
  const res = await request.get(imagePath);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('image/png');
  expect((await res.body()).length).toBeGreaterThan(10_000);

  // Decoded by Chromium itself: a real PNG of the size the og:image:width/height tags announce.
  const size = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    return { width: img.naturalWidth, height: img.naturalHeight };
  }, imagePath);
  expect(size).toEqual({ width: 1200, height: 630 });
  await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute('content', String(size.width));
  await expect(page.locator('meta[property="og:image:height"]')).toHaveAttribute('content', String(size.height));
});

test('a slug that is no guide gets the 404 page, not an image', async ({ request }) => {
  const res = await request.get('/og/khong-co-huong-dan-nay.png');
  expect(res.status()).toBe(404);
  expect(res.headers()['content-type']).toContain('text/html');
});
