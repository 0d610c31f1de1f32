/**
 * A reference figure's unit and value as a person reads them, in Chinese or English: "12.0698
 * 万元/年" or "120,698 CNY/year", "86%" for a share. The data keep one unit code per figure
 * (figures.ts); the words for it live here, once. Pure, so it runs in the browser too.
 */
import type { Lang } from '~/engine/text';

import type { FigureYear, LocalizedLabel, Unit } from './figures';

/** Each unit in words. A CNY amount in Chinese is shown in 万元 from 10,000 on (see formatFigureValue). */
export const UNIT_LABELS: Readonly<Record<Unit, LocalizedLabel>> = {
  CNY: { 'zh-CN': '元', en: 'CNY' },
  'CNY/year': { 'zh-CN': '元/年', en: 'CNY/year' },
  'CNY/month': { 'zh-CN': '元/月', en: 'CNY/month' },
  'CNY/hospital/year': { 'zh-CN': '元/院/年', en: 'CNY/hospital/year' },
  'CNY/bed/year': { 'zh-CN': '元/床/年', en: 'CNY/bed/year' },
  'CNY/card': { 'zh-CN': '元/卡', en: 'CNY/card' },
  'CNY/server': { 'zh-CN': '元/台服务器', en: 'CNY/server' },
  'CNY/1M tokens': { 'zh-CN': '元/百万 tokens', en: 'CNY/1M tokens' },
  'CNY/interface': { 'zh-CN': '元/接口', en: 'CNY/interface' },
  'CNY/kWh': { 'zh-CN': '元/千瓦时', en: 'CNY/kWh' },
  'CNY/component': { 'zh-CN': '元/组件', en: 'CNY/component' },
  'CNY/provider/year': { 'zh-CN': '元/医生/年', en: 'CNY/provider/year' },
  'CNY/visit': { 'zh-CN': '元/次就诊', en: 'CNY/visit' },
  'CNY/stay': { 'zh-CN': '元/次住院', en: 'CNY/stay' },
  'CNY/patient/year': { 'zh-CN': '元/患者/年', en: 'CNY/patient/year' },
  USD: { 'zh-CN': '美元', en: 'USD' },
  'USD/year': { 'zh-CN': '美元/年', en: 'USD/year' },
  'USD/card': { 'zh-CN': '美元/卡', en: 'USD/card' },
  'USD/1M tokens': { 'zh-CN': '美元/百万 tokens', en: 'USD/1M tokens' },
  'USD/provider/month': { 'zh-CN': '美元/医生/月', en: 'USD/provider/month' },
  'USD/provider/year': { 'zh-CN': '美元/医生/年', en: 'USD/provider/year' },
  'USD/kWh': { 'zh-CN': '美元/千瓦时', en: 'USD/kWh' },
  'USD/patient': { 'zh-CN': '美元/患者', en: 'USD/patient' },
  'EUR/card': { 'zh-CN': '欧元/卡', en: 'EUR/card' },
  CAD: { 'zh-CN': '加元', en: 'CAD' },
  'CAD/note': { 'zh-CN': '加元/份病历', en: 'CAD/note' },
  kW: { 'zh-CN': 'kW', en: 'kW' },
  W: { 'zh-CN': 'W', en: 'W' },
  'kWh/year': { 'zh-CN': '千瓦时/年', en: 'kWh/year' },
  GB: { 'zh-CN': 'GB', en: 'GB' },
  TOPS: { 'zh-CN': 'TOPS', en: 'TOPS' },
  ratio: { 'zh-CN': '比值', en: 'ratio' },
  share: { 'zh-CN': '比例', en: 'share' },
  'share/year': { 'zh-CN': '比例/年', en: 'share/year' },
  kappa: { 'zh-CN': 'κ 系数', en: 'kappa' },
  'risk difference': { 'zh-CN': '风险差', en: 'risk difference' },
  'seconds/task': { 'zh-CN': '秒/任务', en: 'seconds/task' },
  minutes: { 'zh-CN': '分钟', en: 'minutes' },
  'minutes/task': { 'zh-CN': '分钟/任务', en: 'minutes/task' },
  'minutes/day': { 'zh-CN': '分钟/天', en: 'minutes/day' },
  'minutes/shift': { 'zh-CN': '分钟/班', en: 'minutes/shift' },
  'minutes/inpatient-day': { 'zh-CN': '分钟/住院日', en: 'minutes/inpatient-day' },
  'minutes/patient/year': { 'zh-CN': '分钟/患者/年', en: 'minutes/patient/year' },
  'minutes/patient/handover': { 'zh-CN': '分钟/患者/次交班', en: 'minutes/patient/handover' },
  'minutes/visit': { 'zh-CN': '分钟/次就诊', en: 'minutes/visit' },
  'minutes/note': { 'zh-CN': '分钟/份记录', en: 'minutes/note' },
  'minutes/call': { 'zh-CN': '分钟/次通话', en: 'minutes/call' },
  'minutes/follow-up': { 'zh-CN': '分钟/次随访', en: 'minutes/follow-up' },
  'minutes/session': { 'zh-CN': '分钟/次', en: 'minutes/session' },
  'minutes/check': { 'zh-CN': '分钟/次检查', en: 'minutes/check' },
  'minutes/referral': { 'zh-CN': '分钟/次转诊', en: 'minutes/referral' },
  'minutes/result': { 'zh-CN': '分钟/项结果', en: 'minutes/result' },
  hours: { 'zh-CN': '小时', en: 'hours' },
  'hours/day': { 'zh-CN': '小时/天', en: 'hours/day' },
  'hours/shift': { 'zh-CN': '小时/班', en: 'hours/shift' },
  'hours/month': { 'zh-CN': '小时/月', en: 'hours/month' },
  days: { 'zh-CN': '天', en: 'days' },
  'working days': { 'zh-CN': '个工作日', en: 'working days' },
  months: { 'zh-CN': '个月', en: 'months' },
  years: { 'zh-CN': '年', en: 'years' },
  'tokens/s': { 'zh-CN': 'tokens/秒', en: 'tokens/s' },
  'tokens/min': { 'zh-CN': 'tokens/分钟', en: 'tokens/min' },
  'tokens/character': { 'zh-CN': 'tokens/字', en: 'tokens/character' },
  'characters/min': { 'zh-CN': '字/分钟', en: 'characters/min' },
  beds: { 'zh-CN': '张床位', en: 'beds' },
  'beds/1000 population': { 'zh-CN': '张床位/千人口', en: 'beds/1000 population' },
  'persons/bed': { 'zh-CN': '人/床', en: 'persons/bed' },
  'visits/year': { 'zh-CN': '人次/年', en: 'visits/year' },
  'admissions/year': { 'zh-CN': '入院人次/年', en: 'admissions/year' },
  'discharges/year': { 'zh-CN': '出院人次/年', en: 'discharges/year' },
  'inpatient-days/year': { 'zh-CN': '住院床日/年', en: 'inpatient-days/year' },
  'patients/day': { 'zh-CN': '名患者/天', en: 'patients/day' },
  'patients/month': { 'zh-CN': '名患者/月', en: 'patients/month' },
  encounters: { 'zh-CN': '次诊疗', en: 'encounters' },
  notes: { 'zh-CN': '份病历', en: 'notes' },
  'entries/shift': { 'zh-CN': '条记录/班', en: 'entries/shift' },
  records: { 'zh-CN': '条记录', en: 'records' },
  units: { 'zh-CN': '台', en: 'units' },
  persons: { 'zh-CN': '人', en: 'persons' },
  FTE: { 'zh-CN': 'FTE', en: 'FTE' },
  hospitals: { 'zh-CN': '家医院', en: 'hospitals' },
  facilities: { 'zh-CN': '家机构', en: 'facilities' },
  alliances: { 'zh-CN': '个医联体', en: 'alliances' },
  'per 10,000 population/year': { 'zh-CN': '每万人口/年', en: 'per 10,000 population/year' },
  'follow-ups/patient/year': { 'zh-CN': '次随访/患者/年', en: 'follow-ups/patient/year' },
  'checks/person/year': { 'zh-CN': '次检查/人/年', en: 'checks/person/year' },
  'tests/patient/year': { 'zh-CN': '项检验/患者/年', en: 'tests/patient/year' },
  'tests/patient': { 'zh-CN': '项检验/患者', en: 'tests/patient' },
  'tests/visit': { 'zh-CN': '项检验/次就诊', en: 'tests/visit' },
  calls: { 'zh-CN': '次通话', en: 'calls' },
  'calls/day': { 'zh-CN': '次通话/天', en: 'calls/day' },
  'notifications/day': { 'zh-CN': '条通知/天', en: 'notifications/day' },
  sessions: { 'zh-CN': '次', en: 'sessions' },
  'sessions/year': { 'zh-CN': '次/年', en: 'sessions/year' },
  'kinds/year': { 'zh-CN': '种/年', en: 'kinds/year' },
  'consultations/month': { 'zh-CN': '次会诊/月', en: 'consultations/month' },
  referrals: { 'zh-CN': '次转诊', en: 'referrals' },
  'referrals/year': { 'zh-CN': '次转诊/年', en: 'referrals/year' },
  diagnoses: { 'zh-CN': '次诊断', en: 'diagnoses' },
  'score/5': { 'zh-CN': '分（满分 5）', en: 'score/5' },
  'errors/summary': { 'zh-CN': '处错误/份小结', en: 'errors/summary' },
  'errors/report': { 'zh-CN': '处错误/份报告', en: 'errors/report' },
  level: { 'zh-CN': '级', en: 'level' },
};

const TEN_THOUSAND = 10_000;

// Sourced numbers keep their digits: up to four decimals, thousands grouped.
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** How the numbers of one figure are written: scaled (万), as a percentage, and the unit after them. */
interface Style {
  scale: number;
  percent: boolean;
  unit: string;
}

/**
 * The style for a figure's numbers, chosen once from its largest magnitude so that a value and
 * its range share one unit ("9.9–11.2 万元", not "99,000–11.2 万元").
 */
function styleFor(unit: Unit, lang: Lang, magnitude: number): Style {
  if (unit === 'share') return { scale: 100, percent: true, unit: '' };
  if (unit === 'share/year') return { scale: 100, percent: true, unit: lang === 'zh-CN' ? '/年' : '/year' };
  if (unit === 'ratio') return { scale: 1, percent: false, unit: '' };
  const words = UNIT_LABELS[unit][lang];
  // A Chinese reader counts money in 万元 (the app's rule); a few yuan stay in 元.
  if (lang === 'zh-CN' && unit.startsWith('CNY') && magnitude >= TEN_THOUSAND)
    return { scale: 1 / TEN_THOUSAND, percent: false, unit: `万${words}` };
  return { scale: 1, percent: false, unit: words };
}

function number(value: number, style: Style): string {
  const scaled = value * style.scale;
  return style.percent ? `${percent.format(scaled)}%` : plain.format(scaled);
}

function withUnit(text: string, style: Style): string {
  if (!style.unit) return text;
  // "86%/年" and "12 万元/年" read without a space before a slash; words after a number take one.
  return style.unit.startsWith('/') ? `${text}${style.unit}` : `${text} ${style.unit}`;
}

/** A figure's value and range in its unit, e.g. { value: "12.0698 万元/年", range: "9.9–11.2 万元/年" }. */
export function formatFigureValue(
  figure: { value: number | null; low?: number | null; high?: number | null; unit: Unit },
  lang: Lang,
): { value: string | null; range: string | null } {
  const numbers = [figure.value, figure.low, figure.high].filter((v): v is number => typeof v === 'number');
  const style = styleFor(figure.unit, lang, Math.max(0, ...numbers.map(Math.abs)));
  const value = figure.value === null ? null : withUnit(number(figure.value, style), style);
  const low = typeof figure.low === 'number' ? number(figure.low, style) : null;
  const high = typeof figure.high === 'number' ? number(figure.high, style) : null;
  let range: string | null = null;
  if (low !== null && high !== null) range = withUnit(`${low}–${high}`, style);
  else if (low !== null) range = withUnit(`≥ ${low}`, style);
  else if (high !== null) range = withUnit(`≤ ${high}`, style);
  return { value, range };
}

/** A label in the page's language. */
export const localized = (label: LocalizedLabel, lang: Lang): string => label[lang];

/** When a figure dates from, in the page's language. */
export const yearText = (year: FigureYear, lang: Lang): string =>
  typeof year === 'string' ? year : year[lang];
