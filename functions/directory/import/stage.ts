import { and, eq, lt, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { directoryImportChunks, type importChunkKinds } from '../../../db/schema/directory-import.ts';
import { batch } from '../d1-batch.ts';
import { chunkItems } from '../json-chunks.ts';
import type { DirectoryChanges } from './changes.ts';

/**
 * The staging of a plan (the web upload's preview, and the CLI's plan on its
 * way to the apply): its rows in `directory_import_chunks` under an import id,
 * until apply.ts writes them in one transaction or they expire.
 */

type ChunkKind = (typeof importChunkKinds)[number];

/** Upload batches of ten chunks stay under about 1 MB, so a request to a remote D1 is never huge. */
const chunksPerBatch = 10;
/** Staged plans never applied (a preview nobody confirmed, an upload that died) are removed after a day. */
export const abandonedAfterMs = 24 * 60 * 60 * 1000;
/** Meta (the plan's summary, gzipped, base64: ASCII) is stored in pieces of this many characters. */
const metaPieceChars = 90_000;

/**
 * Stores a plan in the staging table (`directory_import_chunks`) under a new
 * id, in small statements within D1's limits; nothing in the directory
 * changes. applyStagedDirectoryChanges then writes it in one transaction —
 * right away (the CLI, applyDirectoryChanges) or when an official confirms a
 * preview (the web upload). Stale staged plans are removed here.
 */
export async function stageDirectoryChanges(d1: D1Database, changes: DirectoryChanges): Promise<string> {
  const db = drizzle(d1);
  await db.delete(directoryImportChunks).where(lt(directoryImportChunks.createdAt, Date.now() - abandonedAfterMs));
  const importId = crypto.randomUUID();
  const { writes, ...meta } = changes;
  // The summary names every entry with its team and place: gzip makes its repeats ~10 times smaller to stage.
  const metaText = await gzipBase64(JSON.stringify(meta));
  const chunks: { kind: ChunkKind; json: string }[] = [];
  for (let at = 0; at < metaText.length; at += metaPieceChars) chunks.push({ kind: 'meta', json: metaText.slice(at, at + metaPieceChars) });
  const add = (kind: ChunkKind, items: readonly unknown[]) => chunks.push(...chunkItems(items).map(({ json }) => ({ kind, json })));
  add('village', writes.villages);
  add('team', writes.teams);
  add('member', writes.members);
  add('remove_village', writes.removed.villages);
  add('remove_team', writes.removed.teams);
  add('remove_member', writes.removed.members);
  const createdAt = Date.now();
  for (let start = 0; start < chunks.length; start += chunksPerBatch) {
    await batch(
      d1,
      chunks
        .slice(start, start + chunksPerBatch)
        .map((chunk, i) => db.insert(directoryImportChunks).values({ importId, chunkNo: start + i, kind: chunk.kind, rows: chunk.json, createdAt })),
    );
  }
  return importId;
}

/** A staged plan as the apply reads it back: everything but the writes (those stay in D1). */
export type StagedDirectoryChanges = Omit<DirectoryChanges, 'writes'>;

/** The summary and scope of a staged plan; null if there is none under this id (applied, expired, never staged). */
export async function readStagedDirectoryChanges(d1: D1Database, importId: string): Promise<StagedDirectoryChanges | null> {
  const pieces = await drizzle(d1)
    .select({ rows: directoryImportChunks.rows })
    .from(directoryImportChunks)
    .where(and(eq(directoryImportChunks.importId, importId), eq(directoryImportChunks.kind, 'meta')))
    .orderBy(directoryImportChunks.chunkNo);
  if (pieces.length === 0) return null;
  return JSON.parse(await gunzipBase64(pieces.map((p) => p.rows).join(''))) as StagedDirectoryChanges;
}

/** The staged rows of one kind of one import, one JSON value per row as `j.value` (the apply's SQL reads them so). */
export const staged = (importId: string, kind: ChunkKind) =>
  sql`directory_import_chunks s, json_each(s.rows) j WHERE s.import_id = ${importId} AND s.kind = ${kind}`;

/** Text → gzip → base64 (Web streams: the same in the Worker and in Node). */
async function gzipBase64(text: string): Promise<string> {
  const gzipped = new Uint8Array(await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
  let binary = '';
  for (let at = 0; at < gzipped.length; at += 0x8000) binary += String.fromCharCode(...gzipped.subarray(at, at + 0x8000));
  return btoa(binary);
}

async function gunzipBase64(base64: string): Promise<string> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
}
