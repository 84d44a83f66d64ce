// Dates of shifts and sessions (issue 17). Every day and time is Vietnam's
// (UTC+7, no daylight saving): a day is "YYYY-MM-DD", a time "HH:MM", and
// day arithmetic is done on the calendar date itself, so a rule crosses a
// month or year end like any other day.
import { vietnamDay } from '../assists/entries.ts';
import { addDays, weekStart } from '../usage/report.ts';

export { addDays, vietnamDay, weekStart };

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** How many weeks ahead one repeating rule may plan (bounds every loop over its dates). */
export const MAX_RULE_WEEKS = 12;
/** The longest range the schedule API or feed answers for, in days. */
export const MAX_RANGE_DAYS = 93;

export const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
export const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether a string is a real calendar day (2026-02-30 is not). */
export function isDay(value: string): boolean {
  if (!dayPattern.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** Days between two days (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "HH:MM" of an instant, Vietnam time. */
export function vietnamTime(now = Date.now()): string {
  return new Date(now + VIETNAM_OFFSET_MS).toISOString().slice(11, 16);
}

/**
 * The dates a repeating rule plans: every chosen weekday (ISO, 1 = Monday)
 * from `first` for `weeks` weeks (at most MAX_RULE_WEEKS: the loop is bounded).
 */
export function ruleDays(first: string, weekdays: readonly number[], weeks: number): string[] {
  const wanted = new Set(weekdays);
  const total = Math.min(Math.max(weeks, 1), MAX_RULE_WEEKS) * 7;
  const days: string[] = [];
  for (let i = 0; i < total; i++) {
    const day = addDays(first, i);
    if (wanted.has(isoWeekday(day))) days.push(day);
  }
  return days;
}

/** "Thứ Hai" … "Chủ nhật" for an ISO weekday. */
export const weekdayNames = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'] as const;
