import { describe, expect, it } from 'vitest';
import { directoryColumns } from '../../../../functions/directory/sheet/columns.ts';
import { parseRows } from '../../../../functions/directory/import/parse-rows.ts';

const templateHeader = directoryColumns.slice(0, 11).map((c) => c.header);

describe('parseRows', () => {
  it('matches headers ignoring case, accents and punctuation', () => {
    const header = [
      'MA XA/PHUONG',
      'ten thon/to dan pho',
      'LOAI',
      'Ten To',
      'ho va ten',
      'vai tro',
      'chuc vu',
      'so dien thoai',
      'cong khai lien he',
      'so quyet dinh',
      'NGAY QUYET DINH',
    ];
    const sheet = parseRows([
      { rowNumber: 1, cells: header },
      { rowNumber: 2, cells: ['24133', 'Thôn 1', '', 'Tổ A', 'Nguyễn Văn An', 'Tổ trưởng', '', '', '', '', ''] },
    ]);
    expect(sheet.errors).toEqual([]);
    expect(sheet.rows[0]).toMatchObject({ rowNumber: 2, communeCode: '24133', villageName: 'Thôn 1', teamName: 'Tổ A', fullName: 'Nguyễn Văn An' });
  });

  it('finds columns in any order and knows common aliases', () => {
    const sheet = parseRows([
      { rowNumber: 1, cells: ['Họ tên', 'SĐT', ...templateHeader.filter((h) => h !== 'Họ và tên' && h !== 'Số điện thoại'), 'Mã thành viên', 'Ghi chú'] },
      { rowNumber: 2, cells: ['Lê Thị Hoa', '0912345678', '24133', 'Thôn 1'] },
    ]);
    expect(sheet.errors).toEqual([]);
    expect(sheet.rows[0]).toMatchObject({ fullName: 'Lê Thị Hoa', phone: '0912345678', communeCode: '24133', villageName: 'Thôn 1' });
    expect(sheet.columns.has('memberCode')).toBe(true);
    expect(sheet.columns.has('zaloUrl')).toBe(false);
    expect(sheet.ignoredHeaders).toEqual(['Ghi chú']);
  });

  it('reports every missing template column at the header row', () => {
    const sheet = parseRows([{ rowNumber: 1, cells: ['Mã xã/phường', 'Họ và tên'] }]);
    expect(sheet.errors.map((e) => e.column)).toEqual(templateHeader.filter((h) => h !== 'Mã xã/phường' && h !== 'Họ và tên'));
    expect(sheet.errors.every((e) => e.rowNumber === 1 && e.message.includes('thiếu cột'))).toBe(true);
  });

  it('reports a column given twice', () => {
    const sheet = parseRows([{ rowNumber: 1, cells: [...templateHeader, 'ho va ten'] }]);
    expect(sheet.errors).toEqual([{ rowNumber: 1, column: 'ho va ten', message: 'cột bị lặp lại trong dòng tiêu đề' }]);
  });

  it('skips empty rows but keeps spreadsheet row numbers', () => {
    const sheet = parseRows([
      { rowNumber: 1, cells: templateHeader },
      { rowNumber: 2, cells: ['', ' ', ''] },
      { rowNumber: 3, cells: ['24133', 'Thôn 1'] },
      { rowNumber: 4, cells: [] },
      { rowNumber: 5, cells: ['24133', 'Thôn 2'] },
    ]);
    expect(sheet.rows.map((r) => [r.rowNumber, r.villageName])).toEqual([
      [3, 'Thôn 1'],
      [5, 'Thôn 2'],
    ]);
  });

  it('says so when the file is empty', () => {
    expect(parseRows([]).errors[0]?.message).toMatch(/trống/);
  });
});
