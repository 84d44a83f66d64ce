import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ftsQuery, searchTokens } from '../../functions/directory/search.ts';
import { formatNumber } from '../../site/utils/format.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';

async function search(q: string | null, extra = '') {
  const qs = q === null ? '' : `?q=${encodeURIComponent(q)}`;
  const res = await SELF.fetch(`http://localhost/to-cong-nghe-so/tim/${qs}${extra}`, { redirect: 'manual' });
  const html = await res.text();
  const main = /<main id="main"[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  /** Result links, as "name|href". */
  const results = [...main.matchAll(/<ul class="search-results">([\s\S]*?)<\/ul>/g)].map((m) => m[1]).join('');
  const links = [...results.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[2]}|${m[1]}`);
  return { res, html, main, links };
}

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

describe('find your team (/to-cong-nghe-so/tim/)', () => {
  it('finds a commune and its villages typed without diacritics', async () => {
    const { res, links, main } = await search('ea kao');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(links).toContain('Phường Ea Kao|/to-cong-nghe-so/66/24169/');
    expect(links).toContain('Buôn Ea Kao|/to-cong-nghe-so/66/24169/#thon-1');
    expect(main).toContain('Kết quả cho “ea kao”');
  });

  it('finds teams by their own names, typed without diacritics: an organisation’s team, a province-level team; never a dissolved one (issue 16)', async () => {
    /** The teams' own list, as "name|href". */
    const teamLinks = (main: string) =>
      [...(/<ul class="search-results team-results">([\s\S]*?)<\/ul>/.exec(main)?.[1] ?? '').matchAll(/<li><a href="([^"]+)">([^<]+)<\/a>/g)].map(
        (m) => `${m[2]}|${m[1]}`,
      );
    const school = await search('truong thcs');
    expect(teamLinks(school.main)).toContain('Tổ công nghệ số Trường THCS Ea Kao|/to-cong-nghe-so/66/24169/#to-5');
    const province = await search('to cong nghe so tinh dak lak');
    expect(teamLinks(province.main)).toContain('Tổ công nghệ số tỉnh Đắk Lắk|/to-cong-nghe-so/66/#to-8');
    const dissolved = await search('giai the');
    expect(teamLinks(dissolved.main).some((l) => l.includes('giải thể'))).toBe(false);
    // A team renamed in the admin is found under its new name (the index follows every writer).
    await env.DB.prepare("UPDATE teams SET name = 'Tổ CNS Hội Nông dân Ea Kao', name_folded = 'to cns hoi nong dan ea kao' WHERE id = 5").run();
    expect(teamLinks((await search('hoi nong dan')).main)).toContain('Tổ CNS Hội Nông dân Ea Kao|/to-cong-nghe-so/66/24169/#to-5');
    await env.DB.prepare("UPDATE teams SET name = 'Tổ công nghệ số Trường THCS Ea Kao', name_folded = 'to cong nghe so truong thcs ea kao' WHERE id = 5").run();
  });

  it('indexes teams’ names without the lead every team shares, yet finds a team by its whole name (issue 20, migration 0022)', async () => {
    const own = async (id: number) => (await env.DB.prepare('SELECT own FROM team_search WHERE rowid = ?').bind(id).first<{ own: string }>())?.own;
    expect(await own(1)).toBe('buon ea kao');
    // Only the lead is cut: a name that merely holds the words keeps them.
    expect(await own(3)).toBe('to thanh nien cong nghe so thon 2');
    const teamLinks = (main: string) => /<ul class="search-results team-results">([\s\S]*?)<\/ul>/.exec(main)?.[1] ?? '';
    // "đồng" was in every team's name; now it finds none of these.
    expect(teamLinks((await search('dong')).main)).not.toContain('buôn Ea Kao');
    // The whole name finds the team, and its village too (whose name never held the lead).
    const whole = await search('Tổ công nghệ số cộng đồng buôn Ea Kao');
    expect(teamLinks(whole.main)).toContain('Tổ công nghệ số cộng đồng buôn Ea Kao</a>');
    expect(whole.links).toContain('Buôn Ea Kao|/to-cong-nghe-so/66/24169/#thon-1');
    // Only the lead, or its start: no place named, so say what to add.
    for (const q of ['to cong nghe so', 'Tổ công nghệ số cộng đồng', 'to cong ng']) {
      const { main } = await search(q);
      expect(main, q).toContain('Tổ nào cũng có tên “Tổ công nghệ số”.');
      expect(main, q).not.toContain('search-results');
    }
    // Every writer cuts it the same way: a team added, a team renamed.
    await env.DB.prepare(
      "INSERT INTO teams (id, level, name, name_folded, province_code, commune_code, active, place_key) VALUES (90, 'commune', 'Tổ công nghệ số cộng đồng Hợp tác xã Ea Kao', 'to cong nghe so cong dong hop tac xa ea kao', '66', '24169', 1, 'c:24169')",
    ).run();
    expect(await own(90)).toBe('hop tac xa ea kao');
    await env.DB.prepare("UPDATE teams SET name_folded = 'to cong nghe so hop tac xa' WHERE id = 90").run();
    expect(await own(90)).toBe('hop tac xa');
    await env.DB.prepare('DELETE FROM teams WHERE id = 90').run();
    expect(await own(90)).toBeUndefined();
  });

  it('fills the list with the places whose own name holds most of the words, when too few hold them all (issue 20)', async () => {
    // 40 villages hold "hòa" in their own name, one holds "hòa" and "kao"; "đắk" is only ever the province's.
    const hoa = Array.from({ length: 40 }, (_, i) => `(${500 + i}, '24169', 'Thôn Hòa ${i + 1}', 'thôn', 'thon hoa ${i + 1}')`);
    await env.DB.prepare(
      `INSERT INTO villages (id, commune_code, name, kind, name_folded) VALUES ${hoa.join(', ')}, (600, '24169', 'Thôn Hòa Kao', 'thôn', 'thon hoa kao')`,
    ).run();
    try {
      const { links } = await search('hoa kao dak');
      expect(links).toHaveLength(30);
      expect(links[0]).toBe('Thôn Hòa Kao|/to-cong-nghe-so/66/24169/#thon-600');
    } finally {
      await env.DB.prepare('DELETE FROM villages WHERE id >= 500 AND id <= 600').run();
    }
  });

  it('finds a team under its commune’s or province’s new name after a rename (migration 0022)', async () => {
    const context = async () => (await env.DB.prepare('SELECT context FROM team_search WHERE rowid = 1').first<{ context: string }>())?.context;
    const before = await context();
    const { communeName, provinceName } = (await env.DB.prepare(
      "SELECT c.name_folded AS communeName, p.name_folded AS provinceName FROM communes c JOIN provinces p ON p.code = c.province_code WHERE c.code = '24169'",
    ).first<{ communeName: string; provinceName: string }>())!;
    await env.DB.prepare("UPDATE communes SET name_folded = 'hoa phu' WHERE code = '24169'").run();
    expect(await context()).toBe('hoa phu dak lak');
    await env.DB.prepare("UPDATE provinces SET name_folded = 'tay nguyen' WHERE code = '66'").run();
    expect(await context()).toBe('hoa phu tay nguyen');
    const { main } = await search('buon hoa phu tay nguyen');
    expect(main).toContain('Tổ công nghệ số cộng đồng buôn Ea Kao</a>');
    await env.DB.prepare("UPDATE provinces SET name_folded = ? WHERE code = '66'").bind(provinceName).run();
    await env.DB.prepare("UPDATE communes SET name_folded = ? WHERE code = '24169'").bind(communeName).run();
    expect(await context()).toBe(before);
  });

  it('points to the guides’ search with the same words (issue 16: people type a task here too)', async () => {
    const { main } = await search('cai vneid');
    expect(main).toContain('<a href="/tim-kiem/?q=cai+vneid">Tìm “cai vneid” trong các hướng dẫn</a>');
  });

  it('gives the same results with diacritics, any case, đ typed as d', async () => {
    const plain = (await search('buon ea kao')).links;
    // Buôn Cư Dluê matches too (it is a buôn in Ea Kao), ranked after the exact name.
    expect(plain).toEqual(['Buôn Ea Kao|/to-cong-nghe-so/66/24169/#thon-1', 'Buôn Cư Dluê|/to-cong-nghe-so/66/24169/#thon-4']);
    expect((await search('Buôn Ea Kao')).links).toEqual(plain);
    expect((await search('BUÔN EA KAO')).links).toEqual(plain);
    // NFD input (combining marks), as some keyboards send it.
    expect((await search('Buôn Ea Kao'.normalize('NFD'))).links).toEqual(plain);
    expect((await search('dak lak ea kao')).links).toContain('Phường Ea Kao|/to-cong-nghe-so/66/24169/');
  });

  it('says whether a village has a team yet', async () => {
    const { main } = await search('cu dlue');
    expect(main).toContain('Buôn Cư Dluê</a>, Phường Ea Kao, Tỉnh Đắk Lắk — Chưa có tổ');
    expect((await search('buon ea kao')).main).toContain('— Có tổ');
    // Only a dissolved team there: not a team anyone can turn to.
    expect((await search('to dan pho 2')).main).toContain('Tổ dân phố 2</a>, Phường Buôn Ma Thuột, Tỉnh Đắk Lắk — Chưa có tổ');
  });

  it('matches words from their start, so numbers are not confused', async () => {
    expect((await search('thon 2')).links).toEqual(['Thôn 2|/to-cong-nghe-so/66/24169/#thon-2']);
    expect((await search('thon 1')).links).toEqual(['Thôn 10|/to-cong-nghe-so/66/24169/#thon-3']);
    expect((await search('ao')).links).toEqual([]);
  });

  it('answers every prefix up to a whole syllable (a number typed as one digit, "thon", "phuong") from a prefix index of its own (issue 20, migrations 0018, 0022)', async () => {
    for (const table of ['village_search', 'team_search']) {
      const { sql } = (await env.DB.prepare('SELECT sql FROM sqlite_master WHERE name = ?').bind(table).first<{ sql: string }>())!;
      expect(sql, table).toMatch(/prefix = '1 2 3 4 5 6 7 8'/);
    }
    expect((await search('thon 1')).links).toEqual(['Thôn 10|/to-cong-nghe-so/66/24169/#thon-3']);
  });

  it('treats apostrophes as word breaks, whichever apostrophe is typed', async () => {
    for (const q of ["ea h'leo", 'ea h’leo', 'Ea H’Leo', 'h leo']) {
      expect((await search(q)).links, q).toEqual(['Xã Ea H’Leo|/to-cong-nghe-so/66/24184/']);
    }
  });

  it('lists villages in counting order', async () => {
    const names = (await search('thon')).links.map((l) => l.split('|')[0]);
    expect(names).toEqual(['Thôn 2', 'Thôn 10']);
  });

  it('says so when nothing matches', async () => {
    const { res, links, main } = await search('khong co xa nao ten nay');
    expect(res.status).toBe(200);
    expect(links).toEqual([]);
    expect(main).toContain('Không tìm thấy xã, thôn nào khớp');
  });

  it('asks for a query when there is none, and for more than one letter', async () => {
    expect((await search(null)).main).toContain('Hãy gõ tên xã, phường hoặc thôn, tổ dân phố.');
    expect((await search('   ')).main).toContain('Hãy gõ tên xã, phường hoặc thôn, tổ dân phố.');
    expect((await search('a')).main).toContain('Hãy gõ ít nhất 2 chữ cái.');
  });

  it('takes wildcards and FTS syntax literally: % _ * AND NEAR never match everything or fail', async () => {
    for (const q of ['%', '%%', '_', '__', '\\', '%a', 'e_', '*', 'ea*', '"ea', 'ea OR kao', 'NEAR(ea kao)', 'ea AND', 'NOT', '^ea', 'own:ea', '{own}']) {
      const { res, links } = await search(q);
      expect(res.status, q).toBe(200);
      if (!/ea|kao/.test(q)) expect(links, q).toEqual([]);
    }
    // "ea OR kao" is three words that must all match, not a union.
    expect((await search('ea OR kao')).links).toEqual([]);
    expect(ftsQuery(['ea', 'kao'])).toBe('"ea"* "kao"*');
  });

  it('answers 200 for words of 48 letters and more (LIKE used to fail on them)', async () => {
    // Up to 30 letters a word reaches the FTS5 index; longer words (no Vietnamese syllable or brand is that long:
    // someone typed without spaces) get a message saying what to do.
    for (const n of [29, 30]) {
      const { res, links, main } = await search('a'.repeat(n));
      expect(res.status, String(n)).toBe(200);
      expect(links).toEqual([]);
      expect(main).toContain('Không tìm thấy xã, thôn nào khớp');
    }
    for (const n of [31, 47, 48, 49, 64, 99]) {
      const { res, links, main } = await search('a'.repeat(n));
      expect(res.status, String(n)).toBe(200);
      expect(links).toEqual([]);
      expect(main).toContain('Mỗi từ dài tối đa 30 chữ cái');
    }
    const { res } = await search(`ea ${'đ'.repeat(60)}`);
    expect(res.status).toBe(200);
  });

  it('refuses an overlong query with a clear message, without echoing it', async () => {
    const long = 'ea kao '.repeat(30);
    const { res, html, links } = await search(long);
    expect(res.status).toBe(200);
    expect(html).toContain('Hãy gõ ngắn hơn (tối đa 100 ký tự).');
    expect(links).toEqual([]);
    expect(html).toContain('<title>Tìm Tổ công nghệ số | Cẩm nang số</title>');
  });

  it('never fails on odd input', async () => {
    for (const q of [
      '\u0000',
      '%00',
      '😀😀',
      'ea\u0000kao',
      'x'.repeat(10000),
      '<script>alert(1)</script>',
      "' or 1=1 --",
      'ﾃｽﾄ',
      '中文 名',
      'ꓐꓳ',
      '\u200b\u200b',
      '١٢٣ ٤',
      'ǅ ǈ',
      'x\u0301y',
      'a-b-c-d-e-f-g-h-i-j',
    ]) {
      const { res, html } = await search(q);
      expect(res.status, q.slice(0, 20)).toBe(200);
      // Inside a quoted attribute (og:title) markup is inert; anywhere else it must be escaped.
      expect(html.replace(/="[^"]*"/g, '=""')).not.toContain('<script>alert(1)</script>');
    }
    const { res } = await search('ea kao', '&q=thon');
    expect(res.status).toBe(200);
    // Raw bytes no browser would send: a lone surrogate, an invalid UTF-8 sequence, a NUL.
    for (const raw of ['%ED%A0%80', '%FF%FE', '%C0%80', '%00%00ea']) expect((await search(null, `?q=${raw}`)).res.status, raw).toBe(200);
  });

  it('keeps the query in the form so it can be corrected', async () => {
    const { main } = await search('ea "kao"');
    expect(main).toContain('value="ea &quot;kao&quot;"');
  });

  it('redirects /to-cong-nghe-so/tim to the slash form, keeping the query', async () => {
    const res = await SELF.fetch('http://localhost/to-cong-nghe-so/tim?q=ea%20kao', { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/to-cong-nghe-so/tim/?q=ea%20kao');
  });
});

describe('search helpers', () => {
  it('folds and splits the query into distinct words', () => {
    expect(searchTokens('  Thôn  ĐỒNG-Tâm, xã Ea H’Leo!! thôn ')).toEqual(['thon', 'dong', 'tam', 'xa', 'ea', 'h', 'leo']);
    expect(searchTokens('%_%')).toEqual([]);
  });

  it('takes the team-name lead off the front only, where the index cuts it (migration 0022)', () => {
    expect(searchTokens('Tổ công nghệ số cộng đồng Thôn 3')).toEqual(['thon', '3']);
    expect(searchTokens('to cong nghe so thon 3')).toEqual(['thon', '3']);
    // "cộng" here starts the commune's name (Cộng Hòa), not the lead's "cộng đồng".
    expect(searchTokens('to cong nghe so cong hoa')).toEqual(['cong', 'hoa']);
    expect(searchTokens('to dan pho 1')).toEqual(['to', 'dan', 'pho', '1']);
    expect(searchTokens('thon 3 to cong nghe so')).toEqual(['thon', '3', 'to', 'cong', 'nghe', 'so']);
    expect(searchTokens('to cong')).toEqual([]);
    expect(searchTokens('to cong nghe')).toEqual([]);
    expect(searchTokens('to cong nghe s')).toEqual([]);
    expect(searchTokens('to c')).toEqual(['to', 'c']);
    expect(searchTokens('to')).toEqual(['to']);
    // With the lead gone, eight words of place are kept, not the lead's five.
    expect(searchTokens('to cong nghe so cong dong thon an dong xa ea kao tinh dak lak')).toEqual(['thon', 'an', 'dong', 'xa', 'ea', 'kao', 'tinh', 'dak']);
  });

  it('formats numbers the Vietnamese way in the Workers runtime', () => {
    expect(formatNumber(7000)).toBe('7.000');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(662)).toBe('662');
  });
});
