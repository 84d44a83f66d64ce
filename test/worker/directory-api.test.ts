import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDirectoryFixture } from './fixtures/directory.ts';

const base = 'http://localhost';

interface ApiErrorBody {
  error: { code: string; message: string };
}

interface CoverageBody {
  villages: number;
  villagesWithTeam: number;
  teams: { province: number; commune: number; village: number; organisation: number; total: number };
  members: number;
}

interface MemberBody {
  code: string;
  name: string;
  role: string;
  position: string | null;
  phone: string | null;
}

interface TeamBody {
  id: number;
  name: string;
  level: string;
  active: boolean;
  zaloUrl: string | null;
  members: MemberBody[];
}

async function getJson<T>(path: string, init?: RequestInit): Promise<{ res: Response; body: T }> {
  const res = await SELF.fetch(base + path, init);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { res, body: (await res.json()) as T };
}

function coverage(villages: number, villagesWithTeam: number, teams: Partial<CoverageBody['teams']>, members: number): CoverageBody {
  const t = { province: 0, commune: 0, village: 0, organisation: 0, ...teams };
  return { villages, villagesWithTeam, teams: { ...t, total: t.province + t.commune + t.village + t.organisation }, members };
}

// Hand-counted from test/worker/fixtures/directory.ts.
const eaKao = coverage(4, 2, { village: 3, commune: 1, organisation: 1 }, 9);
const buonMaThuot = coverage(2, 1, { village: 1 }, 1);
const daklak = coverage(6, 3, { province: 1, commune: 1, village: 4, organisation: 1 }, 12);
const vinhLong = coverage(1, 1, { village: 1 }, 1);
const national = coverage(7, 4, { province: 1, commune: 1, village: 5, organisation: 1 }, 13);
const empty = coverage(0, 0, {}, 0);

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

describe('GET /api/provinces', () => {
  it('lists every province with its coverage and the national total', async () => {
    const { res, body } = await getJson<{
      provinces: { code: string; name: string; kind: string; coverage: CoverageBody }[];
      coverage: CoverageBody;
    }>('/api/provinces');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(body.provinces.map((p) => p.code)).toEqual(['01', '66', '86']);
    expect(body.provinces[1]).toMatchObject({ code: '66', name: 'Đắk Lắk', kind: 'Tỉnh' });
    expect(body.provinces[0]!.coverage).toEqual(empty);
    expect(body.provinces[1]!.coverage).toEqual(daklak);
    expect(body.provinces[2]!.coverage).toEqual(vinhLong);
    expect(body.coverage).toEqual(national);
  });
});

describe('GET /api/provinces/:code', () => {
  it('returns the province, its coverage, commune count and province-level teams', async () => {
    const { res, body } = await getJson<{
      code: string;
      name: string;
      coverage: CoverageBody;
      communeCount: number;
      teams: TeamBody[];
    }>('/api/provinces/66');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(body).toMatchObject({ code: '66', name: 'Đắk Lắk', communeCount: 3 });
    expect(body.coverage).toEqual(daklak);
    expect(body.teams.map((t) => t.id)).toEqual([8]);
    expect(body.teams[0]!.members.map((m) => m.name)).toEqual(['Đinh Công Nam', 'Mai Thu Oanh']);
  });

  it('answers 404 with the error shape for an unknown code', async () => {
    const { res, body } = await getJson<ApiErrorBody>('/api/provinces/99');
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('99');
  });
});

describe('GET /api/provinces/:code/communes', () => {
  it('lists the communes of a province with their coverage, sorted by name', async () => {
    const { res, body } = await getJson<{
      province: { code: string; name: string };
      communes: { code: string; name: string; coverage: CoverageBody }[];
    }>('/api/provinces/66/communes');
    expect(res.status).toBe(200);
    expect(body.province).toEqual({ code: '66', name: 'Đắk Lắk' });
    expect(body.communes.map((c) => c.name)).toEqual(['Phường Buôn Ma Thuột', 'Phường Ea Kao', 'Xã Ea H’Leo']);
    const byCode = Object.fromEntries(body.communes.map((c) => [c.code, c.coverage]));
    expect(byCode['24169']).toEqual(eaKao);
    expect(byCode['24133']).toEqual(buonMaThuot);
    expect(byCode['24184']).toEqual(empty);
  });

  it('answers an empty list for a province without communes on record', async () => {
    const { res, body } = await getJson<{ communes: unknown[] }>('/api/provinces/01/communes');
    expect(res.status).toBe(200);
    expect(body.communes).toEqual([]);
  });

  it('answers 404 for an unknown province', async () => {
    const { res, body } = await getJson<ApiErrorBody>('/api/provinces/42/communes');
    expect(res.status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('GET /api/communes/:code', () => {
  it('returns villages in counting order, their active teams and members (leader first)', async () => {
    const { res, body } = await getJson<{
      code: string;
      name: string;
      province: { code: string; name: string };
      coverage: CoverageBody;
      villages: { id: number; name: string; kind: string; teams: TeamBody[] }[];
      teams: TeamBody[];
    }>('/api/communes/24169');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(body).toMatchObject({ code: '24169', name: 'Phường Ea Kao', province: { code: '66', name: 'Đắk Lắk', kind: 'Tỉnh' } });
    expect(body.coverage).toEqual(eaKao);
    expect(body.villages.map((v) => v.name)).toEqual(['Buôn Cư Dluê', 'Buôn Ea Kao', 'Thôn 2', 'Thôn 10']);
    const buon = body.villages.find((v) => v.id === 1)!;
    expect(buon.teams).toHaveLength(1);
    const team = buon.teams[0]!;
    expect(team).toMatchObject({ id: 1, level: 'village', active: true, zaloUrl: 'https://zalo.me/g/eakao123' });
    expect(team.members.map((m) => [m.code, m.name, m.role])).toEqual([
      ['K7Q2MZ20', 'Y Bhin Niê', 'to_truong'],
      ['P3X9TA21', 'H’Nga Mlô', 'to_pho'],
      ['W8D4RC22', 'Nguyễn Văn An', 'thanh_vien'],
      ['B2N6HV23', 'Trần Thị Bình', 'thanh_vien'],
    ]);
    // Only the consenting leader's phone is there.
    expect(team.members.map((m) => m.phone)).toEqual(['0912345678', null, null, null]);
    expect(
      body.villages
        .find((v) => v.id === 2)!
        .teams.map((t) => t.id)
        .sort(),
    ).toEqual([2, 3]);
    expect(body.villages.find((v) => v.id === 4)!.teams).toEqual([]);
    expect(body.teams.map((t) => [t.id, t.level])).toEqual([
      [4, 'commune'],
      [5, 'organisation'],
    ]);
  });

  it('leaves dissolved teams out and never passes on a link that is not zalo.me', async () => {
    const { body } = await getJson<{ coverage: CoverageBody; villages: { id: number; teams: TeamBody[] }[] }>('/api/communes/24133');
    expect(body.coverage).toEqual(buonMaThuot);
    expect(body.villages.find((v) => v.id === 6)!.teams).toEqual([]);
    const tdp1 = body.villages.find((v) => v.id === 5)!.teams[0]!;
    expect(tdp1.id).toBe(7);
    expect(tdp1.zaloUrl).toBeNull();
  });

  it('answers 404 for an unknown commune', async () => {
    const { res, body } = await getJson<ApiErrorBody>('/api/communes/99999');
    expect(res.status).toBe(404);
    expect(body.error).toEqual({ code: 'not_found', message: 'Không có xã, phường mã 99999.' });
  });
});

describe('GET /api/teams/:id', () => {
  it('returns a team with its place and members', async () => {
    const { res, body } = await getJson<
      TeamBody & { province: { code: string }; commune: { code: string; name: string } | null; village: { id: number; name: string } | null }
    >('/api/teams/2');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(body).toMatchObject({
      id: 2,
      name: 'Tổ công nghệ số cộng đồng thôn 2',
      province: { code: '66', name: 'Đắk Lắk' },
      commune: { code: '24169', name: 'Phường Ea Kao' },
      village: { id: 2, name: 'Thôn 2', kind: 'thôn' },
    });
    expect(body.members).toEqual([
      { code: 'M5J7KE24', name: 'Lê Văn Cường', role: 'to_truong', position: null, phone: '0977111222' },
      { code: 'T9F3GV25', name: 'Phạm Thị Dung', role: 'thanh_vien', position: null, phone: null },
    ]);
  });

  it('returns a province-level team with no commune or village', async () => {
    const { body } = await getJson<{ commune: unknown; village: unknown; level: string }>('/api/teams/8');
    expect(body).toMatchObject({ level: 'province', commune: null, village: null });
  });

  it('returns a dissolved team marked inactive', async () => {
    const { res, body } = await getJson<TeamBody>('/api/teams/6');
    expect(res.status).toBe(200);
    expect(body.active).toBe(false);
    expect(body.members[0]!.phone).toBeNull();
  });

  it('answers 404 for an unknown team', async () => {
    const { res, body } = await getJson<ApiErrorBody>('/api/teams/424242');
    expect(res.status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('GET /api/coverage', () => {
  it('gives the national coverage without parameters', async () => {
    const { res, body } = await getJson<{ scope: string; coverage: CoverageBody }>('/api/coverage');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(body).toEqual({ scope: 'national', coverage: national });
  });

  it('gives a province coverage', async () => {
    const { body } = await getJson('/api/coverage?province=66');
    expect(body).toEqual({ scope: 'province', province: { code: '66', name: 'Đắk Lắk' }, coverage: daklak });
  });

  it('gives a commune coverage, with or without its province', async () => {
    const expected = {
      scope: 'commune',
      province: { code: '66', name: 'Đắk Lắk' },
      commune: { code: '24169', name: 'Phường Ea Kao' },
      coverage: eaKao,
    };
    expect((await getJson('/api/coverage?commune=24169')).body).toEqual(expected);
    expect((await getJson('/api/coverage?province=66&commune=24169')).body).toEqual(expected);
  });

  it('answers 404 for a commune under another province, or unknown codes', async () => {
    const expected = {
      'province=86&commune=24169': 'Không có xã, phường mã 24169 thuộc tỉnh, thành phố mã 86.',
      'commune=11111': 'Không có xã, phường mã 11111.',
      'province=77': 'Không có tỉnh, thành phố mã 77.',
    };
    for (const [q, message] of Object.entries(expected)) {
      const { res, body } = await getJson<ApiErrorBody>(`/api/coverage?${q}`);
      expect(res.status, q).toBe(404);
      expect(body.error).toEqual({ code: 'not_found', message });
    }
  });
});

describe('bad input never gets a 500', () => {
  const badRequests = [
    '/api/provinces/6',
    '/api/provinces/666',
    '/api/provinces/ab',
    '/api/provinces/%00',
    '/api/provinces/6%00',
    '/api/provinces/%E0%A4%A',
    `/api/provinces/${'9'.repeat(5000)}`,
    '/api/provinces/%C4%91%E1%BA%AFk',
    '/api/provinces/%D9%A6%D9%A6', // Arabic-Indic digits are not ASCII digits
    '/api/provinces/ab/communes',
    '/api/communes/2416',
    '/api/communes/24169x',
    '/api/communes/%20%2024169',
    `/api/communes/${'x'.repeat(3000)}`,
    '/api/teams/0',
    '/api/teams/-1',
    '/api/teams/1.5',
    '/api/teams/1e3',
    '/api/teams/abc',
    '/api/teams/99999999999999999999999',
    '/api/teams/%00',
    '/api/coverage?province=6',
    '/api/coverage?province=66&province=86',
    '/api/coverage?commune=24169&commune=24133',
    '/api/coverage?commune=%00',
    `/api/coverage?commune=${'1'.repeat(10000)}`,
    '/api/coverage?province=',
  ];

  for (const path of badRequests) {
    it(`answers 400 JSON for ${path.slice(0, 60)}`, async () => {
      const { res, body } = await getJson<ApiErrorBody>(path);
      expect(res.status).toBe(400);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(body.error.code).toBe('invalid_parameter');
      expect(body.error.message.length).toBeGreaterThan(0);
    });
  }

  it('names the parameter and says what is expected, in Vietnamese', async () => {
    const { body } = await getJson<ApiErrorBody>('/api/provinces/abc');
    expect(body.error.message).toBe('code: Mã tỉnh, thành phố gồm đúng 2 chữ số (ví dụ 66).');
  });

  it('ignores unknown query parameters', async () => {
    const { res } = await getJson('/api/coverage?foo=bar&province=66');
    expect(res.status).toBe(200);
  });
});

describe('no write endpoint over HTTP', () => {
  const paths = [
    '/api/provinces',
    '/api/provinces/66',
    '/api/provinces/66/communes',
    '/api/communes/24169',
    '/api/teams/1',
    '/api/coverage',
    '/api/openapi.json',
  ];
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    for (const path of paths) {
      it(`${method} ${path} is refused with a JSON 405`, async () => {
        const { res, body } = await getJson<ApiErrorBody>(path, {
          method,
          headers: { 'content-type': 'application/json' },
          body: '{"name":"x"}',
        });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, HEAD');
        expect(body.error.code).toBe('method_not_allowed');
      });
    }
  }

  it('leaves the data unchanged after write attempts', async () => {
    await SELF.fetch(`${base}/api/teams/1`, { method: 'DELETE' });
    const { body } = await getJson<TeamBody>('/api/teams/1');
    expect(body.members).toHaveLength(4);
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await SELF.fetch(`${base}/api/provinces/66`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every directory route with its parameters and error shape', async () => {
    const { res, body } = await getJson<{
      openapi: string;
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, unknown> };
    }>('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths).sort()).toEqual(
      [
        '/api/alerts', // issue 18
        '/api/assists', // issue 9, documented in the same document
        '/api/communes/{code}',
        '/api/communes/{code}/schedule', // issue 17
        '/api/coverage',
        '/api/provinces',
        '/api/provinces/{code}',
        '/api/provinces/{code}/communes',
        '/api/teams/{id}',
        '/api/usage',
        '/api/health',
      ].sort(),
    );
    expect(body.paths['/api/provinces/{code}']!.get!.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'code', in: 'path' })]));
    expect(body.paths['/api/coverage']!.get!.parameters!.map((p) => p.name).sort()).toEqual(['commune', 'province']);
    expect(Object.keys(body.paths['/api/communes/{code}']!.get!.responses).sort()).toEqual(['200', '400', '404']);
    expect(Object.keys(body.components.schemas)).toEqual(expect.arrayContaining(['Coverage', 'Member', 'Team', 'Error', 'UsageReport']));
  });

  it('documents /api/usage with its query and the same error codes as the directory', async () => {
    const { body } = await getJson<{
      paths: Record<string, { get?: { parameters?: { name: string }[]; responses: Record<string, { description: string }> } }>;
      servers: { url: string }[];
    }>('/api/openapi.json');
    const usage = body.paths['/api/usage']!.get!;
    expect(usage.parameters!.map((p) => p.name).sort()).toEqual(['commune', 'from', 'province', 'team', 'to']);
    expect(Object.keys(usage.responses).sort()).toEqual(['200', '400', '404']);
    expect(usage.responses['400']).toEqual(body.paths['/api/communes/{code}']!.get!.responses['400']);
    // The deployed origin (the SITE_URL var), not the Host the request came with.
    expect(body.servers).toEqual([{ url: new URL(env.SITE_URL).origin }]);
  });
});
