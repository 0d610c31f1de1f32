/** After the password: the code, a new password, setting up a second factor, or the page asked for. */
export function nextStep(
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
