// The removal rules of diff.ts on their own (no D1): what a `full` and a
// `changes` file remove, and where a removal becomes large enough to need the
// second consent (`allowRemovals`, `--allow-removals`).
import { describe, expect, it } from 'vitest';
import { diffMemberRemovals, diffTeams, diffVillages, startDiff } from '../../../../functions/directory/import/diff.ts';
import type { ImportKind } from '../../../../functions/directory/import/changes.ts';
import type { MemberRow, StoredUnits, TeamRow, VillageRow } from '../../../../functions/directory/import/stored.ts';
import type { ImportPlan } from '../../../../functions/directory/import/validate.ts';

const units = {
  provinces: new Map([['66', { name: 'Tỉnh Đắk Lắk' }]]),
  communes: new Map([
    ['24373', { provinceCode: '66', name: 'Xã Ea Kar' }],
    ['24376', { provinceCode: '66', name: 'Xã Ea Knốp' }],
  ]),
};

const village = (id: number): VillageRow => ({ id, communeCode: '24373', name: `Thôn ${id}`, kind: 'thon', nameFolded: `thon ${id}`, removedAt: null });
const team = (id: number, communeCode: string): TeamRow => ({
  id,
  level: 'commune',
  name: `Tổ ${id}`,
  nameFolded: `to ${id}`,
  provinceCode: '66',
  communeCode,
  villageId: null,
  villageName: null,
  zaloUrl: null,
  decisionNumber: null,
  decisionDate: null,
  active: 1,
  placeKey: `c:${communeCode}`,
  removedAt: null,
});
const member = (id: number, teamId: number): MemberRow => ({
  id,
  code: `CODE${String(id).padStart(4, '0')}`,
  teamId,
  fullName: `Người ${id}`,
  nameFolded: `nguoi ${id}`,
  role: 'thanh_vien',
  position: null,
  phone: '0912345678',
  publishContact: 1,
  removedAt: null,
});

/** Team 1 in Ea Kar with `inEaKar` members, team 2 in Ea Knốp with `inEaKnop`; the file keeps all but the `leaving` ids. */
function removals(kind: ImportKind, inEaKar: number, inEaKnop: number, leaving: number[]) {
  const members = [...Array.from({ length: inEaKar }, (_, i) => member(i + 1, 1)), ...Array.from({ length: inEaKnop }, (_, i) => member(100 + i, 2))];
  const stored: StoredUnits = { villages: [], teams: [team(1, '24373'), team(2, '24376')], members, elsewhere: [], teamsElsewhere: [] };
  const counts = { villages: 0, teams: 2, members: members.length };
  const diff = startDiff(kind, { communes: ['24373', '24376'], provinces: [] }, counts, units, stored);
  diffMemberRemovals(diff, members, new Set(members.map((m) => m.id).filter((id) => !leaving.includes(id))));
  return diff;
}

describe('member removals and the large-removal threshold', () => {
  it('a full file removes the live members it does not name, by name, and writes their ids', () => {
    const diff = removals('full', 8, 4, [3, 5]);
    expect(diff.summary.members.removed.map((m) => m.fullName)).toEqual(['Người 3', 'Người 5']);
    expect(diff.summary.members.removed[0]!.team.place).toBe('Xã Ea Kar (24373)');
    expect(diff.writes.removed.members).toEqual([3, 5]);
  });

  it('a quarter of one commune is not large; one more member is', () => {
    expect(removals('full', 8, 4, [1, 2]).summary.largeRemoval).toBe(false); // 2 of 8
    expect(removals('full', 8, 4, [1, 2, 3]).summary.largeRemoval).toBe(true); // 3 of 8
    expect(removals('full', 4, 4, [1]).summary.largeRemoval).toBe(false); // 1 of 4
    expect(removals('full', 4, 4, [1, 2]).summary.largeRemoval).toBe(true); // 2 of 4
    expect(removals('full', 10, 4, [1, 2, 3]).summary.largeRemoval).toBe(true); // 3 of 10: over a quarter, under a third
  });

  it('counts the share per commune, not over the whole file', () => {
    // 2 of 4 in Ea Knốp is large even though it is 2 of 12 in the file.
    expect(removals('full', 8, 4, [100, 101]).summary.largeRemoval).toBe(true);
    expect(removals('full', 8, 4, [1, 100]).summary.largeRemoval).toBe(false);
  });

  it('a changes file removes nobody, so nothing is large', () => {
    const diff = removals('changes', 4, 4, [1, 2, 3, 100]);
    expect(diff.summary.members.removed).toEqual([]);
    expect(diff.writes.removed.members).toEqual([]);
    expect(diff.summary.largeRemoval).toBe(false);
  });
});

describe('team and village removals', () => {
  const plan: ImportPlan = { villages: [], teams: [], members: [], sets: { level: true, zaloUrl: true, status: true }, mappedCodes: [] };

  it('removing only a village (no team, no member) is large too', () => {
    const stored: StoredUnits = { villages: [village(7)], teams: [], members: [], elsewhere: [], teamsElsewhere: [] };
    const diff = startDiff('full', { communes: ['24373'], provinces: [] }, { villages: 1, teams: 0, members: 0 }, units, stored);
    diffVillages(diff, plan.villages, stored.villages);
    diffMemberRemovals(diff, [], new Set());
    expect(diff.writes.removed.villages).toEqual([7]);
    expect(diff.summary.largeRemoval).toBe(true);
  });

  it('removing a team (even without members) is large; a changes file removes no team', () => {
    for (const kind of ['full', 'changes'] as const) {
      const stored: StoredUnits = { villages: [], teams: [team(1, '24373')], members: [], elsewhere: [], teamsElsewhere: [] };
      const diff = startDiff(kind, { communes: ['24373'], provinces: [] }, { villages: 0, teams: 1, members: 0 }, units, stored);
      diffTeams(diff, plan, stored.teams, diffVillages(diff, plan.villages, stored.villages));
      diffMemberRemovals(diff, [], new Set());
      expect(diff.summary.teams.removed.map((t) => t.name)).toEqual(kind === 'full' ? ['Tổ 1'] : []);
      expect(diff.writes.removed).toEqual({ villages: [], teams: kind === 'full' ? [1] : [], members: [] });
      expect(diff.summary.largeRemoval).toBe(kind === 'full');
    }
  });
});
