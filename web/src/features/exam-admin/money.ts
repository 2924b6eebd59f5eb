/*
 * Fees are kept in fen (分, integers) and typed in yuan (元). The conversion works on the digits,
 * never on floating-point numbers, so 0.29 元 is 29 分 exactly.
 */

/** 0 to 99999 yuan with at most two decimals, e.g. 60, 58.5, 58.50. */
const YUAN_PATTERN = /^(\d{1,7})(?:\.(\d{1,2}))?$/;

/** Fen from a yuan amount as typed, or null when it is not a valid amount. */
export function yuanToFen(text: string): number | null {
  const match = YUAN_PATTERN.exec(text.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + cents;
}

/** A fen amount as yuan text with two decimals: 5850 → 58.50. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
