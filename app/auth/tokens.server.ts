/** Random tokens (session ids, API tokens, CSRF tokens) and how they are stored and compared. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API tokens carry a prefix, so one found in a log or a file is recognised for what it is. */
export const API_TOKEN_PREFIX = 'hap_';

/** 32 random bytes, URL-safe: a session id. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const newApiToken = (): string => `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

export const newCsrfToken = (): string => randomBytes(24).toString('base64url');

/** What is stored of a token: its SHA-256, hex (the token itself is only ever in the user's hands). */
export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Compares two tokens in constant time; different lengths are simply different. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
