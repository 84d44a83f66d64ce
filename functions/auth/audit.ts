import type { Official, Place } from './official.ts';

/** What an audit entry records; `before`/`after` are plain objects, stored as JSON. */
export interface AuditEntry {
  /**
   * The official who acted; 'cli' for `npm run admin:invite` and scripts; 'anonymous' for a failed sign-in;
   * `member:<code>` for a team member's own change (issue 17: "I cannot come", "served").
   */
  actor: Pick<Official, 'id' | 'username'> | 'cli' | 'anonymous' | `member:${string}`;
  /** Dotted verb: sign_in, sign_in.failed, invitation.create, member.update, import.apply… */
  action: string;
  /** Scope of what changed (the log is read by this scope and the ones above). */
  place: Place;
  /** What changed, e.g. "member:12", "team:3", "official:5". */
  subject?: string;
  /**
   * Instead of `subject`: the row the statement just before this one in the
   * same batch inserted, e.g. 'team' → "team:<its id>" (a batch runs on one
   * connection, so last_insert_rowid() is that row's id).
   */
  subjectOfLastInsert?: 'team' | 'invitation' | 'alert' | 'duty_plan';
  before?: unknown;
  after?: unknown;
  /**
   * Written only if the statement just before this one in the same batch
   * changed a row (SQLite's changes()): an idempotent change sent twice
   * (a cancel, "served") is audited once.
   */
  onlyIfChanged?: boolean;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * The INSERT of one audit entry, to run in the same db.batch() as the change
 * it records (one transaction: no change without its entry, and no entry
 * without its change).
 */
export function auditStatement(db: D1Database, entry: AuditEntry, at = Date.now()): D1PreparedStatement {
  const actor = entry.actor;
  return db
    .prepare(
      `INSERT INTO audit_log (at, official_id, actor, action, province_code, commune_code, subject, before_json, after_json)
       SELECT ?, ?, ?, ?, ?, ?, ${entry.subjectOfLastInsert ? "? || ':' || last_insert_rowid()" : '?'}, ?, ?${entry.onlyIfChanged ? ' WHERE changes() = 1' : ''}`,
    )
    .bind(
      at,
      typeof actor === 'string' ? null : actor.id,
      typeof actor === 'string' ? actor : actor.username,
      entry.action,
      entry.place.provinceCode,
      entry.place.communeCode,
      entry.subjectOfLastInsert ?? entry.subject ?? null,
      json(entry.before),
      json(entry.after),
    );
}

/** Writes one audit entry on its own (for events that change nothing else, like a sign-in). */
export async function writeAudit(db: D1Database, entry: AuditEntry): Promise<void> {
  await auditStatement(db, entry).run();
}

/** Place of an official's own scope. */
export function placeOf(official: Pick<Official, 'provinceCode' | 'communeCode'>): Place {
  return { provinceCode: official.provinceCode, communeCode: official.communeCode };
}
