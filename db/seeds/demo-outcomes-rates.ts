// Demo data of issue 23 (points 3–5), so the "bản đồ điểm nghẽn", the
// allowance sheet and the honesty checks show something on first start:
// outcomes (done, or a stall reason) on about a third of the demo entries,
// allowance rates for every demo province (the Đà Nẵng Resolution 26/2025
// figures), and one burst of entries the honesty checks list. Deterministic,
// written once: a database whose entries already carry outcomes gets none.
import { vietnamDay } from '../../functions/assists/entries.ts';
import { DONE, stallReasonIds } from '../../functions/assists/outcomes.ts';
import { seededRandom } from '../../functions/directory/sheet/generate.ts';
import { jsonChunks } from '../../functions/directory/json-chunks.ts';

// How often each reason comes up (chip cards, NFC and OTP lead, as provinces report).
const REASON_WEIGHTS: Record<(typeof stallReasonIds)[number], number> = {
  'khong-co-dien-thoai': 3,
  'sim-khong-chinh-chu': 4,
  'cccd-chip': 5,
  nfc: 5,
  'otp-song': 4,
  'loi-ung-dung': 3,
  'can-den-co-quan': 2,
  khac: 1,
};

export async function seedDemoOutcomesAndRates(d1: D1Database): Promise<{ outcomes: number; rates: number; burst: number } | null> {
  const already = await d1.prepare('SELECT 1 AS x FROM assists WHERE outcome IS NOT NULL LIMIT 1').first();
  if (already) return null;
  const { results: entries } = await d1.prepare('SELECT id FROM assists WHERE voided_at IS NULL ORDER BY id').all<{ id: number }>();
  if (entries.length === 0) return null;
  const random = seededRandom(20261207);
  const weighted = stallReasonIds.flatMap((id) => Array<string>(REASON_WEIGHTS[id]).fill(id));
  const outcomes: [number, string][] = [];
  for (const { id } of entries) {
    if (random() > 0.35) continue;
    outcomes.push([id, random() < 0.6 ? DONE : weighted[Math.floor(random() * weighted.length)]!]);
  }
  const statements: D1PreparedStatement[] = jsonChunks(outcomes).map((json) =>
    d1
      .prepare(
        'UPDATE assists SET outcome = (SELECT j.value ->> 1 FROM json_each(?1) j WHERE j.value ->> 0 = assists.id) WHERE id IN (SELECT j.value ->> 0 FROM json_each(?1) j)',
      )
      .bind(json),
  );
  // Rates: 50,000 đ per member per activity day and 300,000 đ per team per month (Đà Nẵng, Resolution 26/2025).
  const { results: provinces } = await d1.prepare('SELECT DISTINCT province_code AS code FROM assists').all<{ code: string }>();
  const now = Date.now();
  for (const p of provinces) {
    statements.push(
      d1
        .prepare(
          "INSERT OR IGNORE INTO assist_rates (province_code, from_month, per_member_day, per_team_month, set_by, updated_at) VALUES (?, '2025-01', 50000, 300000, 'demo', ?)",
        )
        .bind(p.code, now),
    );
  }
  // A burst for the honesty checks: the first demo member of Phường Buôn Ma Thuột records 9 + 8 + 7 people within 4 minutes, today.
  const member = await d1
    .prepare(
      `SELECT m.id, t.id AS teamId, t.province_code AS provinceCode, t.commune_code AS communeCode, t.village_id AS villageId
       FROM members m JOIN teams t ON t.id = m.team_id WHERE t.commune_code = '24133' AND m.removed_at IS NULL AND t.active = 1 ORDER BY m.id LIMIT 1`,
    )
    .first<{ id: number; teamId: number; provinceCode: string; communeCode: string; villageId: number | null }>();
  let burst = 0;
  if (member) {
    const day = vietnamDay(now);
    const started = now - 30 * 60_000;
    for (const [k, [task, people]] of (
      [
        ['vneid-muc-2', 9],
        ['so-suc-khoe-dien-tu', 8],
        ['dang-nhap-dich-vu-cong', 7],
      ] as const
    ).entries()) {
      statements.push(
        d1
          .prepare(
            `INSERT INTO assists (member_id, team_id, province_code, commune_code, village_id, task, people, day, created_at, updated_at, outcome)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(
            member.id,
            member.teamId,
            member.provinceCode,
            member.communeCode,
            member.villageId,
            task,
            people,
            day,
            started + k * 120_000,
            started + k * 120_000,
            DONE,
          ),
      );
      burst++;
    }
  }
  await d1.batch(statements);
  return { outcomes: outcomes.length, rates: provinces.length, burst };
}
