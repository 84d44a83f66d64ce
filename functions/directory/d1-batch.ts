import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';

/**
 * Statements written with drizzle (query builders or `sql` templates) run as
 * plain D1 prepared statements: drizzle 0.45's own `batch()` cannot batch a
 * raw `sql` query that has parameters, and set-based upserts over json_each
 * are raw SQL. D1's `batch()` runs them in one transaction.
 */
export type Query = SQL | { toSQL(): { sql: string; params: unknown[] } };

const dialect = new SQLiteAsyncDialect();

export function prepare(d1: D1Database, query: Query): D1PreparedStatement {
  const { sql, params } = 'toSQL' in query ? query.toSQL() : dialect.sqlToQuery(query);
  return d1.prepare(sql).bind(...params);
}

export function batch(d1: D1Database, queries: Query[]): Promise<D1Result[]> {
  return d1.batch(queries.map((query) => prepare(d1, query)));
}

export async function all<T>(d1: D1Database, query: Query): Promise<T[]> {
  return (await prepare(d1, query).all<T>()).results;
}

/** Rows per page when reading a whole table or unit: small responses, also from a remote D1. */
const pageSize = 5000;

/** Every row of a query read page by page in id order (`page` returns the rows after an id, at most `limit`). */
export async function readPaged<T extends { id: number }>(page: (afterId: number, limit: number) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let afterId = 0; ; ) {
    const part = await page(afterId, pageSize);
    rows.push(...part);
    if (part.length < pageSize) return rows;
    afterId = part[part.length - 1]!.id;
  }
}
