import { sql, type SQL } from 'drizzle-orm';
import { inJson } from './json-chunks.ts';

/**
 * What a directory write touched, for the read models to follow:
 * - `all`: the whole country (the CLI import, a new official units dataset);
 * - `provinces`: every commune of these provinces and their province-level teams;
 * - `communes`: these communes only (their villages, teams and members).
 * A team or member that moved names both its old and its new place.
 */
export type DirectoryScope = 'all' | { provinces?: readonly string[]; communes?: readonly string[] };

/** `column IN (the JSON array bound as one parameter)`: any number of codes, one parameter. */
const inList = (column: SQL, codes: readonly string[]) => sql`${column} IN ${inJson(JSON.stringify(codes))}`;

function scopeOf(scope: DirectoryScope, communeColumn: SQL, provinceColumn: SQL): SQL {
  if (scope === 'all') return sql`1`;
  const parts: SQL[] = [];
  if (scope.provinces?.length) parts.push(inList(provinceColumn, scope.provinces));
  if (scope.communes?.length) parts.push(inList(communeColumn, scope.communes));
  return parts.length === 0 ? sql`0` : sql.join(parts, sql` OR `);
}

/**
 * Recomputes directory_coverage for the places in `scope` from villages, teams
 * and members (active teams only; dissolved ones count nowhere, nor do
 * removed villages and members — a removed team is never active). Each
 * aggregate is a GROUP BY over an index (villages_commune_name_uq,
 * teams_province_idx / teams_commune_idx, members_team_name_uq).
 */
function refreshCoverageStatements(scope: DirectoryScope): SQL[] {
  const communeKey = sql.raw(`coalesce(t.commune_code, '')`);
  const rows = scopeOf(scope, sql.raw('commune_code'), sql.raw('province_code'));
  const villagesIn = scopeOf(scope, sql.raw('c.code'), sql.raw('c.province_code'));
  const teamsIn = scopeOf(scope, sql.raw('t.commune_code'), sql.raw('t.province_code'));
  return [
    sql`DELETE FROM directory_coverage WHERE ${rows}`,
    sql`INSERT INTO directory_coverage (province_code, commune_code, villages, villages_with_team, teams_province,
        teams_commune, teams_village, teams_organisation, members)
      SELECT province_code, commune_code, sum(villages), sum(villages_with_team), sum(teams_province), sum(teams_commune),
        sum(teams_village), sum(teams_organisation), sum(members)
      FROM (
        SELECT c.province_code AS province_code, c.code AS commune_code, count(*) AS villages, 0 AS villages_with_team,
          0 AS teams_province, 0 AS teams_commune, 0 AS teams_village, 0 AS teams_organisation, 0 AS members
        FROM communes c JOIN villages v ON v.commune_code = c.code AND v.removed_at IS NULL WHERE ${villagesIn} GROUP BY c.code
        UNION ALL
        SELECT t.province_code, ${communeKey}, 0, count(DISTINCT t.village_id), sum(t.level = 'province'), sum(t.level = 'commune'),
          sum(t.level = 'village'), sum(t.level = 'organisation'), 0
        FROM teams t WHERE t.active = 1 AND (${teamsIn}) GROUP BY t.province_code, ${communeKey}
        UNION ALL
        SELECT t.province_code, ${communeKey}, 0, 0, 0, 0, 0, 0, count(*)
        FROM teams t JOIN members m ON m.team_id = t.id AND m.removed_at IS NULL WHERE t.active = 1 AND (${teamsIn}) GROUP BY t.province_code, ${communeKey}
      )
      GROUP BY province_code, commune_code`,
  ];
}

/** Bumps the directory version: every cached directory page and API answer is from then on a miss. */
function bumpDirectoryVersionStatement(now = Date.now()): SQL {
  return sql`UPDATE directory_version SET version = version + 1, changed_at = ${now} WHERE id = 1`;
}

/**
 * The same bump as a plain D1 statement, for writes that change what the
 * directory's pages show without changing its coverage (issue 17: a shift
 * planned, moved or cancelled shows on the commune page the moment it commits).
 */
export function bumpDirectoryVersion(db: D1Database, now = Date.now()): D1PreparedStatement {
  return db.prepare('UPDATE directory_version SET version = version + 1, changed_at = ? WHERE id = 1').bind(now);
}

/**
 * Statements to append to the batch (one transaction) of any directory write:
 * coverage of the places it touched recomputed, then the version bumped. In
 * the same batch, a reader sees either the old directory with the old version
 * or the new one with the new version — never new data under an old cache key.
 *
 *   await batch(d1, [...yourWrites, ...directoryChangedStatements({ communes: ['24169'] })]);
 *
 * (`batch` from functions/directory/d1-batch.ts runs drizzle queries and `sql`
 * templates as one D1 batch.)
 */
export function directoryChangedStatements(scope: DirectoryScope, now = Date.now()): SQL[] {
  return [...refreshCoverageStatements(scope), bumpDirectoryVersionStatement(now)];
}
