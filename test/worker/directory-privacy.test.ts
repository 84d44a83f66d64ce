import { sql } from 'drizzle-orm';
import { batch } from '../../functions/directory/d1-batch.ts';
import { directoryChangedStatements } from '../../functions/directory/directory-changed.ts';
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCommunes, fixtureProvinces, fixtureTeams, insertDirectoryFixture, phoneFormats, privatePhones, publicPhones } from './fixtures/directory.ts';

// Every page and API response that can carry directory data.
const paths = [
  '/to-cong-nghe-so/',
  ...fixtureProvinces.map((p) => `/to-cong-nghe-so/${p.code}/`),
  ...fixtureCommunes.map((c) => `/to-cong-nghe-so/${c.provinceCode}/${c.code}/`),
  ...['ea', 'to dan pho', 'thon', 'khu pho', 'dak lak', 'ben tre'].map((q) => `/to-cong-nghe-so/tim/?q=${encodeURIComponent(q)}`),
  '/api/provinces',
  ...fixtureProvinces.flatMap((p) => [`/api/provinces/${p.code}`, `/api/provinces/${p.code}/communes`, `/api/coverage?province=${p.code}`]),
  ...fixtureCommunes.flatMap((c) => [`/api/communes/${c.code}`, `/api/coverage?commune=${c.code}`]),
  ...fixtureTeams.map((t) => `/api/teams/${t.id}`),
  '/api/coverage',
  '/api/openapi.json',
];

const bodies = new Map<string, string>();

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  for (const path of paths) {
    const res = await SELF.fetch(`http://localhost${path}`);
    expect(res.status, path).toBe(200);
    bodies.set(path, await res.text());
  }
});

/** The body with separators between digits removed, so a number split any way shows up whole. */
function digitsJoined(body: string): string {
  return body.replace(/(?<=\d)[\s.\-()\u00a0]+(?=\d)/g, '').replace(/\\u00a0/g, '');
}

describe('members’ phones appear only with their consent', () => {
  it('the fixture has private phones to hide and public ones to show', () => {
    expect(privatePhones.length).toBeGreaterThanOrEqual(8);
    expect(publicPhones.length).toBeGreaterThanOrEqual(5);
  });

  it('no page or response contains a non-consenting member’s phone, in any format', () => {
    const leaks: string[] = [];
    for (const [path, body] of bodies) {
      const joined = digitsJoined(body);
      for (const phone of privatePhones) {
        for (const format of phoneFormats(phone)) if (body.includes(format)) leaks.push(`${path}: ${format}`);
        // The 9 digits after the leading 0 cover 0…, +84…, 84… and any grouping.
        if (joined.includes(phone.slice(1))) leaks.push(`${path}: ${phone} (digits)`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('consenting members’ phones do appear on their commune page and in the API', () => {
    const seen = new Set<string>();
    for (const body of bodies.values()) {
      const joined = digitsJoined(body);
      for (const phone of publicPhones) if (joined.includes(phone.slice(1))) seen.add(phone);
    }
    expect([...seen].sort()).toEqual([...publicPhones].sort());
    expect(bodies.get('/to-cong-nghe-so/66/24169/')).toContain('href="tel:+84912345678"');
    expect(bodies.get('/api/communes/24169')).toContain('"phone":"0912345678"');
  });

  it('a member who withdraws consent disappears from the next response', async () => {
    // As every directory writer does: the write and directoryChangedStatements in one batch.
    const withdraw = (consent: 0 | 1) =>
      batch(env.DB, [sql`update members set publish_contact = ${consent} where code = 'K7Q2MZ20'`, ...directoryChangedStatements({ communes: ['24169'] })]);
    await withdraw(0);
    const page = await (await SELF.fetch('http://localhost/to-cong-nghe-so/66/24169/')).text();
    const api = await (await SELF.fetch('http://localhost/api/teams/1')).text();
    for (const body of [page, api]) expect(digitsJoined(body)).not.toContain('912345678');
    await withdraw(1);
  });
});
