import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('GET /api/health', () => {
  it('answers ok after querying D1', async () => {
    const res = await SELF.fetch('http://localhost/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await SELF.fetch('http://localhost/api/khong-co');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
  });

  it('serves the built 404 page with status 404 for unknown guides', async () => {
    const res = await SELF.fetch('http://localhost/huong-dan/khong-co-huong-dan-nay/');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Không tìm thấy trang');
  });
});
