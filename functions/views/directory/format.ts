// How members' phones are written and dialled (numbers and dates: site/utils/format.ts).

/** "0912345678" → "0912 345 678", the way numbers are read out. */
export function formatPhone(phone: string): string {
  return /^0\d{9}$/.test(phone) ? `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}` : phone;
}

/** tel: link in international form, so it dials from any SIM. */
export function telHref(phone: string): string {
  return /^0\d{9}$/.test(phone) ? `tel:+84${phone.slice(1)}` : `tel:${phone.replace(/[^\d+]/g, '')}`;
}
