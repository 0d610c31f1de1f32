/** TOTP against RFC 6238's own test vectors (Appendix B, SHA-1), and what a login accepts. */
import { describe, expect, it } from 'vitest';

import {
  base32,
  fromBase32,
  hotp,
  newTotpSecret,
  stepAt,
  totpCode,
  totpUri,
  verifyTotp,
} from '~/auth/totp.server';

const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP', () => {
  it('gives RFC 6238’s codes (8 digits) and their last six', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) {
      expect(hotp(RFC_SECRET, stepAt(seconds * 1000), 8)).toBe(code);
      expect(totpCode(base32(RFC_SECRET), seconds * 1000)).toBe(code.slice(2));
    }
  });

  it('base32 round-trips (RFC 4648’s examples) and a secret is 160 bits', () => {
    expect(base32(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(fromBase32('mzxw 6ytb-oi').toString()).toBe('foobar');
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(fromBase32(secret)).toHaveLength(20);
  });

  it('accepts the current code and one step either side, never a step already used', () => {
    const secret = base32(RFC_SECRET);
    const t = 1111111111 * 1000;
    const step = stepAt(t);
    expect(verifyTotp(secret, totpCode(secret, t), t, null)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, t - 30_000), t, null)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, t + 30_000), t, null)).toBe(step + 1);
    expect(verifyTotp(secret, totpCode(secret, t - 60_000), t, null)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, t), t, step)).toBeNull();
    expect(verifyTotp(secret, '12345', t, null)).toBeNull();
  });

  it('an authenticator app’s address', () => {
    expect(totpUri('MZXW6YTBOI', 'admin')).toBe(
      'otpauth://totp/Hospital%20AI%20Planner%3Aadmin?secret=MZXW6YTBOI&issuer=Hospital%20AI%20Planner&algorithm=SHA1&digits=6&period=30',
    );
  });
});
