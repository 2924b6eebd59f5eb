import { describe, expect, it } from 'vitest';
import { exportQueryString, fileNameOf } from './export-query';

describe('the export request', () => {
  it('sends the cycle and only the filters chosen', () => {
    expect(
      exportQueryString({
        cycleId: 3,
        examAreaId: null,
        status: null,
        specialtyCode: null,
        cityId: null,
      }),
    ).toBe('cycleId=3');
    expect(
      exportQueryString({
        cycleId: 3,
        examAreaId: 7,
        status: 'returned',
        specialtyCode: '303',
        cityId: 12,
      }),
    ).toBe('cycleId=3&examAreaId=7&status=returned&specialtyCode=303&cityId=12');
  });

  it('reads the Chinese file name from the UTF-8 part of Content-Disposition', () => {
    const name = '报名信息_上海_2027 年度_20261120-1000.xlsx';
    const header = `attachment; filename="____.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
    expect(fileNameOf(header, 'x.xlsx')).toBe(name);
  });

  it('falls back to the plain name, then to the default', () => {
    expect(fileNameOf('attachment; filename="export.xlsx"', 'x.xlsx')).toBe('export.xlsx');
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A", 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
