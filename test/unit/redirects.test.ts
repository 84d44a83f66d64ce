import { describe, expect, it } from 'vitest';
import { parseRedirects, resolveRedirects } from '../../site/utils/redirects.ts';

describe('parseRedirects', () => {
  it('reads "old: new" lines and skips comments and blank lines', () => {
    const text = '# đổi tên\n\ndang-ky-dvc: tao-tai-khoan-dich-vu-cong  # 2026\nvi-momo:mo-vi-momo\n';
    expect(parseRedirects(text)).toEqual({ 'dang-ky-dvc': 'tao-tai-khoan-dich-vu-cong', 'vi-momo': 'mo-vi-momo' });
  });

  it('accepts a file with only comments', () => {
    expect(parseRedirects('# chưa có gì\n')).toEqual({});
  });

  it('names the line of anything else', () => {
    expect(() => parseRedirects('a-b: c-d\nkhong hop le\n')).toThrow(/dòng 2: cần dạng "ten-cu: ten-moi"/);
  });

  it('rejects file names with .mdx, capitals or accents', () => {
    expect(() => parseRedirects('cu.mdx: moi')).toThrow(/"cu\.mdx" không phải tên tệp/);
    expect(() => parseRedirects('Cu: moi')).toThrow(/"Cu"/);
    expect(() => parseRedirects('cũ: moi')).toThrow(/"cũ"/);
  });

  it('rejects the same old name twice and a redirect to itself', () => {
    expect(() => parseRedirects('a: b\na: c')).toThrow(/dòng 2: "a" đã có/);
    expect(() => parseRedirects('a: a')).toThrow(/chuyển về chính nó/);
  });
});

describe('resolveRedirects', () => {
  const published = new Set(['c', 'x']);

  it('follows chains to the guide that is published', () => {
    expect(resolveRedirects({ a: 'b', b: 'c' }, published)).toEqual({ a: 'c', b: 'c' });
  });

  it('fails on a target that is not published', () => {
    expect(() => resolveRedirects({ a: 'khong-co' }, published)).toThrow(/"a" chuyển tới "khong-co"/);
  });

  it('fails on loops', () => {
    expect(() => resolveRedirects({ a: 'b', b: 'a' }, published)).toThrow(/vòng tròn/);
  });

  it('fails when the old name is still a published guide', () => {
    expect(() => resolveRedirects({ x: 'c' }, published)).toThrow(/"x" vẫn là một hướng dẫn đang đăng/);
  });
});
