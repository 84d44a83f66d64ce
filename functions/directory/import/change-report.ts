import { columnHeader } from '../sheet/columns.ts';
import type { DirectoryChangeSummary, FieldChange, MemberRef, TeamRef, VillageRef } from './changes.ts';

/** Columns whose values a report does not print (the report may end up in a terminal log or a chat). */
const privateColumns = new Set<FieldChange['column']>(['phone']);

function fieldText(change: FieldChange): string {
  const label = columnHeader(change.column);
  if (privateColumns.has(change.column)) return `${label} (đổi)`;
  return `${label}: "${change.before}" → "${change.after}"`;
}

const villageText = (v: VillageRef) => `${v.name}, ${v.place}`;
const teamText = (t: TeamRef) => `${t.name} — ${t.place}`;
const memberText = (m: MemberRef) => `${m.fullName} (mã ${m.code}) — ${m.team.name}, ${m.team.place}`;

/** "7 người, 1 tổ, 2 thôn": what a list removes, counts only (the web preview's warning and the CLI's). */
export function removalCounts(summary: Pick<DirectoryChangeSummary, 'villages' | 'teams' | 'members'>): string {
  const parts: [number, string][] = [
    [summary.members.removed.length, 'người'],
    [summary.teams.removed.length, 'tổ'],
    [summary.villages.removed.length, 'thôn'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ');
}

/** How many entries a list removes in all (people, teams, villages). */
export const removalTotal = (summary: Pick<DirectoryChangeSummary, 'villages' | 'teams' | 'members'>) =>
  summary.members.removed.length + summary.teams.removed.length + summary.villages.removed.length;

/**
 * The import's report in Vietnamese, as the CLI prints it: counts per table,
 * then every removal by name (a list is the complete list of its communes:
 * whoever is missing from it leaves the public directory), then what changed.
 * Phone numbers are never printed.
 */
export function formatChangeReport(summary: DirectoryChangeSummary, options: { applied: boolean } = { applied: true }): string {
  const lines: string[] = [];
  const line = (label: string, kind: 'villages' | 'teams' | 'members') => {
    const c = summary[kind];
    const restored = c.added.filter((a) => a.restored).length;
    return `${label}: ${summary.after[kind]} (thêm ${c.added.length}${restored > 0 ? `, trong đó ${restored} trở lại` : ''}, sửa ${c.changed.length}, gỡ ${c.removed.length})`;
  };
  lines.push(`  ${line('Thôn/tổ dân phố', 'villages')}; ${line('Tổ', 'teams')}; ${line('Thành viên', 'members')}.`);
  const removed = removalTotal(summary);
  if (removed === 0) lines.push(summary.kind === 'changes' ? '  Tệp chỉ gồm người cần thêm hoặc sửa: không gỡ ai.' : '  Không gỡ ai, tổ hay thôn nào.');
  else {
    lines.push(
      `  ${options.applied ? 'Đã gỡ' : 'Sẽ gỡ'} khỏi danh bạ công khai ${removed} mục không còn trong tệp — ${removalCounts(summary)} (giữ lại trong dữ liệu kèm ngày gỡ; số điện thoại của thành viên bị xoá):`,
    );
    for (const m of summary.members.removed) lines.push(`    - Thành viên: ${memberText(m)}`);
    for (const t of summary.teams.removed) lines.push(`    - Tổ: ${teamText(t)}`);
    for (const v of summary.villages.removed) lines.push(`    - Thôn/tổ dân phố: ${villageText(v)}`);
  }
  const changed = [
    ...summary.members.changed.map((m) => `    - Thành viên ${memberText(m)}: ${m.fields.map(fieldText).join('; ')}`),
    ...summary.teams.changed.map((t) => `    - Tổ ${teamText(t)}: ${t.fields.map(fieldText).join('; ')}`),
    ...summary.villages.changed.map((v) => `    - Thôn ${villageText(v)}: ${v.fields.map(fieldText).join('; ')}`),
  ];
  if (changed.length > 0) lines.push(`  ${options.applied ? 'Đã sửa' : 'Sẽ sửa'}:`, ...changed);
  return lines.join('\n');
}
