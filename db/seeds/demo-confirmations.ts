// Demo confirmations (issue 23) so the reports show confirmed and unconfirmed
// help on first start: about half the demo entries were confirmed by some or
// all of the people helped, the rest by nobody. Deterministic (fixed seed) and
// written once: a database that already holds confirmations gets none. The
// visitor hashes are random hex, as real ones look (salted daily hashes).
import { seededRandom } from '../../functions/directory/sheet/generate.ts';
import { jsonChunks } from '../../functions/directory/json-chunks.ts';

export async function seedDemoConfirmations(d1: D1Database): Promise<{ entries: number; confirmations: number } | null> {
  const existing = await d1.prepare('SELECT count(*) AS n FROM assist_confirmations').first<{ n: number }>();
  if ((existing?.n ?? 0) > 0) return null;
  const { results: entries } = await d1
    .prepare('SELECT id, people, day, created_at AS createdAt FROM assists WHERE voided_at IS NULL ORDER BY id')
    .all<{ id: number; people: number; day: string; createdAt: number }>();
  const random = seededRandom(20261207);
  const hex = () =>
    Array.from({ length: 8 }, () =>
      Math.floor(random() * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
  const rows: unknown[][] = [];
  let confirmedEntries = 0;
  for (const entry of entries) {
    if (random() > 0.5) continue;
    // Mostly everyone helped confirms; sometimes only some of them.
    const confirmed = random() < 0.7 ? entry.people : 1 + Math.floor(random() * entry.people);
    confirmedEntries++;
    for (let i = 0; i < confirmed; i++) rows.push([entry.id, hex(), entry.day, entry.createdAt + (i + 1) * 60_000]);
  }
  if (rows.length > 0) {
    await d1.batch(
      jsonChunks(rows).map((json) =>
        d1
          .prepare(
            `INSERT INTO assist_confirmations (assist_id, visitor, day, confirmed_at)
             SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3 FROM json_each(?) j`,
          )
          .bind(json),
      ),
    );
  }
  return { entries: confirmedEntries, confirmations: rows.length };
}
