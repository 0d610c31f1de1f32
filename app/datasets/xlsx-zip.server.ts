/**
 * Checks an uploaded XLSX (a zip) under real limits before exceljs sees it. The sizes a zip
 * declares are the sender's word: a 1 MB file declaring 1 KB can inflate to gigabytes. So every
 * part is inflated here, a few KB of input at a time, its bytes counted as they come and thrown
 * away, and the file is refused the moment a part passes its declared size or a limit.
 *
 * The parts are found as exceljs's zip reader (JSZip) finds them: from the central directory,
 * each part's data where its local header says. A zip whose local headers tell another story
 * than its directory cannot hide a part from the count, and only plain zips are read (no data
 * before the first part or between the directory and its end record, no ZIP64, no parts that
 * overlap), so the directory read here is the one JSZip reads. Reading the local headers as a
 * stream instead (fflate's Unzip) would count a different view of the file than JSZip inflates,
 * unless the workbook were rebuilt from the counted parts, which costs a copy of the unpacked
 * workbook: +320 MB at the peak for a sheet of 200,000 rows.
 */
import { Inflate } from 'fflate';

import type { DatasetProblem } from './problems';

const MB = 1024 * 1024;

/** All parts unpacked: a sheet at the row limit with ordinary columns is about 60 MB of XML. */
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

interface Part {
  name: string;
  method: number;
  declared: number;
  /** The local header's offset, and the part's compressed data. */
  header: number;
  start: number;
  end: number;
}

/** The parts the central directory lists, or null if the zip is not a plain one. */
function directory(bytes: Uint8Array): Part[] | 'tooMany' | null {
  const u16 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8);
  const u32 = (at: number) => (u16(at) + u16(at + 2) * 0x10000) >>> 0;
  const length = bytes.byteLength;
  if (length < 22) return null;
  // The end record is the last one in the file, as JSZip looks for it; a comment may follow it.
  let end = -1;
  for (let at = length - 22; at >= Math.max(0, length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0 || end + 22 + u16(end + 20) !== length) return null;
  const count = u16(end + 10);
  const size = u32(end + 12);
  const offset = u32(end + 16);
  // One disk, no ZIP64, and the directory right before its end record: nothing prepended.
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || u16(end + 8) !== count) return null;
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff || offset + size !== end) return null;
  if (count > MAX_XLSX_PARTS) return 'tooMany';
  const parts: Part[] = [];
  const names = new Set<string>();
  const utf8 = new TextDecoder('utf-8');
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(at) !== 0x02014b50) return null;
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const compressed = u32(at + 20);
    const declared = u32(at + 24);
    const nameLength = u16(at + 28);
    const header = u32(at + 42);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    if (next > end) return null;
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Encrypted, compressed otherwise than stored or deflated, sizes in ZIP64 records, or twice.
    if (flags & 1 || (method !== 0 && method !== 8) || names.has(name)) return null;
    if (compressed === 0xffffffff || declared === 0xffffffff || header === 0xffffffff) return null;
    names.add(name);
    if (header + 30 > offset || u32(header) !== 0x04034b50) return null;
    const start = header + 30 + u16(header + 26) + u16(header + 28);
    if (start + compressed > offset) return null;
    parts.push({ name, method, declared, header, start, end: start + compressed });
    at = next;
  }
  if (at !== end) return null;
  // Parts that share bytes: the trick that makes a small zip of many huge parts.
  const byPlace = [...parts].sort((a, b) => a.header - b.header);
  for (let i = 1; i < byPlace.length; i++) if (byPlace[i]!.header < byPlace[i - 1]!.end) return null;
  return parts;
}

/**
 * Null if the workbook stays within the limits when unpacked, else the problem that stopped it.
 * `fileName` is the name the user knows the file by, for the message.
 */
export function checkXlsxZip(bytes: Uint8Array, fileName: string): DatasetProblem | null {
  const file = fileName || 'upload.xlsx';
  const malformed: DatasetProblem = { code: 'xlsxMalformed', params: { file } };
  const parts = directory(bytes);
  if (parts === null || parts.length === 0) return malformed;
  if (parts === 'tooMany') return { code: 'xlsxTooManyParts', params: { file, max: MAX_XLSX_PARTS } };
  // What the sender declares is refused first, before anything is inflated…
  let declaredTotal = 0;
  for (const part of parts) {
    // A sheet or the shared strings may take the whole allowance; any other part is small.
    if (!isDataPart(part.name) && part.declared > MAX_XLSX_OTHER_PART_BYTES) {
      return {
        code: 'xlsxPartTooLarge',
        params: { file, part: part.name.slice(0, 100), max: MAX_XLSX_OTHER_PART_BYTES / MB },
      };
    }
    declaredTotal += part.declared;
  }
  if (declaredTotal > MAX_XLSX_UNPACKED_BYTES)
    return { code: 'xlsxTooLargeUnpacked', params: { file, max: MAX_XLSX_UNPACKED_BYTES / MB } };
  // …then each part is inflated and held to its word, which keeps the total within the limit.
  for (const part of parts) {
    if (part.method === 0) {
      if (part.end - part.start !== part.declared) return malformed;
      continue;
    }
    if (part.start === part.end) {
      if (part.declared !== 0) return malformed;
      continue;
    }
    let size = 0;
    let lied = false;
    const inflater = new Inflate((chunk) => {
      size += chunk.length;
      if (size > part.declared) lied = true;
    });
    try {
      for (let at = part.start; at < part.end && !lied; at += STEP_BYTES) {
        const stop = Math.min(at + STEP_BYTES, part.end);
        inflater.push(bytes.subarray(at, stop), stop === part.end);
      }
    } catch {
      return malformed;
    }
    if (lied || size !== part.declared) return malformed;
  }
  return null;
}
