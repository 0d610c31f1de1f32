/** The pieces the login, code, password and second-factor pages share. */
import { useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';

import { useT } from '~/i18n/ui';

/** The box for a six-digit code from an authenticator app. */
export function CodeField({ autoFocus = false }: { autoFocus?: boolean }) {
  const t = useT();
  return (
    <label>
      {t('authCode')}
      <input
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        autoFocus={autoFocus}
      />
    </label>
  );
}

/** What the server refused, said where the user is looking. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

/** The form's button, not pressable twice while the first press is on its way. */
export function SubmitButton({ children }: { children: ReactNode }) {
  const busy = useNavigation().state === 'submitting';
  return (
    <button type="submit" disabled={busy}>
      {children}
    </button>
  );
}
