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
 * are deleted at the same time, so yesterday's hashes can no longer be
 * recomputed from anything stored — as Plausible does.
 */
export async function dailySalt(db: D1Database, day: string = utcDay()): Promise<string> {
  if (cachedSalt?.day === day) return cachedSalt.salt;
  const [, , row] = await db.batch<{ salt: string }>([
    db.prepare('DELETE FROM visitor_salts WHERE day < ?').bind(day),
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
  const data = new TextEncoder().encode([salt, ip, userAgent, host].join('\u0000'));
  const digest = await crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
