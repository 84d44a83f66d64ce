import type { RawRow } from '../sheet/columns.ts';
import { parseUnitCode } from '../sheet/fields.ts';
import { applyStagedDirectoryChanges, type ApplyOptions, type ApplyResult } from './apply.ts';
import type { DirectoryChangeSummary, DirectoryChanges, ImportKind } from './changes.ts';
import { planDirectoryChanges } from './plan.ts';
import { stageDirectoryChanges } from './stage.ts';
import { parseRows, type RowError, type SheetRow } from './parse-rows.ts';
import type { UnitsLookup } from './resolve-commune.ts';
import type { DirectoryScope } from '../scope.ts';
import { readSheetBytes, SheetFileError } from '../sheet/sheet-bytes.ts';
import { type ImportPlan, validateDirectoryRows } from './validate.ts';
import { loadUnitsLookup } from './units-lookup.ts';

export interface SheetPlanOptions {
  /** Rows outside it reject the file (default national). */
  scope?: DirectoryScope;
  /** The complete list of its units (default) or only people to add or correct. */
  kind?: ImportKind;
  onProgress?: (step: string) => void;
  /** For tests: the member-code generator. */
  generateCode?: () => string;
}

export type SheetPlan =
  | { ok: true; rows: number; ignoredHeaders: string[]; mappedCodes: ImportPlan['mappedCodes']; changes: DirectoryChanges }
  | { ok: false; rows: number; ignoredHeaders: string[]; errors: RowError[] };

/**
 * A team list's rows → validated against the official units and the scope →
 * what importing it changes (nothing written). Official units must be in the
 * database (the CLI loads them first with ensureOfficialUnits).
 */
export async function planDirectorySheet(d1: D1Database, sheetRows: SheetRow[], options: SheetPlanOptions = {}): Promise<SheetPlan> {
  const checked = await checkDirectorySheet(sheetRows, (codes) => loadUnitsLookup(d1, codes), options);
  if (!checked.ok) return checked;
  return planCheckedSheet(d1, checked, options);
}

/** A checked sheet → what importing it changes (nothing written): the web upload's and the CLI's one way to plan. */
export async function planCheckedSheet(d1: D1Database, checked: CheckedSheet & { ok: true }, options: SheetPlanOptions = {}): Promise<SheetPlan> {
  const { ok: _, plan, units, ...base } = checked;
  const planned = await planDirectoryChanges(d1, plan, units, {
    scope: options.scope ?? 'national',
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.generateCode ? { generateCode: options.generateCode } : {}),
  });
  options.onProgress?.('planned');
  if (!planned.ok) return { ok: false, rows: base.rows, ignoredHeaders: base.ignoredHeaders, errors: planned.errors };
  return { ok: true, ...base, changes: planned.changes };
}

export type CheckedSheet =
  | { ok: true; rows: number; ignoredHeaders: string[]; mappedCodes: ImportPlan['mappedCodes']; plan: ImportPlan; units: UnitsLookup }
  | { ok: false; rows: number; ignoredHeaders: string[]; errors: RowError[] };

/**
 * Parses and validates a sheet's rows (no writes): the official units it
 * needs are read by `loadUnits` (given the commune codes the file names), the
 * only database work, so the CLI can do it in a short session of its own.
 */
export async function checkDirectorySheet(
  sheetRows: SheetRow[],
  loadUnits: (communeCodes: string[]) => Promise<UnitsLookup>,
  options: Pick<SheetPlanOptions, 'scope' | 'onProgress'> = {},
): Promise<CheckedSheet> {
  const progress = options.onProgress ?? (() => {});
  const sheet = parseRows(sheetRows);
  progress(`read ${sheet.rows.length} rows`);
  const base = { rows: sheet.rows.length, ignoredHeaders: sheet.ignoredHeaders };
  const units = await loadUnits(communeCodesIn(sheet.rows));
  progress('loaded official units');
  const validation = validateDirectoryRows(sheet, units, { scope: options.scope ?? 'national' });
  progress('validated');
  if (!validation.ok) return { ok: false, ...base, errors: validation.errors };
  return { ok: true, ...base, mappedCodes: validation.plan.mappedCodes, plan: validation.plan, units };
}

/** Every 5-digit code the file names (old codes among them need their mapping). */
function communeCodesIn(rows: RawRow[]): string[] {
  return rows.flatMap((row) => {
    const code = parseUnitCode(row.communeCode, 5);
    return code ? [code] : [];
  });
}

export type UploadPreview =
  | {
      ok: true;
      /** Pass it back (hidden form field) to confirmDirectoryUpload. */
      importId: string;
      rows: number;
      ignoredHeaders: string[];
      mappedCodes: ImportPlan['mappedCodes'];
      summary: DirectoryChangeSummary;
    }
  /** fileError: the file itself cannot be read (not .csv/.xlsx, not UTF-8, broken XLSX); errors: rows refused. */
  | { ok: false; fileError: string; rows: 0; ignoredHeaders: []; errors: [] }
  | { ok: false; fileError?: undefined; rows: number; ignoredHeaders: string[]; errors: RowError[] };

/**
 * The web upload's first step: an uploaded CSV/XLSX (its bytes and file name)
 * → validated against the uploader's scope → the plan, staged (the directory
 * itself is not touched) → the preview. Works in the Worker as in Node.
 */
export async function previewDirectoryUpload(
  d1: D1Database,
  upload: { bytes: Uint8Array; fileName: string },
  options: { scope: DirectoryScope; kind?: ImportKind },
): Promise<UploadPreview> {
  let sheetRows: SheetRow[];
  try {
    sheetRows = await readSheetBytes(upload.bytes, upload.fileName);
  } catch (error) {
    if (error instanceof SheetFileError) return { ok: false, fileError: error.message, rows: 0, ignoredHeaders: [], errors: [] };
    throw error;
  }
  const planned = await planDirectorySheet(d1, sheetRows, { scope: options.scope, ...(options.kind ? { kind: options.kind } : {}) });
  if (!planned.ok) return planned;
  const importId = await stageDirectoryChanges(d1, planned.changes);
  const { changes, ...rest } = planned;
  return { ...rest, importId, summary: changes.summary };
}

/**
 * The web upload's second step (the confirm form's POST): applies the staged
 * plan in one transaction, only for the scope it was previewed in. Refused,
 * writing nothing, when the directory changed since the preview (reason
 * 'stale'), the preview is gone (applied, or older than a day: 'missing') or
 * belongs to another scope ('scope'); a large removal without
 * `allowRemovals` is refused too ('removals'), keeping the preview.
 */
export function confirmDirectoryUpload(d1: D1Database, importId: string, options: { scope: DirectoryScope } & ApplyOptions): Promise<ApplyResult> {
  return applyStagedDirectoryChanges(d1, importId, options);
}
