/** What every field of the new-portfolio form shares: its error beside it, tied to the box. */
import { domId } from '~/editor/dom-id';

import type { PortfolioFormState } from './form.server';

/** The error beside a field (its id is what the field's aria-describedby names). */
export function FieldError({ name, state }: { name: string; state: PortfolioFormState }) {
  const error = state.errors[name];
  if (!error) return null;
  return (
    <span className="error" id={`${domId(name)}-error`}>
      {error}
    </span>
  );
}

/** The attributes that tie a box to its error. */
export const errorProps = (name: string, state: PortfolioFormState) =>
  state.errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${domId(name)}-error` } : {};
