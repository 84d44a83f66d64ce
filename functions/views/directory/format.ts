// How directory figures, phones and dates are written for Vietnamese readers.

const numberFormat = new Intl.NumberFormat('vi-VN');

/** 7000 → "7.000" (Vietnamese groups thousands with dots). */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** "0912345678" → "0912 345 678", the way numbers are read out. */
export function formatPhone(phone: string): string {
  return /^0\d{9}$/.test(phone) ? `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}` : phone;
}

/** tel: link in international form, so it dials from any SIM. */
export function telHref(phone: string): string {
  return /^0\d{9}$/.test(phone) ? `tel:+84${phone.slice(1)}` : `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** "2024-03-15" → "15/03/2024"; anything else is shown as stored. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
