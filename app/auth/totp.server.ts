/**
 * The second factor (等保 2.0 §8.1.4.1 d: two or more authentication techniques for
 * administrators): time-based one-time codes (RFC 6238: HMAC-SHA-1, 30-second steps, six
 * digits) as every phone authenticator app makes them, with node:crypto only.
 */
import { createHmac, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_STEP_SECONDS = 30;

/** RFC 4648 base32, without padding (what authenticator apps take). */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function fromBase32(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = ALPHABET.indexOf(ch);
    if (index === -1) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export const newTotpSecret = (): string => base32(randomBytes(20));

/** The code of one time step (RFC 4226's dynamic truncation), `digits` long. */
export function hotp(secret: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

export const stepAt = (timeMs: number): number => Math.floor(timeMs / 1000 / TOTP_STEP_SECONDS);

export const totpCode = (secretBase32: string, timeMs: number, digits = 6): string =>
  hotp(fromBase32(secretBase32), stepAt(timeMs), digits);

/**
 * The time step a code matches (the current one, or one either side for a phone's clock a
 * little off), or null. The caller refuses a step at or before the last one accepted: a code
 * seen over someone's shoulder cannot be used again.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  timeMs: number,
  lastAcceptedStep: number | null,
  window = 1,
): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const secret = fromBase32(secretBase32);
  const now = stepAt(timeMs);
  for (let step = now - window; step <= now + window; step++) {
    if (lastAcceptedStep !== null && step <= lastAcceptedStep) continue;
    if (hotp(secret, step) === code) return step;
  }
  return null;
}

/** The address an authenticator app reads (typed in, or from a QR code of it). */
export function totpUri(secretBase32: string, account: string, issuer = 'Hospital AI Planner'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=${TOTP_STEP_SECONDS}`;
}
