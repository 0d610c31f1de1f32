/**
 * The password and lockout policy, as the security admin sets it (等保 2.0 §8.1.4.1 a–b), kept in
 * the settings table; the defaults (10 characters of three kinds; 5 failures lock for 15
 * minutes) hold until they change it. Read on every use: a change applies at once, to every
 * process on the database.
 */
import { inArray } from 'drizzle-orm';
import { z } from 'zod';

import { getDb, type Db } from '~/db.server';

import { settings } from '../../db/schema';
import { LOCKOUT, type LockoutSettings } from './lockout';
import { PASSWORD_POLICY, type PasswordPolicy } from './password-policy';

export type SecurityPolicy = PasswordPolicy & LockoutSettings;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = { ...PASSWORD_POLICY, ...LOCKOUT };

/** What a security admin may set: never weaker than 等保's expectations allow. */
export const securityPolicySchema = z.object({
  minLength: z.number().int().min(8).max(64),
  minKinds: z.number().int().min(2).max(4),
  maxFailures: z.number().int().min(3).max(10),
  lockMinutes: z.number().int().min(5).max(1440),
});

const KEYS = Object.keys(DEFAULT_SECURITY_POLICY).map((k) => `security.${k}`);

export function securityPolicy(db: Db = getDb()): SecurityPolicy {
  const stored = new Map(
    db
      .select()
      .from(settings)
      .where(inArray(settings.key, KEYS))
      .all()
      .map((row) => [row.key.slice('security.'.length), Number(row.value)]),
  );
  const merged = { ...DEFAULT_SECURITY_POLICY };
  for (const key of Object.keys(merged) as (keyof SecurityPolicy)[]) {
    const value = stored.get(key);
    if (value !== undefined) merged[key] = value;
  }
  // A value changed by hand outside the app to something out of range is not obeyed.
  return securityPolicySchema.safeParse(merged).success ? merged : DEFAULT_SECURITY_POLICY;
}

export function setSecurityPolicy(policy: SecurityPolicy, db: Db = getDb()): void {
  const now = new Date().toISOString();
  db.transaction((tx) => {
    for (const [key, value] of Object.entries(policy))
      tx.insert(settings)
        .values({ key: `security.${key}`, value: String(value), updatedAt: now })
        .onConflictDoUpdate({ target: settings.key, set: { value: String(value), updatedAt: now } })
        .run();
  });
}

export const passwordPolicyOf = ({ minLength, minKinds }: SecurityPolicy): PasswordPolicy => ({
  minLength,
  minKinds,
});
export const lockoutOf = ({ maxFailures, lockMinutes }: SecurityPolicy): LockoutSettings => ({
  maxFailures,
  lockMinutes,
});
