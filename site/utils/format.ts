// The one way numbers and dates are written for Vietnamese readers, on the
// Astro pages and on the Worker's pages alike.

const numberFormat = new Intl.NumberFormat('vi-VN');
const dateFormat = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });

/** 7000 → "7.000" (Vietnamese groups thousands with dots). */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/**
 * A day as dd/mm/yyyy: a Date (its UTC day, as content dates are parsed) or a
 * stored "2024-03-15" → "15/03/2024"; any other string is shown as stored.
 */
export function formatDate(date: Date | string): string {
  if (date instanceof Date) return dateFormat.format(date);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}
