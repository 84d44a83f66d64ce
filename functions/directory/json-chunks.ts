import { sql } from 'drizzle-orm';

/**
 * D1 allows 100 bound parameters and 100 KB per statement. Bulk writes bind
 * whole arrays as one JSON text parameter, read in SQL with json_each: each
 * chunk stays under this many bytes, so any number of rows fits the limits.
 */
export const maxChunkBytes = 90_000;

const utf8 = new TextEncoder();

/** Groups items into JSON arrays of at most maxBytes UTF-8 bytes each (an item larger than that is an error). */
export function chunkItems<T>(items: readonly T[], maxBytes = maxChunkBytes): { items: T[]; json: string }[] {
  const chunks: { items: T[]; json: string }[] = [];
  let group: T[] = [];
  let parts: string[] = [];
  // Brackets plus a comma per item, minus the first item's comma.
  let bytes = 1;
  const flush = () => {
    chunks.push({ items: group, json: `[${parts.join(',')}]` });
    group = [];
    parts = [];
    bytes = 1;
  };
  for (const item of items) {
    const json = JSON.stringify(item);
    const size = utf8.encode(json).length + 1;
    if (size + 1 > maxBytes) throw new Error(`one row is larger than ${maxBytes} bytes`);
    if (bytes + size > maxBytes && parts.length > 0) flush();
    group.push(item);
    parts.push(json);
    bytes += size;
  }
  if (parts.length > 0) flush();
  return chunks;
}

/** `(SELECT value FROM json_each(?))`: a JSON array (one chunk) bound as one parameter, as the right side of IN. */
export const inJson = (json: string) => sql`(SELECT value FROM json_each(${json}))`;

export function jsonChunks(items: readonly unknown[], maxBytes = maxChunkBytes): string[] {
  return chunkItems(items, maxBytes).map((chunk) => chunk.json);
}
