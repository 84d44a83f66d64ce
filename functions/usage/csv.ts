import { ui } from '../../site/i18n/ui.ts';
import { neutraliseFormula } from '../sheets/formula.ts';
import type { UsageReport } from './report.ts';

/** One CSV cell: safe to open in a spreadsheet (no formulas), quoted when it holds a separator or quote. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = neutraliseFormula(String(value));
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as a spreadsheet-friendly CSV document (BOM, CRLF, formula-safe cells). */
export function csvDocument(rows: readonly (readonly (string | number | null)[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
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
