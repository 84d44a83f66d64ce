import { prepare, type Query } from '../../directory/d1-batch.ts';
import { directoryChangedStatements, type DirectoryScope } from '../../directory/directory-changed.ts';
import type { Place } from '../../auth/official.ts';

/** The read models to refresh after a write at this place: its commune, or for a province-level team its province. */
const changedScope = (place: Place): DirectoryScope =>
  place.communeCode ? { communes: [place.communeCode] } : place.provinceCode ? { provinces: [place.provinceCode] } : 'all';

/**
 * What every directory write by an official runs in its own transaction,
 * after the write: the place's coverage recomputed and the directory version
 * bumped, so cached pages and API answers (a withdrawn phone included) are
 * misses from then on and a preview made before is refused at confirm. (An
 * upload's confirm appends both itself.)
 */
function afterDirectoryWrite(place: Place): Query[] {
  return directoryChangedStatements(changedScope(place));
}

/** Runs writes, their audit entries and afterDirectoryWrite in one D1 batch (one transaction). */
export function writeDirectory(d1: D1Database, place: Place, writes: (Query | D1PreparedStatement)[]): Promise<D1Result[]> {
  const statements = [...writes, ...afterDirectoryWrite(place)].map((q) => ('bind' in q ? q : prepare(d1, q)));
  return d1.batch(statements);
}
