import Papa from 'papaparse';
import { ui } from '../../site/i18n/ui.ts';
import { neutraliseFormula } from '../sheets/formula.ts';
import type { UsageReport } from './report.ts';

// Quoting and escaping by Papa Parse (already in the Worker for uploads);
// the formula rule below is ours, applied to every value the same way.
const unparseOptions = {
  newline: '\r\n',
  // Excel in locales whose list separator is ";" would split such a cell.
  quotes: (value: unknown) => typeof value === 'string' && value.includes(';'),
};

/** The one formula rule of every export (functions/sheets/formula.ts), null kept for an empty cell. */
const asText = (value: string | number | null): string | null => (value === null ? null : neutraliseFormula(String(value)));

/** One CSV cell: safe to open in a spreadsheet (no formulas), quoted when it holds a separator or quote. */
export function csvCell(value: string | number | null): string {
  return Papa.unparse([[asText(value)]], unparseOptions);
}

/** Rows as a spreadsheet-friendly CSV document (BOM, CRLF, formula-safe cells). */
export function csvDocument(rows: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${Papa.unparse(
    rows.map((r) => r.map(asText)),
    unparseOptions,
  )}\r\n`;
}

/**
 * The report's guide table as CSV for spreadsheets: UTF-8 with a byte-order
 * mark (so Excel shows Vietnamese correctly), CRLF line ends, Vietnamese headers.
 * Cells a place's report does not measure (views, helpful answers) are empty.
 */
export function usageCsv(report: UsageReport): string {
  const header = ui.usage.csvHeader;
  const rows = report.guides.map((g) => [g.slug, g.title, g.views, g.shareClicks, g.helpfulYes, g.helpfulNo, report.period.from, report.period.to]);
  return csvDocument([header, ...rows]);
}
