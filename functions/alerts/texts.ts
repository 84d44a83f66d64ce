// The two plain-text versions of an alert card (issue 18): a Zalo message and
// a script read on the village loudspeaker ("đọc trên loa").
import { ui } from '../../site/i18n/ui.ts';
import { formatDate } from '../../site/utils/format.ts';
import { type Alert, holdsLink } from './alerts.ts';

const t = ui.alerts;

/** A Zalo message stays readable on a phone without "Xem thêm": the card's texts are cut to fit this. */
export const ZALO_TEXT_MAX = 1000;

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Cuts a text at a word so that it fits `max` characters, marking the cut. */
function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/** The Zalo message: title, what the scammer does, what to do, official numbers, and the card's link. */
export function zaloText(alert: Alert, cardUrl: string): string {
  const calls = alert.contacts.map((id) => `☎ ${t.contacts[id].label}: ${t.contacts[id].number}`);
  const fixed = [`⚠️ ${t.label.toUpperCase()}: ${alert.title}`, '', ...calls, '', `${t.zaloClosing} ${cardUrl}`];
  const room = Math.max(200, ZALO_TEXT_MAX - fixed.join('\n').length - 40);
  const scam = fit(alert.scamText, Math.floor(room / 2));
  const advice = fit(alert.adviceText, room - scam.length);
  return [fixed[0], '', `${t.scamHeading}:`, scam, '', `${t.adviceHeading}:`, advice, ...fixed.slice(1)].join('\n');
}

/**
 * Sentences to read aloud: split at sentence ends and line breaks, long
 * sentences cut at commas; anything that looks like a link is dropped
 * (a listener cannot open it, and a card holds none anyway).
 */
export function spokenSentences(text: string): string[] {
  return lines(text)
    .flatMap((line) => line.replace(/^[-•*\d.)\s]+/, '').split(/(?<=[.!?;:])\s+/))
    .flatMap((sentence) => (sentence.length > 90 ? sentence.split(/,\s+/) : [sentence]))
    .map((s) => s.replace(/[“”"«»]/g, '').trim())
    .filter((s) => s && !holdsLink(s))
    .map((s) => (/[.!?]$/.test(s) ? s : `${s.replace(/[;:,]$/, '')}.`));
}

/** The loudspeaker script: short sentences, numbers read digit by digit, no links; said twice as announcers do. */
export function loudspeakerScript(alert: Alert): string {
  const calls = alert.contacts.map((id) => t.loudspeakerCall(t.contacts[id].label, t.contacts[id].number.replace(/\s+/g, '').split('').join(' ')));
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
