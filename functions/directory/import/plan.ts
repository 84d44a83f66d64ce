import { all } from '../d1-batch.ts';
import { generateMemberCode } from '../member-code.ts';
import type { DirectoryScope } from '../scope.ts';
import type { DirectoryChanges, ImportKind, TableCounts } from './changes.ts';
import { countChanges, diffMemberRemovals, diffMembers, diffTeams, diffVillages, matchMembers, startDiff, touchedUnits } from './diff.ts';
import type { RowError } from './parse-rows.ts';
import type { UnitsLookup } from './resolve-commune.ts';
import { liveCountsQuery, readStoredUnits, storedMemberCodes, versionQuery } from './stored.ts';
import type { ImportPlan, PlannedMember } from './validate.ts';

export type PlanResult = { ok: true; changes: DirectoryChanges } | { ok: false; errors: RowError[] };

export interface PlanOptions {
  scope?: DirectoryScope;
  /** Default 'full' (the file is the complete list of its units). */
  kind?: ImportKind;
  /** For tests: the member-code generator (default: random). */
  generateCode?: () => string;
}

/**
 * Computes, without writing, what importing a validated list changes: which
 * villages, teams and members are added (or come back), changed (which
 * fields), removed, by name (changes.ts says what a file means). Reads what
 * D1 holds for the file's units (stored.ts) and compares (diff.ts). Errors
 * (nothing to apply) only for member codes of members outside the scope. New
 * members get their codes here, checked unused, so the plan is exactly what
 * the apply (apply.ts) writes.
 */
export async function planDirectoryChanges(
  d1: D1Database,
  plan: ImportPlan,
  units: Pick<UnitsLookup, 'provinces' | 'communes'>,
  options: PlanOptions = {},
): Promise<PlanResult> {
  const scope = options.scope ?? 'national';
  const fileUnits = unitsOf(plan);
  const givenCodes = plan.members.flatMap((m) => (m.code ? [m.code] : []));
  const [[counts], [version]] = await Promise.all([all<TableCounts>(d1, liveCountsQuery), all<{ version: number }>(d1, versionQuery)]);
  const stored = await readStoredUnits(d1, fileUnits.communes, fileUnits.provinces, givenCodes);

  const diff = startDiff(options.kind ?? 'full', fileUnits, counts!, units, stored);
  const villageIds = diffVillages(diff, plan.villages, stored.villages);
  const teams = diffTeams(diff, plan, stored.teams, villageIds);
  const matched = matchMembers(diff, plan.members, stored, teams, scope);
  if (!matched.ok) return { ok: false, errors: matched.errors };
  const newMembers = plan.members.filter((m) => !matched.matches.has(m) && !m.code);
  const usedCodes = new Set([...givenCodes, ...[...stored.members, ...stored.elsewhere].map((m) => m.code)]);
  const drawn = await drawMemberCodes(d1, newMembers, usedCodes, options.generateCode ?? generateMemberCode);
  diffMembers(diff, plan.members, matched.matches, teams, drawn);
  diffMemberRemovals(diff, stored.members, matched.claimed);
  countChanges(diff.summary);
  return {
    ok: true,
    changes: { summary: diff.summary, scope, version: version?.version ?? null, touched: touchedUnits(diff, matched.matches), writes: diff.writes },
  };
}

/** The units a file is the complete list of: its communes, and the provinces of its province-level teams. */
function unitsOf(plan: ImportPlan): { communes: string[]; provinces: string[] } {
  const communes = [...new Set([...plan.villages, ...plan.teams, ...plan.members].flatMap((e) => (e.communeCode === null ? [] : [e.communeCode])))].sort();
  const provinces = [...new Set(plan.teams.filter((t) => t.communeCode === null).map((t) => t.provinceCode))].sort();
  return { communes, provinces };
}

/** Codes for new members: drawn, never one the database (or this file: `usedCodes`) already has. */
async function drawMemberCodes(
  d1: D1Database,
  newMembers: PlannedMember[],
  usedCodes: Set<string>,
  generateCode: () => string,
): Promise<Map<PlannedMember, string>> {
  const drawn = new Map<PlannedMember, string>();
  const draw = () => {
    let code: string;
    do code = generateCode();
    while (usedCodes.has(code));
    usedCodes.add(code);
    return code;
  };
  for (const planned of newMembers) drawn.set(planned, draw());
  for (let round = 0; drawn.size > 0; round++) {
    const taken = await storedMemberCodes(d1, [...drawn.values()]);
    if (taken.size === 0) break;
    if (round >= 5) throw new Error('could not draw unused member codes');
    for (const [planned, code] of drawn) if (taken.has(code)) drawn.set(planned, draw());
  }
  return drawn;
}
