// Public pages of a commune's shifts and sessions (issue 17), beside its
// directory page: the share page (with a preview image of the next
// session), the A4 poster and the iCalendar feed. Cached like the directory
// (functions/index.ts: /to-cong-nghe-so/*), whose version every roster write bumps.
import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import { CommuneCode, ProvinceCode } from '../directory/schemas.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from '../errors.ts';
import { pageParams } from '../middleware/page-params.ts';
import { DIRECTORY_CACHE_CONTROL } from '../middleware/edge-cache.ts';
import { addDays, isoWeekday, vietnamDay, vietnamTime, weekStart } from '../roster/dates.ts';
import { icsFeed } from '../roster/ics.ts';
import { previewPng } from '../roster/preview-png.ts';
import { communeSchedule, publicRange, type ScheduleItem } from '../roster/schedule.ts';
import { siteOrigin } from '../site-origin.ts';
import { Breadcrumbs } from '../views/breadcrumbs.tsx';
import { communePath, DIRECTORY_PATH, provincePath, provinceTitle } from '../views/directory/components.tsx';
import { qrSvg } from '../views/qr-svg.ts';
import { renderInShell } from '../views/render-page.ts';
import { posterMain, ScheduleSection, whenOf, whereOf } from '../views/roster.tsx';
import { taskById } from '../assists/tasks.ts';

const t = ui.roster;

export const schedulePath = (province: string, commune: string) => `${communePath(province, commune)}lich/`;
export const scheduleLinks = (province: string, commune: string) => ({
  share: schedulePath(province, commune),
  poster: `${schedulePath(province, commune)}in/`,
  ics: `${communePath(province, commune)}lich.ics`,
});

/** A commune with its province, or null; a path with the wrong province is a 404 here (the commune page redirects). */
async function communeOf(db: D1Database, province: string, commune: string) {
  const row = await db
    .prepare(
      `SELECT c.code, c.name, p.code AS provinceCode, p.name AS provinceName, p.kind AS provinceKind
       FROM communes c JOIN provinces p ON p.code = c.province_code WHERE c.code = ?`,
    )
    .bind(commune)
    .first<{ code: string; name: string; provinceCode: string; provinceName: string; provinceKind: string }>();
  return row && row.provinceCode === province ? { ...row, provinceTitle: provinceTitle({ name: row.provinceName, kind: row.provinceKind }) } : null;
}

/** The next session (else shift) not cancelled and not over: what the preview tells. */
function nextOf(items: ScheduleItem[], now: number): ScheduleItem | undefined {
  const open = items.filter((i) => i.status !== 'cancelled' && (i.day > vietnamDay(now) || i.endTime > vietnamTime(now)));
  return open.find((i) => i.kind === 'session') ?? open[0];
}

/** "T3 08/12" and "07:30-11:30": the figures of the preview image. */
function previewLines(item: ScheduleItem | undefined): string[] {
  if (!item) return [];
  const weekday = isoWeekday(item.day);
  return [`${weekday === 7 ? 'CN' : `T${weekday + 1}`} ${item.day.slice(8, 10)}/${item.day.slice(5, 7)}`, `${item.startTime}-${item.endTime}`];
}

const params = z.object({ province: ProvinceCode, commune: CommuneCode });

export const rosterPublic = new Hono<AppEnv>();

rosterPublic.get(`${DIRECTORY_PATH}:province/:commune/lich/`, pageParams(params), async (c) => {
  const { province, commune: code } = c.req.valid('param');
  const commune = await communeOf(c.var.db, province, code);
  if (!commune) return notFoundPage(c);
  const now = Date.now();
  const items = await communeSchedule(c.var.db, code, publicRange(now), 'public', now);
  const next = nextOf(items, now);
  const nextText = next ? t.nextForPreview(t.kinds[next.kind], whenOf(next), whereOf(next)) : t.noneForPreview;
  const links = scheduleLinks(province, code);
  return renderInShell(c, {
    title: t.pageTitle(commune.name),
    description: t.pageDescription(commune.name, nextText),
    image: { path: `${links.share}anh.png`, alt: next ? t.previewAlt(whenOf(next)) : t.pageTitle(commune.name) },
    cacheControl: DIRECTORY_CACHE_CONTROL,
    main: (
      <>
        <Breadcrumbs
          items={[
            { href: DIRECTORY_PATH, label: ui.directory.title },
            { href: provincePath(province), label: commune.provinceTitle },
            { href: communePath(province, code), label: commune.name },
          ]}
        />
        <h1>{t.pageTitle(commune.name)}</h1>
        <p class="lead">{commune.provinceTitle}</p>
        <ScheduleSection items={items} now={now} links={links} limit={Infinity} />
      </>
    ).toString(),
  });
});

rosterPublic.get(`${DIRECTORY_PATH}:province/:commune/lich/anh.png`, pageParams(params), async (c) => {
  const { province, commune: code } = c.req.valid('param');
  if (!(await communeOf(c.var.db, province, code))) return notFoundPage(c);
  const now = Date.now();
  const items = await communeSchedule(c.var.db, code, publicRange(now), 'public', now);
  return c.body(previewPng(previewLines(nextOf(items, now))) as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'image/png',
    'cache-control': DIRECTORY_CACHE_CONTROL,
  });
});

rosterPublic.get(`${DIRECTORY_PATH}:province/:commune/lich/in/`, pageParams(params), async (c) => {
  const { province, commune: code } = c.req.valid('param');
  const commune = await communeOf(c.var.db, province, code);
  if (!commune) return notFoundPage(c);
  const monday = weekStart(vietnamDay());
  const week = { from: monday, to: addDays(monday, 6) };
  const items = await communeSchedule(c.var.db, code, week, 'public');
  const liveUrl = siteOrigin(c.env) + schedulePath(province, code);
  return renderInShell(c, {
    title: `${t.posterTitle} — ${commune.name}`,
    description: t.pageDescription(commune.name, ''),
    cacheControl: DIRECTORY_CACHE_CONTROL,
    main: posterMain({
      communeName: commune.name,
      provinceName: commune.provinceTitle,
      week,
      items,
      qrSvg: qrSvg(liveUrl, { size: 180, label: t.posterQrLabel(commune.name) }),
    }),
  });
});

rosterPublic.get(`${DIRECTORY_PATH}:province/:commune/lich.ics`, pageParams(params), async (c) => {
  const { province, commune: code } = c.req.valid('param');
  const commune = await communeOf(c.var.db, province, code);
  if (!commune) return notFoundPage(c);
  const now = Date.now();
  const today = vietnamDay(now);
  // A week back (so a calendar keeps what just happened) and eight weeks ahead.
  const items = await communeSchedule(c.var.db, code, { from: addDays(today, -7), to: addDays(today, 56) }, 'public', now);
  const origin = siteOrigin(c.env);
  const body = icsFeed(items, {
    placeName: `${commune.name}, ${commune.provinceTitle}`,
    pageUrl: origin + schedulePath(province, code),
    host: new URL(origin).host,
    now,
    describe: (item) => ({
      summary: `${t.kinds[item.kind]}${item.status === 'cancelled' ? ` (${t.statuses.cancelled})` : ''} — ${commune.name}`,
      description: [
        item.members.length > 0 ? `${t.onDuty} ${item.members.map((m) => m.name).join(', ')}` : '',
        item.topics.length > 0 ? `${t.topicsLabel} ${item.topics.map((id) => taskById.get(id)?.label ?? id).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    }),
  });
  return c.body(body, 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': `inline; filename="lich-${code}.ics"`,
    'cache-control': DIRECTORY_CACHE_CONTROL,
  });
});

/** The commune page's schedule block (routes/directory.ts puts it on the page). */
export async function communeScheduleBlock(db: D1Database, province: string, commune: string, now = Date.now()): Promise<string> {
  const items = await communeSchedule(db, commune, publicRange(now), 'public', now);
  return (<ScheduleSection items={items} now={now} links={scheduleLinks(province, commune)} />).toString();
}
