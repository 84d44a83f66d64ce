import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';

const base = 'http://localhost';

async function page(path: string) {
  const res = await SELF.fetch(base + path, { redirect: 'manual' });
  return { res, html: await res.text() };
}

/** The text of <main>, tags stripped, whitespace collapsed: what a reader sees. */
function mainText(html: string): string {
  const main = /<main id="main"[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

describe('/to-cong-nghe-so/ (provinces)', () => {
  it('renders inside the site shell with title, breadcrumbs, search form and every province', async () => {
    const { res, html } = await page('/to-cong-nghe-so/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(html).toMatch(/<html lang="vi"/);
    expect(html).toContain('<title>Tổ công nghệ số cộng đồng | Cẩm nang số</title>');
    expect(html).toMatch(/<nav class="breadcrumbs" aria-label="Bạn đang ở">/);
    expect(html).toContain('<form class="directory-search" method="get" action="/to-cong-nghe-so/tim/" role="search" aria-label="Tìm Tổ công nghệ số">');
    expect(html).toContain('<a href="/to-cong-nghe-so/66/">Tỉnh Đắk Lắk</a>');
    expect(html).toContain('<a href="/to-cong-nghe-so/86/">Tỉnh Vĩnh Long</a>');
    expect(html).toContain('<a href="/to-cong-nghe-so/01/">Thành phố Hà Nội</a>');
  });

  it('shows national coverage in Vietnamese wording', async () => {
    const text = mainText((await page('/to-cong-nghe-so/')).html);
    expect(text).toContain('4/7 thôn, tổ dân phố có tổ');
    expect(text).toContain('8 tổ');
    expect(text).toContain('13 thành viên');
    expect(text).toContain('Cấp tỉnh 1 · Cấp xã 1 · Thôn, tổ dân phố 5 · Cơ quan, đơn vị 1');
  });

  it('shows each province row with villages covered, teams and members', async () => {
    const { html } = await page('/to-cong-nghe-so/');
    const row = /<tr><th scope="row"><a href="\/to-cong-nghe-so\/66\/">[^<]*<\/a><\/th>(.*?)<\/tr>/.exec(html)?.[1];
    expect(row?.replace(/<td[^>]*>/g, '<td>')).toBe('<td>3/6</td><td>7</td><td>12</td>');
    expect(row).toContain('<td class="number" data-label="Thôn có tổ">3/6</td>');
  });

  it('redirects the address without a trailing slash', async () => {
    const { res } = await page('/to-cong-nghe-so');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/to-cong-nghe-so/');
  });
});

describe('/to-cong-nghe-so/<province>/ (communes)', () => {
  it('lists communes with coverage and the province-level team', async () => {
    const { res, html } = await page('/to-cong-nghe-so/66/');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(html).toContain('<h1>Tỉnh Đắk Lắk</h1>');
    expect(html).toContain('<a href="/">Trang chủ</a>');
    expect(html).toContain('<a href="/to-cong-nghe-so/">Tổ công nghệ số cộng đồng</a>');
    const cells = html.replace(/<td[^>]*>/g, '<td>');
    expect(cells).toContain('<a href="/to-cong-nghe-so/66/24169/">Phường Ea Kao</a></th><td>2/4</td><td>5</td><td>9</td>');
    expect(cells).toContain('<a href="/to-cong-nghe-so/66/24133/">Phường Buôn Ma Thuột</a></th><td>1/2</td><td>1</td><td>1</td>');
    expect(cells).toContain('<a href="/to-cong-nghe-so/66/24184/">Xã Ea H’Leo</a></th><td>0/0</td><td>0</td><td>0</td>');
    const text = mainText(html);
    expect(text).toContain('3/6 thôn, tổ dân phố có tổ');
    expect(text).toContain('Tổ công nghệ số tỉnh Đắk Lắk');
    expect(text).toContain('Đinh Công Nam — Tổ trưởng, Sở Khoa học và Công nghệ');
  });

  it('says so when a province has no communes on record', async () => {
    const { res, html } = await page('/to-cong-nghe-so/01/');
    expect(res.status).toBe(200);
    expect(mainText(html)).toContain('Chưa có dữ liệu');
  });

  it('answers unknown or malformed province codes with the site 404 page', async () => {
    for (const path of [
      '/to-cong-nghe-so/99/',
      '/to-cong-nghe-so/abc/',
      '/to-cong-nghe-so/6/',
      '/to-cong-nghe-so/%00/',
      `/to-cong-nghe-so/${'x'.repeat(3000)}/`,
    ]) {
      const { res, html } = await page(path);
      expect(res.status, path).toBe(404);
      expect(html).toContain('Không tìm thấy trang');
    }
  });

  it('redirects the address without a trailing slash', async () => {
    const { res } = await page('/to-cong-nghe-so/66');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/to-cong-nghe-so/66/');
  });
});

describe('/to-cong-nghe-so/<province>/<commune>/ (villages, teams, members)', () => {
  it('shows villages with their teams, leader first, and the villages still without a team', async () => {
    const { res, html } = await page('/to-cong-nghe-so/66/24169/');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(html).toContain('<title>Phường Ea Kao, Tỉnh Đắk Lắk — Tổ công nghệ số cộng đồng | Cẩm nang số</title>');
    expect(html).toContain('<a href="/to-cong-nghe-so/66/">Tỉnh Đắk Lắk</a>');
    const text = mainText(html);
    expect(text).toContain('2/4 thôn, tổ dân phố có tổ');
    expect(text).toContain('5 tổ');
    expect(text).toContain('9 thành viên');
    // Village sections in counting order, then the villages without a team.
    const order = ['Buôn Ea Kao', 'Thôn 2', 'Thôn, tổ dân phố chưa có tổ', 'Buôn Cư Dluê', 'Thôn 10'].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(
      /Y Bhin Niê — Tổ trưởng, Trưởng buôn · 0912 345 678 H’Nga Mlô — Tổ phó, Bí thư chi đoàn Nguyễn Văn An — Thành viên Trần Thị Bình — Thành viên/,
    );
    expect(text).toContain('Quyết định thành lập số 12/QĐ-UBND ngày 15/03/2024');
    expect(html).toContain('id="thon-1"');
    expect(html).toContain('<li id="thon-4">Buôn Cư Dluê</li>');
  });

  it('links consenting members’ phones with tel: and the team’s Zalo group as a button', async () => {
    const { html } = await page('/to-cong-nghe-so/66/24169/');
    expect(html).toMatch(/<a href="tel:\+84912345678" aria-label="Gọi Y Bhin Niê: 0912 345 678">0912 345 678<\/a>/);
    expect(html).toContain('<a class="button" href="https://zalo.me/g/eakao123" rel="noopener noreferrer">Vào nhóm Zalo của tổ</a>');
  });

  it('shows commune-level and organisation teams in their own section', async () => {
    const text = mainText((await page('/to-cong-nghe-so/66/24169/')).html);
    expect(text).toContain('Tổ cấp xã và tổ tại cơ quan, đơn vị Tổ công nghệ số phường Ea Kao');
    expect(text).toContain('Tổ công nghệ số Trường THCS Ea Kao');
  });

  it('never shows dissolved teams nor a link that is not zalo.me', async () => {
    const { html } = await page('/to-cong-nghe-so/66/24133/');
    expect(html).not.toContain('đã giải thể');
    expect(html).not.toContain('Hoàng Văn Lâm');
    expect(html).not.toContain('javascript:');
    expect(mainText(html)).toContain('Tổ công nghệ số tổ dân phố 1');
  });

  it('escapes what comes from the database', async () => {
    await env.DB.prepare(
      "insert into villages (commune_code, name, kind, name_folded) values ('28789', '<script>alert(1)</script>', 'khu phố', 'script')",
    ).run();
    const { html } = await page('/to-cong-nghe-so/86/28789/');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('redirects a commune reached under the wrong province to its own address', async () => {
    const { res } = await page('/to-cong-nghe-so/86/24169/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/to-cong-nghe-so/66/24169/');
  });

  it('answers unknown or malformed commune codes with the site 404 page', async () => {
    for (const path of [
      '/to-cong-nghe-so/66/99999/',
      '/to-cong-nghe-so/66/abcde/',
      '/to-cong-nghe-so/66/2416/',
      '/to-cong-nghe-so/xx/24169/',
      '/to-cong-nghe-so/66/24169/extra/',
    ]) {
      const { res, html } = await page(path);
      expect(res.status, path).toBe(404);
      expect(html).toContain('Không tìm thấy trang');
    }
  });

  it('redirects the address without a trailing slash', async () => {
    const { res } = await page('/to-cong-nghe-so/66/24169');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/to-cong-nghe-so/66/24169/');
  });

  it('never errors on other methods', async () => {
    const res = await SELF.fetch(`${base}/to-cong-nghe-so/66/24169/`, { method: 'POST', body: 'x=1' });
    expect(res.status).toBe(404);
  });
});
