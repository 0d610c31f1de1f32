/** Passwords are hashed with argon2id; a wrong or malformed one never verifies. */
import { describe, expect, it } from 'vitest';

import { hashPassword, verifyAgainstNobody, verifyPassword } from '~/auth/password.server';

describe('password hashes', () => {
  it(
    'are argon2id with OWASP’s parameters, salted, and verify only the right password',
    { timeout: 30_000 },
    async () => {
      const stored = await hashPassword('Hospital-plan-2026');
      expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await hashPassword('Hospital-plan-2026')).not.toBe(stored);
      expect(await verifyPassword(stored, 'Hospital-plan-2026')).toBe(true);
      expect(await verifyPassword(stored, 'hospital-plan-2026')).toBe(false);
      expect(await verifyPassword('not a hash', 'anything')).toBe(false);
      expect(await verifyAgainstNobody('anything')).toBe(false);
      // Typed in a Chinese input method's full-width mode, it is the same password.
      expect(await verifyPassword(stored, 'Ｈｏｓｐｉｔａｌ－ｐｌａｎ－２０２６')).toBe(true);
    },
  );
});
