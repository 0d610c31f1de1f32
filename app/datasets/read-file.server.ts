/**
 * Reads an uploaded file into a table of strings, as Excel on Chinese Windows saves them:
 * XLSX, or CSV in UTF-8 (with or without BOM), GB18030/GBK or UTF-16, separated by commas,
 * semicolons, tabs or bars. Encoding and separator are detected unless the user chose them.
 * Anything that cannot be read becomes a problem with its line, never an exception.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

import type { DatasetProblem } from './problems';
import { checkXlsxZip } from './xlsx-zip.server';

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

interface CsvErrorLike {
  code?: string;
  lines?: number;
  record?: unknown[];
  message?: string;
}

type TextEncoding = Exclude<EncodingChoice, 'auto'>;

/** Bytes decoded per step: a 16 MB file is never held as one string, nor its lines as an array. */
const DECODE_STEP_BYTES = 256 * 1024;
/** What is decoded ahead to find the separator (20 lines) and check the header's width. */
const PREFIX_STEP_BYTES = 64 * 1024;
const PREFIX_MAX_BYTES = 1024 * 1024;

/** `bytes` from `from` decoded a step at a time; throws (TypeError) at the first invalid sequence. */
function* decodedSteps(bytes: Uint8Array, encoding: TextEncoding, from: number): Generator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  for (let at = from; at < bytes.byteLength; at += DECODE_STEP_BYTES) {
    const end = Math.min(at + DECODE_STEP_BYTES, bytes.byteLength);
    yield decoder.decode(bytes.subarray(at, end), { stream: end < bytes.byteLength });
  }
  yield decoder.decode();
}

/**
 * The file's first lines (at least 21 that are not blank, unless the file is shorter), or null
 * if they are not in this encoding.
 */
function decodedPrefix(bytes: Uint8Array, encoding: TextEncoding, from: number): string | null {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let text = '';
  try {
    for (let at = from; at < bytes.byteLength && at - from < PREFIX_MAX_BYTES; at += PREFIX_STEP_BYTES) {
      const end = Math.min(at + PREFIX_STEP_BYTES, bytes.byteLength);
      text += decoder.decode(bytes.subarray(at, end), { stream: end < bytes.byteLength });
      if (end === bytes.byteLength) return text;
      if (text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').length > 21) break;
    }
  } catch {
    return null;
  }
  // The last line may be cut: the separator is read from whole lines only.
  const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return cut > 0 ? text.slice(0, cut) : text;
}

/**
 * Whether the whole file decodes, whether it has any text, and the line of a quote never
 * closed: what a refusal found before the end must be checked against, as a reading of the
 * whole file would have found it first.
 */
function scanText(bytes: Uint8Array, encoding: TextEncoding, from: number) {
  let hasText = false;
  let line = 1;
  let openedAt: number | null = null;
  try {
    for (const text of decodedSteps(bytes, encoding, from)) {
      if (!hasText && text.trim() !== '') hasText = true;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10) line++;
        else if (ch === 34) openedAt = openedAt === null ? line : null;
      }
    }
  } catch {
    return { decodes: false, hasText, openQuoteLine: null };
  }
  return { decodes: true, hasText, openQuoteLine: openedAt };
}

/** Stops the parse: the file has more rows than can be read. */
class RowLimitPassed extends Error {}

/**
 * Reads the file as CSV in one encoding, decoding and parsing a step at a time, and stopping
 * as soon as a limit is passed. Null when the file is not in this encoding.
 */
async function readCsvAs(
  bytes: Uint8Array,
  encoding: TextEncoding,
  from: number,
  separator: SeparatorChoice,
): Promise<ReadResult | null> {
  const prefix = decodedPrefix(bytes, encoding, from);
  if (prefix === null) return null;
  // A refusal from the first lines stands only if the whole file is text in this encoding.
  const settle = (result: ReadResult, emptyFirst = true): ReadResult | null => {
    const scan = scanText(bytes, encoding, from);
    if (!scan.decodes) return null;
    return emptyFirst && !scan.hasText ? fail({ code: 'emptyFile' }) : result;
  };
  if (looksBinary(prefix)) return settle(fail({ code: 'binaryFile' }), false);
  const sep = separator === 'auto' ? detectSeparator(prefix) : separator;
  // A header of a million separators is refused before the parser builds a million fields.
  const firstLine = prefix.trimStart().split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (fieldsIn(firstLine, sep) > MAX_COLUMNS)
    return settle(fail({ code: 'tooManyColumns', params: { max: MAX_COLUMNS } }));

  let header: string[] | null = null;
  let firstWidth = 0;
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  try {
    await pipeline(
      Readable.from(decodedSteps(bytes, encoding, from)),
      parse({
        info: true,
        delimiter: sep,
        skip_empty_lines: true,
        relax_column_count: false,
        trim: false,
        max_record_size: 1024 * 1024,
      }),
      async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
        for await (const { record, info } of records) {
          firstWidth ||= record.length;
          if (!record.some((c) => c.trim() !== '')) continue;
          if (header === null) {
            header = record;
            continue;
          }
          rows.push(record);
          // The line a record ends on: where a spreadsheet user looks for it.
          rowNumbers.push(info.lines);
          if (rows.length > MAX_DATA_ROWS) throw new RowLimitPassed();
        }
      },
    );
  } catch (error) {
    if ((error as CsvErrorLike).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return null;
    if (error instanceof RowLimitPassed) {
      const limited = settle(fail({ code: 'tooManyRows', params: { max: MAX_DATA_ROWS } }));
      // The header's own problems come first, as for any file.
      if (limited === null || header === null) return limited;
      const headed = checkHeader(header);
      return headed.ok ? limited : fail(headed.problem);
    }
    const e = error as CsvErrorLike;
    const line = e.lines ?? 0;
    const problem: DatasetProblem =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? {
            code: 'unterminatedQuote',
            params: { line: scanText(bytes, encoding, from).openQuoteLine ?? line },
          }
        : e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
          ? {
              code: 'raggedRow',
              row: line,
              params: { row: line, got: e.record?.length ?? 0, expected: firstWidth },
            }
          : { code: 'csvSyntax', params: { line, detail: (e.message ?? '').slice(0, 200) } };
    return settle(fail(problem));
  }
  if (header === null) return fail({ code: 'emptyFile' });
  const table = toTable(header, rows, rowNumbers);
  if (!table.ok) return table;
  return { ok: true, table: { ...table.table, format: 'csv', encoding, separator: sep } };
}

/**
 * Reads CSV bytes: the encoding from the user, a BOM, or the first of UTF-8 and GB18030 the
 * whole file is valid in.
 */
async function readCsv(
  bytes: Uint8Array,
  choice: EncodingChoice,
  separator: SeparatorChoice,
): Promise<ReadResult> {
  if (choice !== 'auto') {
    const bom =
      (choice === 'utf-8' && startsWith(bytes, [0xef, 0xbb, 0xbf])) ||
      (choice === 'utf-16le' && startsWith(bytes, [0xff, 0xfe])) ||
      (choice === 'utf-16be' && startsWith(bytes, [0xfe, 0xff]));
    const read = await readCsvAs(bytes, choice, bom ? (choice === 'utf-8' ? 3 : 2) : 0, separator);
    return read ?? fail({ code: 'wrongEncoding', params: { encoding: choice.toUpperCase() } });
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]))
    return (await readCsvAs(bytes, 'utf-8', 3, separator)) ?? fail({ code: 'undecodable' });
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return (await readCsvAs(bytes, encoding, 2, separator)) ?? fail({ code: 'undecodable' });
  }
  // NUL bytes in a file without a UTF-16 mark: an image, a PDF, an executable…
  if (bytes.subarray(0, 8192).includes(0)) return fail({ code: 'binaryFile' });
  return (
    (await readCsvAs(bytes, 'utf-8', 0, separator)) ??
    (await readCsvAs(bytes, 'gb18030', 0, separator)) ??
    fail({ code: 'undecodable' })
  );
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
  const refused = checkXlsxZip(bytes, fileName);
  if (refused) return fail(refused);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer,
    );
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
  const filled = records.map((_, i) => i).filter((i) => records[i]!.some((c) => c.trim() !== ''));
  if (filled.length === 0) return fail({ code: 'emptyFile' });
  const table = toTable(
    records[filled[0]!]!,
    filled.slice(1).map((i) => records[i]!),
    filled.slice(1).map((i) => numbers[i]!),
  );
  if (!table.ok) return table;
  return { ok: true, table: { ...table.table, format: 'xlsx', encoding: null, separator: null } };
}

/** The header as the columns' names, or why it cannot be one. */
function checkHeader(
  record: readonly string[],
): { ok: true; headers: string[] } | { ok: false; problem: DatasetProblem } {
  const headers = record.map((h) => h.normalize('NFKC').trim());
  if (headers.length > MAX_COLUMNS)
    return { ok: false, problem: { code: 'tooManyColumns', params: { max: MAX_COLUMNS } } };
  if (
    headers.every((h) => h === '') ||
    (headers.some((h) => /^-?[\d.,]+$/.test(h)) && headers.every((h) => /^-?[\d.,]*$/.test(h)))
  )
    return { ok: false, problem: { code: 'noHeader' } };
  const seen = new Set<string>();
  for (const h of headers) {
    if (h !== '' && seen.has(h))
      return { ok: false, problem: { code: 'duplicateHeader', params: { header: h } } };
    seen.add(h);
  }
  return { ok: true, headers };
}

/** A table from the first row that is not blank (the header) and the rows after it that are not. */
function toTable(header: readonly string[], rows: string[][], rowNumbers: number[]): ReadResult {
  const headed = checkHeader(header);
  if (!headed.ok) return fail(headed.problem);
  if (rows.length === 0) return fail({ code: 'noRows' });
  if (rows.length > MAX_DATA_ROWS) return fail({ code: 'tooManyRows', params: { max: MAX_DATA_ROWS } });
  return {
    ok: true,
    table: { format: 'csv', encoding: null, separator: null, headers: headed.headers, rows, rowNumbers },
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
  return readCsv(bytes, choice.encoding ?? 'auto', choice.separator ?? 'auto');
}
