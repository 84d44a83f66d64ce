import { slugPattern } from './urls.ts';

/** old slug → new slug, read from content/redirects.yaml. */
export type RedirectMap = Record<string, string>;

/**
 * Reads content/redirects.yaml: one `old-slug: new-slug` per line, `#` comments
 * and blank lines allowed. This is a strict subset of YAML parsed by hand on
 * purpose: editors write nothing else there, the build, the tests and the
 * scripts share this one function, and any other shape fails loudly with the
 * line number instead of being half-understood.
 */
export function parseRedirects(text: string, fileName = 'content/redirects.yaml'): RedirectMap {
  const redirects: RedirectMap = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line === '{}') return;
    const where = `${fileName}, dòng ${index + 1}`;
    const match = /^([^:\s]+)\s*:\s*([^:\s]+)$/.exec(line);
    if (!match) {
      problems.push(`${where}: cần dạng "ten-cu: ten-moi", nhận được "${rawLine.trim()}"`);
      return;
    }
    const [, from = '', to = ''] = match;
    for (const slug of [from, to]) {
      if (!slugPattern.test(slug)) {
        problems.push(`${where}: "${slug}" không phải tên tệp hướng dẫn (chữ thường không dấu, số, dấu gạch ngang; không có .mdx)`);
      }
    }
    if (from === to) problems.push(`${where}: "${from}" chuyển về chính nó`);
    if (from in redirects) problems.push(`${where}: "${from}" đã có ở dòng trước`);
    redirects[from] = to;
  });
  if (problems.length > 0) throw new Error(`Lỗi trong ${fileName}:\n  ${problems.join('\n  ')}`);
  return redirects;
}

/**
 * Follows chains (a → b, later b → c) so every old slug points straight at a
 * guide that is built, and one 301 is enough. Fails on loops, on targets that
 * are not published guides, and on old slugs that are still published.
 */
export function resolveRedirects(redirects: RedirectMap, published: ReadonlySet<string>): RedirectMap {
  const resolved: RedirectMap = {};
  const problems: string[] = [];
  for (const from of Object.keys(redirects)) {
    if (published.has(from)) {
      problems.push(`"${from}" vẫn là một hướng dẫn đang đăng: xóa dòng chuyển hướng này hoặc đổi tên tệp`);
      continue;
    }
    const seen = new Set([from]);
    let to = redirects[from]!;
    while (to in redirects && !published.has(to)) {
      if (seen.has(to)) break;
      seen.add(to);
      to = redirects[to]!;
    }
    if (seen.has(to)) problems.push(`"${from}" chuyển hướng vòng tròn (${[...seen, to].join(' → ')})`);
    else if (!published.has(to)) problems.push(`"${from}" chuyển tới "${to}", nhưng không có hướng dẫn nào tên "${to}" đang đăng`);
    else resolved[from] = to;
  }
  if (problems.length > 0) throw new Error(`Lỗi chuyển hướng trong content/redirects.yaml:\n  ${problems.join('\n  ')}`);
  return resolved;
}
