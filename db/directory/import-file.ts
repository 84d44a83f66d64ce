import type { RawRow } from './columns.ts';
import { parseUnitCode } from './fields.ts';
import { parseRows, type RowError } from './parse-rows.ts';
import { readSheetFile } from './sheet-file.ts';
import { type ImportPlan, validateDirectoryRows } from './validate.ts';
import { ensureOfficialUnits } from './write-units.ts';
import { type ImportSummary, loadUnitsLookup, writeImportPlan } from './write-import.ts';

export type ImportFileResult =
  | { ok: true; rows: number; plan: ImportPlan; summary: ImportSummary; ignoredHeaders: string[] }
  | { ok: false; rows: number; errors: RowError[]; ignoredHeaders: string[] };

/**
 * Runs work against the database. The import uses two short sessions, one to
 * read the official units and one to write, and none while it validates: a
 * national file takes many seconds of CPU, and a connection left idle (or
 * starved) that long may be closed under it.
 */
export type D1Session = <T>(work: (d1: D1Database) => Promise<T>) => Promise<T>;

/**
 * The whole import of one CSV/XLSX team list: read, check every row against
 * the official units in the database, and only if the whole file is valid,
 * write it in one transaction. Loads the official units first if the
 * database has none yet (a fresh local or remote D1).
 */
export async function importDirectoryFile(
  session: D1Session,
  path: string,
  options: { datasetInfo?: Record<string, string>; onProgress?: (step: string) => void } = {},
): Promise<ImportFileResult> {
  const progress = options.onProgress ?? (() => {});
  const sheet = parseRows(await readSheetFile(path));
  progress(`read ${sheet.rows.length} rows`);
  const units = await session(async (d1) => {
    await ensureOfficialUnits(d1);
    return loadUnitsLookup(d1, communeCodesIn(sheet.rows));
  });
  progress('loaded official units');
  const validation = validateDirectoryRows(sheet, units);
  progress('validated');
  const base = { rows: sheet.rows.length, ignoredHeaders: sheet.ignoredHeaders };
  if (!validation.ok) return { ok: false, ...base, errors: validation.errors };
  const written = await session((d1) => writeImportPlan(d1, validation.plan, { ...options, onProgress: progress }));
  if (!written.ok) return { ok: false, ...base, errors: written.errors };
  return { ok: true, ...base, plan: validation.plan, summary: written.summary };
}

/** Every 5-digit code the file names (old codes among them need their mapping). */
function communeCodesIn(rows: RawRow[]): string[] {
  return rows.flatMap((row) => {
    const code = parseUnitCode(row.communeCode, 5);
    return code ? [code] : [];
  });
}
