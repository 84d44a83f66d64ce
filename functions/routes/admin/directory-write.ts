import { prepare, type Query } from '../../../db/directory/d1-batch.ts';
import { bumpDirectoryVersionSql } from '../../../db/directory/import-changes.ts';
import type { Place } from '../../auth/official.ts';

/**
 * What every directory write by an official runs in its own transaction,
 * after the write: the directory version bump (a preview made before is then
 * refused at confirm). THE one place to add what else must follow a write
 * (coverage tables, cache version: notes/scale.md `directoryChangedStatements`).
 */
export function afterDirectoryWrite(place: Place, options: { versionBumped?: boolean } = {}): Query[] {
  void place;
  return options.versionBumped ? [] : [bumpDirectoryVersionSql];
}

/** afterDirectoryWrite as prepared statements (for confirmDirectoryUpload's extraStatements). */
export function afterDirectoryWriteStatements(d1: D1Database, place: Place, options: { versionBumped?: boolean } = {}): D1PreparedStatement[] {
  return afterDirectoryWrite(place, options).map((q) => prepare(d1, q));
}

/** Runs writes, their audit entries and afterDirectoryWrite in one D1 batch (one transaction). */
export function writeDirectory(d1: D1Database, place: Place, writes: (Query | D1PreparedStatement)[]): Promise<D1Result[]> {
  const statements = [...writes, ...afterDirectoryWrite(place)].map((q) => ('bind' in q ? q : prepare(d1, q)));
  return d1.batch(statements);
}

