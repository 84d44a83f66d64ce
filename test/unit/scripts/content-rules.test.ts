// Content rules over every content/guides/*.mdx (the editors' checker,
// scripts/lib/content-rules.ts, on the fixed CI date), then the same rules fed
// small bad guides to prove each one can fail with its message.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  allowedPhoneNumbers,
  checkContent,
  checkGuide,
  ciReviewDate,
  commentsSplittingLists,
  countWords,
  daysBetween,
  freshness,
  GuideParseError,
  guideRules,
  isDraft,
  maxStepWords,
  numberedItems,
  parseGuide,
  phoneNumbersIn,
  reviewFailDays,
  reviewWarnDays,
  sensitiveTermsIn,
  todayInVietnam,
  type Guide,
  type RuleContext,
} from '../../../scripts/lib/content-rules.ts';

const contentDir = fileURLToPath(new URL('../../../content/', import.meta.url));
const guidesDir = `${contentDir}guides/`;
const files = readdirSync(guidesDir)
  .filter((f) => f.endsWith('.mdx'))
  .sort();
const guides = files.map((file) => parseGuide(file, readFileSync(guidesDir + file, 'utf8')));
// Ages on the fixed CI date, so the calendar alone never fails `npm test`.
const realContext: RuleContext = {
  guides: new Map(guides.map((g) => [g.slug, { draft: isDraft(g) }])),
  today: ciReviewDate,
  realToday: todayInVietnam(),
};

describe('content/guides', () => {
  it('finds the guide files (so the checks below are not vacuous)', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  describe.each(guides.map((guide) => [guide.file, guide] as const))('%s', (_file, guide) => {
    it.each(guideRules.map((rule) => [rule.name, rule] as const))('%s', (_name, rule) => {
      // Joined into one string so the failure shows the editor the messages themselves.
      expect(rule.check(guide, realContext).join('\n')).toBe('');
    });
  });

  it('pass the whole checker (frontmatter schema, rules, journeys) on the CI date', () => {
    const report = checkContent({ contentDir, today: ciReviewDate, realToday: todayInVietnam() });
    expect(report.problems.join('\n')).toBe('');
    expect(report.freshness).toHaveLength(files.length);
  });
});

// ---------------------------------------------------------------------------
// Each rule can fail: a good guide passes, one change breaks exactly one rule.

const today = '2026-11-22';

function frontmatter(overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    title: 'Hướng dẫn mẫu để kiểm tra',
    description: 'Một mô tả ngắn đủ dài để đọc được khi chia sẻ qua Zalo.',
    topic: 'kinh-te-so',
    reviewed: '2026-11-20',
    related: '[thanh-toan-bang-ma-vietqr, giu-bi-mat-otp-va-mat-khau]',
    draft: 'false',
    ...overrides,
  };
  return `---\n${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n`;
}

const goodBody = `
Mở đầu ngắn gọn về việc cần làm.

## Các bước

<Steps>

1. Mở ứng dụng ngân hàng.
2. Bấm **Quét QR** và đưa máy vào mã.
3. Đọc kỹ tên người nhận rồi mới chuyển tiền.

</Steps>

<Callout type="warning" title="Xem tên người nhận">

Tên lạ thì bấm **Hủy**. Không đọc mã OTP cho ai. Xem [cách giữ bí mật OTP](/huong-dan/giu-bi-mat-otp-va-mat-khau/)
và [trang NAPAS](https://napas.com.vn/). Khẩn cấp gọi **113**.

</Callout>

## Nếu gặp trục trặc

- Hỏi Tổ công nghệ số cộng đồng ở thôn, tổ dân phố của bạn.
`;

const fixtureContext: RuleContext = {
  guides: new Map([
    ['thanh-toan-bang-ma-vietqr', { draft: false }],
    ['giu-bi-mat-otp-va-mat-khau', { draft: false }],
    ['huong-dan-nhap', { draft: true }],
    ['mau', { draft: false }],
  ]),
  today,
};

function guide(body: string, overrides: Record<string, string> = {}): Guide {
  return parseGuide('mau.mdx', frontmatter(overrides) + body);
}

function problems(body: string, overrides: Record<string, string> = {}): string[] {
  return checkGuide(guide(body, overrides), fixtureContext);
}

/** Asserts the bad guide breaks exactly one rule, with a message naming the file and containing `text`. */
function expectOneProblem(body: string, text: string, overrides: Record<string, string> = {}): void {
  const found = problems(body, overrides);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(/^mau\.mdx: /);
  expect(found[0]).toContain(text);
}

describe('guide rules', () => {
  it('accept the good sample guide', () => {
    expect(problems(goodBody)).toEqual([]);
  });

  it('reject a file without frontmatter, or with broken YAML', () => {
    expect(() => parseGuide('mau.mdx', goodBody)).toThrow(GuideParseError);
    expect(() => parseGuide('mau.mdx', goodBody)).toThrow('mau.mdx: tệp phải bắt đầu bằng phần thông tin');
    expect(() => parseGuide('mau.mdx', `---\ntitle: [chưa đóng\n---\n${goodBody}`)).toThrow('sai cú pháp YAML');
  });

  describe('"## Các bước" with <Steps>', () => {
    it('fails without the heading', () => {
      expectOneProblem(goodBody.replace('## Các bước', '## Cách làm'), 'thiếu mục "## Các bước"');
    });

    it('fails when the section has no <Steps> block', () => {
      const body = goodBody.replace('<Steps>\n', '').replace('</Steps>\n', '');
      expectOneProblem(body, 'phải có khối <Steps>');
    });

    it('fails when <Steps> is not closed', () => {
      expectOneProblem(goodBody.replace('</Steps>', ''), 'thiếu dòng đóng </Steps>');
    });

    it('fails when <Steps> holds a bullet list instead of a numbered one', () => {
      const body = goodBody.replace('1. Mở', '- Mở').replace('2. Bấm', '- Bấm').replace('3. Đọc', '- Đọc');
      expectOneProblem(body, 'không có danh sách đánh số');
    });

    it('fails when the only <Steps> sits in another section', () => {
      const body = goodBody.replace('## Các bước\n', '').replace('## Nếu gặp trục trặc', '## Các bước\n\nXem trên.\n\n## Nếu gặp trục trặc');
      expectOneProblem(body, 'phải có khối <Steps>');
    });
  });

  it('"## Nếu gặp trục trặc" is required', () => {
    expectOneProblem(goodBody.replace('## Nếu gặp trục trặc', '## Hỏi thêm'), 'thiếu mục "## Nếu gặp trục trặc"');
  });

  describe('warning callout for secrets and money', () => {
    it('fails when money and OTP are mentioned with only a tip callout', () => {
      expectOneProblem(goodBody.replace('type="warning"', 'type="tip"'), 'cần ít nhất một khung cảnh báo');
    });

    it('accepts a danger callout, in either quote style', () => {
      expect(problems(goodBody.replace('type="warning"', "type='danger'"))).toEqual([]);
    });

    it('detects each sensitive word, but not "ví dụ" (for example)', () => {
      expect(sensitiveTermsIn('Nhập mã otp')).toEqual(['OTP']);
      expect(sensitiveTermsIn('Đổi Mật khẩu')).toEqual(['mật khẩu']);
      expect(sensitiveTermsIn('chuyển tiền cho con')).toEqual(['tiền']);
      expect(sensitiveTermsIn('Thanh toán hóa đơn')).toEqual(['thanh toán']);
      expect(sensitiveTermsIn('mở ví điện tử')).toEqual(['ví']);
      expect(sensitiveTermsIn('Ví dụ: bấm nút Tìm. Xem ví dụ khác.')).toEqual([]);
      expect(sensitiveTermsIn('Xem lịch sử khám bệnh')).toEqual([]);
    });

    it('lets a guide without such words go without a warning', () => {
      const body = `Xem lịch khám.\n\n## Các bước\n\n<Steps>\n\n1. Mở ứng dụng.\n2. Chọn lịch khám.\n\n</Steps>\n\n## Nếu gặp trục trặc\n\n- Hỏi Tổ.\n`;
      expect(problems(body)).toEqual([]);
    });
  });

  describe('internal links', () => {
    it('fail for a guide that does not exist', () => {
      expectOneProblem(goodBody.replace('/huong-dan/giu-bi-mat-otp-va-mat-khau/', '/huong-dan/khong-co-bai-nay/'), 'content/guides/khong-co-bai-nay.mdx');
    });

    it('fail for a draft guide, unless the linking guide is a draft too', () => {
      const body = goodBody.replace('/huong-dan/giu-bi-mat-otp-va-mat-khau/', '/huong-dan/huong-dan-nhap/');
      expectOneProblem(body, 'còn nháp');
      expect(problems(body, { draft: 'true' })).toEqual([]);
    });

    it('fail without the trailing slash', () => {
      expectOneProblem(goodBody.replace('/huong-dan/giu-bi-mat-otp-va-mat-khau/', '/huong-dan/giu-bi-mat-otp-va-mat-khau'), 'thiếu dấu "/" ở cuối');
    });
  });

  describe('https only', () => {
    it('fails for an http:// link and names it', () => {
      expectOneProblem(goodBody.replace('https://napas.com.vn/', 'http://napas.com.vn/'), '"http://napas.com.vn/" dùng http://');
    });

    it('fails for an http:// source in the frontmatter', () => {
      const found = checkGuide(parseGuide('mau.mdx', frontmatter({ sources: '[{ title: NAPAS, url: "http://napas.com.vn/" }]' }) + goodBody), fixtureContext);
      expect(found).toEqual([expect.stringContaining('"http://napas.com.vn/" dùng http://')]);
    });

    it('fails for a link that is neither https:// nor a site path', () => {
      expectOneProblem(goodBody.replace('https://napas.com.vn/', 'napas.com.vn'), 'liên kết "napas.com.vn" không hợp lệ');
      expectOneProblem(`${goodBody}\n<a href="mailto:a@b.vn">thư</a>\n`, '"mailto:a@b.vn"');
    });

    it('fails for a bare www. address, which Markdown would link over http', () => {
      expectOneProblem(`${goodBody}\nXem thêm www.napas.com.vn nhé.\n`, '"www.napas.com.vn" sẽ tự thành liên kết http://');
    });
  });

  describe('phone numbers', () => {
    it('fail for a mobile number in the body', () => {
      expectOneProblem(`${goodBody}\nGọi anh Nam 0912 345 678.\n`, '"0912 345 678"');
    });

    it('fail for a hotline in a prepare item', () => {
      expectOneProblem(goodBody, '"1900 5454 13"', { prepare: '["Số tổng đài 1900 5454 13"]' });
    });

    it('allow the confirmed VNeID hotline in any spacing', () => {
      expect(phoneNumbersIn('gọi tổng đài 1900 0368 hoặc 1900.0368 hay 19000368')).toEqual([]);
      expect(phoneNumbersIn('tổng đài 1900 0369')).toEqual(['1900 0369']);
    });

    it('find Vietnamese shapes and short called numbers, allow the emergency list', () => {
      expect(phoneNumbersIn('số 0912345678 hoặc 091.234.5678')).toEqual(['0912345678', '091.234.5678']);
      expect(phoneNumbersIn('+84 912 345 678')).toEqual(['+84 912 345 678']);
      expect(phoneNumbersIn('máy bàn 024 3825 1234')).toEqual(['024 3825 1234']);
      expect(phoneNumbersIn('tổng đài 1800 1091')).toEqual(['1800 1091']);
      expect(phoneNumbersIn('gọi **156** ngay')).toEqual(['156']);
      for (const number of allowedPhoneNumbers) expect(phoneNumbersIn(`gọi **${number}**`)).toEqual([]);
      expect(phoneNumbersIn('mật khẩu không dùng 123456 hay 000000, căn cước 12 chữ số, năm 2026')).toEqual([]);
    });
  });

  describe('short steps', () => {
    it(`fails for a step over ${maxStepWords} words`, () => {
      const long = `Mở ứng dụng ${'rồi bấm tiếp '.repeat(12)}.`;
      expectOneProblem(goodBody.replace('Mở ứng dụng ngân hàng.', long), `tối đa ${maxStepWords} chữ`);
    });

    it('counts what the reader sees, and joins wrapped lines of one step', () => {
      expect(countWords('Xem **[hướng dẫn](/huong-dan/x/)** này, rồi bấm **Tiếp**.')).toBe(7);
      expect(numberedItems('1. Mở máy\n   rồi bấm.\n2. Xong.\n\nĐoạn khác.')).toEqual(['Mở máy rồi bấm.', 'Xong.']);
    });
  });

  describe('related', () => {
    it('fails for a guide that does not exist', () => {
      expectOneProblem(goodBody, '"khong-co-bai-nay" nhưng không có tệp', { related: '[thanh-toan-bang-ma-vietqr, khong-co-bai-nay]' });
    });

    it('fails for fewer than 2 or more than 4 items', () => {
      expectOneProblem(goodBody, 'cần từ 2 đến 4', { related: '[thanh-toan-bang-ma-vietqr]' });
      expectOneProblem(goodBody, 'có 0 hướng dẫn', { related: '[]' });
    });

    it('fails for itself, a draft or a duplicate', () => {
      expect(problems(goodBody, { related: '[mau, thanh-toan-bang-ma-vietqr]' })).toEqual([expect.stringContaining('chính hướng dẫn này')]);
      expect(problems(goodBody, { related: '[huong-dan-nhap, thanh-toan-bang-ma-vietqr]' })).toEqual([expect.stringContaining('còn nháp')]);
      expect(problems(goodBody, { related: '[thanh-toan-bang-ma-vietqr, thanh-toan-bang-ma-vietqr]' })).toEqual([expect.stringContaining('hai lần')]);
    });
  });

  describe('reviewed date', () => {
    it('fails in the future', () => {
      expectOneProblem(goodBody, 'nằm trong tương lai', { reviewed: '2026-11-23' });
    });

    it(`fails from ${reviewFailDays} days, passes the day before`, () => {
      expect(daysBetween('2025-11-22', today)).toBe(365);
      expectOneProblem(goodBody, 'đã 365 ngày', { reviewed: '2025-11-22' });
      expect(problems(goodBody, { reviewed: '2025-11-23' })).toEqual([]);
    });

    it(`grades freshness: ok below ${reviewWarnDays} days, warn from ${reviewWarnDays}, fail from ${reviewFailDays}`, () => {
      const level = (reviewed: string) => freshness(guide(goodBody, { reviewed }), today).level;
      expect(level('2026-05-27')).toBe('ok'); // 179 days
      expect(level('2026-05-26')).toBe('warn'); // 180 days
      expect(level('2025-11-23')).toBe('warn'); // 364 days
      expect(level('2025-11-22')).toBe('fail'); // 365 days
      expect(level('hôm qua')).toBe('fail');
    });

    it('measures "in the future" on the real calendar, not on the fixed CI date', () => {
      const ciContext: RuleContext = { ...fixtureContext, today: '2026-11-01', realToday: today };
      expect(checkGuide(guide(goodBody, { reviewed: '2026-11-20' }), ciContext)).toEqual([]);
      expect(checkGuide(guide(goodBody, { reviewed: '2026-11-23' }), ciContext)).toEqual([expect.stringContaining('nằm trong tương lai')]);
    });

    it('fails when it is not a YYYY-MM-DD date', () => {
      expectOneProblem(goodBody, 'dạng YYYY-MM-DD', { reviewed: '20/11/2026' });
      expectOneProblem(goodBody, 'dạng YYYY-MM-DD', { reviewed: '2026-02-30' });
    });

    it('uses the date in Vietnam (UTC+7)', () => {
      expect(todayInVietnam(new Date('2026-11-20T18:30:00Z'))).toBe('2026-11-21');
    });
  });

  describe('hidden comments inside a list', () => {
    it('catch the comment that split the troubleshooting list of kich-hoat-tai-khoan-vneid-muc-2 before its fix', () => {
      const before = readFileSync(fileURLToPath(new URL('./fixtures/kich-hoat-troubleshooting-before.mdx', import.meta.url)), 'utf8');
      expect(commentsSplittingLists(before)).toEqual(['**Cần người chỉ:** Tổ công nghệ']);
    });

    const troubleshooting = (list: string) => goodBody.replace('- Hỏi Tổ công nghệ số cộng đồng ở thôn, tổ dân phố của bạn.\n', list);

    it('fail when a source comment sits between two bullet items, as it did in kich-hoat-tai-khoan-vneid-muc-2', () => {
      const body = troubleshooting(
        '- **Quên mật khẩu:** bấm Quên mật khẩu.\n{/* Nguồn: plo.vn post832648 (2/2025). */}\n- **Cần người chỉ:** hỏi Tổ công nghệ số.\n',
      );
      expectOneProblem(body, 'ngay trước mục "**Cần người chỉ:** hỏi Tổ công …"');
    });

    it('fail for a numbered list, a blank line on either side, an indented item above or a comment over several lines', () => {
      expect(commentsSplittingLists('1. Mở ứng dụng.\n\n{/* Nguồn: a */}\n\n2. Bấm nút.\n')).toEqual(['Bấm nút.']);
      expect(commentsSplittingLists('- Một việc\n  tiếp dòng hai\n{/* Nguồn:\n  b */}\n- Việc khác\n')).toEqual(['Việc khác']);
    });

    it('accept a comment after the last item, before the first, or between paragraphs', () => {
      expect(problems(troubleshooting('- Một việc.\n- Việc khác.\n\n{/* Nguồn: c */}\n'))).toEqual([]);
      expect(commentsSplittingLists('Đoạn mở đầu.\n{/* Nguồn: d */}\n- Mục đầu.\n')).toEqual([]);
      expect(commentsSplittingLists('Đoạn một.\n\n{/* Nguồn: e */}\n\nĐoạn hai.\n')).toEqual([]);
    });
  });

  describe('SIM spelling', () => {
    it('fails for sim or Sim in what the reader sees, naming the word', () => {
      expectOneProblem(goodBody.replace('Mở đầu ngắn gọn', 'Lắp sim vào máy. Mở đầu ngắn gọn'), 'viết "sim" thành "SIM"');
      expectOneProblem(goodBody, 'viết "Sim" thành "SIM"', { description: 'Sim điện thoại đứng tên bạn, một mô tả đủ dài để đọc.' });
    });

    it('accepts SIM, eSIM, and sim inside a link target or a hidden comment', () => {
      const body = goodBody.replace(
        'Mở đầu ngắn gọn về việc cần làm.',
        'Lắp SIM hoặc dùng eSIM. Xem [SIM chính chủ](/huong-dan/kiem-tra-sim-chinh-chu/).\n{/* Nguồn: vinaphone.online sim 1/2026 */}',
      );
      expect(problems(body, { related: '[thanh-toan-bang-ma-vietqr, giu-bi-mat-otp-va-mat-khau]' }).filter((p) => p.includes('SIM'))).toEqual([]);
    });
  });

  it('description over 160 characters fails', () => {
    expectOneProblem(goodBody, 'dài 161 ký tự', { description: 'ă'.repeat(161) });
    expect(problems(goodBody, { description: 'ă'.repeat(160) })).toEqual([]);
  });
});
