/**
 * The one rule for every export (CSV and XLSX, reports and the directory): a
 * text cell starting with = + - @ (or a tab or carriage return, which some
 * spreadsheets skip before reading one of those) would run as a formula once
 * edited or saved again (OWASP "CSV injection"): a leading apostrophe makes it
 * plain text. The directory import removes it again (functions/directory/sheet/sheet-bytes.ts).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
