import { applyDirectoryChanges } from './apply.ts';
import type { DirectoryChangeSummary } from './changes.ts';
import { checkDirectorySheet, planCheckedSheet, type SheetPlanOptions } from './import-sheet.ts';
import type { RowError } from './parse-rows.ts';
import { readSheetFile } from '../sheet/sheet-file.ts';
import { loadUnitsLookup } from './units-lookup.ts';
import type { ImportPlan } from './validate.ts';
import { ensureOfficialUnits } from '../units/write-units.ts';

export type ImportFileResult =
  | { ok: true; rows: number; mappedCodes: ImportPlan['mappedCodes']; summary: DirectoryChangeSummary; ignoredHeaders: string[] }
  | { ok: false; rows: number; errors: RowError[]; ignoredHeaders: string[]; removalsRefused?: DirectoryChangeSummary };

/**
 * Runs work against the database. The import uses two short sessions, one to
 * read the official units and one to plan and write, and none while it
 * validates: a national file takes many seconds of CPU, and a connection left
 * idle (or starved) that long may be closed under it.
 */
export type D1Session = <T>(work: (d1: D1Database) => Promise<T>) => Promise<T>;

/**
 * The whole import of one CSV/XLSX team list from the command line: read,
 * check every row against the official units in the database (and the
 * scope), plan what changes, and only if the whole file is valid write it in
 * one transaction. Loads the official units first if the database has none
 * yet (a fresh local or remote D1). With `dryRun`, stops after the plan.
 * With `allowRemovals: false`, a large removal (summary.largeRemoval) writes
 * nothing and comes back as `removalsRefused`.
 */
export async function importDirectoryFile(
  session: D1Session,
  path: string,
  options: SheetPlanOptions & { datasetInfo?: Record<string, string>; dryRun?: boolean; allowRemovals?: boolean } = {},
): Promise<ImportFileResult> {
  const sheetRows = await readSheetFile(path);
  const checked = await checkDirectorySheet(
    sheetRows,
    (codes) =>
      session(async (d1) => {
        await ensureOfficialUnits(d1);
        return loadUnitsLookup(d1, codes);
      }),
    options,
  );
  if (!checked.ok) return checked;
  return session(async (d1) => {
    const planned = await planCheckedSheet(d1, checked, options);
    if (!planned.ok) return planned;
    const { changes, ...rest } = planned;
    if (options.dryRun) return { ...rest, summary: changes.summary };
    // A large removal without consent: the plan, for the report, and nothing written (nothing staged either).
    if (options.allowRemovals === false && changes.summary.largeRemoval) {
      return { ok: false, rows: rest.rows, ignoredHeaders: rest.ignoredHeaders, errors: [], removalsRefused: changes.summary };
    }
    const applied = await applyDirectoryChanges(d1, changes, options.datasetInfo ? { datasetInfo: options.datasetInfo } : {});
    options.onProgress?.('applied');
    // Planned and applied at once: only a write by someone else in between makes the plan stale.
    if (!applied.ok) return { ok: false, rows: rest.rows, ignoredHeaders: rest.ignoredHeaders, errors: [{ rowNumber: 1, message: applied.message }] };
    return { ...rest, summary: applied.summary };
  });
}
