import { parseRows, type RowError } from './parse-rows.ts';
import type { RawRow } from './columns.ts';
import { parseUnitCode } from './fields.ts';
import { readSheetFile } from './sheet-file.ts';
import { type ImportPlan, validateDirectoryRows } from './validate.ts';
import { ensureOfficialUnits } from './write-units.ts';
import { type ImportSummary, loadUnitsLookup, writeImportPlan } from './write-import.ts';

export type ImportFileResult =
  | { ok: true; rows: number; plan: ImportPlan; summary: ImportSummary; ignoredHeaders: string[] }
  | { ok: false; rows: number; errors: RowError[]; ignoredHeaders: string[] };

/**
 * The whole import of one CSV/XLSX team list: read, check every row against
 * the official units in the database, and only if the whole file is valid,
 * write it in one transaction. Loads the official units first if the
 * database has none yet (a fresh local or remote D1).
 */
export async function importDirectoryFile(
  d1: D1Database,
  path: string,
  options: { datasetInfo?: Record<string, string> } = {},
): Promise<ImportFileResult> {
  const sheet = parseRows(await readSheetFile(path));
  await ensureOfficialUnits(d1);
  const validation = validateDirectoryRows(sheet, await loadUnitsLookup(d1, communeCodesIn(sheet.rows)));
  const base = { rows: sheet.rows.length, ignoredHeaders: sheet.ignoredHeaders };
  if (!validation.ok) return { ok: false, ...base, errors: validation.errors };
  const written = await writeImportPlan(d1, validation.plan, options);
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
