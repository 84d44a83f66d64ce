import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { qrSvg } from '../../functions/views/qr-svg.ts';

const GUIDE = 'dang-nhap-dich-vu-cong-bang-vneid';

// A synthetic team: one member who agreed to publish her phone number, one who did not.
beforeAll(async () => {
  await env.DB.batch([
    env.DB.prepare(`insert or ignore into provinces (code, name, kind, name_folded) values ('91', 'Tỉnh Thử Nghiệm', 'Tỉnh', 'tinh thu nghiem')`),
    env.DB.prepare(`insert or ignore into communes (code, province_code, name, name_folded) values ('99001', '91', 'Xã Thử Nghiệm', 'xa thu nghiem')`),
    env.DB.prepare(`insert or ignore into villages (id, commune_code, name, kind, name_folded) values (9001, '99001', 'Thôn Một', 'thôn', 'thon mot')`),
    env.DB.prepare(
      `insert or ignore into teams (id, level, name, name_folded, province_code, commune_code, village_id, place_key)
       values (9001, 'village', 'Tổ công nghệ số cộng đồng thôn Một', 'to cong nghe so cong dong thon mot', '91', '99001', 9001, 'v:9001')`,
    ),
    env.DB.prepare(
      `insert or ignore into members (code, team_id, full_name, name_folded, role, phone, publish_contact)
       values ('K7M2Q9AB', 9001, 'Nguyễn Thị Hoa', 'nguyen thi hoa', 'to_truong', '0912345678', 1),
              ('P3X8W5CD', 9001, 'Trần Văn Bình', 'tran van binh', 'thanh_vien', '0987654321', 0)`,
    ),
  ]);
});

describe('GET /cong-cu/<member-code>/ (member toolkit)', () => {
  it('lists every guide with the member’s personal link and an inline QR code', async () => {
    const res = await SELF.fetch('http://localhost/cong-cu/K7M2Q9AB/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<title>Công cụ của Nguyễn Thị Hoa | Cẩm nang số</title>');
    expect(html).toContain('Tổ trưởng, Tổ công nghệ số cộng đồng thôn Một (Thôn Một, Xã Thử Nghiệm, Tỉnh Thử Nghiệm)');
    const guides = (await (await env.ASSETS.fetch('http://localhost/du-lieu/huong-dan.json')).json()) as { slug: string }[];
    expect(guides.length).toBeGreaterThan(0);
    for (const { slug } of guides) {
      const link = `${env.SITE_URL}/g/${slug}/K7M2Q9AB`;
      expect(html).toContain(`href="${link}"`);
      // The QR drawn in the page is the QR of exactly that link.
      const expectedPath = /<path fill="#000" d="([^"]+)"/.exec(qrSvg(link))![1]!;
      expect(html).toContain(expectedPath);
    }
    expect(html.match(/<svg /g)?.length).toBe(guides.length);
    // Only the site shell's own scripts, no outside QR service.
    expect(html).not.toMatch(/<img[^>]+src="https?:/);
  });

  it('shows a phone number only when the member consented to publish it', async () => {
    const consenting = await (await SELF.fetch('http://localhost/cong-cu/K7M2Q9AB/')).text();
    expect(consenting).toContain('0912345678');
    const private_ = await (await SELF.fetch('http://localhost/cong-cu/P3X8W5CD/')).text();
    expect(private_).toContain('Trần Văn Bình');
    expect(private_).not.toContain('0987654321');
    expect(private_).not.toMatch(/tel:/);
  });

  it('answers an unknown member code with the 404 page', async () => {
    const res = await SELF.fetch('http://localhost/cong-cu/ZZZZ9999/');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Không tìm thấy trang');
  });

  it.each(['AB', 'K7M2Q9A', 'K7M2Q9ABC', 'K7M2Q9U1', 'K7M_Q9AB', '%3Cscript%3E'])('answers the malformed code %s with the 404 page', async (code) => {
    const res = await SELF.fetch(`http://localhost/cong-cu/${code}/`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Không tìm thấy trang');
  });

  it('answers HEAD with 200 for a known code and 404 for an unknown one (the share bar’s check)', async () => {
    expect((await SELF.fetch('http://localhost/cong-cu/K7M2Q9AB/', { method: 'HEAD' })).status).toBe(200);
    expect((await SELF.fetch('http://localhost/cong-cu/ZZZZ9999/', { method: 'HEAD' })).status).toBe(404);
  });

  it.each(['K7M2Q9AB', 'k7m2q9ab/', 'K7M2Q9-AB/'])('redirects /cong-cu/%s to the code’s one address', async (path) => {
    const res = await SELF.fetch(`http://localhost/cong-cu/${path}`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/cong-cu/K7M2Q9AB/');
  });
});

describe('GET /cong-cu/ (enter a member code)', () => {
  it('shows a GET form for the code', async () => {
    const res = await SELF.fetch('http://localhost/cong-cu/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<form[^>]+action="\/cong-cu\/"[^>]+method="get"/);
    expect(html).toMatch(/<input[^>]+name="ma"/);
  });

  it('redirects ?ma= to the member’s toolkit, accepting lowercase, spaces and dashes as typed', async () => {
    const res = await SELF.fetch('http://localhost/cong-cu/?ma=%20k7m2-q9ab%20', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/cong-cu/K7M2Q9AB/');
  });

  it('explains a malformed code in Vietnamese with status 400, keeping what was typed', async () => {
    const res = await SELF.fetch('http://localhost/cong-cu/?ma=ma%20cua%20toi');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Mã thành viên gồm 8 chữ cái và chữ số');
    expect(html).toContain('value="ma cua toi"');
  });

  it('explains an unknown code with status 404', async () => {
    const res = await SELF.fetch('http://localhost/cong-cu/?ma=ZZZZ9999');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Không tìm thấy mã thành viên này');
  });

  it('escapes what was typed', async () => {
    const res = await SELF.fetch('http://localhost/cong-cu/?ma=%22%3E%3Cscript%3Ealert(1)%3C/script%3E');
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('<script>alert(1)');
  });
});

describe('GET /cong-cu/qr/<slug>.svg (QR of a guide link for printed handouts)', () => {
  it('draws the guide’s own link without a member code', async () => {
    const res = await SELF.fetch(`http://localhost/cong-cu/qr/${GUIDE}.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    const guides = (await (await env.ASSETS.fetch('http://localhost/du-lieu/huong-dan.json')).json()) as {
      slug: string;
      title: string;
    }[];
    const { title } = guides.find((g) => g.slug === GUIDE)!;
    expect(svg).toContain(`aria-label="Mã QR mở hướng dẫn “${title}”"`);
    expect(/<path fill="#000" d="([^"]+)"/.exec(svg)![1]).toBe(/<path fill="#000" d="([^"]+)"/.exec(qrSvg(`${env.SITE_URL}/huong-dan/${GUIDE}/`))![1]);
  });

  it('draws the member’s personal share link with ?ma=', async () => {
    const res = await SELF.fetch(`http://localhost/cong-cu/qr/${GUIDE}.svg?ma=K7M2Q9AB`);
    expect(res.status).toBe(200);
    expect(/<path fill="#000" d="([^"]+)"/.exec(await res.text())![1]).toBe(
      /<path fill="#000" d="([^"]+)"/.exec(qrSvg(`${env.SITE_URL}/g/${GUIDE}/K7M2Q9AB`))![1],
    );
  });

  it('answers an unknown guide with a JSON 404', async () => {
    const res = await SELF.fetch('http://localhost/cong-cu/qr/khong-co-huong-dan-nay.svg');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown_guide');
  });

  it('answers a file that is not <slug>.svg with a JSON 404', async () => {
    const res = await SELF.fetch(`http://localhost/cong-cu/qr/${GUIDE}.png`);
    expect(res.status).toBe(404);
  });

  it('answers a malformed member code with a JSON 400', async () => {
    const res = await SELF.fetch(`http://localhost/cong-cu/qr/${GUIDE}.svg?ma=%3Cb%3E`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_member_code');
    expect(body.error.message).toContain('Mã thành viên');
  });

  it('answers an unknown member code with a JSON 404', async () => {
    const res = await SELF.fetch(`http://localhost/cong-cu/qr/${GUIDE}.svg?ma=ZZZZ9999`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown_member');
  });
});
