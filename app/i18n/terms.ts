/** Names of the model's concepts in both product languages. */
import type { CostCategory, OptionKind, RoleId } from '~/engine/constants';
import type { IrrNote } from '~/engine/finance';
import type { Lang } from '~/engine/text';

type Terms<K extends string> = Record<K, Record<Lang, string>>;

/**
 * A term standing alone, as a table cell, a column head or a legend: English terms are kept in
 * lower case for use inside sentences, and start with a capital here ("Physician", "IT").
 */
export function termLabel(term: Record<Lang, string>, lang: Lang): string {
  const text = term[lang];
  return lang === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

export const OPTION_KIND_NAMES: Terms<OptionKind> = {
  buy: { 'zh-CN': '采购', en: 'buy' },
  build: { 'zh-CN': '自建', en: 'build' },
  pilot: { 'zh-CN': '试点', en: 'pilot' },
};

export const ROLE_NAMES: Terms<RoleId> = {
  physician: { 'zh-CN': '医师', en: 'physician' },
  nurse: { 'zh-CN': '护士', en: 'nurse' },
  technician: { 'zh-CN': '医技', en: 'technician' },
  it: { 'zh-CN': '信息科', en: 'IT' },
  admin: { 'zh-CN': '行政', en: 'administration' },
};

export const CATEGORY_NAMES: Terms<CostCategory> = {
  compute: { 'zh-CN': '算力', en: 'compute' },
  staffing: { 'zh-CN': '人员', en: 'staffing' },
  maintenance: { 'zh-CN': '运维', en: 'maintenance' },
  vendor: { 'zh-CN': '厂商', en: 'vendor' },
  data: { 'zh-CN': '数据', en: 'data' },
  training: { 'zh-CN': '培训', en: 'training' },
  compliance: { 'zh-CN': '合规', en: 'compliance' },
  other: { 'zh-CN': '其他', en: 'other' },
};

export const IRR_NOTES: Terms<IrrNote> = {
  noSignChange: {
    'zh-CN': '现金流没有正负变化，内部收益率不存在',
    en: 'the cash flows never change sign, so there is no IRR',
  },
  multipleRoots: {
    'zh-CN': '现金流多次变号，内部收益率有多个解，不予采用',
    en: 'the cash flows change sign several times and give several IRRs; none is meaningful',
  },
  financingFlow: {
    'zh-CN': '资金先流入、后流出（补助在前、成本在后），此时的"内部收益率"是借款利率，不予采用',
    en: 'money comes in first and goes out later (funding before cost): its "IRR" would be a borrowing rate, so none is given',
  },
  noRootInRange: {
    'zh-CN': '在 −99% 至 10000% 之间没有内部收益率',
    en: 'no IRR between −99 % and 10,000 %',
  },
};

export const METRIC_NAMES = {
  option: { 'zh-CN': '方案', en: 'Option' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  npv: { 'zh-CN': '净现值', en: 'NPV' },
  irr: { 'zh-CN': '内部收益率', en: 'IRR' },
  payback: { 'zh-CN': '回收期(月)', en: 'Payback (month)' },
  discountedPayback: { 'zh-CN': '折现回收期(月)', en: 'Disc. payback (month)' },
  roi: { 'zh-CN': '现金ROI', en: 'Cash ROI' },
  paperRoi: { 'zh-CN': '账面ROI', en: 'Paper ROI' },
  tco: { 'zh-CN': '总拥有成本', en: 'TCO' },
  hoursFreed: { 'zh-CN': '释放工时', en: 'Hours freed' },
  fteFreed: { 'zh-CN': '释放人力(FTE)', en: 'FTE freed' },
  cashRealized: { 'zh-CN': '实际变现', en: 'Cash realized' },
  breachYears: { 'zh-CN': '超预算年份', en: 'Budget breach years' },
  year: { 'zh-CN': '年度', en: 'Year' },
  cashOut: { 'zh-CN': '现金支出', en: 'Cash out' },
  funding: { 'zh-CN': '资金来源', en: 'Funding' },
  netCashFlow: { 'zh-CN': '净现金流', en: 'Net cash flow' },
  budget: { 'zh-CN': 'AI 预算', en: 'AI budget' },
  budgetHeadroom: { 'zh-CN': '预算余量', en: 'Headroom' },
  none: { 'zh-CN': '无', en: 'none' },
  never: { 'zh-CN': '未回收', en: 'never' },
} satisfies Terms<string>;

export function term<K extends string>(terms: Terms<K>, key: K, lang: Lang): string {
  return terms[key][lang];
}
