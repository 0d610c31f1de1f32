/**
 * CSV is decoded and parsed a step at a time (256 KB of bytes): what a whole-file read found
 * must still be found when it straddles steps, lies deep in the file, or only shows after the
 * first megabyte, and the row limit counts the rows that are read, not blank ones.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { MAX_DATA_ROWS, readTableFile, type ReadResult } from '~/datasets/read-file.server';

const utf8 = (text: string) => new TextEncoder().encode(text);

function table(read: ReadResult) {
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.table;
}

describe('reading CSV in steps', () => {
  it(
    'reads every row of a file at the row limit, its blank rows not counted',
    { timeout: 30_000 },
    async () => {
      const lines = ['流程,阶段,分钟'];
      for (let i = 0; i < MAX_DATA_ROWS; i++) {
        // A row of empty cells every 40,000 rows: Excel saves them where a row was cleared.
        if (i % 40_000 === 1) lines.push(',,');
        lines.push(`门诊病历书写,使用前,${i}`);
      }
      const read = table(await readTableFile(utf8(lines.join('\n'))));
      expect(read.rows).toHaveLength(MAX_DATA_ROWS);
      expect(read.rows.at(-1)).toEqual(['门诊病历书写', '使用前', String(MAX_DATA_ROWS - 1)]);
      expect(read.rowNumbers.at(-1)).toBe(lines.length);
      // One row more is refused, blank rows or not.
      const over = await readTableFile(utf8(`${lines.join('\n')}\n门诊病历书写,使用后,1\n`));
      expect(over).toEqual({
        ok: false,
        problems: [{ code: 'tooManyRows', params: { max: MAX_DATA_ROWS } }],
      });
    },
  );

  it(
    'reads a file as GB18030 when its first non-UTF-8 bytes come after the first megabyte',
    { timeout: 30_000 },
    async () => {
      const ascii = Array.from({ length: 60_000 }, (_, i) => `clinic notes,before,${i % 9}`);
      const text = `workflow,phase,minutes\n${ascii.join('\n')}\n门诊病历书写,使用前,3\n`;
      const bytes = iconv.encode(text, 'gb18030');
      expect(bytes.byteLength).toBeGreaterThan(1024 * 1024);
      const read = table(await readTableFile(bytes));
      expect(read.encoding).toBe('gb18030');
      expect(read.rows.at(-1)).toEqual(['门诊病历书写', '使用前', '3']);
      // Chosen as UTF-8, it is refused as not UTF-8, wherever the bad bytes are.
      expect(await readTableFile(bytes, { encoding: 'utf-8' })).toMatchObject({
        ok: false,
        problems: [{ code: 'wrongEncoding' }],
      });
    },
  );

  it(
    'keeps line numbers and quoted line breaks across steps, in UTF-16 too',
    { timeout: 30_000 },
    async () => {
      const lines = ['流程,备注,分钟'];
      for (let i = 0; i < 20_000; i++) lines.push(`门诊病历书写,"第一行\n第二行, 含逗号",${i % 7}`);
      const text = `${lines.join('\r\n')}\r\n`;
      for (const bytes of [
        utf8(text),
        Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]),
      ]) {
        expect(bytes.byteLength).toBeGreaterThan(3 * 256 * 1024);
        const read = table(await readTableFile(bytes));
        expect(read.rows).toHaveLength(20_000);
        expect(read.rows.every((r) => r[1] === '第一行\n第二行, 含逗号')).toBe(true);
        // Each record spans two lines; the first ends on line 3.
        expect(read.rowNumbers[0]).toBe(3);
        expect(read.rowNumbers.at(-1)).toBe(40_001);
      }
    },
  );

  it(
    'names the line of a quote never closed, and of a ragged row, deep in a big file',
    { timeout: 30_000 },
    async () => {
      const rows = Array.from({ length: 50_000 }, (_, i) => `门诊病历书写,使用前,${i}`);
      const quote = await readTableFile(
        utf8(`流程,阶段,分钟\n${rows.join('\n')}\n门诊病历书写,"使用前,3\n门诊,使用后,2\n`),
      );
      expect(quote).toMatchObject({
        ok: false,
        problems: [{ code: 'unterminatedQuote', params: { line: 50_002 } }],
      });
      const ragged = await readTableFile(utf8(`流程,阶段,分钟\n${rows.join('\n')}\n门诊病历书写,使用前\n`));
      expect(ragged).toMatchObject({
        ok: false,
        problems: [{ code: 'raggedRow', row: 50_002, params: { row: 50_002, got: 2, expected: 3 } }],
      });
    },
  );
});
