// `npm run check:content` guards the skill codes (issue 19 point 6): every code a
// guide or journey names must exist in content/khung-ky-nang-so.yaml, that file
// must itself be well formed, and once it holds areas every published guide and
// journey names at least one (point 5). Driven on a copy of content/ with one change.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const setGuideSkills = (path: string, skills: string) =>
  writeFileSync(path, readFileSync(path, 'utf8').replace('\nreviewed:', `\nskills: ${skills}\nreviewed:`));
const setJourneySkills = (path: string, skills: string) => writeFileSync(path, `${readFileSync(path, 'utf8')}skills: ${skills}\n`);

/**
 * A copy of content/ with the fixture framework, a guide's and a journey's skills
 * set. While the framework file holds areas, every other guide and journey names
 * area "1" (each must name one), unless `untagged` leaves one file without skills.
 */
function contentWith(options: { framework?: string | null; guideSkills?: string; journeySkills?: string; untagged?: string }): string {
  dir = mkdtempSync(join(tmpdir(), 'skills-'));
  cpSync(contentDir, dir, { recursive: true });
  const frameworkPath = join(dir, 'khung-ky-nang-so.yaml');
  if (options.framework === null) rmSync(frameworkPath);
  else writeFileSync(frameworkPath, options.framework ?? framework);
  if (options.framework === null || /areas: \[\]/.test(options.framework ?? framework)) return dir;
  for (const file of readdirSync(join(dir, 'guides')).filter((f) => f.endsWith('.mdx'))) {
    const skills = file === guideFile && options.guideSkills ? options.guideSkills : '["1"]';
    if (file !== options.untagged) setGuideSkills(join(dir, 'guides', file), skills);
  }
  for (const file of readdirSync(join(dir, 'journeys')).filter((f) => f.endsWith('.yaml'))) {
    const skills = file === journeyFile && options.journeySkills ? options.journeySkills : '["1"]';
    if (file !== options.untagged) setJourneySkills(join(dir, 'journeys', file), skills);
  }
  return dir;
}

const skillProblems = (root: string) => checkContent({ contentDir: root, today: ciReviewDate }).problems.filter((line) => /skills|khung-ky-nang-so/.test(line));

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

  it('once the framework holds areas, reports a published guide that names none', () => {
    expect(skillProblems(contentWith({ untagged: guideFile }))).toEqual([
      `${guideFile}: skills: chưa ghi nhóm kỹ năng số nào. Ghi ít nhất một mã trong content/khung-ky-nang-so.yaml mà bài này dạy (các mã có: 1, 1.2).`,
    ]);
  });

  it('once the framework holds areas, reports a published journey that names none', () => {
    expect(skillProblems(contentWith({ untagged: journeyFile }))).toEqual([
      `${journeyFile}: skills: chưa ghi nhóm kỹ năng số nào. Ghi ít nhất một mã trong content/khung-ky-nang-so.yaml mà bài này dạy (các mã có: 1, 1.2).`,
    ]);
  });

  it('asks no skill of a draft guide or journey', () => {
    const root = contentWith({ untagged: guideFile });
    const path = join(root, 'guides', guideFile);
    writeFileSync(path, readFileSync(path, 'utf8').replace('\nreviewed:', '\ndraft: true\nreviewed:'));
    expect(skillProblems(root).filter((line) => line.startsWith(guideFile))).toEqual([]);
  });

  it('asks no skill while the framework holds no area (the annex not yet read)', () => {
    const empty = framework.replace(/areas:[\s\S]*$/, 'areas: []\n');
    expect(skillProblems(contentWith({ framework: empty }))).toEqual([]);
  });

  it("the repository's content passes", () => {
    expect(skillProblems(contentDir)).toEqual([]);
  });
});
