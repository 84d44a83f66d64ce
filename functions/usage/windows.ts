import { lastWeeks, PRESET_WEEKS } from './report.ts';
import { utcDay } from './visitor.ts';

/** The running-total window of a preset period (usage_windows.name; migration 0008 creates both). */
export const windowName = (weeks: number) => `w${weeks}`;

/**
 * Weeks a window starts before its preset period (issue 20). A week of lead
 * puts the preset and every period of up to a year ending today (a "custom
 * year" starts on today's date a year ago) on or after their window's first
 * day, so a province's report only takes a few days off its teams' running
 * totals (report.ts provinceClicksFromWindow). The country's ranking reads the
 * teams' running totals stored for each day instead (team-totals.ts).
 */
export const WINDOW_LEAD_WEEKS = 1;

/** The first day of a preset's window for `today`: its period's first day, WINDOW_LEAD_WEEKS earlier. */
export const windowStart = (weeks: number, today = utcDay()) => lastWeeks(weeks + WINDOW_LEAD_WEEKS, today).from;

export interface WindowMove {
  window: string;
  from: string;
  /** Teams with share clicks in the window after the move. */
  teams: number;
}

/**
 * Moves each preset window (the last 12 and 52 weeks, Monday to today, and
 * WINDOW_LEAD_WEEKS before) to the week `today` is in: its teams' totals are rebuilt from usage_daily and its
 * first day updated in ONE transaction, so the insert triggers on usage_daily
 * (which add a click to every window whose first day it is on or after) and
 * the report's choice of window (report.ts windowOf) never see a half-moved
 * window. Run by the Cron Trigger; a no-op except on the first run of a week.
 * Until it has run, a window may start more than 31 days from a period's
 * first day and the report sums usage_daily instead: slower, never wrong.
 */
export async function moveUsageWindows(db: D1Database, today = utcDay()): Promise<WindowMove[]> {
  const { results } = await db.prepare('SELECT name, from_day AS fromDay FROM usage_windows').all<{ name: string; fromDay: string }>();
  const current = new Map(results.map((r) => [r.name, r.fromDay]));
  const moved: WindowMove[] = [];
  for (const weeks of PRESET_WEEKS) {
    const window = windowName(weeks);
    const from = windowStart(weeks, today);
    if (current.get(window) === from) continue;
    const [, , , count] = await db.batch([
      db
        .prepare('INSERT INTO usage_windows (name, weeks, from_day) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO UPDATE SET weeks = ?2, from_day = ?3')
        .bind(window, weeks, from),
      db.prepare('DELETE FROM usage_team_window WHERE window_name = ?').bind(window),
      db
        .prepare(
          `INSERT INTO usage_team_window (window_name, team_id, count)
           SELECT ?1, team_id, sum(count) FROM usage_daily
           WHERE day >= ?2 AND kind = 'share_click' AND team_id <> 0 GROUP BY team_id`,
        )
        .bind(window, from),
      db.prepare('SELECT count(*) AS n FROM usage_team_window WHERE window_name = ?').bind(window),
    ]);
    moved.push({ window, from, teams: (count?.results[0] as { n: number } | undefined)?.n ?? 0 });
  }
  return moved;
}
