// Scam alerts (issue 18): what a card holds, how an official's form is
// checked, and the queries of publishing, showing and passing alerts on.
import { ui } from '../../site/i18n/ui.ts';
import { foldVietnamese } from '../../site/utils/fold.ts';
import { vietnamDay } from '../assists/entries.ts';
import { currentMemberSql, type SignedInMember } from '../assists/member-auth.ts';
import { auditStatement } from '../auth/audit.ts';
import type { Official } from '../auth/official.ts';
import { addDays } from '../usage/report.ts';

const t = ui.alerts;

/** Official numbers an alert may give (ui.alerts.contacts): an official picks, never types, a number. */
export const contactIds = Object.keys(t.contacts) as (keyof typeof t.contacts)[];
export type ContactId = (typeof contactIds)[number];
export const channelIds = ['zalo', 'loa', 'hop', 'truc-tiep'] as const;
export type ChannelId = (typeof channelIds)[number];

export const TITLE_MAX = 120;
export const TEXT_MAX = 600;
export const GUIDES_MAX = 5;
export const PEOPLE_MAX = 500;
/** A start date from a week back (a scam already going round) to 60 days ahead; at most 90 days shown. */
export const START_BACK_DAYS = 7;
export const START_AHEAD_DAYS = 60;
export const WINDOW_MAX_DAYS = 90;
/** No page lists more than this many alerts (a bound, not a page size anyone should reach). */
export const LIST_MAX = 50;

/** Anything a reader could open: a scheme, "www." or a bare domain. Alerts carry none (a card is not a link farm). */
const TLDS = 'vn|com|net|org|gov|info|xyz|top|cc|io|me|link|site|online';
const linkPattern = new RegExp(`(https?:\\/\\/|www\\.|\\b[a-z0-9-]+\\.(?:${TLDS})\\b)`, 'i');
export const holdsLink = (text: string) => linkPattern.test(text);
/** Each link-like token (up to the punctuation that follows it). */
const linkTokens = new RegExp(`(?:https?:\\/\\/|www\\.|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:${TLDS})\\b)\\S*?(?=[,.;:!?)]*(?:\\s|$))`, 'gi');
/** The text with every link-like token taken out (for what is read aloud). */
export const withoutLinks = (text: string) =>
  text
    .replace(linkTokens, '')
    .replace(/[ \t]+([,.;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();

export interface Alert {
  id: number;
  slug: string;
  title: string;
  scamText: string;
  adviceText: string;
  contacts: ContactId[];
  guides: string[];
  provinceCode: string | null;
  provinceName: string | null;
  startsOn: string;
  endsOn: string;
  createdAt: number;
  updatedAt: number;
  withdrawnAt: number | null;
}

export type AlertInput = Pick<Alert, 'title' | 'scamText' | 'adviceText' | 'contacts' | 'guides' | 'provinceCode' | 'startsOn' | 'endsOn'>;

const ALERT_COLUMNS = `a.id, a.slug, a.title, a.scam_text AS scamText, a.advice_text AS adviceText, a.contacts_json AS contactsJson,
  a.guides_json AS guidesJson, a.province_code AS provinceCode, p.name AS provinceName, a.starts_on AS startsOn, a.ends_on AS endsOn,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.withdrawn_at AS withdrawnAt`;
const ALERT_FROM = 'scam_alerts a LEFT JOIN provinces p ON p.code = a.province_code';

type AlertRow = Omit<Alert, 'contacts' | 'guides'> & { contactsJson: string; guidesJson: string };

const jsonList = (text: string): string[] => {
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

function toAlert({ contactsJson, guidesJson, ...row }: AlertRow): Alert {
  return { ...row, contacts: jsonList(contactsJson).filter((id): id is ContactId => id in t.contacts), guides: jsonList(guidesJson) };
}

/** Where a current alert shows: its window holds the day, and it is national or of this province. */
const CURRENT_SQL = 'a.withdrawn_at IS NULL AND a.starts_on <= ?1 AND a.ends_on >= ?1';

/**
 * Alerts current on `day`: national ones and, with a province, that
 * province's; with `province: 'all'`, every province's too. Newest first.
 */
export async function currentAlerts(db: D1Database, options: { province: string | null | 'all'; day?: string }): Promise<Alert[]> {
  const day = options.day ?? vietnamDay();
  const where = options.province === 'all' ? CURRENT_SQL : `${CURRENT_SQL} AND (a.province_code IS NULL${options.province ? ' OR a.province_code = ?2' : ''})`;
  const { results } = await db
    .prepare(`SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE ${where} ORDER BY a.province_code IS NOT NULL, a.starts_on DESC, a.id DESC LIMIT ${LIST_MAX}`)
    .bind(...(options.province && options.province !== 'all' ? [day, options.province] : [day]))
    .all<AlertRow>();
  return results.map(toAlert);
}

export async function alertBySlug(db: D1Database, slug: string): Promise<Alert | null> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 80) return null;
  const row = await db.prepare(`SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.slug = ?`).bind(slug).first<AlertRow>();
  return row ? toAlert(row) : null;
}

export async function alertById(db: D1Database, id: string | undefined): Promise<Alert | null> {
  if (!id || !/^[1-9]\d{0,11}$/.test(id)) return null;
  const row = await db.prepare(`SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.id = ?`).bind(Number(id)).first<AlertRow>();
  return row ? toAlert(row) : null;
}

/** Alerts an official oversees (national: all; others: national ones and their province's), newest first. */
export async function alertsOfOfficial(db: D1Database, official: Official): Promise<Alert[]> {
  const own = official.role === 'national' ? '' : 'WHERE a.province_code IS NULL OR a.province_code = ?';
  const { results } = await db
    .prepare(`SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} ${own} ORDER BY a.created_at DESC LIMIT ${LIST_MAX}`)
    .bind(...(own ? [official.provinceCode] : []))
    .all<AlertRow>();
  return results.map(toAlert);
}

/** Alerts of recent weeks for the feed (current, and ended within 90 days), newest first. */
export async function recentAlerts(db: D1Database, day = vietnamDay()): Promise<Alert[]> {
  const { results } = await db
    .prepare(
      `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.withdrawn_at IS NULL AND a.starts_on <= ?1 AND a.ends_on >= ?2
       ORDER BY a.starts_on DESC, a.id DESC LIMIT ${LIST_MAX}`,
    )
    .bind(day, addDays(day, -WINDOW_MAX_DAYS))
    .all<AlertRow>();
  return results.map(toAlert);
}

export type AlertStatus = 'current' | 'upcoming' | 'ended' | 'withdrawn';
export function alertStatus(alert: Pick<Alert, 'startsOn' | 'endsOn' | 'withdrawnAt'>, day = vietnamDay()): AlertStatus {
  if (alert.withdrawnAt) return 'withdrawn';
  if (alert.startsOn > day) return 'upcoming';
  return alert.endsOn < day ? 'ended' : 'current';
}

// ——— Publishing ———

/** Whether an official may publish (or change) an alert of this scope: the one scope check of publishing. */
export function mayPublish(official: Official, provinceCode: string | null): boolean {
  if (official.role === 'national') return true;
  return official.role === 'province' && provinceCode !== null && provinceCode === official.provinceCode;
}

export type AlertFieldErrors = Partial<Record<'title' | 'scam' | 'advice' | 'contacts' | 'guides' | 'scope' | 'start' | 'end', string>>;

/** A slug from the title: folded, hyphenated, at most 60 characters, cut at a word. */
export function slugFromTitle(title: string): string {
  const base = foldVietnamese(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = base.length <= 60 ? base : base.slice(0, 60).replace(/-[^-]*$/, '');
  return cut || 'canh-bao';
}

async function freeSlug(db: D1Database, title: string): Promise<string> {
  const base = slugFromTitle(title);
  const { results } = await db
    // No LIKE: D1 refuses LIKE patterns over 50 bytes, and a slug may be 60.
    .prepare("SELECT slug FROM scam_alerts WHERE slug = ?1 OR substr(slug, 1, length(?1) + 1) = ?1 || '-' LIMIT 1000")
    .bind(base)
    .all<{ slug: string }>();
  const taken = new Set(results.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; n < 1002; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  return `${base}-${crypto.randomUUID().slice(0, 8)}`;
}

const place = (provinceCode: string | null) => ({ provinceCode, communeCode: null });
const auditAfter = (input: AlertInput) => ({ ...input });

/**
 * Publishes an alert once per form: `formKey` (the preview's random key) is
 * unique, so a double tap on "Đăng" inserts one alert, and the second finds it.
 * The audit entry is written in the same batch.
 */
export async function publishAlert(db: D1Database, official: Official, input: AlertInput, formKey: string, now = Date.now()): Promise<Alert> {
  const existing = await db.prepare('SELECT slug FROM scam_alerts WHERE form_key = ?').bind(formKey).first<{ slug: string }>();
  if (!existing) {
    const slug = await freeSlug(db, input.title);
    try {
      await db.batch([
        db
          .prepare(
            `INSERT INTO scam_alerts (slug, title, scam_text, advice_text, contacts_json, guides_json, province_code, starts_on, ends_on, form_key, created_by, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(slug, ...editableColumns(input), formKey, official.id, now, now),
        auditStatement(
          db,
          { actor: official, action: 'alert.publish', place: place(input.provinceCode), subjectOfLastInsert: 'alert', after: auditAfter({ ...input }) },
          now,
        ),
      ]);
    } catch (err) {
      // The same form sent twice at once: the other request inserted it (the unique form key refused this one).
      if (!/UNIQUE/i.test(String(err))) throw err;
    }
  }
  const row = await db.prepare('SELECT slug FROM scam_alerts WHERE form_key = ?').bind(formKey).first<{ slug: string }>();
  return (await alertBySlug(db, row!.slug))!;
}

/** An alert's editable fields as stored, in the column order of the INSERT and UPDATE below. */
const editableColumns = (a: AlertInput) =>
  [a.title, a.scamText, a.adviceText, JSON.stringify(a.contacts), JSON.stringify(a.guides), a.provinceCode, a.startsOn, a.endsOn] as const;

const editable = (a: AlertInput) => ({
  title: a.title,
  scamText: a.scamText,
  adviceText: a.adviceText,
  contacts: a.contacts,
  guides: a.guides,
  provinceCode: a.provinceCode,
  startsOn: a.startsOn,
  endsOn: a.endsOn,
});

/** Saves an edit with its audit entry (before and after); an edit that changes nothing writes nothing. */
export async function updateAlert(db: D1Database, official: Official, alert: Alert, input: AlertInput, now = Date.now()): Promise<boolean> {
  const before = editable(alert);
  const after = editable(input);
  if (JSON.stringify(before) === JSON.stringify(after)) return false;
  await db.batch([
    db
      .prepare(
        `UPDATE scam_alerts SET title = ?, scam_text = ?, advice_text = ?, contacts_json = ?, guides_json = ?, province_code = ?, starts_on = ?, ends_on = ?, updated_at = ?
         WHERE id = ?`,
      )
      .bind(...editableColumns(after), now, alert.id),
    auditStatement(db, { actor: official, action: 'alert.update', place: place(after.provinceCode), subject: `alert:${alert.id}`, before, after }, now),
  ]);
  return true;
}

/** Withdraws an alert (kept, with its reach, for the record); false if it already was. */
export async function withdrawAlert(db: D1Database, official: Official, alert: Alert, now = Date.now()): Promise<boolean> {
  if (alert.withdrawnAt) return false;
  const [update] = await db.batch([
    db.prepare('UPDATE scam_alerts SET withdrawn_at = ?, updated_at = ? WHERE id = ? AND withdrawn_at IS NULL').bind(now, now, alert.id),
    auditStatement(
      db,
      {
        actor: official,
        action: 'alert.withdraw',
        // Withdrawn meanwhile by someone else: nothing changed, nothing logged.
        onlyIfChanged: true,
        place: place(alert.provinceCode),
        subject: `alert:${alert.id}`,
        before: { withdrawnAt: null },
        after: { withdrawnAt: new Date(now).toISOString() },
      },
      now,
    ),
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

// ——— Passing alerts on ("Đã phổ biến") ———

export interface PassedOn {
  alertId: number;
  channel: ChannelId;
  people: number;
  day: string;
}

/** The member's marks on these alerts. */
export async function passedOnByMember(db: D1Database, memberId: number, alertIds: number[]): Promise<Map<number, PassedOn>> {
  if (alertIds.length === 0) return new Map();
  const { results } = await db
    .prepare(
      `SELECT alert_id AS alertId, channel, people, day FROM scam_alert_reach WHERE member_id = ? AND alert_id IN (${alertIds.map(() => '?').join(',')})`,
    )
    .bind(memberId, ...alertIds)
    .all<PassedOn>();
  return new Map(results.map((r) => [r.alertId, r]));
}

/**
 * Marks an alert as passed on by a member: one row per member and alert, a
 * second mark updates channel, people and day (the first day is kept).
 * Only a current alert of the member's province (or national).
 */
export async function markPassedOn(
  db: D1Database,
  member: SignedInMember,
  alert: Alert,
  mark: { channel: ChannelId; people: number },
  now = Date.now(),
): Promise<'created' | 'updated' | 'not_current'> {
  const day = vietnamDay(now);
  if (alertStatus(alert, day) !== 'current' || (alert.provinceCode !== null && alert.provinceCode !== member.provinceCode)) return 'not_current';
  const row = await db
    .prepare(
      `INSERT INTO scam_alert_reach (alert_id, member_id, team_id, province_code, commune_code, channel, people, first_day, day, created_at, updated_at)
       SELECT ?1, m.id, t.id, t.province_code, t.commune_code, ?3, ?4, ?5, ?5, ?6, ?6
       FROM members m JOIN teams t ON t.id = m.team_id WHERE m.id = ?2 AND ${currentMemberSql('m', 't')}
       ON CONFLICT (alert_id, member_id) DO UPDATE SET channel = excluded.channel, people = excluded.people, day = excluded.day,
         team_id = excluded.team_id, province_code = excluded.province_code, commune_code = excluded.commune_code, updated_at = excluded.updated_at
       RETURNING created_at = updated_at AS fresh`,
    )
    .bind(alert.id, member.id, mark.channel, mark.people, day, now)
    .first<{ fresh: number }>();
  if (!row) return 'not_current';
  return row.fresh ? 'created' : 'updated';
}

/**
 * (member_id, day) pairs of alerts passed on: the day a member first marked
 * each alert and the day of their last mark, between ?1 and ?2; `members`, a
 * subquery of member ids, narrows it (activity days, functions/assists/activity.ts).
 */
export const alertPassedOnDaysSql = (members?: string) => {
  const who = members ? `member_id IN (${members}) AND ` : '';
  return `SELECT member_id, first_day AS day FROM scam_alert_reach WHERE ${who}first_day BETWEEN ?1 AND ?2
     UNION SELECT member_id, day FROM scam_alert_reach WHERE ${who}day BETWEEN ?1 AND ?2`;
};

/** Members' activity days from passing alerts on, within [from, to] (issue 18 §3). */
export async function alertPassedOnDays(db: D1Database, period: { from: string; to: string }): Promise<{ memberId: number; day: string }[]> {
  const { results } = await db
    .prepare(`SELECT member_id AS memberId, day FROM (${alertPassedOnDaysSql()}) ORDER BY 1, 2`)
    .bind(period.from, period.to)
    .all<{ memberId: number; day: string }>();
  return results;
}

// ——— Reach, for officials: counts only ———

export interface ReachRow {
  code: string;
  name: string;
  teams: number;
  reached: number;
  people: number;
}

const ACTIVE_TEAM = 't.active = 1 AND t.removed_at IS NULL';

/** Per province (national alerts): active teams, teams with a member who passed it on, people. */
export async function reachByProvince(db: D1Database, alertId: number, provinceCode: string | null): Promise<ReachRow[]> {
  const { results } = await db
    .prepare(
      `SELECT p.code, p.name, count(t.id) AS teams, count(r.team_id) AS reached, coalesce(sum(r.people), 0) AS people
       FROM provinces p JOIN teams t ON t.province_code = p.code AND ${ACTIVE_TEAM}
       LEFT JOIN (SELECT team_id, sum(people) AS people FROM scam_alert_reach WHERE alert_id = ?1 GROUP BY team_id) r ON r.team_id = t.id
       ${provinceCode ? 'WHERE p.code = ?2' : ''}
       GROUP BY p.code ORDER BY p.name`,
    )
    .bind(...(provinceCode ? [alertId, provinceCode] : [alertId]))
    .all<ReachRow>();
  return results;
}

/** Per commune of a province (province-level teams as one row, code "tinh"). */
export async function reachByCommune(db: D1Database, alertId: number, provinceCode: string, communeCode?: string): Promise<ReachRow[]> {
  const { results } = await db
    .prepare(
      `SELECT coalesce(c.code, 'tinh') AS code, coalesce(c.name, ?3) AS name, count(t.id) AS teams, count(r.team_id) AS reached, coalesce(sum(r.people), 0) AS people
       FROM teams t LEFT JOIN communes c ON c.code = t.commune_code
       LEFT JOIN (SELECT team_id, sum(people) AS people FROM scam_alert_reach WHERE alert_id = ?1 GROUP BY team_id) r ON r.team_id = t.id
       WHERE t.province_code = ?2 AND ${ACTIVE_TEAM} ${communeCode ? 'AND t.commune_code = ?4' : ''}
       GROUP BY c.code ORDER BY c.code IS NULL, c.name_folded`,
    )
    .bind(alertId, provinceCode, ui.assistsAdmin.provinceTeams, ...(communeCode ? [communeCode] : []))
    .all<ReachRow>();
  return results;
}

export interface TeamReach {
  id: number;
  name: string;
  people: number;
  channels: string;
}

/** The teams of one commune, each with what its members passed on ('' when nothing yet). */
export async function reachByTeam(db: D1Database, alertId: number, communeCode: string): Promise<TeamReach[]> {
  const { results } = await db
    .prepare(
      `SELECT t.id, t.name, coalesce(sum(r.people), 0) AS people, coalesce(group_concat(DISTINCT r.channel), '') AS channels
       FROM teams t LEFT JOIN scam_alert_reach r ON r.team_id = t.id AND r.alert_id = ?1
       WHERE t.commune_code = ?2 AND ${ACTIVE_TEAM} GROUP BY t.id ORDER BY t.name LIMIT 2000`,
    )
    .bind(alertId, communeCode)
    .all<TeamReach>();
  return results;
}
