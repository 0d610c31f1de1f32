/** Passwords, hashed with argon2id (OWASP's minimum: 19 MiB, two passes, one lane). */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Passwords are compared as typed in any width: a Chinese input method in full-width mode types
 * "Ａｂ１" for "Ab1", and the same person must get in either way.
 */
const normal = (plain: string) => plain.normalize('NFKC');

export const hashPassword = (plain: string): Promise<string> => hash(normal(plain), OPTIONS);

/** Whether the password matches; false (never an exception) for a malformed hash. */
export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, normal(plain));
  } catch {
    return false;
  }
}

let nobody: Promise<string> | null = null;
/**
 * Spends as long as a real check, for a user name that does not exist: a login's answer time
 * must not tell which names are accounts.
 */
export async function verifyAgainstNobody(plain: string): Promise<false> {
  nobody ??= hash('no such account', OPTIONS);
  await verifyPassword(await nobody, plain);
  return false;
}
