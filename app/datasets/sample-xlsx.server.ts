/**
 * A sample as an Excel workbook: one sheet, the header row bold and frozen, numbers as numbers
 * and days and months as Excel dates (shown as the language writes them), so that a director can
 * type over the rows in Excel and upload the file as it is.
 */
import ExcelJS from 'exceljs';

import type { Lang } from '~/engine/text';

import type { SampleCell, SampleTable } from './samples';

const SHEET_NAMES = {
  observations: { 'zh-CN': '计时观察', en: 'Time-motion' },
  volumes: { 'zh-CN': '月度业务量', en: 'Monthly volumes' },
};

const DAY_FORMAT = 'yyyy-mm-dd';
const MONTH_FORMAT: Record<Lang, string> = { 'zh-CN': 'yyyy"年"m"月"', en: 'yyyy-mm' };

/** A day or month as the UTC midnight Excel stores (the reader takes the date back as written). */
const utc = (iso: string) => new Date(`${iso.length === 7 ? `${iso}-01` : iso}T00:00:00Z`);

function excelCell(cell: SampleCell): string | number | Date | null {
  if (cell === '') return null;
  if (typeof cell === 'string' || typeof cell === 'number') return cell;
  return utc('day' in cell ? cell.day : cell.month);
}

export async function sampleXlsx(table: SampleTable, lang: Lang): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAMES[table.kind][lang], {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((c, i) => {
    const first = table.rows.find((r) => r[i] !== '')?.[i];
    const dated = typeof first === 'object';
    const widest = Math.max(
      ...[c.header[lang], ...table.rows.map((r) => String(excelCell(r[i]!) ?? ''))].map((t) =>
        // A Chinese character is about two Latin ones wide.
        [...t].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0),
      ),
    );
    return {
      header: c.header[lang],
      width: dated ? 14 : Math.min(40, Math.max(10, widest + 2)),
      ...(dated ? { style: { numFmt: first && 'month' in first ? MONTH_FORMAT[lang] : DAY_FORMAT } } : {}),
    };
  });
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(excelCell));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
