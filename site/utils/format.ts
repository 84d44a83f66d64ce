// The one way numbers and dates are written for Vietnamese readers, on the
// Astro pages, in the browser scripts and on the Worker's pages alike.
//
// Each Intl formatter is built once, on first use: nothing runs when a script
// merely imports this module, so bundles that need none of it stay without it.

let numberFormat: Intl.NumberFormat | undefined;
let dateFormat: Intl.DateTimeFormat | undefined;
let dateTimeFormat: Intl.DateTimeFormat | undefined;
let percentFormat: Intl.NumberFormat | undefined;

/** 7000 → "7.000" (Vietnamese groups thousands with dots). */
export function formatNumber(n: number): string {
  numberFormat ??= new Intl.NumberFormat('vi-VN');
  return numberFormat.format(n);
}

/**
 * A share of a whole as a Vietnamese percentage, one decimal at most: (1, 19)
 * → "5,3%". Some progress is never "0%": under 0,05% it reads "dưới 0,1%".
 */
export function formatPercent(part: number, whole: number): string {
  const percent = (100 * part) / whole;
  if (percent > 0 && percent < 0.05) return 'dưới 0,1%';
  percentFormat ??= new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
  return `${percentFormat.format(percent)}%`;
}

/**
 * A day as dd/mm/yyyy: a Date (its UTC day, as content dates are parsed) or a
 * stored "2024-03-15" → "15/03/2024"; any other string is shown as stored.
 */
export function formatDate(date: Date | string): string {
  if (date instanceof Date) {
    dateFormat ??= new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
    return dateFormat.format(date);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/**
 * A moment (a Date or epoch ms) in Vietnam's time, "10:05 18/03/2026": when an
 * official acted, when a guide was saved. Vietnam has one time zone (UTC+7, no
 * daylight saving), so the time reads the same on the server and on any phone.
 */
export function formatDateTime(moment: Date | number): string {
  dateTimeFormat ??= new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return dateTimeFormat.format(moment);
}
