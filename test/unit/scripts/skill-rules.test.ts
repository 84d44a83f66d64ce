// `npm run check:content` guards the skill codes (issue 19 point 6): every code a
// guide or journey names must exist in content/khung-ky-nang-so.yaml, and that
// file must itself be well formed. Driven on a copy of content/ with one change.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent, ciReviewDate } from '../../../scripts/lib/content-rules.ts';

const contentDir = fileURLToPath(new URL('../../../content', import.meta.url));
const framework = `decision: 757/QĐ-BKHCN
issued: 2025-04-29
audience: Người dân
areas:
  - code: "1"
    name: Tên nhóm mẫu
  - code: "1.2"
    name: Tên kỹ năng mẫu
`;
const guideFile = 'hoc-tren-binh-dan-hoc-vu-so.mdx';
const journeyFile = 'lan-dau-lam-thu-tuc-tren-dien-thoai.yaml';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A copy of content/ with the fixture framework, a guide's and a journey's skills set. */
function contentWith(options: { framework?: string | null; guideSkills?: string; journeySkills?: string }): string {
  dir = mkdtempSync(join(tmpdir(), 'skills-'));
  cpSync(contentDir, dir, { recursive: true });
  const frameworkPath = join(dir, 'khung-ky-nang-so.yaml');
  if (options.framework === null) rmSync(frameworkPath);
  else writeFileSync(frameworkPath, options.framework ?? framework);
  if (options.guideSkills) {
    const path = join(dir, 'guides', guideFile);
    writeFileSync(path, readFileSync(path, 'utf8').replace('\nreviewed:', `\nskills: ${options.guideSkills}\nreviewed:`));
  }
  if (options.journeySkills) {
    const path = join(dir, 'journeys', journeyFile);
    writeFileSync(path, `${readFileSync(path, 'utf8')}skills: ${options.journeySkills}\n`);
  }
  return dir;
}

const skillProblems = (root: string) =>
  checkContent({ contentDir: root, today: ciReviewDate }).problems.filter((line) => /skills|khung-ky-nang-so/.test(line));

describe('check:content: skill codes', () => {
  it('accepts codes the framework file holds', () => {
    expect(skillProblems(contentWith({ guideSkills: '["1", "1.2"]', journeySkills: '["1"]' }))).toEqual([]);
  });

  it('reports a guide naming a code the framework file does not hold', () => {
    expect(skillProblems(contentWith({ guideSkills: '["1", "7.1"]' }))).toEqual([
      `${guideFile}: skills.1: Mã kỹ năng "7.1" không có trong content/khung-ky-nang-so.yaml (các mã có: 1, 1.2)`,
    ]);
  });

  it('reports a journey naming a code the framework file does not hold', () => {
    expect(skillProblems(contentWith({ journeySkills: '["3"]' }))).toEqual([
      `${journeyFile}: skills.0: Mã kỹ năng "3" không có trong content/khung-ky-nang-so.yaml (các mã có: 1, 1.2)`,
    ]);
  });

  it('reports a framework file that is broken, and then knows no code', () => {
    const problems = skillProblems(contentWith({ framework: framework.replace('code: "1.2"', 'code: "1"'), guideSkills: '["1.2"]' }));
    expect(problems).toContain('khung-ky-nang-so.yaml: areas.1.code: Mã "1" ghi hai lần');
    expect(problems.some((line) => line.startsWith(`${guideFile}: skills.0:`))).toBe(true);
  });

  it('reports a missing framework file', () => {
    expect(skillProblems(contentWith({ framework: null }))).toEqual(['khung-ky-nang-so.yaml: thiếu tệp khung kỹ năng số (QĐ 757/QĐ-BKHCN).']);
  });

  it("the repository's content passes", () => {
    expect(skillProblems(contentDir)).toEqual([]);
  });
});
