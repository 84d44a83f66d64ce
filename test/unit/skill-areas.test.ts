// /ky-nang-so/ groups guides and journeys under the skill areas of the framework
// file (QĐ 757/QĐ-BKHCN, issue 19 point 5): every area lists exactly the entries
// naming its code, in the order given, and an entry naming two areas is under both.
// The built page is checked against the real framework file in test/build/skills-page.test.ts;
// this drives the grouping with sample areas while that file holds none.
import { describe, expect, it } from 'vitest';
import { groupBySkillArea } from '../../site/utils/skill-framework.ts';

const framework = {
  areas: [
    { code: '1', name: 'Tên nhóm mẫu một' },
    { code: '1.2', name: 'Tên kỹ năng mẫu' },
    { code: '2', name: 'Tên nhóm mẫu hai' },
  ],
};
const entry = (id: string, skills: string[]) => ({ id, data: { skills } });
const guides = [entry('a', ['1']), entry('b', ['1.2', '2']), entry('c', []), entry('d', ['1'])];
const journeys = [entry('lo-trinh', ['2'])];

const ids = (list: { id: string }[]) => list.map((item) => item.id);

describe('groupBySkillArea', () => {
  const grouped = groupBySkillArea(framework, guides, journeys);

  it('keeps every area of the framework, in its order', () => {
    expect(grouped.map((item) => item.area.code)).toEqual(['1', '1.2', '2']);
  });

  it('lists under each area exactly the guides naming its code, in the given order', () => {
    expect(grouped.map((item) => ids(item.guides))).toEqual([['a', 'd'], ['b'], ['b']]);
  });

  it('does not put "1.2" under "1": codes match whole, not by prefix', () => {
    expect(ids(grouped[0]!.guides)).not.toContain('b');
  });

  it('lists journeys under the areas they name', () => {
    expect(grouped.map((item) => ids(item.journeys))).toEqual([[], [], ['lo-trinh']]);
  });

  it('leaves out a guide that names no area, and gives nothing while the framework holds no area', () => {
    expect(grouped.flatMap((item) => ids(item.guides))).not.toContain('c');
    expect(groupBySkillArea({ areas: [] }, guides, journeys)).toEqual([]);
  });
});
