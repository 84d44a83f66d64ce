// The iCalendar feed of a commune's shifts and sessions (RFC 5545), which
// phone calendars subscribe to. Times are Vietnam local times with
// TZID=Asia/Ho_Chi_Minh and its VTIMEZONE (UTC+7, no daylight saving);
// text is escaped and lines folded at 75 octets without splitting a
// character, as the RFC asks.
import type { ScheduleItem } from './schedule.ts';

const encoder = new TextEncoder();

/** RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line into lines of at most 75 octets (continuations start with one space). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; each continuation 74 after its leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const localDateTime = (day: string, time: string) => `${day.replace(/-/g, '')}T${time.replace(':', '')}00`;
const utcStamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export interface FeedInfo {
  /** "Phường Ea Kao, Tỉnh Đắk Lắk" */
  placeName: string;
  /** The commune's live page, linked from each event. */
  pageUrl: string;
  /** Host used in the events' UIDs. */
  host: string;
  /** DTSTAMP of every event: when the feed was made. */
  now: number;
  describe: (item: ScheduleItem) => { summary: string; description: string };
}

export function icsFeed(items: ScheduleItem[], info: FeedInfo): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Cam nang so//Lich ho tro cong nghe so//VI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`Lịch hỗ trợ công nghệ số — ${info.placeName}`)}`,
    'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Ho_Chi_Minh',
    'BEGIN:STANDARD',
    'DTSTART:19750613T000000',
    'TZOFFSETFROM:+0700',
    'TZOFFSETTO:+0700',
    'TZNAME:ICT',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  for (const item of items) {
    const { summary, description } = info.describe(item);
    lines.push(
      'BEGIN:VEVENT',
      `UID:duty-${item.id}@${info.host}`,
      `DTSTAMP:${utcStamp(info.now)}`,
      `DTSTART;TZID=Asia/Ho_Chi_Minh:${localDateTime(item.day, item.startTime)}`,
      `DTEND;TZID=Asia/Ho_Chi_Minh:${localDateTime(item.day, item.endTime)}`,
      `SUMMARY:${escapeText(summary)}`,
      `LOCATION:${escapeText([item.place, item.villageName].filter(Boolean).join(', '))}`,
      `DESCRIPTION:${escapeText(description)}`,
      `URL:${info.pageUrl}`,
      `STATUS:${item.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
