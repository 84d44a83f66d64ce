import { SELF } from 'cloudflare:test';
import { revealFeedbackThanks } from '../../functions/middleware/feedback-thanks.ts';
import { describe, expect, it } from 'vitest';
import { browserHeaders, countOf, flushWithMarker, newBrowserUserAgent, someGuide, waitForCount } from './usage-helpers.ts';

// The no-JS form of site/components/HelpfulForm.astro:
// <form method="post" action="/huong-dan/<slug>/gop-y/"> + button name="answer" value="yes|no".

function post(slug: string, body: string, userAgent = newBrowserUserAgent(), extra: Record<string, string> = {}) {
  return SELF.fetch(`http://localhost/huong-dan/${slug}/gop-y/`, {
    method: 'POST',
    headers: browserHeaders(userAgent, {
      'sec-fetch-site': 'same-origin',
      origin: 'http://localhost',
      'content-type': 'application/x-www-form-urlencoded',
      ...extra,
    }),
    body,
    redirect: 'manual',
  });
}

describe('POST /huong-dan/<slug>/gop-y/ ("Hướng dẫn này có giúp ích không?")', () => {
  it('counts a yes and redirects back to the guide with a thank-you anchor (303)', async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'helpful_yes');
    const res = await post(slug, 'answer=yes');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/huong-dan/${slug}/?da-gop-y=1#gop-y`);
    expect(await waitForCount(slug, 'helpful_yes', before + 1)).toBe(before + 1);
  });

  it('counts a no, and a multipart form too', async () => {
    const { slug } = await someGuide();
    const before = await countOf(slug, 'helpful_no');
    expect((await post(slug, 'answer=no')).status).toBe(303);
    const form = new FormData();
    form.set('answer', 'no');
    const multipart = await SELF.fetch(`http://localhost/huong-dan/${slug}/gop-y`, {
      method: 'POST',
      headers: browserHeaders(newBrowserUserAgent(), { 'sec-fetch-site': 'same-origin' }),
      body: form,
      redirect: 'manual',
    });
    expect(multipart.status).toBe(303);
    expect(await waitForCount(slug, 'helpful_no', before + 2)).toBe(before + 2);
  });

  it('counts only the first answer of a visitor for a guide and day', async () => {
    const { slug } = await someGuide();
    const yes = await countOf(slug, 'helpful_yes');
    const no = await countOf(slug, 'helpful_no');
    const ua = newBrowserUserAgent();
    expect((await post(slug, 'answer=yes', ua)).status).toBe(303);
    expect((await post(slug, 'answer=no', ua)).status).toBe(303);
    expect((await post(slug, 'answer=yes', ua)).status).toBe(303);
    expect(await waitForCount(slug, 'helpful_yes', yes + 1)).toBe(yes + 1);
    await flushWithMarker(slug);
    expect(await countOf(slug, 'helpful_yes')).toBe(yes + 1);
    expect(await countOf(slug, 'helpful_no')).toBe(no);
  });

  it('answers a bad answer with 400: a Vietnamese page for browsers, JSON for API clients', async () => {
    const { slug } = await someGuide();
    for (const body of ['answer=maybe', '', 'answer=', 'cau-tra-loi=yes']) {
      const res = await post(slug, body);
      expect(res.status, body).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('Chưa gửi được góp ý');
    }
    const json = await post(slug, 'answer=maybe', newBrowserUserAgent(), { accept: 'application/json' });
    expect(json.status).toBe(400);
    const body = (await json.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_answer');
    expect(body.error.message).toMatch(/Có|Không/);
    const wrongType = await post(slug, '{"answer":"yes"}', newBrowserUserAgent(), { 'content-type': 'application/json', accept: 'application/json' });
    expect(wrongType.status).toBe(400);
  });

  it('answers an unknown guide with 404', async () => {
    const res = await post('khong-co-huong-dan-nay', 'answer=yes');
    expect(res.status).toBe(404);
    const bad = await post('Sai..Dang', 'answer=yes');
    expect(bad.status).toBe(404);
  });

  it('does not count a form posted from another site, a bot or a HEAD/GET on the endpoint', async () => {
    const { slug } = await someGuide();
    const yes = await countOf(slug, 'helpful_yes');
    const cross = await post(slug, 'answer=yes', newBrowserUserAgent(), { 'sec-fetch-site': 'cross-site', origin: 'https://khac.example' });
    expect(cross.status).toBe(303);
    expect((await post(slug, 'answer=yes', 'python-requests/2.31.0')).status).toBe(303);
    const get = await SELF.fetch(`http://localhost/huong-dan/${slug}/gop-y/?answer=yes`, { headers: browserHeaders(newBrowserUserAgent()) });
    expect(get.status).toBe(404);
    await flushWithMarker(slug);
    expect(await countOf(slug, 'helpful_yes')).toBe(yes);
  });

  it('shows the thanks instead of the question on the guide page it redirects to, without JavaScript', async () => {
    const page = new Response(
      '<section id="gop-y"><form data-helpful-question method="post"><button name="answer" value="yes">Có</button></form><p data-helpful-thanks hidden>Cảm ơn bạn!</p></section>',
      { headers: { 'content-type': 'text/html; charset=utf-8' } },
    );
    const html = await revealFeedbackThanks(page).text();
    expect(html).toMatch(/<form data-helpful-question method="post" hidden(="")?>/);
    expect(html).toContain('<p data-helpful-thanks>Cảm ơn bạn!</p>');

    const { slug } = await someGuide();
    const res = await SELF.fetch(`http://localhost/huong-dan/${slug}/?da-gop-y=1`, { headers: browserHeaders(newBrowserUserAgent()) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const guidePage = await res.text();
    expect(guidePage).toMatch(/<p role="status" data-helpful-thanks>/);
    expect(guidePage).toMatch(/<form method="post" action="[^"]+" data-helpful-question hidden/);
  });
});
