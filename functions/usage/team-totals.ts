import { addDays, type Period } from './report.ts';

/**
 * The country's share clicks per team over any period (issue 20), from
 * usage_team_totals (migration 0019): for each closed day, every team's clicks
 * from the first counted day up to and including it, in one text. A period's
 * clicks are its last day's totals minus those of the day before it starts,
 * plus the days after the newest row (today's) summed from usage_team_daily: two
 * rows of about 0.14 MB each on the synthetic national year, decoded and
 * subtracted in the Worker in a few milliseconds, where SQLite grouping a
 * year of usage_daily by team reads over a million rows (~0.5 s).
 *
 * The text lists team ids in order, one slot per id from 0. A count is
 * written in base 32, most significant digit first: every digit but the last
 * as a character from 'P' (80) to 'o' (111), the last from '0' (48) to 'O'
 * (79), so counts under 32 take one character and under 1,024 two; '-' before
 * it makes it negative. '~' and a number written the same way skips that many
 * ids (teams without clicks).
 */

const LAST_DIGIT = 48; // '0'
const MORE_DIGITS = 80; // 'P'
const DIGIT_VALUES = 32;
const SKIP = 126; // '~'
const MINUS = 45; // '-'

/** Per-team totals, indexed by team id, growing as ids come. */
export class TeamClicks {
  values: Float64Array<ArrayBuffer> = new Float64Array(1024);
  /** One past the highest id written: loops over the teams stop there. */
  end = 0;

  /** The array, long enough for `id`. */
  reach(id: number): Float64Array<ArrayBuffer> {
    if (id >= this.values.length) {
      const grown = new Float64Array(Math.max(id + 1, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    if (id >= this.end) this.end = id + 1;
    return this.values;
  }

  add(id: number, count: number): void {
    this.reach(id)[id]! += count;
  }
}

/** Adds one row's encoded totals to `into`, times `sign` (1 or −1). Throws on text it did not write. */
export function addEncodedTeamClicks(text: string, into: TeamClicks, sign: 1 | -1 = 1): void {
  let values = into.values;
  let id = 0;
  let i = 0;
  const n = text.length;
  // A number from i: digits while they say more follow, then the last one.
  const readNumber = () => {
    let v = 0;
    for (;;) {
      const ch = text.charCodeAt(i++);
      if (ch >= MORE_DIGITS && ch < MORE_DIGITS + DIGIT_VALUES) v = v * DIGIT_VALUES + (ch - MORE_DIGITS);
      else if (ch >= LAST_DIGIT && ch < LAST_DIGIT + DIGIT_VALUES) return v * DIGIT_VALUES + (ch - LAST_DIGIT);
      else throw new Error(`usage_team_totals: bad number at ${i - 1}`);
    }
  };
  while (i < n) {
    const ch = text.charCodeAt(i);
    // The common case first: one team's count under 32, one character.
    if (ch >= LAST_DIGIT && ch < LAST_DIGIT + DIGIT_VALUES) {
      i++;
      if (ch !== LAST_DIGIT) {
        if (id >= values.length) values = into.reach(id);
        values[id]! += sign * (ch - LAST_DIGIT);
      }
      id++;
    } else if (ch === SKIP) {
      i++;
      id += readNumber();
    } else {
      const negative = ch === MINUS;
      if (negative) i++;
      const count = readNumber();
      if (id >= values.length) values = into.reach(id);
      values[id]! += sign * (negative ? -count : count);
      id++;
    }
  }
  if (id > into.end) into.end = id;
}

function encodeNumber(n: number): string {
  let out = String.fromCharCode(LAST_DIGIT + (n % DIGIT_VALUES));
  for (let rest = Math.floor(n / DIGIT_VALUES); rest > 0; rest = Math.floor(rest / DIGIT_VALUES)) {
    out = String.fromCharCode(MORE_DIGITS + (rest % DIGIT_VALUES)) + out;
  }
  return out;
}

/** Encodes per-team totals (ids without clicks are skipped). */
export function encodeTeamClicks(clicks: TeamClicks): string {
  const parts: string[] = [];
  let next = 0;
  const values = clicks.values;
  for (let id = 0; id < clicks.end; id++) {
    const count = values[id]!;
    if (count === 0) continue;
    const gap = id - next;
    // A gap of one or two is shorter as zero counts than as a skip.
    if (gap > 0) parts.push(gap <= 2 ? '0'.repeat(gap) : `~${encodeNumber(gap)}`);
    parts.push(count < 0 ? `-${encodeNumber(-count)}` : encodeNumber(count));
    next = id + 1;
  }
  return parts.join('');
}

/** The next days' rows as the Cron Trigger adds them, and what they were read against. */
export interface NextDays {
  /** The newest stored day they follow, if any. */
  after: string | null;
  /** Each day and its encoded running totals, oldest first. */
  rows: { day: string; teams: string }[];
  /** usage_team_totals_writes when read: the rows are written only if it has not moved. */
  writes: number;
}

/** Days read and written together: a week of the synthetic national year is about 1 MB of text. */
const DAYS_PER_BATCH = 7;

/**
 * Reads what the next days' rows (up to `days`, never today's) are made of.
 * It first marks their last day as being built (usage_team_totals_writes),
 * so from then on any share click written on or before it counts as a write,
 * and reads the write count with it; then the newest row and the days'
 * usage_daily rows. Null when every closed day since the first click has its row.
 */
export async function readNextDays(db: D1Database, today: string, days = DAYS_PER_BATCH): Promise<NextDays | null> {
  const newestDay = (await db.prepare('SELECT max(day) AS day FROM usage_team_totals').first<{ day: string | null }>())?.day ?? null;
  const first = newestDay
    ? addDays(newestDay, 1)
    : (await db.prepare("SELECT min(day) AS first FROM usage_daily WHERE kind = 'share_click' AND team_id <> 0").first<{ first: string | null }>())?.first;
  if (!first || first >= today) return null;
  const lastWanted = addDays(first, days - 1);
  const last = lastWanted < today ? lastWanted : addDays(today, -1);
  const [, writeRows, newestRows, daily] = await db.batch<{ writes?: number; teams?: string; day?: string; team_id?: number; c?: number }>([
    db.prepare('UPDATE usage_team_totals_writes SET building_to = ?1 WHERE id = 1').bind(last),
    db.prepare('SELECT writes FROM usage_team_totals_writes WHERE id = 1'),
    db.prepare('SELECT teams FROM usage_team_totals WHERE day = ?1').bind(newestDay),
    db
      .prepare(
        `SELECT day, team_id, sum(count) AS c FROM usage_daily
         WHERE day BETWEEN ?1 AND ?2 AND kind = 'share_click' AND team_id <> 0 GROUP BY day, team_id ORDER BY day`,
      )
      .bind(first, last),
  ]);
  const clicks = new TeamClicks();
  const newestTeams = newestRows?.results[0]?.teams;
  // The newest row went between the two reads (a late click): the next run starts again.
  if (newestDay && newestTeams === undefined) return null;
  if (newestTeams) addEncodedTeamClicks(newestTeams, clicks);
  const results = (daily?.results ?? []) as { day: string; team_id: number; c: number }[];
  const rows: NextDays['rows'] = [];
  let at = 0;
  for (let day = first; day <= last; day = addDays(day, 1)) {
    for (; at < results.length && results[at]!.day === day; at++) clicks.add(results[at]!.team_id, results[at]!.c);
    rows.push({ day, teams: encodeTeamClicks(clicks) });
  }
  return { after: newestDay, rows, writes: writeRows?.results[0]?.writes ?? 0 };
}

/**
 * Writes those rows in one transaction, each only if no share click on or
 * before their last day was written since they were read
 * (usage_team_totals_writes moved) and the row it builds on is still there:
 * otherwise none is written, and the next run reads again. Ends the marking.
 * Returns how many were written.
 */
export async function writeNextDays(db: D1Database, next: NextDays): Promise<number> {
  const results = await db.batch([
    ...next.rows.map((row, i) =>
      db
        .prepare(
          `INSERT INTO usage_team_totals (day, teams)
           SELECT ?1, ?2 WHERE (SELECT writes FROM usage_team_totals_writes WHERE id = 1) = ?3
             AND (?4 IS NULL OR EXISTS (SELECT 1 FROM usage_team_totals WHERE day = ?4))
             AND NOT EXISTS (SELECT 1 FROM usage_team_totals WHERE day >= ?1)`,
        )
        .bind(row.day, row.teams, next.writes, i === 0 ? next.after : next.rows[i - 1]!.day),
    ),
    db.prepare('UPDATE usage_team_totals_writes SET building_to = NULL WHERE id = 1'),
  ]);
  return results.slice(0, next.rows.length).reduce((sum, r) => sum + r.meta.changes, 0);
}

/** Days the Cron Trigger adds per run at most: a year's backlog (after a deploy, or a late click deep in the past) takes two runs. */
export const MAX_DAYS_PER_RUN = 200;

/**
 * Adds the rows of closed days still missing, oldest first, at most `maxDays`
 * a run (the Cron Trigger). Today's row is never written: its clicks are
 * still being counted.
 */
export async function buildTeamTotals(db: D1Database, today: string, maxDays = MAX_DAYS_PER_RUN): Promise<{ days: number }> {
  let days = 0;
  while (days < maxDays) {
    const next = await readNextDays(db, today, Math.min(DAYS_PER_BATCH, maxDays - days));
    if (!next) break;
    const written = await writeNextDays(db, next);
    days += written;
    if (written < next.rows.length) break;
  }
  return { days };
}

/**
 * The country's share clicks per team over a period, read in one batch (the
 * caller's other statements ride along): the newest row inside the period
 * (up to its last day) minus the row of the day before it starts, plus
 * the clicks of the period's days after that newest row — today's,
 * and any day the Cron Trigger has not added yet. With no row inside the
 * period it is all summed.
 */
export function nationalTeamClicksStatements(db: D1Database, period: Period): D1PreparedStatement[] {
  const newestInside = 'SELECT max(day) FROM usage_team_totals WHERE day BETWEEN ?1 AND ?2';
  const before = addDays(period.from, -1);
  return [
    db.prepare(`SELECT day, teams FROM usage_team_totals WHERE day = (${newestInside})`).bind(period.from, period.to),
    db.prepare('SELECT day, teams FROM usage_team_totals WHERE day = ?1').bind(before),
    db.prepare('SELECT min(day) AS first FROM usage_team_totals'),
    // From the province rollup by team and day (a key range per province),
    // as one text of "team clicks" pairs: a day's thousands of teams cost D1
    // one row to send, not thousands.
    db
      .prepare(
        `SELECT group_concat(team_id || ' ' || c) AS summed FROM (
           SELECT team_id, sum(count) AS c FROM usage_team_daily
           WHERE province_code IN (SELECT code FROM provinces) AND day > coalesce((${newestInside}), ?3) AND day <= ?2 GROUP BY team_id)`,
      )
      .bind(period.from, period.to, before),
  ];
}

export type TeamClicksRow = { day?: string; teams?: string; first?: string | null; summed?: string | null };

/**
 * Adds up what nationalTeamClicksStatements read. Null when the rows do not
 * fit together (the day before the period lies inside the stored days but
 * has no row): the caller then sums usage_daily itself.
 */
export function nationalTeamClicks(period: Period, results: D1Result<TeamClicksRow>[]): TeamClicks | null {
  const [newest, before, first, summed] = results;
  const last = newest?.results[0];
  const clicks = new TeamClicks();
  if (last?.teams !== undefined) {
    const firstDay = first?.results[0]?.first ?? null;
    const start = before?.results[0];
    // Rows run without a gap from the first counted day: a missing row before the period means no clicks yet.
    if (start?.teams === undefined && firstDay !== null && addDays(period.from, -1) >= firstDay) return null;
    addEncodedTeamClicks(last.teams, clicks);
    if (start?.teams !== undefined) addEncodedTeamClicks(start.teams, clicks, -1);
  }
  const pairs = summed?.results[0]?.summed?.split(/[ ,]/) ?? [];
  for (let i = 0; i + 1 < pairs.length; i += 2) clicks.add(Number(pairs[i]), Number(pairs[i + 1]));
  return clicks;
}

/**
 * The teams that can rank among the first `places` over a period: every team
 * with at least the `places`-th highest total, ties included, as
 * `[teamId, clicks]`; teams without clicks never rank. `complete` when that is
 * every team with clicks.
 */
export function teamsAtOrAbovePlace(clicks: TeamClicks, places: number): { teams: [number, number][]; complete: boolean } {
  const values = clicks.values;
  // The `places` highest totals, smallest first (a short sorted list: places is 10, or a few times that).
  const best: number[] = [];
  for (let id = 0; id < clicks.end; id++) {
    const v = values[id]!;
    if (v <= 0 || (best.length === places && v <= best[0]!)) continue;
    let at = 0;
    while (at < best.length && best[at]! < v) at++;
    best.splice(at, 0, v);
    if (best.length > places) best.shift();
  }
  const cut = best.length < places ? 1 : best[0]!;
  const teams: [number, number][] = [];
  let withClicks = 0;
  for (let id = 0; id < clicks.end; id++) {
    const v = values[id]!;
    if (v > 0) withClicks++;
    if (v > 0 && v >= cut) teams.push([id, v]);
  }
  return { teams, complete: teams.length === withClicks };
}
