// What officials do with members' assists (issue 9): void an entry, set
// targets, list the members they issue sign-in links to. Every change is
// written with its audit entry in one batch (functions/auth/audit.ts).
import { scopeWhere } from '../auth/guard.ts';
import { auditStatement } from '../auth/audit.ts';
import type { Official, Place } from '../auth/official.ts';
import { currentMemberSql } from './member-auth.ts';
import type { IndicatorId } from './tasks.ts';

export interface ScopedEntry {
  id: number;
  memberName: string;
  teamName: string;
  task: string;
  people: number;
  /** People who confirmed it on their own phones (issue 23). */
  confirmed: number;
  day: string;
  voidedAt: number | null;
  voidedBy: string | null;
  /** 'xong', a stall reason, or null (functions/assists/outcomes.ts). */
  outcome: string | null;
  provinceCode: string;
  communeCode: string | null;
}

/** Where an official looks: a province, or one commune (null: a province's own teams, without commune). */
export interface OfficialView {
  provinceCode: string | null;
  communeCode: string | null;
}

/** Latest entries of a place, with who recorded them (officials only). */
export async function recentEntries(db: D1Database, view: OfficialView, limit = 100, options: { confirmedOnly?: boolean } = {}): Promise<ScopedEntry[]> {
  const f = scopeWhere(view, { province: 'a.province_code', commune: 'a.commune_code' });
  const { results } = await db
    .prepare(
      `SELECT a.id, m.full_name AS memberName, t.name AS teamName, a.task, a.people, a.confirmed, a.day, a.voided_at AS voidedAt, a.voided_by AS voidedBy, a.outcome,
              a.province_code AS provinceCode, a.commune_code AS communeCode
       FROM assists a JOIN members m ON m.id = a.member_id JOIN teams t ON t.id = a.team_id
       WHERE ${f.where}${options.confirmedOnly ? ' AND a.confirmed > 0' : ''} ORDER BY a.day DESC, a.id DESC LIMIT ?`,
    )
    .bind(...f.binds, limit)
    .all<ScopedEntry>();
  return results;
}

export async function entryById(db: D1Database, id: number) {
  return db
    .prepare(
      `SELECT a.id, a.member_id AS memberId, a.task, a.people, a.day, a.voided_at AS voidedAt, a.province_code AS provinceCode, a.commune_code AS communeCode
       FROM assists a WHERE a.id = ?`,
    )
    .bind(id)
    .first<{
      id: number;
      memberId: number;
      task: string;
      people: number;
      day: string;
      voidedAt: number | null;
      provinceCode: string;
      communeCode: string | null;
    }>();
}

/** Voids an entry (kept, no longer counted) with its audit entry; false if it was already void. */
export async function voidEntry(
  db: D1Database,
  official: Official,
  entry: NonNullable<Awaited<ReturnType<typeof entryById>>>,
  now = Date.now(),
): Promise<boolean> {
  if (entry.voidedAt !== null) return false;
  const [updated] = await db.batch([
    db.prepare('UPDATE assists SET voided_at = ?, voided_by = ? WHERE id = ? AND voided_at IS NULL RETURNING id').bind(now, official.username, entry.id),
    auditStatement(
      db,
      {
        actor: official,
        action: 'assist.void',
        // A second tap racing the first changes nothing: no second entry either.
        onlyIfChanged: true,
        place: { provinceCode: entry.provinceCode, communeCode: entry.communeCode },
        subject: `assist:${entry.id}`,
        before: { member: entry.memberId, task: entry.task, people: entry.people, day: entry.day },
        after: { voided: true },
      },
      now,
    ),
  ]);
  return (updated?.results.length ?? 0) === 1;
}

export interface MemberAccess {
  id: number;
  code: string;
  fullName: string;
  teamName: string;
  sessions: number;
  /** Expiry of the member's live sign-in link, if one is waiting. */
  linkExpiresAt: number | null;
}

/** Current members of a place with their sign-in state (commune, or a province's teams without commune). */
export async function membersWithAccess(db: D1Database, view: OfficialView, now = Date.now()): Promise<MemberAccess[]> {
  const where = view.communeCode ? 't.commune_code = ?' : 't.province_code = ? AND t.commune_code IS NULL';
  const { results } = await db
    .prepare(
      `SELECT m.id, m.code, m.full_name AS fullName, t.name AS teamName,
              (SELECT count(*) FROM member_sessions s WHERE s.member_id = m.id AND s.expires_at > ?1) AS sessions,
              (SELECT max(l.expires_at) FROM member_sign_in_links l
                WHERE l.member_id = m.id AND l.used_at IS NULL AND l.revoked_at IS NULL AND l.expires_at > ?1) AS linkExpiresAt
       FROM members m JOIN teams t ON t.id = m.team_id
       WHERE ${where} AND ${currentMemberSql('m', 't')}
       ORDER BY t.name, m.name_folded`,
    )
    .bind(now, view.communeCode ?? view.provinceCode)
    .all<MemberAccess>();
  return results;
}

export interface TargetRow {
  indicator: IndicatorId;
  target: number;
  denominator: number | null;
  setByRole: string;
}

export async function targetsOf(db: D1Database, provinceCode: string, communeCode: string | null): Promise<Map<string, TargetRow>> {
  const { results } = await db
    .prepare('SELECT indicator, target, denominator, set_by_role AS setByRole FROM assist_targets WHERE province_code = ? AND commune_code = ?')
    .bind(provinceCode, communeCode ?? '')
    .all<TargetRow>();
  return new Map(results.map((r) => [r.indicator, r]));
}

/** A commune officer may set their commune's own target only where the province (or above) has not. */
export const lockedForCommune = (row: TargetRow | undefined) => row !== undefined && row.setByRole !== 'commune';

export interface TargetInput {
  indicator: IndicatorId;
  target: number | null;
  denominator: number | null;
}

/**
 * Writes the targets of one place that changed, each with its audit entry,
 * in one batch. A commune officer's inputs for indicators the province set
 * are refused by the caller (lockedForCommune) before this runs.
 */
export async function saveTargets(
  db: D1Database,
  official: Official,
  place: { provinceCode: string; communeCode: string | null },
  inputs: TargetInput[],
  existing: Map<string, TargetRow>,
  now = Date.now(),
): Promise<number> {
  const statements: D1PreparedStatement[] = [];
  const auditPlace: Place = { provinceCode: place.provinceCode, communeCode: place.communeCode };
  for (const input of inputs) {
    const before = existing.get(input.indicator);
    const same = before ? before.target === input.target && before.denominator === input.denominator : input.target === null;
    if (same) continue;
    if (input.target === null) {
      statements.push(
        db
          .prepare('DELETE FROM assist_targets WHERE indicator = ? AND province_code = ? AND commune_code = ?')
          .bind(input.indicator, place.provinceCode, place.communeCode ?? ''),
      );
    } else {
      statements.push(
        db
          .prepare(
            `INSERT INTO assist_targets (indicator, province_code, commune_code, target, denominator, set_by, set_by_role, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (indicator, province_code, commune_code) DO UPDATE SET
               target = excluded.target, denominator = excluded.denominator, set_by = excluded.set_by,
               set_by_role = excluded.set_by_role, updated_at = excluded.updated_at`,
          )
          .bind(input.indicator, place.provinceCode, place.communeCode ?? '', input.target, input.denominator, official.username, official.role, now),
      );
    }
    statements.push(
      auditStatement(
        db,
        {
          actor: official,
          action: 'assist.target.set',
          place: auditPlace,
          subject: `target:${input.indicator}:${place.communeCode ?? place.provinceCode}`,
          before: before ? { target: before.target, denominator: before.denominator } : null,
          after: input.target === null ? null : { target: input.target, denominator: input.denominator },
        },
        now,
      ),
    );
  }
  if (statements.length) await db.batch(statements);
  return statements.length / 2;
}
