import { eq, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { datasetInfo } from '../../../db/schema/directory.ts';
import { directoryImportChunks } from '../../../db/schema/directory-import.ts';
import { prepare, type Query } from '../d1-batch.ts';
import { directoryChangedStatements } from '../directory-changed.ts';
import type { DirectoryScope } from '../scope.ts';
import type { DirectoryChangeSummary, DirectoryChanges, TableCounts } from './changes.ts';
import { readStagedDirectoryChanges, staged, stageDirectoryChanges, type StagedDirectoryChanges } from './stage.ts';
import { memberLayout, teamLayout, villageLayout } from './staged-rows.ts';
import { liveCountsQuery, versionQuery } from './stored.ts';

/**
 * The write: a staged plan (stage.ts) applied to the directory in one D1
 * batch, with the caller's audit entry in the same transaction, or nothing at
 * all. Also the one definition of removing members and teams.
 */

export type ApplyResult =
  | { ok: true; summary: DirectoryChangeSummary }
  /**
   * stale: the directory changed since the plan was made; missing: no staged
   * plan under this id; scope: previewed for another scope. Nothing was written.
   */
  | { ok: false; reason: 'stale' | 'missing' | 'scope'; message: string }
  /** removals: a large removal without `allowRemovals`; the staged plan is kept, so confirming again with consent applies it. */
  | { ok: false; reason: 'removals'; message: string; summary: DirectoryChangeSummary };

export interface ApplyOptions {
  /** dataset_info entries written in the same transaction (the demo flag). */
  datasetInfo?: Record<string, string>;
  /**
   * More statements for the same transaction, after the directory writes (the
   * audit log entry of a web import); as a function, made from the staged plan
   * read for the apply itself (its summary), so nothing reads it twice.
   */
  extraStatements?: D1PreparedStatement[] | ((staged: StagedDirectoryChanges) => D1PreparedStatement[]);
  /** The scope the plan must have been previewed in (web uploads): another one is refused, writing nothing. */
  scope?: DirectoryScope;
  /** The removal timestamp (default: now). */
  now?: Date;
  /**
   * The second, explicit consent to a large removal (summary.largeRemoval):
   * given as false (the web confirm without the checkbox, the CLI without
   * --allow-removals), a large removal is refused and nothing is written.
   * Left out (the demo seed, tests of the write itself), it is not asked.
   */
  allowRemovals?: boolean;
}

const removalsMessage =
  'Chưa ghi gì: tệp này gỡ tổ, thôn hoặc hơn một phần tư số thành viên của một xã. Hãy xem lại danh sách sẽ bị gỡ và đánh dấu ô đồng ý gỡ rồi xác nhận lại.';

const staleMessage = 'Danh sách đã thay đổi từ lúc xem trước (có người vừa sửa hoặc nhập danh sách khác). Chưa ghi gì; hãy tải tệp lên lại để xem trước.';

/** Plans straight to the directory: stage, then apply in one transaction (the CLI, the seed, tests). */
export async function applyDirectoryChanges(d1: D1Database, changes: DirectoryChanges, options: ApplyOptions = {}): Promise<ApplyResult> {
  const importId = await stageDirectoryChanges(d1, changes);
  return applyStagedDirectoryChanges(d1, importId, options);
}

/**
 * Writes a staged plan in ONE D1 batch (one transaction): removals first (so
 * a removed entry frees its name), then updates, then new rows, then the
 * version bump and the caller's extra statements, and the staged rows are
 * deleted in the same transaction. It checks first that the directory has
 * not changed since the plan (dataset_info.directory_version), and last that
 * every staged team and member is in place; if either fails nothing is
 * written. Re-applying the same id finds nothing (reason 'missing').
 */
export async function applyStagedDirectoryChanges(d1: D1Database, importId: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const meta = await readStagedDirectoryChanges(d1, importId);
  if (!meta) return { ok: false, reason: 'missing', message: 'Không tìm thấy bản xem trước này (đã nhập, hoặc đã quá một ngày). Hãy tải tệp lên lại.' };
  if (options.scope !== undefined && JSON.stringify(meta.scope) !== JSON.stringify(options.scope)) {
    return { ok: false, reason: 'scope', message: 'Bản xem trước này thuộc phạm vi khác.' };
  }
  if (options.allowRemovals === false && meta.summary.largeRemoval) return { ok: false, reason: 'removals', message: removalsMessage, summary: meta.summary };
  const extra = typeof options.extraStatements === 'function' ? options.extraStatements(meta) : (options.extraStatements ?? []);
  const db = drizzle(d1);
  const statements = applyStatements(db, importId, meta, options);
  let results: D1Result[];
  try {
    results = await d1.batch([...statements.map((s) => prepare(d1, s)), ...extra]);
  } catch (error) {
    // Nothing was written; a failed plan is not kept either (a stale one cannot succeed later).
    await db.delete(directoryImportChunks).where(eq(directoryImportChunks.importId, importId));
    if (String(error).includes('directory_import_chunks.import_id')) return { ok: false, reason: 'stale', message: staleMessage };
    throw error;
  }
  const after = (results[statements.length - 1]!.results as TableCounts[])[0]!;
  return { ok: true, summary: { ...meta.summary, after } };
}

/** The directory's statements of the apply, in order; the last one reads the live counts after it. */
function applyStatements(db: ReturnType<typeof drizzle>, importId: string, meta: StagedDirectoryChanges, options: ApplyOptions): Query[] {
  const removedAt = (options.now ?? new Date()).toISOString();
  const infoUpserts = Object.entries(options.datasetInfo ?? {}).map(([key, value]) =>
    db.insert(datasetInfo).values({ key, value }).onConflictDoUpdate({ target: datasetInfo.key, set: { value } }),
  );
  return [
    abortIf('import_id', sql`(${versionQuery}) IS NOT ${meta.version}`),
    removeMembersSql(sql`SELECT j.value FROM ${staged(importId, 'remove_member')}`, removedAt),
    ...removeTeamsSql(sql`SELECT j.value FROM ${staged(importId, 'remove_team')}`, removedAt),
    sql`UPDATE villages SET removed_at = ${removedAt} WHERE id IN (SELECT j.value FROM ${staged(importId, 'remove_village')})`,
    ...applyVillages(importId),
    ...applyTeams(importId),
    ...applyMembers(importId),
    // Every staged team and member is now in the directory, or nothing is written.
    abortIf(
      'chunk_no',
      sql`(SELECT count(*) FROM (SELECT ${teamLayout.select} FROM ${staged(importId, 'team')}) x LEFT JOIN villages v ON ${liveVillageOf('x')}
        JOIN teams t ON t.name_folded = x.name_folded AND t.place_key = ${placeKey('x')} AND t.removed_at IS NULL)
        + (SELECT count(*) FROM (SELECT ${memberLayout.select} FROM ${staged(importId, 'member')}) x
        JOIN members m ON m.code = x.code AND m.name_folded = x.name_folded AND m.removed_at IS NULL)
        IS NOT (SELECT count(*) FROM ${staged(importId, 'team')}) + (SELECT count(*) FROM ${staged(importId, 'member')})`,
    ),
    // Coverage of the touched places recomputed and the version bumped (every cached page and answer is then stale).
    ...directoryChangedStatements(meta.touched),
    ...infoUpserts,
    sql`DELETE FROM directory_import_chunks WHERE import_id = ${importId}`,
    liveCountsQuery,
  ];
}

/**
 * Makes the whole batch fail (and roll back) when `condition` holds: SQLite has
 * no RAISE outside triggers, so insert a NULL into a NOT NULL column of the
 * staging table; the column named tells which check failed.
 */
function abortIf(column: 'import_id' | 'chunk_no', condition: SQL): SQL {
  const values = column === 'import_id' ? sql`NULL, 0` : sql`'check', NULL`;
  return sql`INSERT INTO directory_import_chunks (import_id, chunk_no, kind, rows, created_at)
    SELECT ${values}, 'check', '', 0 WHERE ${condition}`;
}

/**
 * Removes members (ids selected by `ids`): the removal date, and their phone
 * and consent to publish it gone at once (Decree 13). The one way to remove a
 * member: the import uses it, and so should the admin pages.
 */
export function removeMembersSql(ids: SQL, removedAt: string): SQL {
  return sql`UPDATE members SET removed_at = ${removedAt}, phone = NULL, publish_contact = 0, consent_date = NULL WHERE removed_at IS NULL AND id IN (${ids})`;
}

/**
 * Removes teams (ids selected by `ids`) and whatever members they still have:
 * a removed team is inactive (so no count or list of active teams has it) and
 * keeps its row for past reports.
 */
export function removeTeamsSql(ids: SQL, removedAt: string): SQL[] {
  return [
    removeMembersSql(sql`SELECT id FROM members WHERE team_id IN (${ids})`, removedAt),
    sql`UPDATE teams SET removed_at = ${removedAt}, active = 0 WHERE removed_at IS NULL AND id IN (${ids})`,
  ];
}

/** The live village of a staged team or member row (aliased `alias`), joined as v. */
const liveVillageOf = (alias: string) => sql.raw(`v.commune_code = ${alias}.commune_code AND v.name_folded = ${alias}.village_folded AND v.removed_at IS NULL`);

/** A team's place_key, from its place columns and its village (joined as v). */
const placeKey = (alias: string) =>
  sql.raw(`CASE WHEN ${alias}.village_folded IS NOT NULL THEN 'v:' || v.id
    WHEN ${alias}.commune_code IS NOT NULL THEN 'c:' || ${alias}.commune_code ELSE 'p:' || ${alias}.province_code END`);

function applyVillages(importId: string): SQL[] {
  const rows = sql`(SELECT ${villageLayout.select} FROM ${staged(importId, 'village')}) x`;
  return [
    sql`UPDATE villages SET name = x.name, kind = x.kind, removed_at = NULL FROM ${rows} WHERE villages.id = x.id`,
    sql`INSERT INTO villages (commune_code, name, kind, name_folded) SELECT x.commune_code, x.name, x.kind, x.name_folded FROM ${rows} WHERE x.id IS NULL`,
  ];
}

function applyTeams(importId: string): SQL[] {
  const rows = sql`(SELECT ${teamLayout.select} FROM ${staged(importId, 'team')}) x`;
  return [
    sql`UPDATE teams SET level = x.level, name = x.name, zalo_url = x.zalo_url, decision_number = x.decision_number,
      decision_date = x.decision_date, active = x.active, removed_at = NULL FROM ${rows} WHERE teams.id = x.id`,
    sql`INSERT INTO teams (level, name, name_folded, province_code, commune_code, village_id, zalo_url,
        decision_number, decision_date, active, place_key)
      SELECT x.level, x.name, x.name_folded, x.province_code, x.commune_code, v.id, x.zalo_url,
        x.decision_number, x.decision_date, x.active, ${placeKey('x')}
      FROM ${rows} LEFT JOIN villages v ON ${liveVillageOf('x')} WHERE x.id IS NULL`,
  ];
}

function applyMembers(importId: string): SQL[] {
  // Each staged member with its (live, by now) team.
  const rows = sql`(SELECT x.*, t.id AS team_id FROM (SELECT ${memberLayout.select} FROM ${staged(importId, 'member')}) x
    LEFT JOIN villages v ON ${liveVillageOf('x')}
    JOIN teams t ON t.name_folded = x.team_folded AND t.place_key = ${placeKey('x')} AND t.removed_at IS NULL) x`;
  return [
    // Members renamed or moved may swap names within a team: park them on a name no one has first.
    sql`UPDATE members SET name_folded = '~' || id WHERE id IN (SELECT j.value ->> 0 FROM ${staged(importId, 'member')})`,
    sql`UPDATE members SET team_id = x.team_id, code = x.code, full_name = x.full_name, name_folded = x.name_folded,
      role = x.role, position = x.position, phone = x.phone, publish_contact = x.publish_contact, removed_at = NULL
      FROM ${rows} WHERE members.id = x.id`,
    sql`INSERT INTO members (code, team_id, full_name, name_folded, role, position, phone, publish_contact)
      SELECT x.code, x.team_id, x.full_name, x.name_folded, x.role, x.position, x.phone, x.publish_contact
      FROM ${rows} WHERE x.id IS NULL`,
  ];
}
