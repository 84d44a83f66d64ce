// "Tra lỗi" entries (content/errors/*.yaml, issue 19): the real entries pass the
// checker, and each rule (an app, the exact wording, a source, short steps, a
// guide section that exists, one file per wording, a review date) can fail.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkErrors, ciReviewDate, parseGuide, readGuides, todayInVietnam } from '../../scripts/lib/content-rules.ts';

const contentDir = fileURLToPath(new URL('../../content/', import.meta.url));
const realGuides = readGuides(join(contentDir, 'guides')).guides;

describe('content/errors', () => {
  it('has entries, and every one passes the checker on the CI date', () => {
    expect(readdirSync(join(contentDir, 'errors')).filter((f) => f.endsWith('.yaml')).length).toBeGreaterThan(0);
    expect(checkErrors(join(contentDir, 'errors'), realGuides, { today: ciReviewDate, realToday: todayInVietnam() }).join('\n')).toBe('');
  });
});

describe('checker: content/errors', () => {
  const guides = [
    parseGuide('kich-hoat.mdx', '---\ntitle: Kích hoạt\n---\n\n## Các bước\n\n## Nếu gặp trục trặc\n'),
    parseGuide('nhap.mdx', '---\ntitle: Nháp\ndraft: true\n---\n\n## Các bước\n'),
  ];
  const ctx = { today: '2026-12-07', realToday: '2026-12-07' };
  let dir = '';
  const good = {
    message: 'Hệ thống đang bảo trì. Vui lòng thử lại sau',
    app: 'vneid',
    meaning: 'Máy chủ đang quá tải hoặc đang được sửa; tài khoản của bạn không sao.',
    steps: '\n  - Chờ vài giờ rồi mở lại.',
    guide: 'kich-hoat',
    section: 'Nếu gặp trục trặc',
    sources: '\n  - title: vietbao.vn 558083\n    published: 2025-08',
    reviewed: '2026-12-07',
  };
  /** Writes one entry (fields of `good` changed by `overrides`; undefined drops a field) and checks the folder. */
  function check(overrides: Record<string, string | undefined> = {}, extra: Record<string, string> = {}): string[] {
    dir = mkdtempSync(join(tmpdir(), 'errors-'));
    const fields = { ...good, ...overrides };
    const yaml = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n');
    writeFileSync(join(dir, 'loi-mau.yaml'), `${yaml}\n`);
    for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
    return checkErrors(dir, guides, ctx);
  }
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a good entry', () => {
    expect(check()).toEqual([]);
  });

  it('needs an app from the list', () => {
    expect(check({ app: undefined })).toEqual(['loi-mau.yaml: app: "app" phải là một trong: vneid, dichvucong, vssid, ngan-hang, vi-dien-tu, nha-mang']);
    expect(check({ app: 'zalo' })[0]).toMatch(/^loi-mau\.yaml: app: /);
  });

  it('needs the wording itself, without quotes around it', () => {
    expect(check({ message: undefined })[0]).toContain('Thiếu "message"');
    expect(check({ message: '“Hệ thống đang bảo trì”' })[0]).toContain('Không đặt dấu ngoặc kép quanh thông báo');
  });

  it('needs a source: a report with its month, a link only for an official page', () => {
    expect(check({ sources: '[]' })[0]).toContain('Cần ít nhất một nguồn');
    expect(check({ sources: '\n  - title: vietbao.vn 558083' })[0]).toContain('Nguồn báo chí cần "published"');
    expect(check({ sources: '\n  - title: vietbao.vn 558083\n    published: 2025-08\n    url: https://vietbao.vn/a.html' })[0]).toContain(
      'Chỉ ghi "url" cho trang chính thức',
    );
    expect(check({ sources: '\n  - title: Công an tỉnh Hà Nam, hướng dẫn\n    url: https://congan.hanam.gov.vn/vi/news/x.html' })).toEqual([]);
  });

  it('keeps every step short', () => {
    expect(check({ steps: `\n  - ${'chữ '.repeat(36)}` })).toEqual(['loi-mau.yaml: "steps" mục 1 dài 36 chữ, tối đa 35. Mỗi mục một việc.']);
  });

  it('links only a published guide, and a "## " section that guide has', () => {
    expect(check({ guide: 'khong-co', section: undefined })[0]).toContain('Không có hướng dẫn "khong-co"');
    expect(check({ guide: 'nhap', section: undefined })).toEqual(['loi-mau.yaml: "guide" là hướng dẫn còn nháp (draft: true): nhap.']);
    expect(check({ section: 'Mục không có' })).toEqual([
      'loi-mau.yaml: hướng dẫn kich-hoat không có mục "## Mục không có". Ghi đúng tên một mục "## " của hướng dẫn đó.',
    ]);
    expect(check({ guide: undefined })[0]).toContain('"section" cần đi cùng "guide"');
  });

  it('keeps one file per wording, whatever the diacritics, case or punctuation', () => {
    const twin =
      'message: he thong dang bao tri, vui long thu lai sau\napp: vneid\nmeaning: Máy chủ đang quá tải hoặc đang được sửa chữa.\nsteps: [Chờ vài giờ rồi mở lại.]\nsources:\n  - title: soha.vn 198250829093612803\n    published: 2025-08\nreviewed: 2026-12-07\n';
    expect(check({}, { 'loi-trung.yaml': twin })).toEqual(['loi-trung.yaml: thông báo này đã có ở loi-mau.yaml. Mỗi thông báo chỉ một tệp.']);
  });

  it('fails a review date in the future or a year old', () => {
    expect(check({ reviewed: '2026-12-08' })).toEqual(['loi-mau.yaml: ngày rà soát 2026-12-08 nằm trong tương lai.']);
    expect(check({ reviewed: '2025-12-07' })[0]).toContain('đã 365 ngày');
    expect(check({ reviewed: '2025-12-08' })).toEqual([]);
  });

  it('names a file whose name is not a URL slug', () => {
    dir = mkdtempSync(join(tmpdir(), 'errors-'));
    writeFileSync(join(dir, 'Lỗi VNeID.yaml'), 'message: x\n');
    expect(checkErrors(dir, guides, ctx)[0]).toMatch(/^Lỗi VNeID\.yaml: tên tệp chỉ gồm chữ thường/);
  });
});
