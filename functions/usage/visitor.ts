import { sha256Hex } from '../auth/crypto.ts';

/** The UTC calendar day of a moment, as YYYY-MM-DD (the unit of every count). */
export function utcDay(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}

// One salt per isolate per day: a D1 round trip once a day, not per request.
let cachedSalt: { day: string; salt: string } | undefined;

function randomSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Today's secret salt, shared by every isolate through D1 (the first isolate
 * of the day creates it; the others read the winner). Salts of earlier days
 * are deleted by the cron (purge.ts) within minutes of midnight, so
 * yesterday's hashes can no longer be recomputed from anything stored — as
 * Plausible does.
 */
export async function dailySalt(db: D1Database, day: string = utcDay()): Promise<string> {
  if (cachedSalt?.day === day) return cachedSalt.salt;
  const [, row] = await db.batch<{ salt: string }>([
    db.prepare('INSERT OR IGNORE INTO visitor_salts (day, salt) VALUES (?, ?)').bind(day, randomSalt()),
    db.prepare('SELECT salt FROM visitor_salts WHERE day = ?').bind(day),
  ]);
  const salt = row?.results[0]?.salt;
  if (!salt) throw new Error(`no visitor salt for ${day}`);
  cachedSalt = { day, salt };
  return salt;
}

/**
 * SHA-256(daily salt ‖ IP ‖ user agent ‖ site host), hex. Only this hash
 * leaves the request: the IP address and user agent are never stored or queued.
 */
export async function visitorHash(salt: string, request: Request): Promise<string> {
  const ip = request.headers.get('cf-connecting-ip') ?? '';
  const userAgent = request.headers.get('user-agent') ?? '';
  const host = new URL(request.url).host;
  return sha256Hex([salt, ip, userAgent, host].join('\u0000'));
}

/**
 * The network a request comes from, for limits keyed on the address alone: an
 * IPv4 address as is, an IPv6 address cut to its /64 (one subscriber's
 * prefix: a client can rotate through the rest of it at will).
 */
export function clientNetwork(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * SHA-256(daily salt ‖ "address" ‖ client network ‖ site host), hex: the key
 * of the coarse per-address limits. Like visitorHash it is never stored or
 * queued — it only names a rate-limit counter — and it changes with the salt.
 */
export async function addressHash(salt: string, request: Request): Promise<string> {
  const network = clientNetwork(request.headers.get('cf-connecting-ip') ?? '');
  const host = new URL(request.url).host;
  return sha256Hex([salt, 'address', network, host].join('\u0000'));
}
