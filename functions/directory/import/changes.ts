import type { ColumnKey } from '../sheet/columns.ts';
import type { DirectoryScope } from '../scope.ts';
import type { StagedValue } from './staged-rows.ts';

/**
 * What an import changes, computed before anything is written, and the write
 * itself. A file is the complete list of every commune it contains (and, for
 * province-level teams, of every province it has such rows for): villages,
 * teams and members of those units that are missing from it are removed —
 * kept with the date, so past usage reports still add up, but hidden from
 * every public page, API response and export, and a removed member's phone
 * and consent to publish it are cleared at once. Units the file does not name
 * are untouched.
 *
 * Identities: village = (commune, folded name); team = (place, folded name);
 * member = the `Mã thành viên` of the row when the database has that code (a
 * corrected name, or a move to another team, is the same person), otherwise
 * (team, folded name). A row matching a removed entry brings it back.
 *
 * The engine, in the order it runs (each module reads on its own):
 * - validate.ts: the file's rows → the wanted state (ImportPlan);
 * - plan.ts: planDirectoryChanges, the wanted state against what D1 holds
 *   (stored.ts) → these DirectoryChanges; it only reads;
 * - diff.ts: the comparison itself: adds, updates, removals, the `kind` rule
 *   and the large-removal threshold;
 * - stage.ts: the plan stored in the staging table (the web preview);
 * - apply.ts: the staged plan written in one D1 batch (one transaction),
 *   refused if the directory changed in between.
 * All take a D1Database and run in the Worker and in Node alike.
 */

export interface TableCounts {
  villages: number;
  teams: number;
  members: number;
}

/** One field that changes, with the values as the spreadsheet writes them. */
export interface FieldChange {
  column: ColumnKey;
  before: string;
  after: string;
}

export interface VillageRef {
  communeCode: string;
  name: string;
  /** "Xã Ea Kar (24373)". */
  place: string;
}

export interface TeamRef {
  provinceCode: string;
  communeCode: string | null;
  villageName: string | null;
  name: string;
  /** "Thôn 1, Xã Ea Kar (24373)", or the province for a province-level team. */
  place: string;
}

export interface MemberRef {
  code: string;
  fullName: string;
  team: TeamRef;
  /** The file's row (added and changed members). */
  rowNumber?: number;
}

/** Added entries may be removed ones coming back (restored: true). */
export interface EntityChanges<Ref> {
  added: (Ref & { restored: boolean })[];
  changed: (Ref & { fields: FieldChange[] })[];
  removed: Ref[];
  unchanged: number;
}

/** What an import will change (the preview), and, once applied, what it changed. */
export interface DirectoryChangeSummary {
  /** What the file is: the complete list of its units, or only people to add or correct (nothing removed). */
  kind: ImportKind;
  /** The units the file is the complete list of: communes, and provinces for their province-level teams. */
  units: { communes: string[]; provinces: string[] };
  villages: EntityChanges<VillageRef>;
  teams: EntityChanges<TeamRef>;
  members: EntityChanges<MemberRef>;
  /** Entries in the whole directory (not removed), before and after. */
  before: TableCounts;
  after: TableCounts;
  /** Entries added, changed or removed per table: all 0 = the file is already the directory. */
  changed: TableCounts;
  /**
   * The removal is large: it removes a team or a village, or more than a
   * quarter of the members of one of its units. Applying it then needs a
   * second, explicit consent (`allowRemovals`), on the web as in the CLI.
   */
  largeRemoval: boolean;
}

/**
 * `full`: the file is the complete list of each commune it names (whoever is
 * missing is removed); `changes`: only people to add or correct, nobody is
 * removed. The upload form's field `kind` and the CLI's `--kind=`.
 */
export const importKinds = ['full', 'changes'] as const;
export type ImportKind = (typeof importKinds)[number];

/** The exact writes of a plan, as staged rows (staged-rows.ts) and ids to remove. */
export interface DirectoryWrites {
  villages: StagedValue[][];
  teams: StagedValue[][];
  members: StagedValue[][];
  removed: { villages: number[]; teams: number[]; members: number[] };
}

/** A plan: the summary for people and the exact writes for applyDirectoryChanges. JSON-serializable. */
export interface DirectoryChanges {
  summary: DirectoryChangeSummary;
  scope: DirectoryScope;
  /** `directory_version.version` when the plan was made: the apply refuses if it moved. */
  version: number | null;
  /** Where the write lands (the units, and the old places of members moved in): coverage is refreshed there. */
  touched: { communes: string[]; provinces: string[] };
  writes: DirectoryWrites;
}
