/**
 * CSV as Excel on Chinese Windows opens it: UTF-8 with a byte-order mark, CRLF, fields quoted
 * where they hold a separator, a quote or a line break. A text that a spreadsheet would take
 * for a formula (= + - @, tab, CR) gets a leading apostrophe, so a name typed into a scenario
 * cannot run in someone's Excel; numbers stay numbers.
 */

/** A text a spreadsheet would take for a formula, with a leading apostrophe (CSV and XLSX alike). */
export const escapeFormulaText = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = escapeFormulaText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
