import { describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from './money';

describe('fees in yuan and fen', () => {
  it.each([
    ['60', 6000],
    ['58.5', 5850],
    ['58.50', 5850],
    ['0.29', 29],
    ['0.1', 10],
    [' 12.34 ', 1234],
    ['0', 0],
  ])('when %s 元 is typed, then it is %i 分 exactly', (typed, fen) => {
    expect(yuanToFen(typed)).toBe(fen);
  });

  it.each(['', 'abc', '1.234', '-5', '1e3', '12.', '.5', '12345678'])(
    'when "%s" is typed, then it is not an amount',
    (typed) => {
      expect(yuanToFen(typed)).toBeNull();
    },
  );

  it('when fen are shown, then they read as yuan with two decimals, and round-trip', () => {
    expect(fenToYuan(5850)).toBe('58.50');
    expect(fenToYuan(29)).toBe('0.29');
    expect(fenToYuan(0)).toBe('0.00');
    for (const fen of [1, 29, 100, 5850, 999_999]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
});
