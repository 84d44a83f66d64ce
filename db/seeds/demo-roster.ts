// Demo shifts and sessions (issue 17) so the commune pages' "Hôm nay", the
// poster, the feed and the officials' roster show something on first start:
// a month around today (two weeks back, two ahead) in every demo commune —
// Tuesday and Thursday mornings and Saturday afternoons on duty at the
// commune service centre, an evening session each week in each village with
// a team. Past duty is mostly served, one shift is cancelled, one member
// said they cannot come. Deterministic and written once: a database that
// already holds plans gets none.
import { currentMemberSql } from '../../functions/assists/member-auth.ts';
import { addDays, isoWeekday, vietnamDay } from '../../functions/roster/dates.ts';
import { seededRandom } from '../../functions/directory/sheet/generate.ts';

const TOPIC_SETS = [
  ['vneid-muc-2', 'so-suc-khoe-dien-tu'],
  ['dang-nhap-dich-vu-cong', 'nop-ho-so-truc-tuyen'],
  ['lua-dao', 'xac-thuc-hai-buoc'],
  ['vi-dien-tu', 'thanh-toan-phi-truc-tuyen'],
];

export async function seedDemoRoster(d1: D1Database): Promise<{ shifts: number; sessions: number } | null> {
  const existing = await d1.prepare('SELECT count(*) AS n FROM duty_plans').first<{ n: number }>();
  if ((existing?.n ?? 0) > 0) return null;
  const { results: members } = await d1
    .prepare(
      `SELECT m.id, t.province_code AS provinceCode, t.commune_code AS communeCode, c.name AS communeName, t.village_id AS villageId, v.name AS villageName
       FROM members m JOIN teams t ON t.id = m.team_id JOIN communes c ON c.code = t.commune_code LEFT JOIN villages v ON v.id = t.village_id
       WHERE ${currentMemberSql('m', 't')} ORDER BY t.commune_code, m.id`,
    )
    .all<{ id: number; provinceCode: string; communeCode: string; communeName: string; villageId: number | null; villageName: string | null }>();
  const random = seededRandom(20261207);
  const today = vietnamDay();
  const now = Date.now();
  const first = addDays(today, -14);
  const byCommune = Map.groupBy(members, (m) => m.communeCode);
  const statements: D1PreparedStatement[] = [];
  let shifts = 0;
  let sessions = 0;
  const plan = (key: string, m: { provinceCode: string; communeCode: string }, kind: 'shift' | 'session', weekdays: string) =>
    d1
      .prepare(
        `INSERT INTO duty_plans (form_key, province_code, commune_code, kind, weekdays, first_day, last_day, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'demo', ?)`,
      )
      .bind(key, m.provinceCode, m.communeCode, kind, weekdays, first, addDays(first, 27), now);
  const event = (
    key: string,
    e: {
      kind: 'shift' | 'session';
      provinceCode: string;
      communeCode: string;
      day: string;
      start: string;
      end: string;
      place: string;
      villageId: number | null;
      topics: string[];
      status: string;
    },
  ) =>
    d1
      .prepare(
        `INSERT INTO duty_events (plan_id, kind, province_code, commune_code, day, start_time, end_time, place, village_id, topics, status, created_at, updated_at)
         SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM duty_plans WHERE form_key = ?`,
      )
      .bind(e.kind, e.provinceCode, e.communeCode, e.day, e.start, e.end, e.place, e.villageId, JSON.stringify(e.topics), e.status, now, now, key);
  /** Members on the event just inserted; served if it is over, perhaps "cannot come" if ahead. */
  const assign = (memberIds: number[], day: string, cannotCome: number | null) =>
    memberIds.map((id) =>
      d1
        .prepare(
          `INSERT INTO duty_assignments (event_id, member_id, cannot_come_at, served_at, served_by) VALUES ((SELECT max(id) FROM duty_events), ?, ?, ?, ?)`,
        )
        .bind(id, id === cannotCome ? now : null, day < today && random() < 0.85 ? Date.parse(`${day}T11:00:00+07:00`) : null, day < today ? 'member' : null),
    );
  for (const [commune, people] of byCommune) {
    if (!commune || people.length === 0) continue;
    const place = { provinceCode: people[0]!.provinceCode, communeCode: commune };
    const shiftKey = `demo-shift-${commune}`;
    statements.push(plan(shiftKey, place, 'shift', '2,4,6'));
    let rotation = 0;
    let cancelledOne = false;
    let absentOne = false;
    for (let i = 0; i < 28; i++) {
      const day = addDays(first, i);
      const weekday = isoWeekday(day);
      if (weekday !== 2 && weekday !== 4 && weekday !== 6) continue;
      const cancelled: boolean = !cancelledOne && day > today && weekday === 4;
      cancelledOne ||= cancelled;
      const onDuty = [people[rotation++ % people.length]!.id, people[rotation++ % people.length]!.id].filter((id, k, all) => all.indexOf(id) === k);
      const absent: number | null = !absentOne && day > addDays(today, 2) && onDuty.length > 1 ? onDuty[1]! : null;
      absentOne ||= absent !== null;
      statements.push(
        event(shiftKey, {
          kind: 'shift',
          ...place,
          day,
          start: weekday === 6 ? '14:00' : '07:30',
          end: weekday === 6 ? '16:30' : '11:00',
          place: `Trung tâm phục vụ hành chính công ${people[0]!.communeName}`,
          villageId: null,
          topics: [],
          status: cancelled ? 'cancelled' : 'planned',
        }),
        ...assign(onDuty, day, absent),
      );
      shifts++;
    }
    const villages = Map.groupBy(
      people.filter((p) => p.villageId !== null),
      (p) => p.villageId!,
    );
    let v = 0;
    for (const [villageId, team] of villages) {
      const key = `demo-session-${commune}-${villageId}`;
      const weekday = 1 + (v++ % 5); // a weekday evening, a different one per village
      statements.push(plan(key, place, 'session', String(weekday)));
      for (let i = 0; i < 28; i++) {
        const day = addDays(first, i);
        if (isoWeekday(day) !== weekday) continue;
        statements.push(
          event(key, {
            kind: 'session',
            ...place,
            day,
            start: '19:30',
            end: '21:00',
            place: `Nhà văn hoá ${team[0]!.villageName}`,
            villageId,
            topics: TOPIC_SETS[(i + v) % TOPIC_SETS.length]!,
            status: 'planned',
          }),
          ...assign(
            team.slice(0, 2).map((m) => m.id),
            day,
            null,
          ),
        );
        sessions++;
      }
    }
  }
  statements.push(d1.prepare('UPDATE directory_version SET version = version + 1, changed_at = ? WHERE id = 1').bind(now));
  await d1.batch(statements);
  return { shifts, sessions };
}
