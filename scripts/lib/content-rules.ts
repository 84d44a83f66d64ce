/**
 * Content rules for content/guides/*.mdx that the zod schema cannot express
 * (structure of the body, safety wording, links, freshness). Editors are not
 * developers, so every problem is one Vietnamese sentence that names the file
 * and says what to change. One definition for editors and CI: `npm run
 * check:content` (scripts/check-content.ts) runs these rules against today's
 * date, `npm test` (test/unit/scripts/content-rules.test.ts) against a fixed date.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { guideSchemaFor } from '../../site/schemas/guide.ts';
import { errorSchemaFor } from '../../site/schemas/error.ts';
import { journeySchemaFor } from '../../site/schemas/journey.ts';
import { foldVietnamese } from '../../site/utils/fold.ts';
import { slugPattern } from '../../site/utils/urls.ts';
import { skillFrameworkSchema } from '../../site/schemas/skills.ts';
import { skillCodesOf, skillFrameworkFile } from '../../site/utils/skill-framework.ts';

export interface Guide {
  /** File name, e.g. "thanh-toan-bang-ma-vietqr.mdx": every message starts with it. */
  file: string;
  /** URL slug = file name without ".mdx". */
  slug: string;
  frontmatter: Record<string, unknown>;
  /** MDX after the frontmatter, NFC-normalised. */
  body: string;
}

export interface RuleContext {
  /** Every guide in the repository by slug, with its draft flag. */
  guides: ReadonlyMap<string, { draft: boolean }>;
  /** The day ages are measured on, YYYY-MM-DD: today in Vietnam for editors, a fixed date in CI. */
  today: string;
  /** Today on the real calendar, for "reviewed is in the future" (defaults to `today`). */
  realToday?: string;
}

export interface GuideRule {
  /** What the rule demands, used as the test name. */
  name: string;
  check: (guide: Guide, ctx: RuleContext) => string[];
}

/**
 * Longest numbered step, in space-separated words (Vietnamese syllables). Measured
 * 2026-11: median step 18, the longest good steps about 33; one action per step
 * stays readable on a 360 px phone.
 */
export const maxStepWords = 35;
export const maxDescriptionChars = 160;
/** A guide not re-checked against its sources for this many days gets a warning… */
export const reviewWarnDays = 180;
/** …and from this many days on it fails: money and government rules change every year. */
export const reviewFailDays = 365;
/**
 * Public emergency and hotline numbers a guide may print (police 113, fire 114,
 * ambulance 115, rescue 112, child protection 111), plus official hotlines
 * confirmed on state pages (each with where it was confirmed):
 * - 1900 0368: Ministry of Public Security switchboard for identity and VNeID
 *   (Decree 59/2022 art. 19 as summarised by provincial police and press, 2023–2025).
 */
export const allowedPhoneNumbers = ['111', '112', '113', '114', '115', '19000368'] as const;

const stepsHeading = '## Các bước';
const troubleshootingHeading = '## Nếu gặp trục trặc';

export class GuideParseError extends Error {}

/** Splits one MDX file into frontmatter and body. Throws GuideParseError with an editor-readable message. */
export function parseGuide(file: string, source: string): Guide {
  const text = source.normalize('NFC').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text);
  if (!match) {
    throw new GuideParseError(`${file}: tệp phải bắt đầu bằng phần thông tin nằm giữa hai dòng "---".`);
  }
  let frontmatter: unknown;
  try {
    frontmatter = parseYaml(match[1] ?? '');
  } catch (error) {
    throw new GuideParseError(`${file}: phần thông tin giữa hai dòng "---" viết sai cú pháp YAML (${(error as Error).message}).`);
  }
  if (typeof frontmatter !== 'object' || frontmatter === null || Array.isArray(frontmatter)) {
    throw new GuideParseError(`${file}: phần thông tin giữa hai dòng "---" phải gồm các dòng "tên: giá trị".`);
  }
  return {
    file,
    slug: file.replace(/\.mdx$/, ''),
    frontmatter: frontmatter as Record<string, unknown>,
    body: text.slice(match[0].length),
  };
}

export function isDraft(guide: Guide): boolean {
  return guide.frontmatter.draft === true;
}

/** Text of the section that starts at `heading` and runs to the next "## " heading. */
function section(body: string, heading: string): string | undefined {
  const lines = body.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start === -1) return undefined;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^##\s/.test(line));
  return (end === -1 ? rest : rest.slice(0, end)).join('\n');
}

function stepsBlocks(text: string): string[] {
  return [...text.matchAll(/<Steps>([\s\S]*?)<\/Steps>/g)].map((m) => m[1] ?? '');
}

/** Items of the Markdown ordered list(s) in `text`, continuation lines joined. */
export function numberedItems(text: string): string[] {
  const items: string[][] = [];
  let current: string[] | undefined;
  let afterBlank = false;
  for (const line of text.split('\n')) {
    const start = /^ {0,3}\d{1,3}[.)]\s+(.*)$/.exec(line);
    if (start) {
      current = [start[1] ?? ''];
      items.push(current);
    } else if (line.trim() === '') {
      afterBlank = true;
      continue;
    } else if (current && (/^\s{2,}\S/.test(line) || !afterBlank)) {
      // Indented lines, or lazy lines right under the item, belong to it.
      current.push(line.trim());
    } else {
      current = undefined;
    }
    afterBlank = false;
  }
  return items.map((lines) => lines.join(' '));
}

/** Words a reader sees: Markdown link targets and emphasis marks are not words. */
export function countWords(markdown: string): number {
  const visible = markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '');
  return visible.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

const stepsSection: GuideRule = {
  name: 'has "## Các bước" with a <Steps> block holding a numbered list',
  check(guide) {
    const steps = section(guide.body, stepsHeading);
    if (steps === undefined) {
      return [`${guide.file}: thiếu mục "${stepsHeading}" (một dòng riêng, viết đúng như vậy).`];
    }
    const problems: string[] = [];
    const opened = (steps.match(/<Steps>/g) ?? []).length;
    const blocks = stepsBlocks(steps);
    if (opened === 0) {
      problems.push(`${guide.file}: dưới mục "${stepsHeading}" phải có khối <Steps> … </Steps> chứa các bước đánh số 1., 2., 3.`);
    } else if (blocks.length < opened) {
      problems.push(`${guide.file}: có <Steps> nhưng thiếu dòng đóng </Steps>.`);
    }
    blocks.forEach((block, index) => {
      if (numberedItems(block).length === 0) {
        problems.push(
          `${guide.file}: khối <Steps> thứ ${index + 1} không có danh sách đánh số. Viết mỗi bước một dòng "1. …", "2. …", và để một dòng trống sau <Steps>.`,
        );
      }
    });
    return problems;
  },
};

const troubleshootingSection: GuideRule = {
  name: 'has a "## Nếu gặp trục trặc" section',
  check(guide) {
    return section(guide.body, troubleshootingHeading) === undefined
      ? [`${guide.file}: thiếu mục "${troubleshootingHeading}" (một dòng riêng, viết đúng như vậy) để người đọc biết làm gì khi gặp lỗi.`]
      : [];
  },
};

/** Words that mean the reader handles a secret or money; such a guide must warn. "ví dụ" (for example) is not a wallet. */
const sensitiveTerms: ReadonlyArray<{ label: string; pattern: RegExp }> = [
  { label: 'OTP', pattern: /(?<![\p{L}\p{N}])otp(?![\p{L}\p{N}])/iu },
  { label: 'mật khẩu', pattern: /(?<![\p{L}\p{N}])mật khẩu(?![\p{L}\p{N}])/iu },
  { label: 'tiền', pattern: /(?<![\p{L}\p{N}])tiền(?![\p{L}\p{N}])/iu },
  { label: 'thanh toán', pattern: /(?<![\p{L}\p{N}])thanh toán(?![\p{L}\p{N}])/iu },
  { label: 'ví', pattern: /(?<![\p{L}\p{N}])ví(?![\p{L}\p{N}])(?! dụ(?![\p{L}\p{N}]))/iu },
];

export function sensitiveTermsIn(text: string): string[] {
  return sensitiveTerms.filter(({ pattern }) => pattern.test(text)).map(({ label }) => label);
}

const strongCallout = /<Callout\b[^>]*\btype\s*=\s*(?:["']|\{\s*["'])(?:warning|danger)["']/;

const sensitiveNeedsWarning: GuideRule = {
  name: 'warns with <Callout type="warning|danger"> when it mentions OTP, passwords, money or wallets',
  check(guide) {
    const terms = sensitiveTermsIn(guide.body);
    if (terms.length === 0 || strongCallout.test(guide.body)) return [];
    return [
      `${guide.file}: bài có nhắc đến ${terms.map((t) => `"${t}"`).join(', ')} nên cần ít nhất một khung cảnh báo <Callout type="warning"> hoặc <Callout type="danger"> (ví dụ: không đọc mã OTP cho ai, xem tên người nhận trước khi chuyển tiền).`,
    ];
  },
};

/** Link targets in the body: Markdown links, autolinks and href/src attributes. */
export function linkTargets(body: string): string[] {
  const markdown = [...body.matchAll(/\]\(\s*<?([^)\s>]+)/g)].map((m) => m[1] ?? '');
  const autolinks = [...body.matchAll(/<([a-z][a-z0-9+.-]*:[^>\s]+)>/gi)].map((m) => m[1] ?? '');
  const attributes = [...body.matchAll(/\b(?:href|src)\s*=\s*\{?\s*["']([^"']+)["']/g)].map((m) => m[1] ?? '');
  return [...markdown, ...autolinks, ...attributes];
}

const internalLinks: GuideRule = {
  name: 'links /huong-dan/<slug>/ only to existing, published guides',
  check(guide, ctx) {
    const problems: string[] = [];
    for (const match of guide.body.matchAll(/\/huong-dan\/([^\s)"'>#?]*)/g)) {
      const path = match[1] ?? '';
      const slug = path.replace(/\/$/, '');
      const target = ctx.guides.get(slug);
      if (!slug || slug.includes('/')) {
        problems.push(`${guide.file}: liên kết "/huong-dan/${path}" sai dạng. Viết đúng "/huong-dan/<tên-tệp-hướng-dẫn>/".`);
      } else if (!target) {
        problems.push(`${guide.file}: liên kết "/huong-dan/${path}" trỏ tới hướng dẫn không có. Không có tệp content/guides/${slug}.mdx.`);
      } else if (target.draft && !isDraft(guide)) {
        problems.push(`${guide.file}: liên kết "/huong-dan/${path}" trỏ tới hướng dẫn còn nháp (draft: true), người đọc chưa mở được.`);
      } else if (!path.endsWith('/')) {
        problems.push(`${guide.file}: liên kết "/huong-dan/${path}" thiếu dấu "/" ở cuối. Viết "/huong-dan/${slug}/".`);
      }
    }
    return problems;
  },
};

const noHttp: GuideRule = {
  name: 'contains no http:// address',
  check(guide) {
    const found = new Set(guide.body.match(/http:\/\/[^\s)"'<>\]]*/gi) ?? []);
    for (const source of sources(guide)) {
      if (/^http:\/\//i.test(source)) found.add(source);
    }
    return [...found].map((url) => `${guide.file}: địa chỉ "${url}" dùng http:// (không an toàn). Dùng địa chỉ https:// của trang đó.`);
  },
};

function sources(guide: Guide): string[] {
  const list = guide.frontmatter.sources;
  if (!Array.isArray(list)) return [];
  return list.map((s) => (typeof s === 'object' && s !== null ? (s as { url?: unknown }).url : undefined)).filter((u): u is string => typeof u === 'string');
}

const externalLinksHttps: GuideRule = {
  name: 'links outside the site only over https',
  check(guide) {
    const problems: string[] = [];
    for (const target of linkTargets(guide.body)) {
      if (target.startsWith('/') || target.startsWith('#') || target.startsWith('https://')) continue;
      if (/^http:\/\//i.test(target)) continue; // reported once by the http:// rule
      problems.push(`${guide.file}: liên kết "${target}" không hợp lệ. Liên kết ra ngoài phải bắt đầu bằng "https://", liên kết trong trang bắt đầu bằng "/".`);
    }
    // GFM turns a bare "www.…" into an http:// link; link text of [..](..) is not linked again.
    const withoutLinks = guide.body.replace(/\[[^\]]*\]\([^)]*\)/g, '').replace(/https:\/\/\S+/g, '');
    for (const bare of withoutLinks.match(/(?<![\p{L}\p{N}./-])www\.[\p{L}\p{N}.-]+/giu) ?? []) {
      problems.push(`${guide.file}: "${bare}" sẽ tự thành liên kết http:// (không an toàn). Viết dạng [${bare}](https://${bare}/).`);
    }
    return problems;
  },
};

/** Phone numbers in Vietnamese shapes: mobile/landline (0… or +84…, spaces, dots or dashes allowed) and 1800/1900 hotlines. */
const phoneShapes: RegExp[] = [
  /(?<![\p{L}\p{N}])(?:\+\s?84|0084|0)[\s.-]?\(?[1-9]\)?(?:[\s.-]?\d){7,9}(?![\p{N}])/gu,
  /(?<![\p{L}\p{N}])1[89]00[\s.-]?\d(?:[\s.-]?\d){3,5}(?![\p{N}])/gu,
];
/** A short number right after a calling word, e.g. "gọi **116**", "tổng đài 9029". */
const calledNumber = /(?<![\p{L}])(?:gọi|gọi số|gọi tới|gọi đến|hotline|tổng đài|đường dây nóng|số máy)[\s:*]*(\d{3,5})(?![\p{N}]|[\s.-]\d)/giu;

export function phoneNumbersIn(text: string): string[] {
  const found = new Set<string>();
  const allowed = (number: string) => (allowedPhoneNumbers as readonly string[]).includes(number.replace(/\D/g, ''));
  for (const shape of phoneShapes) for (const m of text.matchAll(shape)) if (!allowed(m[0])) found.add(m[0].trim());
  for (const m of text.matchAll(calledNumber)) {
    const number = m[1] ?? '';
    if (!allowed(number)) found.add(number);
  }
  return [...found];
}

const noPhoneNumbers: GuideRule = {
  name: `prints no phone number except ${allowedPhoneNumbers.join(', ')}`,
  check(guide) {
    const fm = guide.frontmatter;
    const prepare = Array.isArray(fm.prepare) ? fm.prepare.filter((p): p is string => typeof p === 'string') : [];
    const visible = [guide.body, String(fm.title ?? ''), String(fm.description ?? ''), ...prepare].join('\n');
    return phoneNumbersIn(visible).map(
      (number) =>
        `${guide.file}: có số điện thoại "${number}". Không in số điện thoại trong hướng dẫn (số có thể đổi, kẻ gian hay giả mạo); hãy ghi "số in trên thẻ ngân hàng" hay "số trong ứng dụng". Chỉ được in các số khẩn cấp ${allowedPhoneNumbers.join(', ')}.`,
    );
  },
};

const shortSteps: GuideRule = {
  name: `keeps every numbered step to ${maxStepWords} words or fewer`,
  check(guide) {
    const problems: string[] = [];
    for (const block of stepsBlocks(guide.body)) {
      for (const item of numberedItems(block)) {
        const words = countWords(item);
        if (words > maxStepWords) {
          const start = item.split(/\s+/).slice(0, 8).join(' ');
          problems.push(
            `${guide.file}: bước "${start} …" dài ${words} chữ, tối đa ${maxStepWords} chữ. Mỗi bước chỉ một việc: tách thành hai bước hoặc viết gọn lại.`,
          );
        }
      }
    }
    return problems;
  },
};

/** A Markdown list item: "- ", "* ", "+ ", "1. " or "1) " at most three spaces in. */
const listItemStart = /^ {0,3}(?:[-*+]|\d{1,3}[.)])\s+\S/;

/**
 * Hidden source comments ({/* … *\/} at the start of a line) that sit between two
 * items of one list. MDX reads such a line as a block of its own, so the list ends
 * there and a second list starts after it: on the page the list is cut in two (a
 * numbered one starts again at 1). Returns the start of the item after each one.
 */
export function commentsSplittingLists(body: string): string[] {
  const lines = body.split('\n');
  const found: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!(lines[i] ?? '').startsWith('{/*')) continue;
    let end = i;
    while (end < lines.length && !(lines[end] ?? '').includes('*/}')) end++;
    // The nearest text line above belongs to a list when it is an item, or an indented
    // continuation of one.
    let above = i - 1;
    while (above >= 0 && ((lines[above] ?? '').trim() === '' || /^\s{2,}\S/.test(lines[above] ?? ''))) {
      if ((lines[above] ?? '').trim() !== '' && listItemStart.test(lines[above] ?? '')) break;
      above--;
    }
    let below = end + 1;
    while (below < lines.length && (lines[below] ?? '').trim() === '') below++;
    const before = lines[above] ?? '';
    const after = lines[below] ?? '';
    if (above >= 0 && listItemStart.test(before) && listItemStart.test(after)) {
      found.push(
        after
          .replace(/^ {0,3}(?:[-*+]|\d{1,3}[.)])\s+/, '')
          .trim()
          .split(/\s+/)
          .slice(0, 6)
          .join(' '),
      );
    }
    i = end;
  }
  return found;
}

const noCommentSplittingList: GuideRule = {
  name: 'has no hidden comment between two items of a list',
  check(guide) {
    return commentsSplittingLists(guide.body).map(
      (next) =>
        `${guide.file}: một ghi chú ẩn {/* … */} nằm giữa hai mục của danh sách, ngay trước mục "${next} …". Trên trang, danh sách bị cắt làm đôi (danh sách số bắt đầu lại từ 1). Chuyển ghi chú xuống dưới mục cuối của danh sách, cách một dòng trống.`,
    );
  },
};

/** What a reader sees of the body: no hidden comments, no link targets, no import lines. */
export function visibleText(body: string): string {
  return body
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/\b(?:href|src)\s*=\s*\{?\s*["'][^"']*["']/g, ' ')
    .replace(/^import\s.*$/gm, ' ');
}

/** "SIM" is written one way across guides (the issue-19 check found sim, Sim and SIM side by side). */
const simSpelling: GuideRule = {
  name: 'writes SIM in capitals',
  check(guide) {
    const fm = guide.frontmatter;
    const prepare = Array.isArray(fm.prepare) ? fm.prepare.filter((p): p is string => typeof p === 'string') : [];
    const visible = [visibleText(guide.body), String(fm.title ?? ''), String(fm.description ?? ''), ...prepare].join('\n');
    const found = new Set(visible.match(/(?<![\p{L}\p{N}])(?:sim|Sim|SIm|sIM|siM)(?![\p{L}\p{N}])/gu) ?? []);
    return [...found].map((word) => `${guide.file}: viết "${word}" thành "SIM" (chữ in hoa), như mọi hướng dẫn khác.`);
  },
};

const relatedExist: GuideRule = {
  name: 'lists 2–4 related guides that exist and are published',
  check(guide, ctx) {
    const related = guide.frontmatter.related ?? [];
    if (!Array.isArray(related)) {
      return [`${guide.file}: "related" phải là danh sách, ví dụ related: [ten-huong-dan-1, ten-huong-dan-2].`];
    }
    const problems: string[] = [];
    if (related.length < 2 || related.length > 4) {
      problems.push(`${guide.file}: "related" có ${related.length} hướng dẫn; cần từ 2 đến 4 hướng dẫn liên quan để người đọc đi tiếp.`);
    }
    const seen = new Set<string>();
    for (const slug of related) {
      const name = String(slug);
      const target = ctx.guides.get(name);
      if (name === guide.slug) problems.push(`${guide.file}: "related" không được chứa chính hướng dẫn này (${name}).`);
      else if (!target) problems.push(`${guide.file}: "related" có "${name}" nhưng không có tệp content/guides/${name}.mdx.`);
      else if (target.draft && !isDraft(guide)) problems.push(`${guide.file}: "related" có "${name}" là hướng dẫn còn nháp (draft: true).`);
      if (seen.has(name)) problems.push(`${guide.file}: "related" ghi "${name}" hai lần.`);
      seen.add(name);
    }
    return problems;
  },
};

/** `reviewed` as YYYY-MM-DD whether the YAML parser gave a string or a Date. */
function reviewedDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value) return value;
  }
  return undefined;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type FreshnessLevel = 'ok' | 'warn' | 'fail';

export interface Freshness {
  file: string;
  /** YYYY-MM-DD, or undefined when the date is missing or malformed (a rule reports it). */
  reviewed: string | undefined;
  /** Days since `reviewed` on the day checked (negative = in the future). */
  ageDays: number | undefined;
  level: FreshnessLevel;
}

/** How stale a guide is on `today`: ok, warn from 180 days, fail from 365 days (or a bad date). */
export function freshness(guide: Guide, today: string): Freshness {
  const reviewed = reviewedDate(guide.frontmatter.reviewed);
  if (!reviewed) return { file: guide.file, reviewed, ageDays: undefined, level: 'fail' };
  const ageDays = daysBetween(reviewed, today);
  const level: FreshnessLevel = ageDays >= reviewFailDays ? 'fail' : ageDays >= reviewWarnDays ? 'warn' : 'ok';
  return { file: guide.file, reviewed, ageDays, level };
}

/** The warning an editor sees for a guide between 180 and 365 days old (never fails a check). */
export function freshnessWarning(f: Freshness): string | undefined {
  if (f.level !== 'warn') return undefined;
  return `${f.file}: rà soát lần cuối ngày ${f.reviewed}, đã ${f.ageDays} ngày. Từ ${reviewFailDays} ngày bài sẽ bị báo lỗi: hãy sớm đối chiếu lại với nguồn chính thức rồi đổi "reviewed".`;
}

const reviewedRecently: GuideRule = {
  name: `was reviewed less than ${reviewFailDays} days ago and not in the future`,
  check(guide, ctx) {
    const reviewed = reviewedDate(guide.frontmatter.reviewed);
    if (!reviewed) {
      return [`${guide.file}: "reviewed" phải là ngày rà soát dạng YYYY-MM-DD, ví dụ reviewed: 2026-11-20.`];
    }
    // "In the future" is measured on the real calendar (the calendar only ever clears it),
    // the age on ctx.today, which CI fixes so that time alone never fails a build.
    const realToday = ctx.realToday ?? ctx.today;
    if (reviewed > realToday) {
      return [`${guide.file}: ngày rà soát ${reviewed} nằm trong tương lai (hôm nay là ${realToday}). Ghi ngày bạn thật sự đọc lại bài.`];
    }
    const { ageDays, level } = freshness(guide, ctx.today);
    if (level === 'fail') {
      return [
        `${guide.file}: bài rà soát lần cuối ngày ${reviewed}, đã ${ageDays} ngày (tối đa ${reviewFailDays - 1}). Hãy đọc lại, đối chiếu với nguồn chính thức, sửa chỗ đã cũ rồi đổi "reviewed" thành ngày hôm nay.`,
      ];
    }
    return [];
  },
};

const shortDescription: GuideRule = {
  name: `has a description of ${maxDescriptionChars} characters or fewer`,
  check(guide) {
    const description = guide.frontmatter.description;
    if (typeof description !== 'string' || description.trim() === '') {
      return [`${guide.file}: thiếu "description" (một câu tóm tắt bài, hiện khi chia sẻ qua Zalo).`];
    }
    const length = [...description.normalize('NFC')].length;
    return length > maxDescriptionChars
      ? [`${guide.file}: "description" dài ${length} ký tự, tối đa ${maxDescriptionChars} (Zalo cắt phần thừa). Hãy viết gọn lại.`]
      : [];
  },
};

export const guideRules: readonly GuideRule[] = [
  stepsSection,
  troubleshootingSection,
  sensitiveNeedsWarning,
  internalLinks,
  noHttp,
  externalLinksHttps,
  noPhoneNumbers,
  shortSteps,
  noCommentSplittingList,
  simSpelling,
  relatedExist,
  reviewedRecently,
  shortDescription,
];

export function checkGuide(guide: Guide, ctx: RuleContext): string[] {
  return guideRules.flatMap((rule) => rule.check(guide, ctx));
}

/** Today's date in Vietnam (UTC+7, no daylight saving), so an editor's "today" is never "in the future". */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------
// The whole content/ folder: what `npm run check:content` and `npm test` run.

/**
 * The day CI measures review ages on. Fixed, so a build never turns red because
 * the calendar moved: editors see real ages with `npm run check:content`, and a
 * maintainer moves this date forward on purpose (then fixes what it reports).
 */
export const ciReviewDate = '2026-11-26';

export interface ContentReport {
  /** Every guide with its review age, oldest review first. */
  freshness: Freshness[];
  /** Problems that fail the check, one editor-readable sentence each. */
  problems: string[];
  /** Guides to re-review soon (180–364 days): shown, never failing. */
  warnings: string[];
}

/** Reads and parses every content/guides/*.mdx; a file that cannot be parsed becomes a problem. */
export function readGuides(guidesDir: string): { guides: Guide[]; problems: string[] } {
  const guides: Guide[] = [];
  const problems: string[] = [];
  for (const file of readdirSync(guidesDir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()) {
    try {
      guides.push(parseGuide(file, readFileSync(join(guidesDir, file), 'utf8')));
    } catch (error) {
      if (!(error instanceof GuideParseError)) throw error;
      problems.push(error.message);
    }
  }
  return { guides, problems };
}

function issueLines(file: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((issue) => `${file}: ${issue.path.length ? `${issue.path.map(String).join('.')}: ` : ''}${issue.message}`);
}

/**
 * One YAML file of content/ read through its schema: the data, or the problems
 * an editor reads (bad YAML, then every schema issue), named by `file`.
 */
function readYamlFile<T>(
  path: string,
  file: string,
  schema: {
    safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  },
): { ok: true; data: T } | { ok: false; problems: string[] } {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`${file}: viết sai cú pháp YAML (${(error as Error).message}).`] };
  }
  const parsed = schema.safeParse(data);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, problems: issueLines(file, parsed.error.issues) };
}

/** Journeys in content/journeys/*.yaml: the same schema as the build, and no draft guide in a published journey. */
export function checkJourneys(journeysDir: string, guides: ReadonlyMap<string, { draft: boolean }>, skillCodes: ReadonlySet<string> = new Set()): string[] {
  if (!existsSync(journeysDir)) return [];
  const schema = journeySchemaFor(new Set(guides.keys()), skillCodes);
  const problems: string[] = [];
  for (const file of readdirSync(journeysDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    if (!slugPattern.test(file.slice(0, -5))) {
      problems.push(`${file}: tên tệp lộ trình chỉ gồm chữ thường không dấu, số và dấu "-", ví dụ lan-dau-lam-thu-tuc.yaml.`);
    }
    const parsed = readYamlFile(join(journeysDir, file), file, schema);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    if (parsed.data.draft) continue;
    if (parsed.data.skills.length === 0 && skillCodes.size > 0) problems.push(missingSkills(file, skillCodes));
    for (const step of parsed.data.steps) {
      for (const slug of step.guides) {
        if (guides.get(slug)?.draft) problems.push(`${file}: bước "${step.title}" có hướng dẫn "${slug}" còn nháp (draft: true).`);
      }
    }
  }
  return problems;
}

/**
 * Once the framework file holds skill areas, every published guide and journey
 * names at least one (issue 19 point 5), so /ky-nang-so/ lists all of them. While
 * it holds none (the Decision's annex not yet read), no guide can name one.
 */
function missingSkills(file: string, skillCodes: ReadonlySet<string>): string {
  return `${file}: skills: chưa ghi nhóm kỹ năng số nào. Ghi ít nhất một mã trong content/khung-ky-nang-so.yaml mà bài này dạy (các mã có: ${[...skillCodes].join(', ')}).`;
}

/**
 * The skill framework (content/khung-ky-nang-so.yaml, QĐ 757/QĐ-BKHCN): its own
 * shape, and the codes guides and journeys may name. A missing or broken file is
 * a problem, and then no code is known, so every `skills` entry is reported too.
 */
export function checkSkillFramework(contentDir: string): { skillCodes: ReadonlySet<string>; problems: string[] } {
  const path = join(contentDir, skillFrameworkFile);
  if (!existsSync(path)) return { skillCodes: new Set(), problems: [`${skillFrameworkFile}: thiếu tệp khung kỹ năng số (QĐ 757/QĐ-BKHCN).`] };
  const parsed = readYamlFile(path, skillFrameworkFile, skillFrameworkSchema);
  if (!parsed.ok) return { skillCodes: new Set(), problems: parsed.problems };
  return { skillCodes: skillCodesOf(parsed.data), problems: [] };
}

/**
 * "Tra lỗi" entries in content/errors/*.yaml (issue 19): the build's schema (an
 * app, the wording, a source), then what a schema cannot see: short steps, the
 * guide and its "## " section exist and are published, one entry per wording,
 * and a review date that is neither stale nor in the future.
 */
export function checkErrors(errorsDir: string, guides: readonly Guide[], ctx: Pick<RuleContext, 'today' | 'realToday'>): string[] {
  if (!existsSync(errorsDir)) return [];
  const bySlug = new Map(guides.map((g) => [g.slug, g]));
  const schema = errorSchemaFor(new Set(bySlug.keys()));
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const file of readdirSync(errorsDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    if (!slugPattern.test(file.slice(0, -5))) {
      problems.push(`${file}: tên tệp chỉ gồm chữ thường không dấu, số và dấu "-", ví dụ vneid-he-thong-dang-bao-tri.yaml.`);
    }
    const parsed = readYamlFile(join(errorsDir, file), file, schema);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const entry = parsed.data;
    entry.steps.forEach((step, index) => {
      const words = countWords(step);
      if (words > maxStepWords) problems.push(`${file}: "steps" mục ${index + 1} dài ${words} chữ, tối đa ${maxStepWords}. Mỗi mục một việc.`);
    });
    const guide = entry.guide ? bySlug.get(entry.guide) : undefined;
    if (guide && isDraft(guide) && entry.draft !== true) problems.push(`${file}: "guide" là hướng dẫn còn nháp (draft: true): ${guide.slug}.`);
    if (guide && entry.section && !guide.body.split('\n').some((line) => line.trim() === `## ${entry.section}`)) {
      problems.push(`${file}: hướng dẫn ${guide.slug} không có mục "## ${entry.section}". Ghi đúng tên một mục "## " của hướng dẫn đó.`);
    }
    const key = foldVietnamese(entry.message)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    const earlier = seen.get(key);
    if (earlier) problems.push(`${file}: thông báo này đã có ở ${earlier}. Mỗi thông báo chỉ một tệp.`);
    else seen.set(key, file);
    const reviewed = entry.reviewed.toISOString().slice(0, 10);
    const age = daysBetween(reviewed, ctx.today);
    if (reviewed > (ctx.realToday ?? ctx.today)) problems.push(`${file}: ngày rà soát ${reviewed} nằm trong tương lai.`);
    else if (age >= reviewFailDays) problems.push(`${file}: rà soát lần cuối ngày ${reviewed}, đã ${age} ngày. Đối chiếu lại với nguồn rồi đổi "reviewed".`);
  }
  return problems;
}

/** Every rule over content/: guide frontmatter (the build's schema), guide rules, freshness, journeys, skill codes and Tra lỗi entries. */
export function checkContent(options: { contentDir: string; today: string; realToday?: string }): ContentReport {
  const { guides, problems } = readGuides(join(options.contentDir, 'guides'));
  const framework = checkSkillFramework(options.contentDir);
  problems.push(...framework.problems);
  const guideSchema = guideSchemaFor(framework.skillCodes);
  const known = new Map(guides.map((g) => [g.slug, { draft: isDraft(g) }]));
  const ctx: RuleContext = { guides: known, today: options.today, ...(options.realToday ? { realToday: options.realToday } : {}) };
  for (const guide of guides) {
    const parsed = guideSchema.safeParse(guide.frontmatter);
    if (!parsed.success) problems.push(...issueLines(guide.file, parsed.error.issues));
    else if (parsed.data.skills.length === 0 && framework.skillCodes.size > 0 && !isDraft(guide))
      problems.push(missingSkills(guide.file, framework.skillCodes));
    problems.push(...checkGuide(guide, ctx));
  }
  problems.push(...checkJourneys(join(options.contentDir, 'journeys'), known, framework.skillCodes));
  problems.push(...checkErrors(join(options.contentDir, 'errors'), guides, ctx));
  const freshnessList = guides
    .map((g) => freshness(g, options.today))
    .sort((a, b) => (a.reviewed ?? '').localeCompare(b.reviewed ?? '') || a.file.localeCompare(b.file));
  const warnings = freshnessList.map(freshnessWarning).filter((w): w is string => w !== undefined);
  return { freshness: freshnessList, problems, warnings };
}
