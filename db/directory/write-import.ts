import { and, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { all, batch } from './d1-batch.ts';
import { directoryChangedStatements } from './directory-changed.ts';
import { randomUUID } from 'node:crypto';
import { communes, datasetInfo, legacyCommunes, provinces } from '../schema/directory.ts';
import { directoryImportChunks, type importChunkKinds } from '../schema/directory-import.ts';
import { chunkItems, jsonChunks } from './json-chunks.ts';
import { generateMemberCode } from './member-code.ts';
import type { RowError } from './parse-rows.ts';
import type { LegacyCommune, UnitsLookup } from './resolve-commune.ts';
import type { ImportPlan, PlannedMember, PlannedTeam, PlannedVillage, TeamPlace } from './validate.ts';

/**
 * The official units as the validator needs them, read from D1 (the source of
 * truth, local or remote): all provinces and communes, and the pre-2025
 * mappings of those codes of the file that are not current commune codes.
 */
export async function loadUnitsLookup(d1: D1Database, codesInFile: Iterable<string>): Promise<UnitsLookup> {
  const db = drizzle(d1);
  const [provinceRows, communeRows] = await Promise.all([
    db.select({ code: provinces.code, name: provinces.name }).from(provinces),
    db.select({ code: communes.code, provinceCode: communes.provinceCode, name: communes.name }).from(communes),
  ]);
  const communeCodes = new Set(communeRows.map((c) => c.code));
  const oldCodes = [...new Set(codesInFile)].filter((code) => !communeCodes.has(code));
  const legacy = new Map<string, LegacyCommune[]>();
  for (const chunk of jsonChunks(oldCodes)) {
    const rows = await db
      .select()
      .from(legacyCommunes)
      .where(inArray(legacyCommunes.oldCode, sql`(SELECT value FROM json_each(${chunk}))`));
    for (const { oldCode, ...row } of rows) legacy.set(oldCode, [...(legacy.get(oldCode) ?? []), row]);
  }
  return {
    provinces: new Map(provinceRows.map(({ code, name }) => [code, { name }])),
    communes: new Map(communeRows.map(({ code, ...rest }) => [code, rest])),
    legacy,
  };
}

export interface TableCounts {
  villages: number;
  teams: number;
  members: number;
}

export interface ImportSummary {
  before: TableCounts;
  after: TableCounts;
  /** Rows inserted or changed, per table (0 everywhere = the file was already in the database). */
  changed: TableCounts;
}

export type WriteResult = { ok: true; summary: ImportSummary } | { ok: false; errors: RowError[] };

/** A staged member: the plan's member with the code it gets if it is new, and whether the file gave that code. */
type StagedMember = PlannedMember & { code: string; codeGiven: 0 | 1 };

type ChunkKind = (typeof importChunkKinds)[number];

/**
 * Staged rows are JSON arrays (half the bytes of objects, so half the upload
 * and half the pages the staging leaves free); a layout names each position
 * once, for the encoder here and the `j.value ->> i AS column` list in SQL.
 */
function layout<T>(columns: Record<string, (row: T) => string | number | null>) {
  const names = Object.keys(columns);
  return {
    encode: (row: T) => names.map((name) => columns[name]!(row)),
    position: (name: string) => names.indexOf(name),
    select: sql.raw(names.map((name, i) => `j.value ->> ${i} AS ${name}`).join(', ')),
  };
}
const villageLayout = layout<PlannedVillage>({
  commune_code: (v) => v.communeCode,
  name: (v) => v.name,
  kind: (v) => v.kind,
  name_folded: (v) => v.nameFolded,
});
/** A team's or member's place: province, commune, village (by folded name). */
const placeColumns = {
  province_code: (p: TeamPlace) => p.provinceCode,
  commune_code: (p: TeamPlace) => p.communeCode,
  village_folded: (p: TeamPlace) => p.villageNameFolded,
};
const teamLayout = layout<PlannedTeam>({
  ...placeColumns,
  level: (t) => t.level,
  name: (t) => t.name,
  name_folded: (t) => t.nameFolded,
  zalo_url: (t) => t.zaloUrl,
  decision_number: (t) => t.decisionNumber,
  decision_date: (t) => t.decisionDate,
  active: (t) => (t.active ? 1 : 0),
});
const memberLayout = layout<StagedMember>({
  ...placeColumns,
  row_number: (m) => m.rowNumber,
  team_folded: (m) => m.teamNameFolded,
  full_name: (m) => m.fullName,
  name_folded: (m) => m.nameFolded,
  role: (m) => m.role,
  position: (m) => m.position,
  phone: (m) => m.phone,
  publish_contact: (m) => (m.publishContact ? 1 : 0),
  code: (m) => m.code,
  code_given: (m) => m.codeGiven,
});

/** Upload batches of ten chunks stay under about 1 MB, so a request to a remote D1 is never huge. */
const chunksPerBatch = 10;
/** Chunks of an import that died before applying are removed after a day. */
const abandonedAfterMs = 24 * 60 * 60 * 1000;

/**
 * Writes a validated plan. A big file fits neither one D1 statement nor one
 * sane request, and several batches would be several transactions; so the
 * rows are first uploaded to a staging table in small statements, then applied
 * by one `batch()` — one transaction — of set-based upserts over the staged
 * JSON: everything is written or nothing. Upserts are keyed on the schema's
 * identities (village: commune + folded name; team: place + folded name;
 * member: team + folded name) and only touch rows whose values differ, so
 * re-importing a file changes nothing.
 */
export async function writeImportPlan(
  d1: D1Database,
  plan: ImportPlan,
  options: { datasetInfo?: Record<string, string>; onProgress?: (step: string) => void; generateCode?: () => string } = {},
): Promise<WriteResult> {
  const progress = options.onProgress ?? (() => {});
  const generateCode = options.generateCode ?? generateMemberCode;
  const db = drizzle(d1);
  const importId = randomUUID();
  await db.delete(directoryImportChunks).where(lt(directoryImportChunks.createdAt, Date.now() - abandonedAfterMs));

  const usedCodes = new Set(plan.members.flatMap((m) => (m.code ? [m.code] : [])));
  const drawCode = () => {
    let code: string;
    do code = generateCode();
    while (usedCodes.has(code));
    usedCodes.add(code);
    return code;
  };
  const members = plan.members.map((m) => memberLayout.encode({ ...m, code: m.code ?? drawCode(), codeGiven: m.code ? 1 : 0 }));
  const chunks: { kind: ChunkKind; json: string; members?: (string | number | null)[][] }[] = [
    ...chunkItems(plan.villages.map(villageLayout.encode)).map(({ json }) => ({ kind: 'village' as const, json })),
    ...chunkItems(plan.teams.map(teamLayout.encode)).map(({ json }) => ({ kind: 'team' as const, json })),
    ...chunkItems(members).map(({ json, items }) => ({ kind: 'member' as const, json, members: items })),
  ];
  const rowNumberAt = memberLayout.position('row_number');
  const codeAt = memberLayout.position('code');

  try {
    const createdAt = Date.now();
    for (let start = 0; start < chunks.length; start += chunksPerBatch) {
      await batch(
        d1,
        chunks
          .slice(start, start + chunksPerBatch)
          .map((chunk, i) => db.insert(directoryImportChunks).values({ importId, chunkNo: start + i, kind: chunk.kind, rows: chunk.json, createdAt })),
      );
    }
    progress(`staged ${chunks.length} chunks`);

    // Member codes stay unique: a code from the file that belongs to another
    // member is the file's error; a drawn one that happens to be taken is drawn again.
    for (let round = 0; ; round++) {
      const conflicts = await all<CodeConflict>(d1, codeConflictsQuery(importId));
      if (conflicts.length === 0) break;
      const given = conflicts.filter((c) => c.codeGiven === 1);
      if (given.length > 0) {
        return {
          ok: false,
          errors: given.map((c) => ({
            rowNumber: c.rowNumber,
            column: 'Mã thành viên',
            message: `mã ${c.code} đã là mã của thành viên khác (${c.fullName}, ${c.teamName})`,
          })),
        };
      }
      if (round >= 5) throw new Error('could not draw unused member codes');
      const redraw = new Set(conflicts.map((c) => c.rowNumber));
      for (const [chunkNo, chunk] of chunks.entries()) {
        if (!chunk.members?.some((m) => redraw.has(m[rowNumberAt] as number))) continue;
        for (const m of chunk.members) if (redraw.has(m[rowNumberAt] as number)) m[codeAt] = drawCode();
        chunk.json = JSON.stringify(chunk.members);
        await db
          .update(directoryImportChunks)
          .set({ rows: chunk.json })
          .where(and(eq(directoryImportChunks.importId, importId), eq(directoryImportChunks.chunkNo, chunkNo)));
      }
    }

    progress('checked member codes');
    const infoUpserts = Object.entries(options.datasetInfo ?? {}).map(([key, value]) =>
      db.insert(datasetInfo).values({ key, value }).onConflictDoUpdate({ target: datasetInfo.key, set: { value } }),
    );
    const results = await batch(d1, [
      countsQuery,
      // Each apply is followed by SQLite's changes(): D1's meta.changes also
      // counts what the search index (FTS5, kept by triggers of migration 0007)
      // writes, and FTS5 may flush that during a later statement.
      applyVillages(importId),
      changesQuery,
      applyTeams(importId, plan.sets),
      changesQuery,
      applyMembers(importId, false),
      changesQuery,
      applyMembers(importId, true),
      changesQuery,
      ...infoUpserts,
      // Coverage and the cache version follow in the same transaction.
      ...directoryChangedStatements('all'),
      countsQuery,
    ]);
    const counts = (result: D1Result | undefined) => (result!.results as TableCounts[])[0]!;
    const changes = (i: number) => (results[i]!.results as { n: number }[])[0]!.n;
    return {
      ok: true,
      summary: {
        before: counts(results[0]),
        after: counts(results[results.length - 1]),
        changed: { villages: changes(2), teams: changes(4), members: changes(6) + changes(8) },
      },
    };
  } finally {
    await db.delete(directoryImportChunks).where(eq(directoryImportChunks.importId, importId));
  }
}

/** Rows the statement just before changed, not counting what triggers wrote. */
const changesQuery = sql`SELECT changes() AS n`;

const countsQuery = sql`SELECT (SELECT count(*) FROM villages) AS villages, (SELECT count(*) FROM teams) AS teams,
  (SELECT count(*) FROM members) AS members`;

/** The staged rows of one kind of one import, one JSON array per row as `j.value`. */
const staged = (importId: string, kind: ChunkKind) =>
  sql`directory_import_chunks s, json_each(s.rows) j WHERE s.import_id = ${importId} AND s.kind = ${kind}`;

/** A team's place_key, from its place columns and its village (joined as v). */
const placeKey = (alias: string) =>
  sql.raw(`CASE WHEN ${alias}.village_folded IS NOT NULL THEN 'v:' || v.id
    WHEN ${alias}.commune_code IS NOT NULL THEN 'c:' || ${alias}.commune_code ELSE 'p:' || ${alias}.province_code END`);

/** `SET a = excluded.a, … WHERE (t.a, …) IS NOT (excluded.a, …)`: only rows that differ are written (and counted). */
function updateChanged(table: string, columns: string[]): SQL {
  const list = (prefix: string) => columns.map((c) => `${prefix}.${c}`).join(', ');
  return sql.raw(
    `DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')} WHERE (${list(table)}) IS NOT (${list('excluded')})`,
  );
}

function applyVillages(importId: string): SQL {
  return sql`INSERT INTO villages (commune_code, name, kind, name_folded)
    SELECT v.commune_code, v.name, v.kind, v.name_folded
    FROM (SELECT ${villageLayout.select} FROM ${staged(importId, 'village')}) v
    WHERE true
    ON CONFLICT (commune_code, name_folded) ${updateChanged('villages', ['name', 'kind'])}`;
}

function applyTeams(importId: string, sets: ImportPlan['sets']): SQL {
  // Optional columns absent from the file leave the stored values alone.
  const columns = ['name', 'decision_number', 'decision_date'];
  if (sets.level) columns.push('level');
  if (sets.zaloUrl) columns.push('zalo_url');
  if (sets.status) columns.push('active');
  return sql`INSERT INTO teams (level, name, name_folded, province_code, commune_code, village_id, zalo_url,
      decision_number, decision_date, active, place_key)
    SELECT t.level, t.name, t.name_folded, t.province_code, t.commune_code, v.id, t.zalo_url,
      t.decision_number, t.decision_date, t.active, ${placeKey('t')}
    FROM (SELECT ${teamLayout.select} FROM ${staged(importId, 'team')}) t
    LEFT JOIN villages v ON v.commune_code = t.commune_code AND v.name_folded = t.village_folded
    WHERE true
    ON CONFLICT (place_key, name_folded) ${updateChanged('teams', columns)}`;
}

/** Members whose code the file gave (that code is stored) or not (a new member gets the drawn code, a known one keeps its own). */
function applyMembers(importId: string, codeGiven: boolean): SQL {
  const columns = ['full_name', 'role', 'position', 'phone', 'publish_contact'];
  if (codeGiven) columns.push('code');
  return sql`INSERT INTO members (code, team_id, full_name, name_folded, role, position, phone, publish_contact)
    SELECT m.code, tm.id, m.full_name, m.name_folded, m.role, m.position, m.phone, m.publish_contact
    FROM (SELECT ${memberLayout.select} FROM ${staged(importId, 'member')}) m
    LEFT JOIN villages v ON v.commune_code = m.commune_code AND v.name_folded = m.village_folded
    JOIN teams tm ON tm.name_folded = m.team_folded AND tm.place_key = ${placeKey('m')}
    WHERE m.code_given = ${codeGiven ? 1 : 0}
    ON CONFLICT (team_id, name_folded) ${updateChanged('members', columns)}`;
}

interface CodeConflict {
  rowNumber: number;
  code: string;
  codeGiven: 0 | 1;
  fullName: string;
  teamName: string;
}

/** Staged members whose code is already held by a different member. */
function codeConflictsQuery(importId: string): SQL {
  return sql`SELECT m.row_number AS rowNumber, m.code AS code, m.code_given AS codeGiven, e.full_name AS fullName, t.name AS teamName
    FROM (SELECT ${memberLayout.select} FROM ${staged(importId, 'member')}) m
    JOIN members e ON e.code = m.code
    JOIN teams t ON t.id = e.team_id
    LEFT JOIN villages v ON v.id = t.village_id
    WHERE NOT (e.name_folded = m.name_folded AND t.name_folded = m.team_folded AND t.province_code = m.province_code
      AND t.commune_code IS m.commune_code AND v.name_folded IS m.village_folded)`;
}
