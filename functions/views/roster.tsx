// What citizens see of a commune's shifts and sessions (issue 17): the
// "Hôm nay" block of the commune page, the share page and the A4 poster.
// Plain HTML, no script needed: the pages work on any phone.
import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { ui } from '../../site/i18n/ui.ts';
import { formatDate } from '../../site/utils/format.ts';
import { taskById } from '../assists/tasks.ts';
import { isoWeekday, vietnamDay, weekdayNames } from '../roster/dates.ts';
import { type ScheduleItem, todayOf } from '../roster/schedule.ts';
import { formatPhone, telHref } from './directory/format.ts';
import { printButtonScript, rosterCss } from './inline-assets.ts';

const t = ui.roster;

/** "Thứ Ba 08/12/2026, 07:30–11:30" */
export const whenOf = (item: Pick<ScheduleItem, 'day' | 'startTime' | 'endTime'>) =>
  t.when(weekdayNames[isoWeekday(item.day)]!, formatDate(item.day), item.startTime, item.endTime);

/** "Nhà văn hoá thôn 3 (Thôn 3)" */
export const whereOf = (item: Pick<ScheduleItem, 'place' | 'villageName'>) =>
  item.villageName && !item.place.includes(item.villageName) ? `${item.place} (${item.villageName})` : item.place;

const movedText = (movedFrom: string) => {
  const [day, time] = movedFrom.split(' ');
  return t.movedNote(`${time ?? ''} ${formatDate(day ?? '')}`.trim());
};

/** One shift or session: when, where, who, what; a cancelled one says so (never a gap). */
export const ScheduleEntry: FC<{ item: ScheduleItem; withDay?: boolean; highlight?: string }> = ({ item, withDay = true, highlight }) => {
  const cancelled = item.status === 'cancelled';
  return (
    <li class={`duty${cancelled ? ' duty-cancelled' : ''}`} data-duty={item.id} data-status={item.status}>
      {highlight && <strong class="duty-now">{highlight} </strong>}
      <strong>
        {t.kinds[item.kind]}: {withDay ? whenOf(item) : `${item.startTime}–${item.endTime}`}
      </strong>
      {cancelled && <span class="duty-status"> — {t.cancelledNote}</span>}
      <br />
      {t.where} {whereOf(item)}
      {item.movedFrom && !cancelled && (
        <>
          <br />
          <span class="muted">{movedText(item.movedFrom)}</span>
        </>
      )}
      {item.topics.length > 0 && (
        <>
          <br />
          {t.topicsLabel} {item.topics.map((id) => taskById.get(id)?.label ?? id).join(', ')}
        </>
      )}
      {!cancelled && item.members.length > 0 && (
        <>
          <br />
          {t.onDuty}{' '}
          {item.members.map((m, i) => (
            <>
              {i > 0 && ', '}
              {m.name}
              {m.phone && (
                <>
                  {' '}
                  (
                  <a href={telHref(m.phone)} aria-label={`${ui.directory.callLabel(m.name)}: ${formatPhone(m.phone)}`}>
                    {formatPhone(m.phone)}
                  </a>
                  )
                </>
              )}
            </>
          ))}
        </>
      )}
    </li>
  );
};

export interface ScheduleLinks {
  share: string;
  poster: string;
  ics: string;
}

/**
 * "Hôm nay" (on now or next), the next sessions and shifts, links to the
 * poster, share page and feed: the next `limit` of each on the commune
 * page, all of the two weeks on the share page.
 */
export const ScheduleSection: FC<{ items: ScheduleItem[]; now: number; links: ScheduleLinks; headingId?: string; limit?: number }> = ({
  items,
  now,
  links,
  headingId = 'lich-ho-tro',
  limit = 5,
}) => {
  const { today, onNow, next } = todayOf(items, now);
  const later = items.filter((i) => !today.includes(i));
  const sessions = later.filter((i) => i.kind === 'session').slice(0, limit);
  const shifts = later.filter((i) => i.kind === 'shift').slice(0, limit);
  return (
    <section class="schedule" aria-labelledby={headingId}>
      <style>{raw(rosterCss)}</style>
      <h2 id={headingId}>{t.sectionHeading}</h2>
      <h3 id={`${headingId}-hom-nay`}>{t.today}</h3>
      {today.length === 0 ? (
        <p>{t.nothingToday}</p>
      ) : (
        <ul class="duties" aria-labelledby={`${headingId}-hom-nay`}>
          {today.map((item) => (
            <ScheduleEntry item={item} withDay={false} highlight={onNow.has(item) ? t.onNow : item === next ? t.next : undefined} />
          ))}
        </ul>
      )}
      <h3 id={`${headingId}-buoi`}>{t.upcomingSessions}</h3>
      {sessions.length === 0 ? (
        <p>{t.noSessions}</p>
      ) : (
        <ul class="duties" aria-labelledby={`${headingId}-buoi`}>
          {sessions.map((item) => (
            <ScheduleEntry item={item} />
          ))}
        </ul>
      )}
      <h3 id={`${headingId}-ca`}>{t.upcomingShifts}</h3>
      {shifts.length === 0 ? (
        <p>{t.noShifts}</p>
      ) : (
        <ul class="duties" aria-labelledby={`${headingId}-ca`}>
          {shifts.map((item) => (
            <ScheduleEntry item={item} />
          ))}
        </ul>
      )}
      <ul class="schedule-links">
        <li>
          <a href={links.share}>{t.share}</a>
        </li>
        <li>
          <a href={links.poster}>{t.poster}</a>
        </li>
        <li>
          <a href={links.ics}>{t.calendar}</a> <span class="muted">{t.calendarHint}</span>
        </li>
      </ul>
    </section>
  );
};

/**
 * At most this many shifts and sessions on the poster, so it always prints on
 * one A4 page in a readable size; the rest are a line pointing to the QR code.
 */
export const POSTER_MAX_ITEMS = 16;

/** "A, B, C, D và 3 người khác": a line stays a line however many are on duty. */
const namesOf = (names: string[], max = 4) => (names.length > max ? `${names.slice(0, max).join(', ')} ${t.andOthers(names.length - max)}` : names.join(', '));

/** One poster line: hours, what, where, who (names only: phones are on the live page). */
const PosterEntry: FC<{ item: ScheduleItem }> = ({ item }) => (
  <li class={item.status === 'cancelled' ? 'duty-cancelled' : undefined} data-status={item.status}>
    <strong>
      {item.startTime}–{item.endTime} {t.kinds[item.kind]}
    </strong>
    {item.status === 'cancelled' ? <span class="duty-status"> — {t.statuses.cancelled}</span> : null}: {whereOf(item)}
    {item.status !== 'cancelled' && item.members.length > 0 && `. ${t.onDuty} ${namesOf(item.members.map((m) => m.name))}`}
  </li>
);

/** The A4 poster's <main>: this week's shifts and sessions by day, and the QR code to the live page. */
export function posterMain(p: { communeName: string; provinceName: string; week: { from: string; to: string }; items: ScheduleItem[]; qrSvg: string }) {
  const shown = p.items.slice(0, POSTER_MAX_ITEMS);
  const days = [...new Set(shown.map((i) => i.day))];
  return (
    <div class="poster">
      <style>{raw(rosterCss)}</style>
      <h1>{t.posterTitle}</h1>
      <p class="lead">
        {p.communeName}, {p.provinceName}
      </p>
      <p>{t.posterWeek(formatDate(p.week.from), formatDate(p.week.to))}</p>
      {shown.length === 0 ? (
        <p>{t.posterEmpty}</p>
      ) : (
        <div class="poster-days">
          {days.map((day) => (
            <section class="poster-day" aria-label={`${weekdayNames[isoWeekday(day)]} ${formatDate(day)}`}>
              <h2>
                {weekdayNames[isoWeekday(day)]} {formatDate(day)}
              </h2>
              <ul>
                {shown
                  .filter((i) => i.day === day)
                  .map((item) => (
                    <PosterEntry item={item} />
                  ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      {p.items.length > shown.length && <p>{t.posterMore(p.items.length - shown.length)}</p>}
      <figure class="poster-qr">
        {raw(p.qrSvg)}
        <figcaption>
          {t.posterScan}
          <br />
          {t.posterFree}
        </figcaption>
      </figure>
      <p class="no-print">
        <button type="button" data-print>
          {t.printButton}
        </button>
      </p>
      <script>{raw(printButtonScript)}</script>
    </div>
  ).toString();
}

export type NextDuty = Pick<ScheduleItem, 'kind' | 'day' | 'startTime' | 'endTime' | 'place' | 'villageName'>;

/** Under a "find your team" result: the commune's next shift or session, and where. */
export const NextDutyLine: FC<{ duty: NextDuty | undefined }> = ({ duty }) =>
  duty ? (
    <>
      <br />
      <span class="muted">
        {t.searchNext(t.kinds[duty.kind], duty.day === vietnamDay() ? `${t.today}, ${duty.startTime}–${duty.endTime}` : whenOf(duty), whereOf(duty))}
      </span>
    </>
  ) : null;
