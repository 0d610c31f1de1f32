/** The data page's words for preparing a file (the samples and the guide of columns), in both languages. */
import type { Lang } from '~/engine/text';
import { useLang } from '~/i18n/ui';

const WORDS = {
  prepareTitle: {
    'zh-CN': '要准备什么文件：样例与各列说明',
    en: 'What file to prepare: samples and columns',
  },
  prepareIntro: {
    'zh-CN':
      '一份文件放一种数据：计时观察（每行一次计时），或 HIS 月度业务量（每行一个月的一项数量）。第一行是表头，列的顺序不限；表头写成下表的列名，或含“可识别的词”之一即可。保存为 Excel 文件（XLSX）或 CSV（UTF-8 或 GBK 编码）。最简单的做法是下载样例，按本院数据替换其中的行。',
    en: "One kind of data a file: time-motion observations (one timed task a row) or monthly HIS volumes (one count of one month a row). The first row is the header; the columns may come in any order; a header is the column name below, or holds one of its recognised words. Save as Excel (.xlsx) or CSV (UTF-8 or GBK). Simplest: download a sample and replace its rows with your hospital's.",
  },
  observationsTitle: { 'zh-CN': '计时观察', en: 'Time-motion observations' },
  observationsIntro: {
    'zh-CN':
      '在科室现场，对同一工作流程分别记录使用 AI 前、后每项任务的用时（分钟），次数越多，结果的区间越窄（样例各 8 次）；使用后另记核对、修改 AI 结果的分钟。保存后可用实测值校准方案的基线和效果。',
    en: "On the ward or in the clinic, time the same workflow's tasks before and with the AI (minutes a task): the more timings, the narrower the result's interval (the sample has 8 of each); with the AI, also the minutes spent checking and correcting its output. Stored timings can calibrate the scenario's baseline and effects.",
  },
  volumesTitle: { 'zh-CN': 'HIS 月度业务量', en: 'Monthly HIS volumes' },
  volumesIntro: {
    'zh-CN':
      '从 HIS 导出最近 12 个月（或更多）每月的门急诊人次、出院人次、住院床日，或某工作流程的每月任务数。保存后可用实测值校准医院的年业务量和季节波动。',
    en: "Export from the HIS each month's outpatient and emergency visits, discharges and inpatient days, or a workflow's tasks a month, for the last 12 months or more. Stored volumes can calibrate the hospital's yearly volumes and its seasons.",
  },
  sampleDownload: { 'zh-CN': '下载样例：', en: 'Download a sample:' },
  sampleXlsx: { 'zh-CN': 'Excel 文件（XLSX）', en: 'Excel workbook (.xlsx)' },
  sampleCsv: { 'zh-CN': 'CSV 文件', en: 'CSV file' },
  guideColumn: { 'zh-CN': '列名', en: 'Column' },
  guideWords: { 'zh-CN': '可识别的词（表头含任一即可）', en: 'Recognised words (a header with any one)' },
  guideUnit: { 'zh-CN': '单位或格式', en: 'Unit or format' },
  guideNeed: { 'zh-CN': '是否必填', en: 'Required?' },
  guideExample: { 'zh-CN': '示例（取自样例）', en: 'Example (from the sample)' },
  wordsZh: { 'zh-CN': '中文', en: 'Chinese' },
  wordsEn: { 'zh-CN': '英文', en: 'English' },
  wordsAlong: { 'zh-CN': '且含', en: 'and' },
  needRequired: { 'zh-CN': '必填', en: 'Required' },
  needOptional: { 'zh-CN': '可选', en: 'Optional' },
  needOneOf: {
    'zh-CN': '与“{other}”至少有一列；每行填其一',
    en: 'This or "{other}": one of the two on each row',
  },
  needInstead: {
    'zh-CN': '另一种写法：代替{of}，一行写同一任务使用前、后的用时',
    en: "Another layout: in place of {of}, one row holds a task's minutes before and with the AI",
  },
  // A sample asked for with a parameter that is not one of its choices (a link edited by hand).
  sampleRefused: { 'zh-CN': '无法生成样例文件：', en: 'Cannot make the sample file:' },
  sampleBadKind: {
    'zh-CN': '参数 kind（样例种类）须为 observations（计时观察）或 volumes（月度业务量）。',
    en: 'The parameter kind (which sample) must be observations (time-motion) or volumes (monthly volumes).',
  },
  sampleBadLang: {
    'zh-CN': '参数 lang（语言）须为 zh-CN（中文）或 en（英文）。',
    en: 'The parameter lang (language) must be zh-CN (Chinese) or en (English).',
  },
} satisfies Record<string, Record<Lang, string>>;

export type DataWord = keyof typeof WORDS;

export function dataWord(lang: Lang, key: DataWord, params: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The data page's words in the page's language. */
export function useDataWords() {
  const lang = useLang();
  return (key: DataWord, params?: Record<string, string | number>) => dataWord(lang, key, params);
}
