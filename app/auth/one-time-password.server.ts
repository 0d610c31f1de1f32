/** One-time passwords given out for a new account: random, readable aloud, and within the policy. */
import { randomInt } from 'node:crypto';

// No 0/O, 1/l/I: a password read from a console or a phone call must not be mistyped.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const OTHER = '-_.!@#%+=';
const ALL = LOWER + UPPER + DIGITS + OTHER;

export function generateOneTimePassword(length = 16): string {
  const pick = (from: string) => from[randomInt(from.length)]!;
  // One of every kind, the rest from all, then shuffled (Fisher–Yates with a crypto source).
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(OTHER)];
  while (chars.length < length) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
