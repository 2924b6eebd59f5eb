import type { TestInfo } from '@playwright/test';

/*
 * Values that do not collide with what an earlier attempt left behind. All specs share one server
 * and one database for the whole run (support/start-server.mjs); a test that is retried (CI) or
 * repeated (--repeat-each) runs again in that database, next to the data its first attempt made.
 */

let last = 0;

/**
 * A number no earlier call in this run returned: hundredths of a second since the epoch, moved on
 * by one where calls come faster. The journeys run in one worker at a time, and a new worker starts
 * well after the last one stopped, so its clock is already past every number given before.
 */
export function serial(): number {
  last = Math.max(Math.floor(Date.now() / 10), last + 1);
  return last;
}

/** A mainland mobile number (11 digits) no other call in this run made. */
export function uniqueMobile(): string {
  return `139${String(serial() % 100_000_000).padStart(8, '0')}`;
}

/** A staff username (a letter, then letters and digits) no other call in this run made. */
export function uniqueUsername(prefix: string): string {
  return `${prefix}${serial().toString(36)}`;
}

/**
 * Which attempt of the test this is, 0 for the first: each copy of --repeat-each and each retry
 * gets its own number.
 */
export function attemptOf(testInfo: TestInfo): number {
  return testInfo.repeatEachIndex * (testInfo.project.retries + 1) + testInfo.retry;
}

/**
 * The entry of `choices` for this attempt, for data that cannot be made up freely (an exam area
 * code, one of Shanghai's districts): a retry or a repeat takes the next one.
 */
export function forAttempt<const L extends readonly [unknown, ...unknown[]]>(
  choices: L,
  testInfo: TestInfo,
): L[number] {
  return choices[attemptOf(testInfo) % choices.length] ?? choices[0];
}
