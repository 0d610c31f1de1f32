/**
 * What a signed-in user must do before anything else: replace a one-time password, and — for the
 * three system roles — set up a second factor. The first account made from PLANNER_ADMIN_PASSWORD
 * (automation) is asked to set one up but may put it off ("Later"); every other system account
 * may not.
 */
export const FIRST_STEP_PATHS = ['/password', '/totp', '/logout', '/lang'];

export interface FirstStepUser {
  username: string;
  /** 'local' or 'ldap' (a directory account: its password is the directory's). */
  source?: string;
  systemRole: string | null;
  mustChangePassword: boolean;
  totpSecret: string | null;
}

/** The first account, made for automation, may put its second factor off (a directory "admin" may not). */
export const mayPostponeSecondFactor = (user: FirstStepUser): boolean =>
  user.username === 'admin' && user.source !== 'ldap';

/** The page the user must go to first, or null; `next` is where they were going. */
export function firstStep(user: FirstStepUser, path: string, next: string): string | null {
  if (FIRST_STEP_PATHS.includes(path)) return null;
  const then = `redirectTo=${encodeURIComponent(next)}`;
  // A directory account's password is changed in the directory, never here.
  if (user.mustChangePassword && user.source !== 'ldap') return `/password?${then}`;
  if (user.systemRole && !user.totpSecret && !mayPostponeSecondFactor(user)) return `/totp?${then}`;
  return null;
}

/**
 * Where a sign-in goes once the password (and the code, if any) is right: the code page, then
 * the same first steps as above — except that the first admin, who may put its second factor
 * off, is still offered it at every sign-in.
 */
export function pageAfterSignIn(
  outcome:
    { status: 'secondFactor' } | { status: 'ok'; mustChangePassword: boolean; enrolSecondFactor?: boolean },
  next: string,
): string {
  const then = `redirectTo=${encodeURIComponent(next)}`;
  if (outcome.status === 'secondFactor') return `/login/code?${then}`;
  if (outcome.mustChangePassword) return `/password?${then}`;
  if (outcome.enrolSecondFactor) return `/totp?${then}`;
  return next;
}
