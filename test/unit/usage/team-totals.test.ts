import { describe, expect, it } from 'vitest';
import { addEncodedTeamClicks, encodeTeamClicks, TeamClicks, teamsAtOrAbovePlace } from '../../../functions/usage/team-totals.ts';

const clicksOf = (pairs: [number, number][]) => {
  const clicks = new TeamClicks();
  for (const [id, n] of pairs) clicks.add(id, n);
  return clicks;
};
const entries = (clicks: TeamClicks) => [...clicks.values.entries()].filter(([, v]) => v !== 0);

describe('the stored running totals’ text', () => {
  it('round-trips counts of one, two and more digits, negative counts, short and long gaps, and ids past the first array', () => {
    const pairs: [number, number][] = [
      [1, 3],
      [2, 31],
      [3, 32],
      [5, 1023],
      [8, 1024],
      [9, 1],
      [200, 12_345_678],
      [201, -2],
      [300_000, 7],
    ];
    const text = encodeTeamClicks(clicksOf(pairs));
    // 1 → 3; 2 → 31 ('O'); 3 → 32 ('Q0'); gap of 1 as '0', 5 → 1023 ('oO'); gap of 2 as '00', 8 → 1024 ('QP0'); 9 → 1; a skip of 190 ('~UN')…
    expect(text.startsWith('03OQ00oO00QP01~UN')).toBe(true);
    const back = new TeamClicks();
    addEncodedTeamClicks(text, back);
    expect(entries(back)).toEqual(pairs);
  });

  it('adds and subtracts rows', () => {
    const sum = new TeamClicks();
    addEncodedTeamClicks(
      encodeTeamClicks(
        clicksOf([
          [3, 2],
          [7, 50],
        ]),
      ),
      sum,
    );
    addEncodedTeamClicks(
      encodeTeamClicks(
        clicksOf([
          [3, 1],
          [8, 70],
        ]),
      ),
      sum,
      -1,
    );
    expect(entries(sum)).toEqual([
      [3, 1],
      [7, 50],
      [8, -70],
    ]);
  });

  it('refuses text it did not write', () => {
    for (const bad of ['0z', '~', '~P', 'P', '-', '0 ', '~x']) expect(() => addEncodedTeamClicks(bad, new TeamClicks()), bad).toThrow();
  });
});

describe('the teams that can rank', () => {
  it('keeps every team tied with the last place, and no team without clicks', () => {
    const c = clicksOf([
      [1, 5],
      [2, 9],
      [3, 5],
      [4, 0],
      [5, 7],
      [6, 5],
      [7, 1],
      [8, -3],
    ]);
    expect(teamsAtOrAbovePlace(c, 3)).toEqual({
      teams: [
        [1, 5],
        [2, 9],
        [3, 5],
        [5, 7],
        [6, 5],
      ],
      complete: false,
    });
    expect(teamsAtOrAbovePlace(c, 10)).toEqual({
      teams: [
        [1, 5],
        [2, 9],
        [3, 5],
        [5, 7],
        [6, 5],
        [7, 1],
      ],
      complete: true,
    });
    expect(teamsAtOrAbovePlace(new TeamClicks(), 10)).toEqual({ teams: [], complete: true });
  });
});
