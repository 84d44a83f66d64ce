import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../functions/env.ts';
import { renderInShell } from '../../functions/views/render-page.ts';

describe('renderInShell link previews', () => {
  it('gives Worker pages their own title, description and URL in the Open Graph tags', async () => {
    const app = new Hono<AppEnv>().get('/to-cong-nghe-so/', (c) =>
      renderInShell(c, { title: 'Danh sách Tổ', description: 'Tìm Tổ công nghệ số gần bạn.', main: '<h1>Danh sách Tổ</h1>' }),
    );
    const res = await app.request('http://localhost/to-cong-nghe-so/', {}, env);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<meta property="og:title" content="Danh sách Tổ">');
    expect(html).toContain('<meta property="og:description" content="Tìm Tổ công nghệ số gần bạn.">');
    expect(html).toContain(`<meta property="og:url" content="${env.SITE_URL}/to-cong-nghe-so/">`);
    expect(html).toContain(`<link rel="canonical" href="${env.SITE_URL}/to-cong-nghe-so/">`);
    expect(html).toMatch(/<main id="main"[^>]*><h1>Danh sách Tổ<\/h1><\/main>/);
    expect(html).not.toContain('name="robots"');
  });
});
