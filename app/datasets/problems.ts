/**
 * What can be wrong with an uploaded file or its mapping: a code, the row and column (1-based,
 * as a spreadsheet shows them; row 1 is the header) and parameters; the message is rendered
 * in the user's language.
 */
import type { Lang } from '~/engine/text';

import { MEANING_LABELS, MISSING_WHY, type Meaning } from './columns';

const MESSAGES = {
  emptyFile: { en: 'The file is empty', 'zh-CN': '文件是空的' },
  binaryFile: {
    en: 'This is not a text or Excel file (binary content)',
    'zh-CN': '这不是文本或 Excel 文件（二进制内容）',
  },
  legacyXls: {
    en: 'Old Excel format (.xls): save it as .xlsx or CSV and upload again',
    'zh-CN': '旧版 Excel 格式（XLS）：请另存为 XLSX 或 CSV 后重新上传',
  },
  xlsxUnreadable: {
    en: 'The Excel file cannot be read: {detail}',
    'zh-CN': '无法读取该 Excel 文件：{detail}',
  },
  xlsxTooLargeUnpacked: {
    en: '"{file}" would unpack to more than {max} MB: save the sheet as CSV, or split it, and upload again',
    'zh-CN': '“{file}”解压后超过 {max} MB：请另存为 CSV 或拆分后重新上传',
  },
  xlsxPartTooLarge: {
    en: '"{file}" holds a part ({part}) that unpacks to more than {max} MB: it is not an ordinary Excel workbook',
    'zh-CN': '“{file}”中的部件（{part}）解压后超过 {max} MB，不是普通的 Excel 工作簿',
  },
  xlsxTooManyParts: {
    en: '"{file}" holds more than {max} parts: it is not an ordinary Excel workbook',
    'zh-CN': '“{file}”包含超过 {max} 个部件，不是普通的 Excel 工作簿',
  },
  xlsxMalformed: {
    en: '"{file}" is not a well-formed Excel file (its zip is damaged or its sizes are wrong): save it again from Excel',
    'zh-CN': '“{file}”不是完整的 Excel 文件（压缩包已损坏或大小信息有误）：请用 Excel 重新保存',
  },
  undecodable: {
    en: 'The text is neither UTF-8 nor GB18030/GBK; choose the encoding',
    'zh-CN': '文本既不是 UTF-8 也不是 GB18030/GBK，请选择编码',
  },
  wrongEncoding: {
    en: 'The file is not valid {encoding}; choose another encoding or leave it on automatic',
    'zh-CN': '文件不是有效的 {encoding} 编码，请选择其他编码或使用自动识别',
  },
  fileTooLarge: { en: 'The file is over {max} MB', 'zh-CN': '文件超过 {max} MB' },
  tooManyRows: { en: 'The file has more than {max} data rows', 'zh-CN': '文件的数据行超过 {max} 行' },
  tooManyColumns: { en: 'The file has more than {max} columns', 'zh-CN': '文件的列数超过 {max} 列' },
  unterminatedQuote: {
    en: 'A quote opened on line {line} is never closed',
    'zh-CN': '第 {line} 行开始的引号没有闭合',
  },
  raggedRow: {
    en: 'Row {row} has {got} columns; the header has {expected}',
    'zh-CN': '第 {row} 行有 {got} 列，表头有 {expected} 列',
  },
  csvSyntax: {
    en: 'The CSV cannot be read at line {line}: {detail}',
    'zh-CN': 'CSV 第 {line} 行无法读取：{detail}',
  },
  noHeader: { en: 'The first row must name the columns', 'zh-CN': '第一行必须是列名' },
  duplicateHeader: { en: 'Two columns are named "{header}"', 'zh-CN': '有两列都叫“{header}”' },
  noRows: { en: 'The file has a header but no data rows', 'zh-CN': '文件只有表头，没有数据行' },
  mappingMissing: {
    en: 'Map a column to "{meaning}": it says {why}',
    'zh-CN': '请把一列对应为“{meaning}”：需要知道{why}',
  },
  mappingTwice: {
    en: 'Two columns are mapped to "{meaning}"',
    'zh-CN': '有两列都对应为“{meaning}”',
  },
  mappingUnknownColumn: { en: 'There is no column {column}', 'zh-CN': '没有第 {column} 列' },
  badNumber: { en: '"{value}" is not a number', 'zh-CN': '“{value}”不是数字' },
  negative: { en: '{value} is negative', 'zh-CN': '{value} 是负数' },
  tooLong: { en: 'Over {max} minutes for one task', 'zh-CN': '单个任务超过 {max} 分钟' },
  badDate: {
    en: '"{value}" is not a date (e.g. 2026-03-05, 2026/3/5 or 20260305)',
    'zh-CN': '“{value}”不是日期（如 2026-03-05、2026/3/5、2026年3月5日）',
  },
  unknownPhase: {
    en: '"{value}" is neither baseline (before AI) nor with AI',
    'zh-CN': '“{value}”既不是基线（使用前）也不是使用 AI 后',
  },
  unknownWorkflow: {
    en: '"{value}" is not a workflow of this scenario ({knownEn})',
    'zh-CN': '“{value}”不是本方案的工作流程（{knownZh}）',
  },
  unknownRole: { en: '"{value}" is not a role ({knownEn})', 'zh-CN': '“{value}”不是岗位（{knownZh}）' },
  unknownMeasure: {
    en: '"{value}" is not a volume measure ({knownEn})',
    'zh-CN': '“{value}”不是业务量指标（{knownZh}）',
  },
  emptyCell: { en: 'Empty', 'zh-CN': '为空' },
  rowProblemsTruncated: {
    en: '…and {more} more problem(s)',
    'zh-CN': '……另有 {more} 个问题',
  },
} as const;

export type DatasetProblemCode = keyof typeof MESSAGES;

export interface DatasetProblem {
  code: DatasetProblemCode;
  /** Row as the spreadsheet numbers it (the header is row 1), when the problem has one. */
  row?: number;
  /** Column, 1-based, when the problem has one. */
  column?: number;
  params?: Record<string, string | number>;
}

function datasetProblemMessage(problem: DatasetProblem, lang: Lang): string {
  const meaning = problem.params?.meaning as Meaning | undefined;
  const params: Record<string, string | number> = {
    ...problem.params,
    ...(meaning && MEANING_LABELS[meaning]
      ? { meaning: MEANING_LABELS[meaning][lang], why: MISSING_WHY[meaning]?.[lang] ?? '' }
      : {}),
  };
  return MESSAGES[problem.code][lang].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}

/** "Row 17, column 3: …" in the user's language. */
export function describeDatasetProblem(problem: DatasetProblem, lang: Lang): string {
  const where: string[] = [];
  if (problem.row !== undefined) where.push(lang === 'zh-CN' ? `第 ${problem.row} 行` : `Row ${problem.row}`);
  if (problem.column !== undefined)
    where.push(lang === 'zh-CN' ? `第 ${problem.column} 列` : `column ${problem.column}`);
  const message = datasetProblemMessage(problem, lang);
  return where.length === 0 ? message : `${where.join(lang === 'zh-CN' ? '，' : ', ')}: ${message}`;
}
