// The journey schema (site/schemas/journey.ts) and the checker's journey rules
// (scripts/lib/content-rules.ts), each shown failing with the editor's message.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkJourneys } from '../../scripts/lib/content-rules.ts';
import { journeySchemaFor } from '../../site/schemas/journey.ts';

const known = new Set(['kich-hoat-tai-khoan-vneid-muc-2', 'dang-nhap-dich-vu-cong-bang-vneid', 'nop-ho-so-truc-tuyen']);
const schema = journeySchemaFor(known);

const good = {
  title: 'Lần đầu làm thủ tục trên điện thoại',
  description: 'Từ tài khoản VNeID mức 2 đến nộp hồ sơ trên Cổng Dịch vụ công quốc gia.',
  steps: [
    { title: 'Có VNeID mức 2', guides: ['kich-hoat-tai-khoan-vneid-muc-2'] },
    { title: 'Đăng nhập Cổng', text: 'Dùng tài khoản VNeID.', guides: ['dang-nhap-dich-vu-cong-bang-vneid'] },
    { title: 'Nộp hồ sơ', guides: ['nop-ho-so-truc-tuyen'] },
  ],
};

function messages(data: unknown): string[] {
  const parsed = schema.safeParse(data);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('journey schema', () => {
  it('accepts a good journey and fills the defaults', () => {
    const parsed = schema.parse(good);
    expect(parsed.order).toBe(100);
    expect(parsed.draft).toBe(false);
  });

  it('rejects a guide slug with no guide file, naming the file it looked for', () => {
    const bad = { ...good, steps: [...good.steps, { title: 'Nộp phí', guides: ['nop-phi-khong-co'] }] };
    expect(messages(bad)).toEqual(['steps.3.guides.0: Không có hướng dẫn "nop-phi-khong-co" (không có tệp content/guides/nop-phi-khong-co.mdx)']);
  });

  it('rejects a slug written as a file name', () => {
    const bad = { ...good, steps: [{ title: 'Bước', guides: ['nop-ho-so-truc-tuyen.mdx'] }, good.steps[0]] };
    expect(messages(bad).join('\n')).toContain('không có .mdx');
  });

  it('rejects the same guide in two steps', () => {
    const bad = { ...good, steps: [...good.steps, { title: 'Lại nộp hồ sơ', guides: ['nop-ho-so-truc-tuyen'] }] };
    expect(messages(bad)).toEqual(['steps.3.guides.0: Hướng dẫn "nop-ho-so-truc-tuyen" đã có ở bước 3; mỗi hướng dẫn chỉ thuộc một bước của lộ trình']);
  });

  it('rejects a misspelt field, a one-step journey and a step without guides', () => {
    expect(messages({ ...good, descripton: 'x' }).join('\n')).toContain('Trường không có trong mẫu: descripton');
    expect(messages({ ...good, steps: [good.steps[0]] })).toEqual(['steps: Lộ trình cần ít nhất 2 bước']);
    expect(messages({ ...good, steps: [good.steps[0], { title: 'Trống', guides: [] }] })).toEqual(['steps.1.guides: Mỗi bước cần ít nhất một hướng dẫn']);
  });

  it('rejects a description too long for a Zalo preview', () => {
    expect(messages({ ...good, description: 'ă'.repeat(161) })).toEqual(['description: Mô tả tối đa 160 ký tự (hiện khi chia sẻ qua Zalo)']);
  });
});

describe('checker: content/journeys', () => {
  const guides = new Map([
    ['kich-hoat-tai-khoan-vneid-muc-2', { draft: false }],
    ['dang-nhap-dich-vu-cong-bang-vneid', { draft: true }],
    ['nop-ho-so-truc-tuyen', { draft: false }],
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'journeys-'));

  it('reports schema problems with the file name, and a draft guide in a published journey', () => {
    writeFileSync(
      join(dir, 'lo-trinh-tot.yaml'),
      'title: Lần đầu làm thủ tục\ndescription: Từ tài khoản VNeID mức 2 đến nộp hồ sơ trên Cổng.\nsteps:\n  - title: VNeID\n    guides: [kich-hoat-tai-khoan-vneid-muc-2]\n  - title: Đăng nhập\n    guides: [dang-nhap-dich-vu-cong-bang-vneid]\n',
    );
    writeFileSync(
      join(dir, 'sai.yaml'),
      'title: Sai tên hướng dẫn\ndescription: Một lộ trình có một bước ghi sai tên tệp hướng dẫn.\nsteps:\n  - title: Bước một\n    guides: [khong-co]\n  - title: Bước hai\n    guides: [nop-ho-so-truc-tuyen]\n',
    );
    expect(checkJourneys(dir, guides)).toEqual([
      'lo-trinh-tot.yaml: bước "Đăng nhập" có hướng dẫn "dang-nhap-dich-vu-cong-bang-vneid" còn nháp (draft: true).',
      'sai.yaml: steps.0.guides.0: Không có hướng dẫn "khong-co" (không có tệp content/guides/khong-co.mdx)',
    ]);
  });
});
