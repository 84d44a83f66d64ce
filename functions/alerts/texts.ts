// The two plain-text versions of an alert card (issue 18): a Zalo message and
// a script read on the village loudspeaker ("đọc trên loa").
import { ui } from '../../site/i18n/ui.ts';
import { formatDate } from '../../site/utils/format.ts';
import { type Alert, holdsLink, withoutLinks } from './alerts.ts';

const t = ui.alerts;

/** A Zalo message stays readable on a phone without "Xem thêm": the card's texts are cut to fit this. */
export const ZALO_TEXT_MAX = 1000;

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Cuts a text to fit `max` characters: at a line or sentence end when that keeps most of it, else at a word (marked "…"). */
function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const end = Math.max(head.lastIndexOf('\n'), head.search(/[.!?](?=[^.!?]*$)/));
  if (end >= max / 2) return head.slice(0, end + 1).trim();
  return `${head.replace(/\s+\S*$/, '')}…`;
}

/** The Zalo message: title, what the scammer does, what to do, official numbers, and the card's link. */
export function zaloText(alert: Alert, cardUrl: string): string {
  const calls = alert.contacts.map((id) => `☎ ${t.contacts[id].label}: ${t.contacts[id].number}`);
  const message = (scam: string, advice: string) =>
    [
      `⚠️ ${t.label.toUpperCase()}: ${alert.title}`,
      '',
      `${t.scamHeading}:`,
      scam,
      '',
      `${t.adviceHeading}:`,
      advice,
      '',
      ...calls,
      '',
      `${t.zaloClosing} ${cardUrl}`,
    ].join('\n');
  // What to do matters most: it keeps its length, the scammer's words take what is left.
  const room = Math.max(0, ZALO_TEXT_MAX - message('', '').length);
  const advice = fit(alert.adviceText, Math.max(room - Math.min(alert.scamText.length, Math.floor(room / 3)), Math.floor(room / 2)));
  return message(fit(alert.scamText, room - advice.length), advice);
}

/** A spoken sentence stays under this many characters: one breath for the announcer. */
const SPOKEN_MAX = 90;

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/**
 * Sentences to read aloud: split at sentence ends and line breaks; a long
 * sentence is cut at its commas into parts of at most SPOKEN_MAX characters
 * (small parts kept together). Quotes go, and links (a listener cannot open
 * them; the form refuses them, but a card's text is checked again here).
 */
export function spokenSentences(text: string): string[] {
  return lines(text)
    .flatMap((line) => line.replace(/^[-•*\d.)\s]+/, '').split(/(?<=[.!?;])\s+/))
    .map((s) => withoutLinks(s.replace(/[“”"«»]/g, '')))
    .filter((s) => s && !holdsLink(s))
    .flatMap((sentence) => {
      if (sentence.length <= SPOKEN_MAX) return [sentence];
      const parts: string[] = [];
      for (const piece of sentence.split(/,\s+/)) {
        const last = parts.at(-1);
        if (last !== undefined && last.length + piece.length + 2 <= SPOKEN_MAX) parts[parts.length - 1] = `${last}, ${piece}`;
        else parts.push(piece);
      }
      return parts;
    })
    .map((s) => capitalize(/[.!?]$/.test(s) ? s : `${s.replace(/[;:,]$/, '')}.`));
}

/** The loudspeaker script: short sentences, numbers read digit by digit, no links; said twice as announcers do. */
export function loudspeakerScript(alert: Alert): string {
  const calls = alert.contacts.map((id) =>
    t.loudspeakerCall(
      t.contacts[id].label,
      t.contacts[id].number
        .split(/\s+/)
        .map((group) => group.split('').join(' '))
        .join(', '),
    ),
  );
  const body = [
    t.loudspeakerOpening,
    `${alert.title.replace(/[“”"]/g, '')}.`.replace(/\.\.$/, '.'),
    t.loudspeakerScam,
    ...spokenSentences(alert.scamText),
    t.loudspeakerAdvice,
    ...spokenSentences(alert.adviceText),
    ...calls,
    t.loudspeakerClosing,
  ];
  return `${body.join('\n')}\n\n(${t.validity(formatDate(alert.startsOn), formatDate(alert.endsOn))}.)\n`;
}
