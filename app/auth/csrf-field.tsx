import { useRouteLoaderData } from '@remix-run/react';

/** The session's CSRF token, as a hidden field: every form that changes something carries it. */
export function CsrfField() {
  const root = useRouteLoaderData('root') as { user?: { csrf?: string } | null } | undefined;
  return <input type="hidden" name="csrf" value={root?.user?.csrf ?? ''} />;
}
