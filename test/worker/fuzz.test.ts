// Our own bounded fuzz of the whole Worker (issue 21, point 9): every route the
// Hono app registers (app.routes), with its methods and one it does not take
// (unknown ones included), as an anonymous visitor, an
// official of each role and a signed-in member, with hostile values in paths,
// query strings, headers and bodies. Seeded: a failure names the request and
// replays the same way. Fails on any 5xx, any answer slower than a few
// seconds, any client value reflected in a response header, and any API 4xx
// that is not JSON.
//
// A per-request timeout turns an answer that never comes into a failure
// instead of a hung runner. (A loop that never yields — issue 21's
// `to=9999-12-31` — blocks the isolate the test runs in, timers included:
// no JavaScript timeout can stop it, so reports must never loop on input.)
//
// First run, on the code before issue 21's fixes: the date sweep's
// GET /api/usage?to=9999-12-31 never answered (the runner hung until killed
// at 100 s). With that loop fixed, 10 findings: 500s on multipart without a
// boundary, truncated multipart and UTF-16 forms (sign-in, import
// confirmation, two-step setup, targets, member entries), mostly with the
// CSRF token in its header. Fixed since; the suite now passes.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/index.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { origin, seedOfficial, signedIn, testPassword } from './admin-helpers.ts';
import { signIn as memberSignIn } from './assists-helpers.ts';
import { someGuide } from './usage-helpers.ts';

const SEED = 0x5eed_2126;
/** An account the well-formed sign-in forms use (fuzz.test.ts seeds it). */
const FUZZ_USERNAME = 'fuzz.dang-nhap';
/** The account the return-address sweep signs in to (five sign-ins: the account limit). */
const RETURN_USERNAME = 'fuzz.tro-ve';
/** Requests slower than this fail the suite. */
const SLOW_MS = 5000;
/** And this long without an answer is a timeout. */
const TIMEOUT_MS = 10_000;
/** Requests per route and persona beyond one per method. */
const EXTRA_PER_ROUTE = 2;
const CONCURRENCY = 4;

/** mulberry32: small, seeded, good enough to pick test inputs. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (n: number) => Math.floor(next() * n),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

/** Hostile values carry this marker so a reflection is recognisable. */
const MARK = 'xfz';
const hostileStrings = [
  `${MARK}\u0000nul`,
  `${MARK}\r\nSet-Cookie: ${MARK}=1`,
  `${MARK}\r\nLocation: https://evil.example/`,
  `${MARK}\u001b[31mesc\u0007`,
  `${MARK}\u0001\u0002\u001f\u007f`,
  `${MARK}`.repeat(3000),
  `${MARK}\u2028\u2029\ufeff`,
  `${MARK}\ud800`, // lone surrogate
  `${MARK}"<script>alert(1)</script>`,
  `${MARK}'; DROP TABLE teams; --`,
  `"${MARK}`,
  `${MARK} OR *`,
  `NEAR(${MARK} a, 2)`,
  `${MARK}*`,
  `^${MARK}`,
  `${MARK}:a`,
  `(${MARK}`,
  `-${MARK}`,
  '"',
  '*',
  '   ',
  '',
  `../../${MARK}/../etc/passwd`,
  `//evil.example/${MARK}`,
  `https://evil.example/${MARK}`,
  `/\\evil.example/${MARK}`,
  `/quan-tri/${MARK}\r\n`,
  `/quan-tri/\u0000${MARK}`,
  `/quan-tri/${MARK}\r\nSet-Cookie: ${MARK}=1`,
  `/quan-tri/${'a'.repeat(5000)}${MARK}`,
  `/\t/evil.example`,
];
const hostileDates = [
  '9999-12-31',
  '0000-00-00',
  '0001-01-01',
  '1900-01-01',
  '2100-12-31',
  '275760-09-13',
  '+275760-09-13',
  '-000001-01-01',
  '2026-02-30',
  '2026-13-45',
  '2026-1-1',
  '2026-03-31T23:59:59Z',
  '31/12/2026',
  '2026-03-01',
  '2026-03-31',
];
/** The dates the sweep sends to every GET route, alone as `from` or `to`. */
const sweepDates = ['9999-12-31', '0001-01-01', '+275760-09-13', '2026-02-30'];
const hostileNumbers = ['0', '-1', '1e308', 'NaN', 'Infinity', '99999999999999999999999', '1.5', '0x10', ' 1', '1 ', '9007199254740993', '-0'];
/** Return addresses (`?tiep=`) a sign-in must never put in a Location header as they are. */
const returnAddresses = [
  `/quan-tri/\u0000${MARK}`,
  `/quan-tri/${MARK}\r\nSet-Cookie: ${MARK}=1`,
  `/quan-tri/\u001b${MARK}`,
  `/quan-tri/${'a'.repeat(3000)}${MARK}`,
  `//evil.example/${MARK}`,
];
/** Raw path segments (not re-encoded): malformed escapes and encoded separators. */
const rawSegments = ['%', '%zz', '%E0%A4%A', '%C0%AF', '..%2F..%2F', '%00', `%0D%0A${MARK}`, '%2e%2e', '%ff%fe', ';', 'a%2Fb'];

/** Values that mean something to the route, so the fuzz reaches past validation. */
const validParams: Record<string, string[]> = {
  code: ['66', '24169', '01', 'K7Q2MZ20', '1'],
  province: ['66', '01', '86'],
  commune: ['24169', '28789'],
  id: ['1', '2', '4', '6'],
  slug: [], // filled with a published guide in beforeAll
  token: ['a'.repeat(43), 'abc'],
  file: ['K7Q2MZ20.svg', 'K7Q2MZ20.png', 'x.svg'],
};
const queryNames = [
  'from',
  'to',
  'province',
  'commune',
  'team',
  'q',
  'tiep',
  'tinh',
  'xa',
  'ma',
  'dinh-dang',
  'truoc',
  'ket-qua',
  'trang',
  'da-xoa',
  'da-luu',
  'da-ghi',
  'da-sua',
  'da-dang-xuat',
  'da-gop-y',
  'da-thu-hoi',
  'limit',
  'cursor',
];
const fieldNames = [
  'username',
  'password',
  'ma',
  'name',
  'ten',
  'ho_ten',
  'dien_thoai',
  'zalo',
  'vai_tro',
  'chuc_vu',
  'cong_khai',
  'ngay_dong_y',
  'so_qd',
  'ngay_qd',
  'cap',
  'thon',
  'xa',
  'village',
  'role',
  'scope',
  'khoa',
  'importId',
  'day',
  'people',
  'task',
  'description',
  'from',
  'to',
  'q',
  'robots',
  'helpful',
  'tiep',
  'province',
  'commune',
];
const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND'];
const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data'];

interface Persona {
  name: string;
  cookie: string;
  csrf: string;
  signedIn: boolean;
}

interface Finding {
  kind: '5xx' | 'slow' | 'timeout' | 'reflected header' | 'api 4xx not JSON' | 'threw';
  route: string;
  request: string;
  detail: string;
}

type Random = ReturnType<typeof prng>;

function hostileValue(r: Random): string {
  const pool = r.int(3);
  return pool === 0 ? r.pick(hostileStrings) : pool === 1 ? r.pick(hostileDates) : r.pick(hostileNumbers);
}

/** A value a header can carry (fetch refuses CR, LF, NUL and non-Latin-1 before sending). */
function headerSafe(value: string): string {
  return value
    .replace(/[\r\n\0]/g, ' ')
    .replace(/[^\u0020-\u00ff\t]/g, '?')
    .slice(0, 4000);
}

/** Percent-encodes like a browser; a lone surrogate becomes the bytes of one (not valid UTF-8). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

function fillPath(pattern: string, r: Random): string {
  const filled = pattern.replace(/:([a-zA-Z]+)(\{[^}]*\})?|\*/g, (_whole, name: string | undefined) => {
    const valid = name ? validParams[name] : undefined;
    if (valid?.length && r.chance(0.35)) return r.pick(valid);
    if (r.chance(0.2)) return r.pick(rawSegments);
    return encode(hostileValue(r) || 'x');
  });
  return filled;
}

function query(r: Random): string {
  const params: string[] = [];
  const count = r.int(4);
  for (let i = 0; i < count; i++) {
    const name = r.pick(queryNames);
    const value = name === 'from' || name === 'to' ? (r.chance(0.7) ? r.pick(hostileDates) : hostileValue(r)) : hostileValue(r);
    params.push(`${name}=${r.chance(0.1) ? r.pick(rawSegments) : encode(value)}`);
  }
  return params.length ? `?${params.join('&')}` : '';
}

function formFields(r: Random, persona: Persona): [string, string][] {
  const fields: [string, string][] = [];
  if (r.chance(0.75)) fields.push(['csrf', r.chance(0.9) ? persona.csrf : hostileValue(r)]);
  const count = 1 + r.int(5);
  for (let i = 0; i < count; i++) {
    const name = r.pick(fieldNames);
    fields.push([name, name === 'from' || name === 'to' || name.startsWith('ngay') || name === 'day' ? r.pick(hostileDates) : hostileValue(r)]);
  }
  return fields;
}

const csvFiles = [
  'Tỉnh,Xã,Thôn,Họ tên\n66,24169,"Buôn Ea Kao,Nguyễn Văn A\n', // unbalanced quote
  `Tỉnh,Xã,Thôn,Họ tên\n66,24169,Buôn Ea Kao,${MARK}\u0000\u001b\n`,
  '\u0000\u0001\u0002garbage',
  'PK\u0003\u0004not really a zip',
  '',
];

/** Bodies a form parser cannot read, with the content type that claims they are forms. */
const brokenBodies = [
  { type: 'multipart/form-data', body: (p: Persona) => `--x\r\ncontent-disposition: form-data; name="csrf"\r\n\r\n${p.csrf}\r\n--x--\r\n` },
  {
    type: 'multipart/form-data; boundary=b',
    body: () => `--b\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\ncontent-type: text/csv\r\n\r\n66,24169`,
  },
  { type: 'application/x-www-form-urlencoded; charset=utf-16', body: (p: Persona) => `csrf=${p.csrf}&ten=${MARK}` },
];

/** A request body of a random kind: forms, broken multipart, JSON, wrong types and charsets. */
function body(r: Random, persona: Persona): { body?: BodyInit; type?: string } {
  const fields = formFields(r, persona);
  switch (r.int(10)) {
    case 0:
    case 1:
    case 2:
      return { body: new URLSearchParams(fields).toString(), type: 'application/x-www-form-urlencoded' };
    case 3: {
      const form = new FormData();
      for (const [k, v] of fields) form.append(k, v);
      form.append('file', new File([r.pick(csvFiles)], r.chance(0.5) ? 'danh-sach.csv' : `${MARK}.xlsx`, { type: 'text/csv' }));
      return { body: form };
    }
    case 4: // multipart without a boundary
      return { body: `--x\r\ncontent-disposition: form-data; name="csrf"\r\n\r\n${persona.csrf}\r\n--x--\r\n`, type: 'multipart/form-data' };
    case 5: // truncated multipart
      return {
        body: `--b\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\ncontent-type: text/csv\r\n\r\n66,24169`,
        type: 'multipart/form-data; boundary=b',
      };
    case 6: // a form declared as UTF-16
      return { body: new URLSearchParams(fields).toString(), type: 'application/x-www-form-urlencoded; charset=utf-16' };
    case 7:
      return { body: r.chance(0.5) ? JSON.stringify(Object.fromEntries(fields)) : '{"csrf":', type: 'application/json' };
    case 8:
      return { body: hostileValue(r), type: r.pick(['text/plain', 'application/xml', `${MARK}/${MARK}`, 'multipart/mixed']) };
    default:
      return { body: r.chance(0.5) ? 'x'.repeat(3 * 1024 * 1024) : undefined, type: r.pick(formTypes) };
  }
}

function headers(r: Random, persona: Persona, contentType: string | undefined): Headers {
  const h = new Headers();
  const set = (name: string, value: string) => {
    try {
      h.set(name, headerSafe(value));
    } catch {
      // a value fetch would refuse to send: no client can send it either
    }
  };
  const cookie = r.chance(0.1) ? `${persona.cookie}; ${headerSafe(hostileValue(r))}=${headerSafe(hostileValue(r))}` : persona.cookie;
  if (cookie) set('cookie', cookie);
  if (contentType) set('content-type', contentType);
  set('origin', r.chance(0.8) ? origin : r.pick(['https://evil.example', 'null', hostileValue(r)]));
  set('cf-connecting-ip', r.chance(0.7) ? `198.51.100.${1 + r.int(250)}` : r.pick(['2001:db8::1', '::ffff:1.2.3.4', hostileValue(r), '']));
  if (r.chance(0.3)) set('x-csrf-token', r.chance(0.5) ? persona.csrf : hostileValue(r));
  if (r.chance(0.3)) set('accept-language', hostileValue(r));
  if (r.chance(0.3)) set('user-agent', hostileValue(r));
  if (r.chance(0.2)) set('accept', r.pick(['application/json', 'text/html', '*/*', hostileValue(r)]));
  if (r.chance(0.1)) set('range', 'bytes=999999999-');
  if (r.chance(0.1)) set('if-none-match', hostileValue(r));
  if (r.chance(0.2)) set('sec-fetch-site', r.pick(['same-origin', 'cross-site', 'none', hostileValue(r)]));
  return h;
}

/** Header values a client put there: the marker anywhere but a same-site Location path. */
function reflectedHeader(res: Response): string | undefined {
  for (const [name, value] of res.headers) {
    // Control characters cannot be in a Headers object: this catches what survives, e.g. an off-site redirect.
    if (name === 'location') {
      if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return `location: ${value.slice(0, 120)}`;
      continue;
    }
    if (value.toLowerCase().includes(MARK)) return `${name}: ${value.slice(0, 120)}`;
  }
  return undefined;
}

async function send(request: Request): Promise<{ res?: Response; ms: number; error?: string }> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
  try {
    const res = await Promise.race([SELF.fetch(request), timeout]);
    if (res === 'timeout') return { ms: Date.now() - started, error: 'timeout' };
    await res.arrayBuffer(); // the whole answer, not just its head
    return { res, ms: Date.now() - started };
  } catch (error) {
    return { ms: Date.now() - started, error: String(error).slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

interface Planned {
  route: string;
  persona: Persona;
  request: Request;
  label: string;
}

function plan(routes: string[], personas: Persona[], r: Random): Planned[] {
  const planned: Planned[] = [];
  for (const persona of personas) {
    for (const route of routes) {
      const registered = app.routes.filter((x) => x.path === route && x.method !== 'ALL').map((x) => x.method);
      // Each registered method, a few more tries of them, and one method the route does not take.
      const others = methods.filter((m) => !registered.includes(m));
      const tries = [...registered, ...Array.from({ length: EXTRA_PER_ROUTE }, () => r.pick(registered.length ? registered : methods)), r.pick(others)];
      for (const method of tries) {
        // Signing out ends the persona's session: the rest of the fuzz would run anonymous.
        if (persona.signedIn && method === 'POST' && route.includes('dang-xuat')) continue;
        const url = `${origin}${fillPath(route, r)}${query(r)}`;
        const withBody = method !== 'GET' && method !== 'HEAD';
        const b = withBody ? body(r, persona) : {};
        let request: Request;
        try {
          request = new Request(url, { method, body: b.body, headers: headers(r, persona, b.type), redirect: 'manual' });
        } catch {
          continue; // a URL or method fetch itself refuses
        }
        const shownBody = typeof b.body === 'string' ? ` [${b.type}] ${JSON.stringify(b.body.slice(0, 80))}` : b.body ? ` [multipart]` : '';
        planned.push({ route, persona, request, label: `${method} ${url.slice(origin.length, origin.length + 160)}${shownBody}` });
      }
    }
  }
  // Well-formed forms: a valid token and the credentials of a real account,
  // with one hostile value in the query (a return address, a date…), so the
  // fuzz reaches what runs after the checks: a session created, a redirect.
  for (const persona of personas) {
    for (const route of routes) {
      if (!app.routes.some((x) => x.path === route && x.method === 'POST')) continue;
      if (persona.signedIn && route.includes('dang-xuat')) continue;
      const fields: [string, string][] = [
        ['csrf', persona.csrf],
        ['username', FUZZ_USERNAME],
        ['password', testPassword],
      ];
      for (const name of ['ten', 'ho_ten', 'name']) fields.push([name, r.pick(hostileStrings)]);
      const url = `${origin}${fillPath(route, r)}?tiep=${encode(r.pick(hostileStrings))}&${r.pick(queryNames)}=${encode(r.pick([...hostileStrings, ...hostileDates]))}`;
      const request = new Request(url, { method: 'POST', body: new URLSearchParams(fields), headers: headers(r, persona, undefined), redirect: 'manual' });
      request.headers.set('origin', origin);
      planned.push({ route, persona, request, label: `POST ${url.slice(origin.length, origin.length + 160)} [well-formed form]` });
      // The token in its header, the body broken: nothing checked it before the handler read it.
      const broken = r.pick(brokenBodies);
      const brokenUrl = `${origin}${fillPath(route, r)}`;
      const withHeader = new Request(brokenUrl, { method: 'POST', body: broken.body(persona), headers: headers(r, persona, broken.type), redirect: 'manual' });
      withHeader.headers.set('origin', origin);
      withHeader.headers.set('x-csrf-token', persona.csrf);
      planned.push({ route, persona, request: withHeader, label: `POST ${brokenUrl.slice(origin.length)} [x-csrf-token, ${broken.type}]` });
    }
  }
  // Return addresses: every POST route once per hostile `?tiep=`, as an
  // official with a valid token and a second account's right password, so
  // the sign-in reaches its redirect (where CR, LF or NUL would reach Location).
  const official = personas.find((p) => p.name === 'national');
  for (const route of official ? routes : []) {
    if (!app.routes.some((x) => x.path === route && x.method === 'POST') || route.includes('dang-xuat')) continue;
    for (const tiep of returnAddresses) {
      const url = `${origin}${fillPath(route, r)}?tiep=${encode(tiep)}`;
      const fields = new URLSearchParams({ csrf: official!.csrf, username: RETURN_USERNAME, password: testPassword });
      const request = new Request(url, { method: 'POST', body: fields, headers: headers(r, official!, undefined), redirect: 'manual' });
      request.headers.set('origin', origin);
      planned.push({ route, persona: official!, request, label: `POST ${url.slice(origin.length, origin.length + 160)} [return address]` });
    }
  }
  // Date sweep: every GET route once with each hostile date alone as `from`
  // and as `to` (random queries rarely send one bound alone, which is what
  // reaches a report's default period), as the persona that can open it.
  const anonymous = personas[0]!;
  const national = personas.find((p) => p.name === 'national') ?? anonymous;
  const member = personas.find((p) => p.name === 'member') ?? anonymous;
  for (const route of routes) {
    if (!app.routes.some((x) => x.path === route && x.method === 'GET')) continue;
    const persona = route.startsWith('/thanh-vien') ? member : route.startsWith('/quan-tri') || route.startsWith('/api/admin') ? national : anonymous;
    for (const date of sweepDates) {
      for (const bound of ['from', 'to']) {
        const url = `${origin}${fillPath(route, r)}?${bound}=${encode(date)}`;
        const request = new Request(url, { headers: headers(r, persona, undefined), redirect: 'manual' });
        planned.push({ route, persona, request, label: `GET ${url.slice(origin.length)}` });
      }
    }
  }
  return planned;
}

let personas: Persona[] = [];

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  validParams.slug = [(await someGuide()).slug];
  // Someone for the account routes to act on, so valid ids reach past "not found".
  await seedOfficial({ username: 'fuzz.doi-tuong', role: 'commune', provinceCode: '66', communeCode: '24169' });
  await seedOfficial({ username: FUZZ_USERNAME, role: 'commune', provinceCode: '66', communeCode: '24169' });
  await seedOfficial({ username: RETURN_USERNAME, role: 'commune', provinceCode: '66', communeCode: '24169' });
  const officials = [
    { username: 'fuzz.quoc-gia', role: 'national' as const },
    { username: 'fuzz.tinh', role: 'province' as const, provinceCode: '66' },
    { username: 'fuzz.xa', role: 'commune' as const, provinceCode: '66', communeCode: '24169' },
  ];
  personas = [{ name: 'anonymous', cookie: '', csrf: 'a'.repeat(32), signedIn: false }];
  for (const official of officials) {
    const { browser } = await signedIn(official);
    personas.push({ name: official.role, cookie: browser.cookieHeader(), csrf: browser.csrf, signedIn: true });
  }
  personas.push({ name: 'member', cookie: await memberSignIn('K7Q2MZ20'), csrf: '', signedIn: true });
});

describe('fuzz: hostile requests to every route', () => {
  it('answers every one without a 5xx, promptly, with no client value in its headers', { timeout: 180_000 }, async () => {
    const routes = [...new Set(app.routes.map((x) => x.path))].sort();
    const planned = plan(routes, personas, prng(SEED));
    const findings: Finding[] = [];
    const started = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < planned.length) {
        const p = planned[next++]!;
        const { res, ms, error } = await send(p.request);
        const at = { route: `${p.request.method} ${p.route}`, request: `${p.label} (${p.persona.name})` };
        if (error === 'timeout') findings.push({ kind: 'timeout', ...at, detail: `no answer in ${TIMEOUT_MS} ms` });
        else if (error) findings.push({ kind: 'threw', ...at, detail: error });
        if (!res) continue;
        if (res.status >= 500) findings.push({ kind: '5xx', ...at, detail: String(res.status) });
        if (ms > SLOW_MS) findings.push({ kind: 'slow', ...at, detail: `${ms} ms` });
        const reflected = reflectedHeader(res);
        if (reflected) findings.push({ kind: 'reflected header', ...at, detail: reflected });
        const url = new URL(p.request.url);
        if (
          url.pathname.startsWith('/api/') &&
          res.status >= 400 &&
          res.status < 500 &&
          p.request.method !== 'HEAD' &&
          !res.headers.get('content-type')?.includes('json')
        ) {
          findings.push({ kind: 'api 4xx not JSON', ...at, detail: `${res.status} ${res.headers.get('content-type')}` });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // One line per kind of finding and route, with the first request that showed it.
    const byRoute = new Map<string, Finding & { times: number }>();
    for (const f of findings) {
      const key = `${f.kind} ${f.route}`;
      const seen = byRoute.get(key);
      if (seen) seen.times++;
      else byRoute.set(key, { ...f, times: 1 });
    }
    const summary = [...byRoute.values()].map((f) => `${f.kind} ×${f.times} ${f.route}: ${f.detail} — e.g. ${f.request}`);
    console.log(
      `fuzz: ${planned.length} requests over ${routes.length} routes × ${personas.length} personas in ${seconds} s (seed ${SEED.toString(16)}); ${findings.length} findings`,
    );
    expect(summary).toEqual([]);
  });
});
