import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Rows to write (village, team, member: id null = new), ids to remove, and
 * the plan's summary and scope (meta, in pieces), see functions/directory/import/plan.ts.
 */
export const importChunkKinds = ['village', 'team', 'member', 'remove_village', 'remove_team', 'remove_member', 'meta'] as const;

/**
 * Staging area of the directory import (CLI and web upload). A large file is uploaded here in
 * many small statements (D1 allows 100 bound parameters and 100 KB per
 * statement), each chunk a JSON array of already validated rows; one final
 * `batch()` (one transaction) then applies every chunk of the import with a
 * few set-based upserts and deletes them. So an import is all-or-nothing no
 * matter how big, and an interrupted upload leaves nothing visible.
 */
export const directoryImportChunks = sqliteTable(
  'directory_import_chunks',
  {
    importId: text('import_id').notNull(),
    chunkNo: integer('chunk_no').notNull(),
    kind: text('kind', { enum: importChunkKinds }).notNull(),
    /** JSON array of rows of this kind. */
    rows: text('rows').notNull(),
    /** Epoch milliseconds: chunks of abandoned imports are deleted after a day. */
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.chunkNo] })],
);
