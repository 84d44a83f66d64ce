import { describe, expect, it } from 'vitest';
import { guideSchema, isOfficialSource } from '../../site/schemas/guide.ts';

const valid = {
  title: 'Tạo tài khoản Cổng Dịch vụ công quốc gia',
  description: 'Cách đăng ký tài khoản trên Cổng Dịch vụ công quốc gia để nộp hồ sơ trực tuyến.',
  topic: 'chinh-quyen-so',
  audience: ['nguoi-dan'],
  sources: [{ title: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn/' }],
  reviewed: '2026-11-20',
  duration: 10,
};

/** The messages editors would see, keyed by field path as Astro prints them. */
function problems(data: Record<string, unknown>): Record<string, string> {
  const result = guideSchema.safeParse(data);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('isOfficialSource', () => {
  it.each(['https://dichvucong.gov.vn/', 'https://vneid.gov.vn/huong-dan', 'https://momo.vn/', 'https://www.facebook.com/help'])('accepts %s', (url) =>
    expect(isOfficialSource(url)).toBe(true),
  );

  it.each([
    ['http://dichvucong.gov.vn/', 'not https'],
    ['https://gov.vn.example.com/', 'gov.vn only as a prefix'],
    ['https://fakegov.vn/', 'a look-alike host'],
    ['https://blogspot.com/dichvucong', 'not an official host'],
    ['dichvucong.gov.vn', 'no scheme'],
  ])('rejects %s (%s)', (url) => expect(isOfficialSource(url)).toBe(false));
});

describe('guideSchema', () => {
  it('accepts a complete guide and fills the defaults', () => {
    const data = guideSchema.parse(valid);
    expect(data.reviewed).toEqual(new Date('2026-11-20'));
    expect(data).toMatchObject({ keywords: [], prepare: [], related: [], priority: 100, draft: false });
  });

  it('names a missing field and says what is expected, in Vietnamese', () => {
    const { title: _title, ...withoutTitle } = valid;
    expect(problems(withoutTitle)).toEqual({ title: 'Thiếu trường này. Cần tiêu đề của hướng dẫn.' });
  });

  it('rejects a description longer than 160 characters (link previews cut it)', () => {
    expect(problems({ ...valid, description: 'á'.repeat(161) }).description).toMatch(/tối đa 160/);
    expect(problems({ ...valid, description: 'á'.repeat(160) })).toEqual({});
  });

  it('rejects a description shorter than 30 characters', () => {
    expect(problems({ ...valid, description: 'Ngắn quá.' }).description).toMatch(/tối thiểu 30/);
  });

  it('says a list field needs a list when given a single value', () => {
    expect(problems({ ...valid, prepare: 'CCCD' }).prepare).toMatch(/^Giá trị "CCCD" chưa đúng\. Cần một danh sách/);
  });

  it('rejects an unknown topic, listing the valid ones', () => {
    expect(problems({ ...valid, topic: 'chinh-quyen' }).topic).toContain('chinh-quyen-so, kinh-te-so, xa-hoi-so, an-toan-thong-tin');
  });

  it('requires at least one official https source', () => {
    expect(problems({ ...valid, sources: [] }).sources).toMatch(/ít nhất một nguồn/);
    expect(problems({ ...valid, sources: [{ title: 'Blog', url: 'https://example.com/' }] })['sources.0.url']).toMatch(/https chính thức/);
  });

  it('rejects a misspelt field instead of silently dropping it', () => {
    expect(problems({ ...valid, drafft: true })['']).toContain('"drafft"');
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    expect(problems({ ...valid, reviewed: 'hôm qua' }).reviewed).toMatch(/YYYY-MM-DD/);
  });

  it('rejects a duration that is not a whole number of minutes', () => {
    expect(problems({ ...valid, duration: 'mười' }).duration).toMatch(/là một số/);
    expect(problems({ ...valid, duration: 2.5 }).duration).toMatch(/nguyên/);
  });

  it('takes related guides as file names, not paths or .mdx names', () => {
    expect(problems({ ...valid, related: ['vneid-muc-2'] })).toEqual({});
    expect(problems({ ...valid, related: ['vneid-muc-2.mdx'] })['related.0']).toMatch(/không có \.mdx/);
  });
});
