/**
 * Numbers carried in addresses and in a page's hidden fields (`?fit=0.6`, `baseVersion=3`):
 * plain decimal digits only. `Number()` and `z.coerce.number()` also read `0x10`, `0b11`,
 * `0o7`, `1e3`, ` 12 ` and `Infinity`, which no page of ours writes: such a value is refused by
 * name, not read as something the user did not mean. (What people type into a form's number
 * boxes is read by app/forms/number.ts.)
 */
import { z } from 'zod';

/** A plain decimal: optional minus, digits, optional fraction; no exponent, spaces or prefixes. */
export const DECIMAL = /^-?[0-9]{1,15}(\.[0-9]{1,15})?$/;
/** A version number or a count of days: a whole number from 1, as this app writes it. */
export const WHOLE = /^[1-9][0-9]{0,8}$/;

export const decimalParam = z.string().regex(DECIMAL).transform(Number);
export const wholeParam = z.string().regex(WHOLE).transform(Number);

/** `value` written so that DECIMAL reads it back: never in exponent notation. */
export function decimalText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(15).replace(/\.?0+$/, '');
}
