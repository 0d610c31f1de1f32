/**
 * How each sheet of report.xlsx prints: on A4, as wide as the page (fit to one page across,
 * as many down as it takes), landscape where the sheet is wide, its header row repeated on
 * every page, and a header naming the hospital, the case and the version with a page number
 * at the foot, so a loose printed page still says what it belongs to.
 */
import type ExcelJS from 'exceljs';

import type { Lang } from '~/engine/text';

const A4 = 9;

/** Header and footer text is a small language of its own: a literal & is written &&. */
const literal = (s: string) => s.replace(/&/g, '&&');

/** Cut to `max` characters (the whole header may hold 255), marked as cut. */
const cut = (s: string, max: number) => ([...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s);

export interface PrintHeading {
  hospital: string;
  caseName: string;
  version: number;
  lang: Lang;
}

export function setPrint(
  sheet: ExcelJS.Worksheet,
  heading: PrintHeading,
  options: { landscape: boolean; titleRows: string },
): void {
  const zh = heading.lang === 'zh-CN';
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: A4,
    orientation: options.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    // 0: as many pages down as the rows need.
    fitToHeight: 0,
    printTitlesRow: options.titleRows,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  const name = literal(`${cut(heading.hospital, 40)} · ${cut(heading.caseName, 70)}`);
  const version = zh ? `第 ${heading.version} 版` : `version ${heading.version}`;
  sheet.headerFooter = {
    ...sheet.headerFooter,
    oddHeader: `&L${name}&R${version}`,
    oddFooter: zh ? '&L&A&R第 &P / &N 页' : '&L&A&RPage &P of &N',
  };
}

const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

/** A character's width in a column's units: a CJK character is two, as Excel counts them. */
const charWidth = (ch: string) => (WIDE.test(ch) ? 2 : 1);

/** A CJK character, a run of other characters up to one or a space, or a run of spaces. */
const TOKENS = new RegExp(`${WIDE.source}|[^\\s]+?(?=${WIDE.source}|\\s|$)|\\s+`, 'gu');

/**
 * The lines a text wraps to in a column `width` characters wide: Latin words move whole to the
 * next line, a CJK character may end any line.
 */
export function wrappedLines(text: string, width: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let line = 0;
    lines++;
    for (const token of paragraph.match(TOKENS) ?? []) {
      const w = [...token].reduce((sum, ch) => sum + charWidth(ch), 0);
      if (/^\s+$/.test(token)) {
        line += w;
        continue;
      }
      if (line > 0 && line + w > width) {
        lines++;
        line = 0;
      }
      // A word longer than the column is broken where it runs out.
      lines += Math.max(0, Math.ceil(w / width) - 1);
      line += w > width ? w % width : w;
    }
  }
  return lines;
}

/**
 * Gives a row with wrapped text the height of its longest cell: a spreadsheet that opens the
 * file does not always measure rows itself (LibreOffice prints them one line high, cut off).
 */
export function fitRowHeight(sheet: ExcelJS.Worksheet, row: ExcelJS.Row, columns: readonly number[]): void {
  const LINE = 15;
  let lines = 1;
  for (const k of columns) {
    // A little narrower than the column: its padding, and bold text is wider.
    const width = Math.max(1, (sheet.getColumn(k).width ?? 10) - 1.5);
    // Only text wraps (a formula's text would be the formula).
    const value = row.getCell(k).value;
    if (typeof value === 'string') lines = Math.max(lines, wrappedLines(value, width));
  }
  if (lines > 1) row.height = lines * LINE;
}
