/**
 * Unpacks an uploaded XLSX (a zip) under real limits before exceljs sees it. The sizes a zip
 * declares are the sender's word: a 1 MB file declaring 1 KB can inflate to gigabytes. So the
 * bytes are inflated here a few KB of input at a time, counted as they come, and the file is
 * refused the moment a limit is passed. exceljs then gets a zip rebuilt (stored, not
 * compressed) from exactly the parts counted here, never the original: a zip whose central
 * directory points at other data than its local headers cannot smuggle anything past the count.
 */
import { Unzip, UnzipInflate, Zip, ZipPassThrough, type UnzipFile } from 'fflate';

import type { DatasetProblem } from './problems';

const MB = 1024 * 1024;

/** All parts unpacked: enough for a sheet at the row and column limits (about 60 MB of XML). */
export const MAX_XLSX_UNPACKED_BYTES = 100 * MB;
/** Any part but a sheet or the shared strings: styles, themes, relations, images. */
export const MAX_XLSX_OTHER_PART_BYTES = 20 * MB;
/** Parts in a workbook: Excel writes a dozen or two; thousands only inflate the bookkeeping. */
export const MAX_XLSX_PARTS = 1000;

/**
 * Input fed to the inflater per step. Deflate expands at most about 1,032 to 1, so one step
 * yields at most ~8 MB past a limit before it is noticed.
 */
const STEP_BYTES = 8 * 1024;

/** The parts that grow with the data (rows, strings); every other part stays small. */
const isDataPart = (name: string) =>
  /^xl\/worksheets\/[^/]+\.xml$/i.test(name) || /^xl\/sharedStrings\.xml$/i.test(name);

const partLimit = (name: string) => (isDataPart(name) ? MAX_XLSX_UNPACKED_BYTES : MAX_XLSX_OTHER_PART_BYTES);

export type Unpacked = { ok: true; zip: Uint8Array } | { ok: false; problem: DatasetProblem };

/**
 * The workbook's parts inflated under the limits and packed again, or the problem that stopped
 * it. `fileName` is the name the user knows the file by, for the message.
 */
export function unpackXlsx(bytes: Uint8Array, fileName: string): Unpacked {
  const file = fileName || 'upload.xlsx';
  // An object, not a variable: the callbacks set it while the loop below reads it.
  const stop: { refusal: DatasetProblem | null } = { refusal: null };
  const refuse = (problem: DatasetProblem) => {
    stop.refusal ??= problem;
  };
  const malformed = () => refuse({ code: 'xlsxMalformed', params: { file } });
  const parts: { name: string; chunks: Uint8Array[]; done: boolean }[] = [];
  const names = new Set<string>();
  let total = 0;

  const onPart = (entry: UnzipFile) => {
    if (stop.refusal) return;
    if (parts.length >= MAX_XLSX_PARTS)
      return refuse({ code: 'xlsxTooManyParts', params: { file, max: MAX_XLSX_PARTS } });
    // Two parts of one name, or a method other than stored or deflated: no spreadsheet writes that.
    if (names.has(entry.name) || (entry.compression !== 0 && entry.compression !== 8)) return malformed();
    names.add(entry.name);
    const limit = partLimit(entry.name);
    const tooLarge = () =>
      refuse({ code: 'xlsxPartTooLarge', params: { file, part: entry.name.slice(0, 100), max: limit / MB } });
    const declared = entry.originalSize;
    if (declared !== undefined && declared > limit) return tooLarge();
    const part = { name: entry.name, chunks: [] as Uint8Array[], done: false };
    parts.push(part);
    let size = 0;
    entry.ondata = (error, chunk, final) => {
      if (stop.refusal) return;
      if (error) return malformed();
      size += chunk.length;
      total += chunk.length;
      if (total > MAX_XLSX_UNPACKED_BYTES)
        return refuse({ code: 'xlsxTooLargeUnpacked', params: { file, max: MAX_XLSX_UNPACKED_BYTES / MB } });
      if (size > limit) return tooLarge();
      // Inflating past the declared size is the lie a zip bomb tells.
      if (declared !== undefined && size > declared) return malformed();
      part.chunks.push(chunk);
      if (final) {
        if (declared !== undefined && size !== declared) return malformed();
        part.done = true;
      }
    };
    entry.start();
  };

  const unzip = new Unzip(onPart);
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.byteLength && !stop.refusal; at += STEP_BYTES) {
      const end = Math.min(at + STEP_BYTES, bytes.byteLength);
      unzip.push(bytes.subarray(at, end), end === bytes.byteLength);
    }
  } catch {
    malformed();
  }
  if (parts.length === 0 || parts.some((p) => !p.done)) malformed();
  return stop.refusal ? { ok: false, problem: stop.refusal } : { ok: true, zip: storedZip(parts) };
}

/** The parts as a zip without compression: exceljs reads it as it would the original. */
function storedZip(parts: readonly { name: string; chunks: Uint8Array[] }[]): Uint8Array {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  for (const part of parts) {
    const entry = new ZipPassThrough(part.name);
    zip.add(entry);
    if (part.chunks.length === 0) entry.push(new Uint8Array(0), true);
    part.chunks.forEach((chunk, i) => entry.push(chunk, i === part.chunks.length - 1));
  }
  zip.end();
  if (failure) throw failure;
  // The one copy of the workbook exceljs needs: the inflated parts go once it is made.
  return Buffer.concat(out);
}
