/**
 * Reads a multipart/form-data body (RFC 7578) with a cap on its size, keeping a file's name as
 * the user's file was called. Remix's parser splits the Content-Disposition header at every `;`
 * and `=`, even inside quotes, so `门诊;2024.csv` was refused as a malformed request, and it cuts
 * names at `/` and `\`. The name is stored and shown, never used as a path on this server, so
 * it is kept whole: RFC 7578 §4.2 asks a receiver not to use directory information when it
 * saves a file under the name, which this server never does.
 */

export interface MultipartFile {
  name: string;
  bytes: Uint8Array;
}

export interface MultipartForm {
  /** Each text field's first value. */
  fields: Map<string, string>;
  /** Each file field's first file. */
  files: Map<string, MultipartFile>;
}

export type MultipartResult =
  { ok: true; form: MultipartForm } | { ok: false; reason: 'notMultipart' | 'malformed' | 'tooLarge' };

/**
 * Splits a header value into its first token and its parameters, `;` and `=` inside quoted
 * strings kept. A quoted string ends at the first `"` not preceded by a backslash; `\"` is a
 * quote, and any other backslash is kept as it is (browsers send a `\` in a name unescaped).
 */
export function headerParams(value: string): { token: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  let i = value.indexOf(';');
  const token = (i < 0 ? value : value.slice(0, i)).trim().toLowerCase();
  while (i >= 0 && i < value.length) {
    i++;
    const eq = value.indexOf('=', i);
    if (eq < 0) break;
    const key = value.slice(i, eq).trim().toLowerCase();
    let at = eq + 1;
    while (value[at] === ' ' || value[at] === '\t') at++;
    let param: string;
    if (value[at] === '"') {
      let text = '';
      let j = at + 1;
      for (; j < value.length; j++) {
        const ch = value[j];
        if (ch === '\\' && value[j + 1] === '"') {
          text += '"';
          j++;
        } else if (ch === '"') break;
        else text += ch;
      }
      param = text;
      i = value.indexOf(';', j + 1);
    } else {
      const end = value.indexOf(';', at);
      param = (end < 0 ? value.slice(at) : value.slice(at, end)).trim();
      i = end;
    }
    if (key !== '' && !params.has(key)) params.set(key, param);
    if (i < 0) break;
  }
  return { token, params };
}

/** An RFC 8187 ext-value (`UTF-8''%E9%97%A8.csv`), or null if it is not one this reads. */
function extValue(value: string): string | null {
  const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(value);
  if (!match) return null;
  const charset = match[1]!.toLowerCase();
  if (charset !== 'utf-8' && charset !== 'iso-8859-1') return null;
  const bytes: number[] = [];
  const text = match[2]!;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i) & 0xff);
  }
  try {
    return new TextDecoder(charset === 'utf-8' ? 'utf-8' : 'latin1', { fatal: true }).decode(
      new Uint8Array(bytes),
    );
  } catch {
    return null;
  }
}

/**
 * The file name a part's Content-Disposition gives: `filename*` first (RFC 6266 §4.3), else
 * `filename`, with the three escapes browsers make (HTML's `%22`, `%0D`, `%0A`) undone.
 */
function fileNameOf(params: Map<string, string>): string | null {
  const extended = params.get('filename*');
  const decoded = extended === undefined ? null : extValue(extended);
  if (decoded !== null) return decoded;
  const plain = params.get('filename');
  if (plain === undefined) return null;
  return plain.replace(/%22/gi, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** The parts of a whole body, or null if it is not well-formed multipart with this boundary. */
export function parseMultipart(body: Buffer, boundary: string): MultipartForm | null {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields = new Map<string, string>();
  const files = new Map<string, MultipartFile>();
  // The first delimiter may open the body, without the CRLF before it.
  const opening = delimiter.subarray(2);
  const first = body.subarray(0, opening.length).equals(opening) ? -2 : body.indexOf(delimiter);
  if (first === -1) return null;
  let at = first + delimiter.length;
  for (;;) {
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return { fields, files };
    // Transport padding, then the line break that ends the delimiter line.
    while (body[at] === 0x20 || body[at] === 0x09) at++;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) return null;
    at += 2;
    const headersEnd = body.indexOf(HEADER_END, at);
    if (headersEnd < 0) return null;
    const next = body.indexOf(delimiter, headersEnd);
    if (next < 0) return null;
    let disposition: { token: string; params: Map<string, string> } | null = null;
    for (const line of body.toString('utf8', at, headersEnd).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === 'content-disposition')
        disposition = headerParams(line.slice(colon + 1));
    }
    const name = disposition?.params.get('name');
    if (disposition?.token !== 'form-data' || name === undefined) return null;
    const content = body.subarray(headersEnd + 4, next);
    const fileName = fileNameOf(disposition.params);
    if (fileName !== null) {
      if (!files.has(name)) files.set(name, { name: fileName, bytes: content });
    } else if (!fields.has(name)) fields.set(name, content.toString('utf8'));
    at = next + delimiter.length;
  }
}

/**
 * Reads the request's multipart body, refusing it as soon as more than `maxBytes` have come
 * (or are announced), before anything is parsed.
 */
export async function readMultipart(request: Request, maxBytes: number): Promise<MultipartResult> {
  const { token, params } = headerParams(request.headers.get('Content-Type') ?? '');
  const boundary = params.get('boundary');
  if (token !== 'multipart/form-data') return { ok: false, reason: 'notMultipart' };
  if (!boundary || boundary.length > 200 || !request.body) return { ok: false, reason: 'malformed' };
  const announced = Number(request.headers.get('Content-Length') ?? NaN);
  if (announced > maxBytes) return { ok: false, reason: 'tooLarge' };
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        return { ok: false, reason: 'tooLarge' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const form = parseMultipart(Buffer.concat(chunks), boundary);
  return form ? { ok: true, form } : { ok: false, reason: 'malformed' };
}
