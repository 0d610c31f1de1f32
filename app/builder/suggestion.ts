/**
 * What the planner proposes for a number it asks the user: a sourced figure, an assumption it
 * states, or nothing at all (the reference figures say NOT FOUND, so the user gives their own
 * number, with the nearest sourced figure shown as a hint, never as a default).
 */
import type { Bilingual } from '~/i18n/bilingual';

export type { Bilingual };

export type Suggestion =
  /** A value from a reference figure usable as a default (grade A/B, or derived from A/B only). */
  | { kind: 'sourced'; value: number; ref: string; note?: Bilingual }
  /** A value the product assumes, with the reason said in both languages. */
  | { kind: 'assumed'; value: number; note: Bilingual; ref?: string }
  /** No default: the user's own number is asked for; `refs` are the nearest figures to show. */
  | { kind: 'ask'; hint: Bilingual; refs: readonly string[] };

/** The value a suggestion puts in the form, or undefined when the user must give it. */
export const suggestedValue = (s: Suggestion): number | undefined => (s.kind === 'ask' ? undefined : s.value);
