import { describe, expect, it } from 'vitest';
import { csvCell, usageCsv } from '../../../functions/usage/csv.ts';
import type { UsageReport } from '../../../functions/usage/report.ts';

function reportWithTitles(titles: string[]): UsageReport {
  return {
    scope: { level: 'national' },
    period: { from: '2026-03-01', to: '2026-03-31' },
    measuresViews: true,
    guides: titles.map((title, i) => ({ slug: `g-${i}`, title, views: i, shareClicks: 0, helpfulYes: null, helpfulNo: 1 })),
    totals: { views: 0, shareClicks: 0, helpfulYes: null, helpfulNo: 0 },
    weeks: [],
    topTeams: [],
    d1Ms: 0,
  };
}

describe('usage CSV (functions/usage/csv.ts)', () => {
  it.each([
    ['=HYPERLINK("http://x","bấm")', `"'=HYPERLINK(""http://x"",""bấm"")"`],
    ['+84 912', "'+84 912"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('turns a cell that a spreadsheet would run as a formula into text: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves ordinary text and numbers as they are, quoting only separators and quotes', () => {
    expect(csvCell('Cài VNeID')).toBe('Cài VNeID');
    expect(csvCell(1234)).toBe('1234');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a, b; "c"')).toBe('"a, b; ""c"""');
    expect(csvCell('giữa = và - không sao')).toBe('giữa = và - không sao');
  });

  it('escapes guide titles inside the whole file, which starts with a BOM and uses CRLF', () => {
    const csv = usageCsv(reportWithTitles(['=cmd|" /C calc"!A0', 'Bình thường']));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Mã hướng dẫn,Hướng dẫn,Lượt xem,Lượt mở link chia sẻ,Thấy giúp ích,Chưa giúp ích,Từ ngày,Đến ngày');
    expect(lines[1]).toBe(`g-0,"'=cmd|"" /C calc""!A0",0,0,,1,2026-03-01,2026-03-31`);
    expect(lines[2]).toBe('g-1,Bình thường,1,0,,1,2026-03-01,2026-03-31');
    expect(lines[3]).toBe('');
  });
});
