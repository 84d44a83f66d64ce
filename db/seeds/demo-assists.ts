// Demo assists and targets (issue 9) so the "Hỗ trợ người dân" report shows
// something on first start: eight weeks of plausible entries by the demo
// members, up to today, and targets for the demo provinces and communes.
// Deterministic (fixed pseudo-random seed) and written once: a database that
// already holds assists gets none.
import { vietnamDay } from '../../functions/assists/entries.ts';
import { currentMemberSql } from '../../functions/assists/member-auth.ts';
import { addDays } from '../../functions/usage/report.ts';
import { DAILY_CAP, taskIds } from '../../functions/assists/tasks.ts';
import { seededRandom } from '../../functions/directory/sheet/generate.ts';
import { jsonChunks } from '../../functions/directory/json-chunks.ts';

// How often each task comes up in a team's week (VNeID and public services lead, as in the field).
const TASK_WEIGHTS: Record<(typeof taskIds)[number], number> = {
  'vneid-muc-2': 10,
  'dang-nhap-dich-vu-cong': 6,
  'nop-ho-so-truc-tuyen': 4,
  'thanh-toan-phi-truc-tuyen': 3,
  'vi-dien-tu': 4,
  'xac-thuc-khuon-mat': 3,
  'so-suc-khoe-dien-tu': 4,
  'xac-thuc-hai-buoc': 2,
  'lua-dao': 3,
  'cai-ung-dung-an-toan': 2,
  'ban-hang-truc-tuyen': 1,
  khac: 1,
};

const DEMO_WEEKS = 8;

export async function seedDemoAssists(d1: D1Database): Promise<{ entries: number; targets: number } | null> {
  const existing = await d1.prepare('SELECT count(*) AS n FROM assists').first<{ n: number }>();
  if ((existing?.n ?? 0) > 0) return null;
  const { results: members } = await d1
    .prepare(
      `SELECT m.id, t.id AS teamId, t.province_code AS provinceCode, t.commune_code AS communeCode, t.village_id AS villageId
       FROM members m JOIN teams t ON t.id = m.team_id WHERE ${currentMemberSql('m', 't')} ORDER BY m.id`,
    )
    .all<{ id: number; teamId: number; provinceCode: string; communeCode: string | null; villageId: number | null }>();

  const random = seededRandom(20261126);
  const weighted = taskIds.flatMap((id) => Array<string>(TASK_WEIGHTS[id]).fill(id));
  const today = vietnamDay();
  const now = Date.now();
  const rows: unknown[][] = [];
  for (const m of members) {
    const activity = 0.1 + random() * 0.35; // share of days this member records something
    for (let back = DEMO_WEEKS * 7 - 1; back >= 0; back--) {
      if (random() > activity) continue;
      const day = addDays(today, -back);
      const perTask = new Map<string, number>();
      for (let k = 1 + Math.floor(random() * 2); k > 0; k--) {
        const task = weighted[Math.floor(random() * weighted.length)]!;
        const people = Math.min(DAILY_CAP - (perTask.get(task) ?? 0), 1 + Math.floor(random() * random() * 8));
        if (people < 1) continue;
        perTask.set(task, (perTask.get(task) ?? 0) + people);
        // Entries from the last week look recently made (so the history offers to edit them).
        const createdAt = Math.min(now, Date.parse(`${day}T10:00:00+07:00`));
        rows.push([m.id, m.teamId, m.provinceCode, m.communeCode, m.villageId, task, people, day, createdAt, createdAt]);
      }
    }
  }
  // One bound parameter per statement (a JSON chunk within D1's statement size): D1 allows 100 per statement.
  const statements: D1PreparedStatement[] = jsonChunks(rows).map((json) =>
    d1
      .prepare(
        `INSERT INTO assists (member_id, team_id, province_code, commune_code, village_id, task, people, day, created_at, updated_at)
         SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9
         FROM json_each(?) j`,
      )
      .bind(json),
  );
  // Targets: each demo province per indicator, and a VNeID target per demo commune (with its adult population).
  const provinces = [...new Set(members.map((m) => m.provinceCode))];
  const communes = [...new Set(members.flatMap((m) => (m.communeCode ? [`${m.provinceCode}:${m.communeCode}`] : [])))];
  const target = (indicator: string, province: string, commune: string, value: number, denominator: number | null) =>
    d1
      .prepare(
        `INSERT OR IGNORE INTO assist_targets (indicator, province_code, commune_code, target, denominator, set_by, set_by_role, updated_at)
         VALUES (?, ?, ?, ?, ?, 'demo', 'province', ?)`,
      )
      .bind(indicator, province, commune, value, denominator, now);
  for (const p of provinces) {
    statements.push(
      target('vneid', p, '', 2000, 60000),
      target('dich-vu-cong', p, '', 1500, 60000),
      target('thanh-toan', p, '', 1200, null),
      target('suc-khoe', p, '', 800, null),
    );
  }
  for (const pc of communes) {
    const [p, c] = pc.split(':') as [string, string];
    statements.push(target('vneid', p, c, 150, 9000), target('dich-vu-cong', p, c, 100, null));
  }
  await d1.batch(statements);
  return { entries: rows.length, targets: provinces.length * 4 + communes.length * 2 };
}
