// Usage counting bench: events/s accepted by the Worker (local `wrangler dev`,
// loopback, bounded concurrency) and D1 rows written per 1,000 events under a
// realistic skew. `benchUsage()` is what `npm run bench` calls; run this file
// directly for the figures alone (`node scripts/bench-usage.ts`).
//
// Rows written come from the queue consumer's own log line per batch
// ({"usageBatch":{…,"rowsWritten":n}}), i.e. D1's meta.rows_written summed
// over each batch() — what D1 bills — not an estimate.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { seededRandom } from '../functions/directory/sheet/generate.ts';
import { freshLocalD1 } from './lib/local-d1.ts';
import { type LocalWorker, startLocalWorker } from './lib/local-worker.ts';
import { run } from './run.ts';

export interface UsageBenchOptions {
  /** Loopback requests sent to the Worker (default 2,000). */
  requests?: number;
  /** Concurrent connections (default 6). */
  concurrency?: number;
  /** Port for the bench's own `wrangler dev` (default 8809). */
  port?: number;
}

export interface UsageBenchResult {
  requests: number;
  concurrency: number;
  seconds: number;
  /** Requests the Worker answered per second: share taps, guide views, helpful posts, previews. */
  eventsPerSecond: number;
  /** Of those, how many passed the honest-count gate and went into the queue. */
  queued: number;
  batches: number;
  /** Distinct (day, guide, team, member, kind) keys upserted, summed over batches. */
  keysUpserted: number;
  rowsWritten: number;
  /** Of rowsWritten: daily aggregates (usage_daily) and visitor rows (visitor_days). */
  aggregateRowsWritten: number;
  visitorRowsWritten: number;
  rowsWrittenPer1000Events: number;
  /** visitor_days rows (one per visitor and day) left for the cron purge after the retention window: one more row written each. */
  visitorHashesToPurge: number;
  rowsWrittenPer1000EventsWithPurge: number;
  mix: Record<string, number>;
}

/** Zipf(s) over n ranks: a few guides get most of the traffic. */
function zipfPicker(n: number, s: number, random: () => number) {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  return () => {
    let r = random() * total;
    for (let i = 0; i < n; i++) {
      r -= weights[i]!;
      if (r <= 0) return i;
    }
    return n - 1;
  };
}

interface BenchRequest {
  kind: 'share' | 'view' | 'helpful' | 'preview';
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

const PREVIEWERS = [
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Zalo',
  'TelegramBot (like TwitterBot)',
  'WhatsApp/2.23.20.0 A',
];

function browser(visitor: number): Record<string, string> {
  return {
    'user-agent': `Mozilla/5.0 (Linux; Android 13; SM-A${100 + (visitor % 50)}F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${6000 + visitor}.${visitor % 97} Mobile Safari/537.36`,
    'cf-connecting-ip': `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor & 255}`,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'accept-language': 'vi-VN,vi;q=0.9',
    'sec-fetch-dest': 'document',
    'sec-fetch-mode': 'navigate',
    'sec-fetch-site': 'none',
  };
}

/**
 * The traffic of Zalo groups: a team member posts a guide link (guides and
 * members both Zipf-skewed: a few are very active); the chat app's previewer
 * fetches it (and follows the redirect); neighbours tap it over the next
 * minutes — share click, then the guide view their browser loads — a few tap
 * again, a few answer "helpful?", some reach another guide the same way. Ten
 * posts are live at once, so their taps interleave as in real groups.
 */
export function usageWorkload(total: number, slugs: string[], memberCodes: string[], seed = 5): BenchRequest[] {
  const random = seededRandom(seed);
  const pickGuide = zipfPicker(slugs.length, 1.1, random);
  const pickMember = zipfPicker(Math.max(1, memberCodes.length), 0.8, random);
  type Post = { slug: string; code: string; audience: number; neighbours: number[]; previewed: boolean };
  const newPost = (): Post => ({
    slug: slugs[pickGuide()]!,
    // One link in ten is passed on without a member code.
    code: random() < 0.9 ? (memberCodes[pickMember()] ?? '') : '',
    audience: 2 + Math.floor(-Math.log(1 - random()) * 6), // about 8 taps per post
    neighbours: [],
    previewed: false,
  });
  const live: Post[] = Array.from({ length: 10 }, newPost);
  const out: BenchRequest[] = [];
  let visitor = 0;
  const tap = (post: Post, who: number) => {
    out.push({ kind: 'share', path: `/g/${post.slug}/${post.code}`, method: 'GET', headers: browser(who) });
    out.push({ kind: 'view', path: `/huong-dan/${post.slug}/`, method: 'GET', headers: browser(who) });
  };
  while (out.length < total) {
    const i = Math.floor(random() * live.length);
    const post = live[i]!;
    if (!post.previewed) {
      // The previewer of the app the link was posted in (sometimes two apps).
      for (let n = random() < 0.3 ? 2 : 1; n > 0; n--) {
        const headers = { 'user-agent': PREVIEWERS[Math.floor(random() * PREVIEWERS.length)]!, accept: '*/*' };
        out.push({ kind: 'preview', path: `/g/${post.slug}/${post.code}`, method: 'GET', headers });
        out.push({ kind: 'preview', path: `/huong-dan/${post.slug}/`, method: 'GET', headers });
      }
      post.previewed = true;
      continue;
    }
    const r = random();
    if (r < 0.12 && post.neighbours.length > 0) {
      tap(post, post.neighbours[Math.floor(random() * post.neighbours.length)]!); // tapped again
    } else if (r < 0.18 && post.neighbours.length > 0) {
      const who = post.neighbours[Math.floor(random() * post.neighbours.length)]!;
      out.push({
        kind: 'helpful',
        path: `/huong-dan/${post.slug}/gop-y/`,
        method: 'POST',
        headers: { ...browser(who), 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
        body: `answer=${random() < 0.8 ? 'yes' : 'no'}`,
      });
    } else {
      // A neighbour; one in ten already read another guide today.
      const who = visitor > 0 && random() < 0.1 ? 1 + Math.floor(random() * visitor) : ++visitor;
      post.neighbours.push(who);
      tap(post, who);
      if (post.neighbours.length >= post.audience) live[i] = newPost();
    }
  }
  return out.slice(0, total);
}

/**
 * One request over a keep-alive connection. node:http, not fetch: fetch (undici)
 * adds its own Sec-Fetch-Mode: cors, which would make every request look like
 * a script's fetch instead of a person opening a page.
 */
function send(agent: Agent, base: string, r: BenchRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${r.path}`, { method: r.method, headers: r.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

/** A wrangler command of the bench's setup, quiet unless it fails. */
function wrangler(args: string[]): void {
  const result = spawnSync('wrangler', args, { encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`wrangler ${args.join(' ')} exited with ${result.status}`);
  }
}

/** A small directory (one province, 20 teams, 60 members) so share clicks are attributed as in production. */
function seedMembers(persistTo: string): string[] {
  const codes = Array.from({ length: 60 }, (_, i) => `BENCH${String(i).padStart(3, '0')}`);
  const sql = [
    "INSERT OR IGNORE INTO provinces (code, name, kind, name_folded) VALUES ('B1', 'Tỉnh Đo Thử', 'Tỉnh', 'tinh do thu');",
    "INSERT OR IGNORE INTO communes (code, province_code, name, name_folded) VALUES ('B1001', 'B1', 'Xã Đo Thử', 'xa do thu');",
    ...Array.from(
      { length: 20 },
      (_, t) =>
        `INSERT OR IGNORE INTO teams (id, level, name, name_folded, province_code, commune_code, place_key) VALUES (${900000 + t}, 'commune', 'Tổ đo thử ${t}', 'to do thu ${t}', 'B1', 'B1001', 'c:B1001:${t}');`,
    ),
    ...codes.map(
      (code, i) =>
        `INSERT OR IGNORE INTO members (code, team_id, full_name, name_folded, role) VALUES ('${code}', ${900000 + (i % 20)}, 'Thành viên ${i}', 'thanh vien ${i}', 'thanh_vien');`,
    ),
  ].join('\n');
  const file = join(persistTo, 'bench-members.sql');
  writeFileSync(file, sql);
  wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--file', file]);
  return codes;
}

/** Row count of a table in the bench's local D1. */
function countRows(persistTo: string, table: string): number {
  const out = spawnSync(
    'wrangler',
    ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--json', '--command', `SELECT count(*) AS n FROM ${table}`],
    {
      encoding: 'utf8',
    },
  );
  const parsed = JSON.parse(out.stdout) as { results: { n: number }[] }[];
  return parsed[0]?.results[0]?.n ?? 0;
}

export async function benchUsage(options: UsageBenchOptions = {}): Promise<UsageBenchResult> {
  const total = options.requests ?? 2000;
  const concurrency = options.concurrency ?? 6;
  const port = options.port ?? Number(process.env.USAGE_BENCH_PORT ?? 8809);
  const base = `http://127.0.0.1:${port}`;
  if (!existsSync('dist/du-lieu/huong-dan.json')) run('npm', ['run', 'build']);

  // A fresh local D1 for the bench: nothing from earlier runs is "already seen".
  const persistTo = await freshLocalD1('cam-nang-so-bench-');
  type BatchLog = { messages: number; keys: number; rowsWritten: number; rowsWrittenBy: { aggregates: number; visitors: number } };
  const batches: BatchLog[] = [];
  let worker: LocalWorker | undefined;
  try {
    const memberCodes = seedMembers(persistTo);
    worker = await startLocalWorker({ port, persistTo, pipeStdout: true });
    const child = worker.child;
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const at = line.indexOf('{"usageBatch"');
        if (at < 0) continue;
        try {
          const { usageBatch } = JSON.parse(line.slice(at)) as { usageBatch: BatchLog };
          batches.push(usageBatch);
        } catch {
          // a line cut by the terminal: ignore
        }
      }
    });

    const slugs = ((await (await fetch(`${base}/du-lieu/huong-dan.json`)).json()) as { slug: string }[]).map((g) => g.slug);
    const workload = usageWorkload(total, slugs, memberCodes);
    const mix: Record<string, number> = {};
    for (const r of workload) mix[r.kind] = (mix[r.kind] ?? 0) + 1;

    // Warm the isolate (salt, catalog) outside the measurement.
    await (await fetch(`${base}/huong-dan/${slugs[0]}/`, { headers: { 'user-agent': 'curl/8' } })).arrayBuffer();

    let next = 0;
    const failures: string[] = [];
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < workload.length) {
          const r = workload[next++]!;
          const status = await send(agent, base, r);
          if (status >= 400) failures.push(`${r.method} ${r.path} → ${status}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    if (failures.length > 0) throw new Error(`bench requests failed: ${failures.slice(0, 5).join('; ')}`);

    // Wait for the queue to drain: no new batch for 3 s (batches flush every second).
    let seen = -1;
    let quietSince = Date.now();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && Date.now() - quietSince < 3000) {
      await new Promise((r) => setTimeout(r, 250));
      if (batches.length !== seen) {
        seen = batches.length;
        quietSince = Date.now();
      }
    }
    const queued = batches.reduce((s, b) => s + b.messages, 0);
    const rowsWritten = batches.reduce((s, b) => s + b.rowsWritten, 0);
    worker.stop();
    const visitorHashesToPurge = countRows(persistTo, 'visitor_days');
    return {
      requests: total,
      concurrency,
      seconds: Math.round(seconds * 100) / 100,
      eventsPerSecond: Math.round(total / seconds),
      queued,
      batches: batches.length,
      keysUpserted: batches.reduce((s, b) => s + b.keys, 0),
      rowsWritten,
      aggregateRowsWritten: batches.reduce((s, b) => s + b.rowsWrittenBy.aggregates, 0),
      visitorRowsWritten: batches.reduce((s, b) => s + b.rowsWrittenBy.visitors, 0),
      rowsWrittenPer1000Events: Math.round((rowsWritten / total) * 1000),
      visitorHashesToPurge,
      rowsWrittenPer1000EventsWithPurge: Math.round(((rowsWritten + visitorHashesToPurge) / total) * 1000),
      mix,
    };
  } finally {
    worker?.stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
}

/** The bench section `npm run bench` prints. */
export async function usageBenchSection(): Promise<void> {
  const r = await benchUsage();
  console.log(
    `Traffic: ${r.requests} loopback requests over ${r.concurrency} connections (${Object.entries(r.mix)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}).`,
  );
  console.log(`Accepted by the Worker (local wrangler dev): ${r.eventsPerSecond} events/s (${r.seconds} s).`);
  console.log(`Queued after the honest-count gate: ${r.queued}; consumer batches: ${r.batches}; aggregate upserts: ${r.keysUpserted}.`);
  console.log(
    `D1 rows written: ${r.rowsWritten} = ${r.rowsWrittenPer1000Events} per 1,000 events (${r.rowsWrittenPer1000EventsWithPurge} counting the later purge of ${r.visitorHashesToPurge} visitor hashes).`,
  );
  console.log(
    `  of which daily aggregates (usage_daily incl. index, and the totals and rollups its triggers keep): ${r.aggregateRowsWritten}; visitor rows (visitor_days, one per visitor and day): ${r.visitorRowsWritten}.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('\n## Usage counting (queue → D1)\n');
  await usageBenchSection();
}
