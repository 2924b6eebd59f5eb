import { checkPassword } from '@hqe/core';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!@#$%^&*-_=+?';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

function pick(alphabet: string): string {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return alphabet.charAt((buffer[0] ?? 0) % alphabet.length);
}

/** A random staff password that meets the policy (no look-alike characters such as l, 1, O, 0). */
export function generateStaffPassword(username?: string, length = 16): string {
  for (;;) {
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < length) chars.push(pick(ALL));
    for (let i = chars.length - 1; i > 0; i--) {
      const buffer = new Uint32Array(1);
      crypto.getRandomValues(buffer);
      const j = (buffer[0] ?? 0) % (i + 1);
      [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
    }
    const password = chars.join('');
    if (checkPassword(password, 'staff', username).length === 0) return password;
  }
}
