// The skill framework file (content/khung-ky-nang-so.yaml, QĐ 757/QĐ-BKHCN) and
// the `skills` field of guides and journeys that must name its codes (issue 19 point 5).
import { describe, expect, it } from 'vitest';
import { guideSchemaFor } from '../../site/schemas/guide.ts';
import { journeySchemaFor } from '../../site/schemas/journey.ts';
import { skillFrameworkSchema } from '../../site/schemas/skills.ts';
import { loadSkillFramework, skillCodesOf } from '../../site/utils/skill-framework.ts';

const codes = new Set(['1', '1.2']);

const guide = {
  title: 'Học kỹ năng số trên điện thoại',
  description: 'Một hướng dẫn mẫu để kiểm tra trường skills theo khung kỹ năng số quốc gia.',
  topic: 'xa-hoi-so',
  audience: ['nguoi-dan'],
  sources: [{ title: 'Nền tảng Bình dân học vụ số', url: 'https://binhdanhocvuso.gov.vn/' }],
  reviewed: '2026-11-20',
  duration: 10,
};

const journey = {
  title: 'Lộ trình mẫu',
  description: 'Một lộ trình mẫu để kiểm tra trường skills theo khung kỹ năng số quốc gia.',
  steps: [
    { title: 'Bước một', guides: ['a'] },
    { title: 'Bước hai', guides: ['b'] },
  ],
};

const framework = {
  decision: '757/QĐ-BKHCN',
  issued: '2025-04-29',
  audience: 'Người dân',
  areas: [
    { code: '1', name: 'Tên nhóm mẫu' },
    { code: '1.2', name: 'Tên kỹ năng mẫu', course: 'https://binhdanhocvuso.gov.vn/khoa-hoc/mau' },
  ],
};

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('guide frontmatter: skills', () => {
  const schema = guideSchemaFor(codes);

  it('defaults to no skill areas', () => {
    expect(schema.parse(guide).skills).toEqual([]);
  });

  it('accepts codes the framework file holds', () => {
    expect(schema.parse({ ...guide, skills: ['1', '1.2'] }).skills).toEqual(['1', '1.2']);
  });

  it('refuses a code the framework file does not hold, naming the file and the known codes', () => {
    expect(messages(schema.safeParse({ ...guide, skills: ['1', '9.9'] }))).toEqual({
      'skills.1': 'Mã kỹ năng "9.9" không có trong content/khung-ky-nang-so.yaml (các mã có: 1, 1.2)',
    });
  });

  it('refuses a number where a quoted code is expected', () => {
    expect(Object.keys(messages(schema.safeParse({ ...guide, skills: [1.2] })))).toEqual(['skills.0']);
  });

  it('refuses every code while the framework file holds none', () => {
    expect(messages(guideSchemaFor(new Set()).safeParse({ ...guide, skills: ['1'] }))['skills.0']).toContain('chưa có nhóm kỹ năng nào');
  });
});

describe('journey: skills', () => {
  const known = new Set(['a', 'b']);

  it('accepts known codes and refuses unknown ones', () => {
    expect(journeySchemaFor(known, codes).parse({ ...journey, skills: ['1.2'] }).skills).toEqual(['1.2']);
    expect(messages(journeySchemaFor(known, codes).safeParse({ ...journey, skills: ['2'] }))['skills.0']).toContain('"2" không có');
  });
});

describe('skill framework file schema', () => {
  it('accepts areas with codes, names and platform courses', () => {
    expect(skillCodesOf(skillFrameworkSchema.parse(framework))).toEqual(codes);
  });

  it('refuses a code written twice', () => {
    const twice = { ...framework, areas: [...framework.areas, { code: '1', name: 'Lặp lại mã' }] };
    expect(messages(skillFrameworkSchema.safeParse(twice))).toEqual({ 'areas.2.code': 'Mã "1" ghi hai lần' });
  });

  it('refuses a code that is not a number as the Decision writes it', () => {
    const bad = { ...framework, areas: [{ code: 'A1', name: 'Mã sai dạng' }] };
    expect(Object.keys(messages(skillFrameworkSchema.safeParse(bad)))).toEqual(['areas.0.code']);
  });

  it('refuses a course link off binhdanhocvuso.gov.vn', () => {
    const off = { ...framework, areas: [{ code: '1', name: 'Khóa học ở nơi khác', course: 'https://binhdanhocvuso.gov.vn.example.com/' }] };
    expect(Object.keys(messages(skillFrameworkSchema.safeParse(off)))).toEqual(['areas.0.course']);
  });

  it('refuses another decision', () => {
    expect(Object.keys(messages(skillFrameworkSchema.safeParse({ ...framework, decision: '3139/BTTTT' })))).toEqual(['decision']);
  });

  it("the repository's file is valid", () => {
    const loaded = loadSkillFramework();
    expect(loaded.decision).toBe('757/QĐ-BKHCN');
    expect(loaded.issued.toISOString().slice(0, 10)).toBe('2025-04-29');
  });
});
