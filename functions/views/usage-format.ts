const numberFormat = new Intl.NumberFormat('vi-VN');

/** 1234 → "1.234" (Vietnamese grouping). */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** 2026-11-02 → "02/11/2026". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
