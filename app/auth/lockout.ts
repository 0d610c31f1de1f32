/**
 * Locking an account after repeated failed logins (等保 2.0 §8.1.4.1 b): after `maxFailures` in
 * a row it is locked for `lockMinutes`; then the count starts again. Pure: the caller gives the
 * time and stores the state.
 */

export interface LockoutSettings {
  maxFailures: number;
  lockMinutes: number;
}

export const LOCKOUT: LockoutSettings = { maxFailures: 5, lockMinutes: 15 };

export interface LockoutState {
  failedLogins: number;
  /** ISO time until which the account is locked, or null. */
  lockedUntil: string | null;
}

export const isLocked = (state: LockoutState, now: Date): boolean =>
  state.lockedUntil !== null && now.getTime() < new Date(state.lockedUntil).getTime();

export function afterFailure(
  state: LockoutState,
  settings: LockoutSettings,
  now: Date,
): { state: LockoutState; lockedNow: boolean } {
  // A lock that has run out starts the count again.
  const failures = (state.lockedUntil !== null && !isLocked(state, now) ? 0 : state.failedLogins) + 1;
  if (failures >= settings.maxFailures) {
    return {
      state: {
        failedLogins: 0,
        lockedUntil: new Date(now.getTime() + settings.lockMinutes * 60_000).toISOString(),
      },
      lockedNow: true,
    };
  }
  return { state: { failedLogins: failures, lockedUntil: state.lockedUntil }, lockedNow: false };
}

export const afterSuccess = (): LockoutState => ({ failedLogins: 0, lockedUntil: null });
