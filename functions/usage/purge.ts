import { abandonedAfterMs } from '../directory/import/stage.ts';
import type { Env } from '../env.ts';
import { oldestCountedDay } from './consumer.ts';
import { utcDay } from './visitor.ts';
import { buildTeamTotals } from './team-totals.ts';
import { moveUsageWindows } from './windows.ts';

/** Rows deleted per statement: each step holds the database's write lock only briefly. */
export const PURGE_STEP_ROWS = 5000;
/** Steps per cron run; what is left waits for the next run (every 10 minutes). */
export const PURGE_MAX_STEPS = 40;

export interface PurgeResult {
  salts: number;
  visitorRows: number;
  steps: number;
  /** False when the step budget ran out before every old row was gone. */
  done: boolean;
}

/**
 * What the Cron Trigger removes, never inside a counting batch:
 * - salts of past days, so no visitor hash of a finished day can be
 *   recomputed from anything stored;
 * - visitor rows older than the queue's retention window (consumer.ts): until
 *   then a redelivered batch must still find its visitors counted.
 * Visitor rows go in bounded steps of PURGE_STEP_ROWS, at most PURGE_MAX_STEPS a run.
 */
export async function purgeUsageState(db: D1Database, today = utcDay(), maxSteps = PURGE_MAX_STEPS): Promise<PurgeResult> {
  const salts = (await db.prepare('DELETE FROM visitor_salts WHERE day < ?').bind(today).run()).meta.changes;
  const oldest = oldestCountedDay(today);
  const step = db
    .prepare(
      `DELETE FROM visitor_days WHERE (day, visitor_hash) IN (
         SELECT day, visitor_hash FROM visitor_days WHERE day < ?1 LIMIT ?2)`,
    )
    .bind(oldest, PURGE_STEP_ROWS);
  let visitorRows = 0;
  let steps = 0;
  let done = false;
  while (steps < maxSteps) {
    const deleted = (await step.run()).meta.changes;
    steps++;
    visitorRows += deleted;
    if (deleted < PURGE_STEP_ROWS) {
      done = true;
      break;
    }
  }
  return { salts, visitorRows, steps, done };
}

/** Staged chunks deleted per statement: each holds up to ~90 KB of a plan. */
export const STAGING_STEP_ROWS = 200;

/**
 * Staged directory imports never applied — a preview nobody confirmed, an
 * upload killed midway through staging — deleted once older than a day (the
 * age at which a preview is 'missing' anyway), in bounded steps. Before, only
 * the next upload removed them: a killed import's rows could stay for good.
 */
export async function purgeAbandonedImports(db: D1Database, now = Date.now(), maxSteps = PURGE_MAX_STEPS): Promise<{ rows: number; done: boolean }> {
  const step = db
    .prepare(
      `DELETE FROM directory_import_chunks WHERE (import_id, chunk_no) IN (
         SELECT import_id, chunk_no FROM directory_import_chunks WHERE created_at < ?1 LIMIT ?2)`,
    )
    .bind(now - abandonedAfterMs, STAGING_STEP_ROWS);
  let rows = 0;
  for (let steps = 0; steps < maxSteps; steps++) {
    const deleted = (await step.run()).meta.changes;
    rows += deleted;
    if (deleted < STAGING_STEP_ROWS) return { rows, done: true };
  }
  return { rows, done: false };
}

/**
 * The scheduled handler (wrangler.toml [triggers]): the purge, abandoned
 * import staging, the preset report windows moved on when a new week starts
 * (windows.ts), then the teams' running totals of the days just over
 * (team-totals.ts). One structured log line for each.
 */
export async function runUsageCron(controller: ScheduledController, env: Env): Promise<void> {
  const today = utcDay(new Date(controller.scheduledTime));
  console.log(JSON.stringify({ usagePurge: await purgeUsageState(env.DB, today) }));
  const staging = await purgeAbandonedImports(env.DB, controller.scheduledTime);
  if (staging.rows > 0) console.log(JSON.stringify({ importStagingPurge: staging }));
  const moved = await moveUsageWindows(env.DB, today);
  if (moved.length > 0) console.log(JSON.stringify({ usageWindows: moved }));
  const built = await buildTeamTotals(env.DB, today);
  if (built.days > 0) console.log(JSON.stringify({ usageTeamTotals: built }));
}
