/**
 * The file name in a real multipart body (RFC 7578): quoted names with `;`, `=`, `/`, `\` and
 * Chinese characters, `filename*` (RFC 8187) and the escapes browsers make all arrive as the
 * user's file was called, and a malformed or oversized body is refused as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { headerParams, parseMultipart } from '~/datasets/multipart.server';
import { MAX_UPLOAD_BYTES } from '~/datasets/read-file.server';
import type { DatasetPreview } from '~/models/datasets.server';
import { action as uploadAction } from '~/routes/api.scenarios.$id.datasets';

import {
  call,
  closeAndRemoveTempDatabases,
  makeRequest,
  ROOT,
  useTempDatabase,
  type ErrorBody,
} from './helpers';

useTempDatabase('upload-names');
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'county-hospital-300-beds';
const BOUNDARY = '----planner7578';
const csv = readFileSync(join(ROOT, 'test', 'fixtures', 'datasets', 'time-motion-gb18030.csv'));

/** A body as a browser or curl writes it: the disposition line given raw, in UTF-8. */
function body(disposition: string, content: Uint8Array = csv, extra = ''): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="encoding"\r\n\r\nauto\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/csv\r\n\r\n`,
      'utf8',
    ),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--${extra}\r\n`, 'utf8'),
  ]);
}

function post<T>(raw: Buffer, lang = 'en', contentType = `multipart/form-data; boundary=${BOUNDARY}`) {
  return call<T>(
    uploadAction,
    makeRequest(`/api/scenarios/${ID}/datasets`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, 'Accept-Language': lang },
      body: new Uint8Array(raw) as Uint8Array<ArrayBuffer>,
    }),
    { id: ID },
  );
}

describe('upload file names', () => {
  const names: [string, string][] = [
    ['form-data; name="file"; filename="门诊;2024.csv"', '门诊;2024.csv'],
    ['form-data; name="file"; filename="a=b; c=d.csv"', 'a=b; c=d.csv'],
    ['form-data; name="file"; filename="门诊/急诊 2024.csv"', '门诊/急诊 2024.csv'],
    ['form-data; name="file"; filename="C:\\数据\\计时.csv"', 'C:\\数据\\计时.csv'],
    // HTML's escapes of a quote, and the older backslash escape.
    ['form-data; name="file"; filename="%22引号%22.csv"', '"引号".csv'],
    ['form-data; name="file"; filename="say \\"hi\\".csv"', 'say "hi".csv'],
    [`form-data; name="file"; filename*=UTF-8''%E9%97%A8%E8%AF%8A%3B2024%3D.csv`, '门诊;2024=.csv'],
    // filename* wins over filename (RFC 6266 §4.3), whichever comes first.
    [`form-data; filename="fallback.csv"; name="file"; filename*=utf-8''%E8%AE%A1%E6%97%B6.csv`, '计时.csv'],
    ['form-data;name=file;filename=plain.csv', 'plain.csv'],
  ];
  for (const [disposition, expected] of names) {
    it(`keeps ${JSON.stringify(expected)} as sent`, { timeout: 30_000 }, async () => {
      const answer = await post<{ preview: DatasetPreview }>(body(disposition));
      expect(answer.status).toBe(200);
      expect(answer.body.preview.fileName).toBe(expected);
      expect(answer.body.preview.rowCount).toBeGreaterThan(10);
    });
  }

  it('reads a quoted boundary and parameters in any order', () => {
    expect(headerParams('multipart/form-data; charset=utf-8; boundary="a;b=c"')).toEqual({
      token: 'multipart/form-data',
      params: new Map([
        ['charset', 'utf-8'],
        ['boundary', 'a;b=c'],
      ]),
    });
    const form = parseMultipart(
      Buffer.from('preamble\r\n--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'),
      'x',
    );
    expect(form?.fields.get('a')).toBe('1');
  });

  it(
    'refuses a malformed body, one that is not multipart and one over the limit, in both languages',
    { timeout: 30_000 },
    async () => {
      for (const lang of ['en', 'zh-CN']) {
        const cut = await post<ErrorBody & { errors: { code: string; path: string }[] }>(
          body('form-data; name="file"; filename="x.csv"').subarray(0, 300),
          lang,
        );
        expect(cut.status).toBe(400);
        expect(cut.body.errors[0]).toMatchObject({ path: 'file' });
        const noName = await post<ErrorBody & { errors: { code: string }[] }>(
          body('form-data; filename="x.csv"'),
          lang,
        );
        expect(noName.status).toBe(400);
        const text = await post<ErrorBody>(Buffer.from('a=b'), lang, 'text/plain');
        expect(text.status).toBe(415);
      }
      const big = await post<ErrorBody & { errors: { code: string }[] }>(
        body('form-data; name="file"; filename="big.csv"', new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x31)),
      );
      expect(big.status).toBe(413);
      expect(big.body.errors[0]!.code).toBe('fileTooLarge');
    },
  );
});
