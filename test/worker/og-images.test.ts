import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ogImageRequestUrl } from '../../functions/og-images/contract.ts';
import { ui } from '../../site/i18n/ui.ts';
import { ALERT_OG_SLUG, OG_IMAGE_HEIGHT, OG_IMAGE_WIDTH } from '../../site/utils/og.ts';
import { someGuide } from './usage-helpers.ts';

// Issue 20: link preview images are drawn on first request by the preview
// image Worker (the OG_IMAGES service binding, functions/og-images/) and kept
// in the edge cache, instead of being rendered into dist/ by every build.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  expect(String.fromCharCode(...bytes.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function image(path: string) {
  const res = await SELF.fetch(`http://localhost${path}`);
  return Object.assign(res, { bytes: new Uint8Array(await res.arrayBuffer()) });
}

describe('link preview images /og/<slug>.png', () => {
  it('draws a 1200×630 PNG of a published guide on first request', async () => {
    const { slug } = await someGuide();
    const res = await image(`/og/${slug}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(pngSize(res.bytes)).toEqual({ width: OG_IMAGE_WIDTH, height: OG_IMAGE_HEIGHT });
    // A real drawing (text on the blue card), not an empty canvas: an empty 1200×630 PNG compresses to well under 5 KB.
    expect(res.bytes.length).toBeGreaterThan(10_000);
  });

  it('keeps a drawn image: the next request for the same text is the kept bytes, from the edge cache', async () => {
    const { slug, title } = await someGuide();
    const first = await image(`/og/${slug}.png`);
    const second = await image(`/og/${slug}.png`);
    expect(second.status).toBe(200);
    expect(second.bytes).toEqual(first.bytes);
    // The preview image Worker's cache holds it under its text's key.
    const topics = (await (await env.ASSETS.fetch('http://localhost/du-lieu/chu-de.json')).json()) as { id: string; name: string }[];
    const guides = (await (await env.ASSETS.fetch('http://localhost/du-lieu/huong-dan.json')).json()) as { slug: string; topic: string }[];
    const topicName = topics.find((t) => t.id === guides.find((g) => g.slug === slug)!.topic)!.name;
    const key = ogImageRequestUrl({ title, topicName, siteName: ui.siteName, host: new URL(env.SITE_URL).host });
    const kept = await env.OG_IMAGES.fetch(key);
    expect(new Uint8Array(await kept.arrayBuffer())).toEqual(first.bytes);
    expect(kept.headers.get('cf-cache-status')).toBe('HIT');
  });

  it('draws a different image for a different title (a retitled guide is not served its old image)', async () => {
    const text = { title: 'Cài VNeID mức 2', topicName: 'Dịch vụ công', siteName: ui.siteName, host: 'localhost' };
    const a = new Uint8Array(await (await env.OG_IMAGES.fetch(ogImageRequestUrl(text))).arrayBuffer());
    const b = new Uint8Array(await (await env.OG_IMAGES.fetch(ogImageRequestUrl({ ...text, title: `${text.title} — đã sửa` }))).arrayBuffer());
    expect(pngSize(b)).toEqual({ width: OG_IMAGE_WIDTH, height: OG_IMAGE_HEIGHT });
    expect(b).not.toEqual(a);
  });

  it('every published guide has its own image: 200 image/png, 1200×630, no two alike', async () => {
    const guides = (await (await env.ASSETS.fetch('http://localhost/du-lieu/huong-dan.json')).json()) as { slug: string }[];
    expect(guides.length).toBeGreaterThan(10);
    const seen = new Map<string, string>();
    for (const { slug } of guides) {
      const res = await image(`/og/${slug}.png`);
      expect(res.status, slug).toBe(200);
      expect(res.headers.get('content-type'), slug).toBe('image/png');
      expect(pngSize(res.bytes), slug).toEqual({ width: OG_IMAGE_WIDTH, height: OG_IMAGE_HEIGHT });
      const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', res.bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
      expect(seen.get(digest), `${slug} has the image of ${seen.get(digest)}`).toBeUndefined();
      seen.set(digest, slug);
    }
  }, 120_000);

  it("serves the scam alert cards' image", async () => {
    const res = await image(`/og/${ALERT_OG_SLUG}.png`);
    expect(res.status).toBe(200);
    expect(pngSize(res.bytes)).toEqual({ width: OG_IMAGE_WIDTH, height: OG_IMAGE_HEIGHT });
  });

  it.each(['/og/khong-co-huong-dan-nay.png', '/og/', '/og/..%2Fdu-lieu.png', '/og/VNeID.PNG', '/og/a.png.png'])(
    '%s: the Vietnamese 404 page, no image of made-up text',
    async (path) => {
      const res = await SELF.fetch(`http://localhost${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
      await res.arrayBuffer();
    },
  );

  it('the preview image Worker draws only what its contract asks for', async () => {
    expect((await env.OG_IMAGES.fetch('https://og-images.internal/v1/image.png?title=x')).status).toBe(404);
    expect((await env.OG_IMAGES.fetch('https://og-images.internal/anything')).status).toBe(404);
  });
});
