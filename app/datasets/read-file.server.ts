/**
 * Reads an uploaded file into a table of strings, as Excel on Chinese Windows saves them:
 * XLSX, or CSV in UTF-8 (with or without BOM), GB18030/GBK or UTF-16, separated by commas,
 * semicolons, tabs or bars. Encoding and separator are detected unless the user chose them.
 * Anything that cannot be read becomes a problem with its line, never an exception.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

import type { DatasetProblem } from './problems';
import { unpackXlsx } from './xlsx-zip.server';

export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
export const MAX_DATA_ROWS = 200_000;
export const MAX_COLUMNS = 100;

export const ENCODINGS = ['auto', 'utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type EncodingChoice = (typeof ENCODINGS)[number];
export const SEPARATORS = ['auto', ',', ';', '\t', '|'] as const;
export type SeparatorChoice = (typeof SEPARATORS)[number];

export interface FileTable {
  format: 'csv' | 'xlsx';
  /** How the text was decoded and split (CSV only). */
  encoding: Exclude<EncodingChoice, 'auto'> | null;
  separator: Exclude<SeparatorChoice, 'auto'> | null;
  headers: string[];
  /** Data rows, each as long as the header; `rowNumbers[i]` is row i's line in the file. */
  rows: string[][];
  rowNumbers: number[];
}

export type ReadResult = { ok: true; table: FileTable } | { ok: false; problems: DatasetProblem[] };

const fail = (problem: DatasetProblem): ReadResult => ({ ok: false, problems: [problem] });

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

type Decoded =
  | { ok: true; text: string; encoding: Exclude<EncodingChoice, 'auto'> }
  | { ok: false; problem: DatasetProblem };

function decode(bytes: Uint8Array, choice: EncodingChoice): Decoded {
  const strict = (encoding: Exclude<EncodingChoice, 'auto'>, from = 0): string | null => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from));
    } catch {
      return null;
    }
  };
  if (choice !== 'auto') {
    const bom =
      (choice === 'utf-8' && startsWith(bytes, [0xef, 0xbb, 0xbf])) ||
      (choice === 'utf-16le' && startsWith(bytes, [0xff, 0xfe])) ||
      (choice === 'utf-16be' && startsWith(bytes, [0xfe, 0xff]));
    const text = strict(choice, bom ? (choice === 'utf-8' ? 3 : 2) : 0);
    return text === null
      ? { ok: false, problem: { code: 'wrongEncoding', params: { encoding: choice.toUpperCase() } } }
      : { ok: true, text, encoding: choice };
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = strict('utf-8', 3);
    return text === null
      ? { ok: false, problem: { code: 'undecodable' } }
      : { ok: true, text, encoding: 'utf-8' };
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = strict(encoding, 2);
    return text === null ? { ok: false, problem: { code: 'undecodable' } } : { ok: true, text, encoding };
  }
  // NUL bytes in a file without a UTF-16 mark: an image, a PDF, an executable…
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, problem: { code: 'binaryFile' } };
  const utf8 = strict('utf-8');
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  const gb = strict('gb18030');
  if (gb !== null) return { ok: true, text: gb, encoding: 'gb18030' };
  return { ok: false, problem: { code: 'undecodable' } };
}

/** Control characters other than tab, CR and LF: text files have next to none. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return control > sample.length * 0.01;
}

/** Fields in one line, quotes respected. */
function fieldsIn(line: string, sep: string): number {
  let fields = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) fields++;
  }
  return fields;
}

/**
 * The separator that splits the first lines into the same number (> 1) of fields, quotes
 * respected; the most fields wins, commas first on a tie.
 */
export function detectSeparator(text: string): Exclude<SeparatorChoice, 'auto'> {
  const candidates = [',', ';', '\t', '|'] as const;
  const lines = text
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  let best: Exclude<SeparatorChoice, 'auto'> = ',';
  let bestFields = 1;
  for (const sep of candidates) {
    const counts = lines.map((line) => fieldsIn(line, sep));
    const consistent = counts.length > 0 && counts.every((c) => c === counts[0]);
    if (consistent && counts[0]! > bestFields) {
      best = sep;
      bestFields = counts[0]!;
    }
  }
  if (bestFields > 1) return best;
  // Nothing splits every line alike (a ragged file): take the one that splits the header most.
  const header = lines[0] ?? '';
  return [...candidates].sort((a, b) => header.split(b).length - header.split(a).length)[0]!;
}

/** The line on which the last quote that is never closed was opened ("" inside quotes is a quote). */
function openQuoteLine(text: string): number | null {
  let line = 1;
  let openedAt: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    else if (ch === '"') openedAt = openedAt === null ? line : null;
  }
  return openedAt;
}

interface CsvErrorLike {
  code?: string;
  lines?: number;
  record?: unknown[];
  message?: string;
}

function readCsv(text: string, separator: SeparatorChoice): ReadResult {
  const sep = separator === 'auto' ? detectSeparator(text) : separator;
  // A header of a million separators is refused before the parser builds a million fields.
  const firstLine = text.trimStart().split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (fieldsIn(firstLine, sep) > MAX_COLUMNS)
    return fail({ code: 'tooManyColumns', params: { max: MAX_COLUMNS } });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      delimiter: sep,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: false,
      max_record_size: 1024 * 1024,
      to: MAX_DATA_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as CsvErrorLike;
    const line = e.lines ?? 0;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED')
      return fail({ code: 'unterminatedQuote', params: { line: openQuoteLine(text) ?? line } });
    if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
      const header = parse(text, { delimiter: sep, to: 1, relax_column_count: true }) as string[][];
      return fail({
        code: 'raggedRow',
        row: line,
        params: { row: line, got: e.record?.length ?? 0, expected: header[0]?.length ?? 0 },
      });
    }
    return fail({ code: 'csvSyntax', params: { line, detail: (e.message ?? '').slice(0, 200) } });
  }
  // The line a record ends on: where a spreadsheet user looks for it.
  const table = toTable(
    records.map((r) => r.record),
    records.map((r) => r.info.lines),
  );
  if (!table.ok) return table;
  return { ok: true, table: { ...table.table, format: 'csv', encoding: null, separator: sep } };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  const unpacked = unpackXlsx(bytes, fileName);
  if (!unpacked.ok) return fail(unpacked.problem);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(unpacked.zip as unknown as ArrayBuffer);
  } catch (error) {
    return fail({
      code: 'xlsxUnreadable',
      params: { detail: String((error as Error).message ?? error).slice(0, 200) },
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) return fail({ code: 'emptyFile' });
  // Asking exceljs for empty cells makes every cell up to a row's last one: check the width first.
  if (sheet.columnCount > MAX_COLUMNS) return fail({ code: 'tooManyColumns', params: { max: MAX_COLUMNS } });
  if (sheet.rowCount > MAX_DATA_ROWS + 1)
    return fail({ code: 'tooManyRows', params: { max: MAX_DATA_ROWS } });
  const records: string[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cellText(cell.value);
    });
    for (let i = 0; i < values.length; i++) values[i] ??= '';
    records.push(values);
    numbers.push(rowNumber);
  });
  // Excel rows end where their last filled cell does: pad short rows to the header's width.
  const width = records[0]?.length ?? 0;
  for (let i = 1; i < records.length; i++) {
    const r = records[i]!;
    while (r.length < width) r.push('');
    while (r.length > width && r[r.length - 1] === '') r.pop();
    if (r.length > width) {
      return fail({
        code: 'raggedRow',
        row: numbers[i],
        params: { row: numbers[i]!, got: r.length, expected: width },
      });
    }
  }
  const table = toTable(records, numbers);
  if (!table.ok) return table;
  return { ok: true, table: { ...table.table, format: 'xlsx', encoding: null, separator: null } };
}

function toTable(records: string[][], lineNumbers: number[]): ReadResult {
  const nonEmpty = records
    .map((r, i) => ({ r, line: lineNumbers[i]! }))
    .filter(({ r }) => r.some((c) => c.trim() !== ''));
  if (nonEmpty.length === 0) return fail({ code: 'emptyFile' });
  const headers = nonEmpty[0]!.r.map((h) => h.normalize('NFKC').trim());
  if (headers.length > MAX_COLUMNS) return fail({ code: 'tooManyColumns', params: { max: MAX_COLUMNS } });
  if (
    headers.every((h) => h === '') ||
    (headers.some((h) => /^-?[\d.,]+$/.test(h)) && headers.every((h) => /^-?[\d.,]*$/.test(h)))
  )
    return fail({ code: 'noHeader' });
  const seen = new Set<string>();
  for (const h of headers) {
    if (h !== '' && seen.has(h)) return fail({ code: 'duplicateHeader', params: { header: h } });
    seen.add(h);
  }
  const data = nonEmpty.slice(1);
  if (data.length === 0) return fail({ code: 'noRows' });
  if (data.length > MAX_DATA_ROWS) return fail({ code: 'tooManyRows', params: { max: MAX_DATA_ROWS } });
  return {
    ok: true,
    table: {
      format: 'csv',
      encoding: null,
      separator: null,
      headers,
      rows: data.map(({ r }) => r),
      rowNumbers: data.map(({ line }) => line),
    },
  };
}

/** Reads a file's bytes into a table, or says why it cannot. */
export async function readTableFile(
  bytes: Uint8Array,
  choice: { encoding?: EncodingChoice; separator?: SeparatorChoice } = {},
  /** The name the user knows the file by, for messages that name it. */
  fileName = '',
): Promise<ReadResult> {
  if (bytes.byteLength === 0) return fail({ code: 'emptyFile' });
  if (bytes.byteLength > MAX_UPLOAD_BYTES)
    return fail({ code: 'fileTooLarge', params: { max: MAX_UPLOAD_BYTES / 1024 / 1024 } });
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes, fileName);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return fail({ code: 'legacyXls' });
  const decoded = decode(bytes, choice.encoding ?? 'auto');
  if (!decoded.ok) return fail(decoded.problem);
  if (looksBinary(decoded.text)) return fail({ code: 'binaryFile' });
  if (decoded.text.trim() === '') return fail({ code: 'emptyFile' });
  const result = readCsv(decoded.text, choice.separator ?? 'auto');
  return result.ok ? { ok: true, table: { ...result.table, encoding: decoded.encoding } } : result;
}
