// Issue 16, points 7 and 8: numbers as Vietnamese people type them, targets
// typed before two-step sign-in is on kept through its set-up, and the set-up
// itself on one phone (open the app, or copy the key in groups of four, then
// the QR code for a second device).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { type Browser, signedIn, totpKeyForTests, totpNow } from './admin-helpers.ts';

let daklak: Browser;

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  daklak = (await signedIn({ username: 'tinh.daklak.so', role: 'province', provinceCode: '66', totpKey: totpKeyForTests })).browser;
});

const target = (indicator: string) =>
  env.DB.prepare("SELECT target, denominator FROM assist_targets WHERE indicator = ? AND province_code = '66' AND commune_code = ''")
    .bind(indicator)
    .first<{ target: number; denominator: number | null }>();

describe('target numbers', () => {
  it('accepts "1.500", "1 500" and "1500"; refuses "1.5" (not a thousands group) and changes nothing then', async () => {
    const page = await (await daklak.get('/quan-tri/ho-tro/chi-tieu/')).text();
    // A text field: a phone's number field would read "1.500" as 1,5.
    expect(page).toMatch(/name="muc-tieu-vneid" type="text" inputmode="numeric"/);
    const saved = await daklak.post('/quan-tri/ho-tro/chi-tieu/', { 'muc-tieu-vneid': '1.500', 'mau-so-vneid': '12 000', 'muc-tieu-suc-khoe': '1500' });
    expect(saved.status).toBe(303);
    expect(await target('vneid')).toEqual({ target: 1500, denominator: 12000 });
    expect(await target('suc-khoe')).toEqual({ target: 1500, denominator: null });
    const bad = await daklak.post('/quan-tri/ho-tro/chi-tieu/', { 'muc-tieu-vneid': '1.5', 'mau-so-vneid': '12 000', 'muc-tieu-suc-khoe': '1500' });
    expect(bad.status).toBe(400);
    expect(await target('vneid')).toEqual({ target: 1500, denominator: 12000 });
  });
});

describe('targets before two-step sign-in', () => {
  it('"Lưu" leads to the set-up with what was typed; set up, the targets form comes back with the same numbers', async () => {
    const { browser: fresh } = await signedIn({ username: 'tinh.daklak.moi', role: 'province', provinceCode: '66' });
    const page = await (await fresh.get('/quan-tri/ho-tro/chi-tieu/')).text();
    expect(page).toContain('cần bật đăng nhập hai bước trước khi lưu');
    expect(page).toMatch(
      /<form method="get" action="\/quan-tri\/hai-buoc\/cai-dat">\s*<input type="hidden" name="tiep" value="\/quan-tri\/ho-tro\/chi-tieu\/"/,
    );
    // What the browser sends for that GET form.
    const setup = await fresh.get(
      `/quan-tri/hai-buoc/cai-dat?${new URLSearchParams({ tiep: '/quan-tri/ho-tro/chi-tieu/', 'muc-tieu-vneid': '2.500', 'mau-so-vneid': '' })}`,
    );
    expect(setup.status).toBe(200);
    const html = await setup.text();
    expect(html).toContain('<input type="hidden" name="muc-tieu-vneid" value="2.500"/>');
    expect(await target('an-toan')).toBeNull();

    // Point 8: the app link first, the key in groups of four with its copy button, the QR code last.
    const link = /href="(otpauth:\/\/totp\/[^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    const key = new URL(link).searchParams.get('secret')!;
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    const grouped = key.replace(/(.{4})/g, '$1 ').trim();
    expect(html).toContain(`<code id="khoa-hai-buoc">${grouped}</code>`);
    expect(html).toMatch(/<button type="button" class="button-secondary" data-copy="khoa-hai-buoc"[^>]*hidden/);
    const [linkAt, keyAt, qrAt] = [html.indexOf('otpauth://'), html.indexOf('khoa-hai-buoc'), html.indexOf('<svg')];
    expect(linkAt).toBeLessThan(keyAt);
    expect(keyAt).toBeLessThan(qrAt);

    const done = await fresh.post('/quan-tri/hai-buoc/cai-dat', {
      khoa: key,
      ma: totpNow(key),
      tiep: '/quan-tri/ho-tro/chi-tieu/',
      'muc-tieu-vneid': '2.500',
      'mau-so-vneid': '',
    });
    expect(done.status).toBe(200);
    const continueHref = /<a class="button" href="([^"]+)">Tiếp tục việc bạn đang làm<\/a>/.exec(await done.text())![1]!.replace(/&amp;/g, '&');
    expect(continueHref).toBe('/quan-tri/ho-tro/chi-tieu/?muc-tieu-vneid=2.500&mau-so-vneid=');
    const back = await (await fresh.get(continueHref)).text();
    expect(back).toContain('name="muc-tieu-vneid" type="text" inputmode="numeric" autocomplete="off" value="2.500"');
    expect(back).toContain('<form method="post" action="/quan-tri/ho-tro/chi-tieu/">');
    expect(back).not.toContain('cần bật đăng nhập hai bước trước khi lưu');
  });
});
