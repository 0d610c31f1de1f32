/** The reference library's words, in both languages: grades, topics and the page's own. */
import type { Lang } from '~/engine/text';
import { useLang } from '~/i18n/ui';

import type { Grade, Topic } from './figures';

export const GRADE_LABELS: Readonly<Record<Grade, Record<Lang, string>>> = {
  A: { 'zh-CN': 'A 级', en: 'A' },
  B: { 'zh-CN': 'B 级', en: 'B' },
  C: { 'zh-CN': 'C 级', en: 'C' },
  derived: { 'zh-CN': '推算', en: 'derived' },
  notFound: { 'zh-CN': '未找到', en: 'not found' },
};

export const TOPIC_LABELS: Readonly<Record<Topic, Record<Lang, string>>> = {
  budget: { 'zh-CN': '信息化预算', en: 'Budgets' },
  volume: { 'zh-CN': '床位与业务量', en: 'Beds and volumes' },
  staffing: { 'zh-CN': '人员配置', en: 'Staffing' },
  compute: { 'zh-CN': '算力硬件', en: 'Compute hardware' },
  power: { 'zh-CN': '电力与能耗', en: 'Power and energy' },
  tokens: { 'zh-CN': '大模型 API 价格与用量', en: 'LLM API prices and use' },
  throughput: { 'zh-CN': '推理吞吐量', en: 'Inference throughput' },
  salary: { 'zh-CN': '薪酬', en: 'Salaries' },
  vendor: { 'zh-CN': '厂商价格', en: 'Vendor prices' },
  maintenance: { 'zh-CN': '运维', en: 'Maintenance' },
  efficiency: { 'zh-CN': '实测效果', en: 'Measured effects' },
  compliance: { 'zh-CN': '合规', en: 'Compliance' },
  appraisal: { 'zh-CN': '经济评价惯例', en: 'Appraisal conventions' },
  benefit: { 'zh-CN': '其他收益', en: 'Other benefits' },
};

/** A source that is not a link: arithmetic on other rows, or nothing cited. */
export const SOURCE_LABELS: Readonly<Record<'derived' | 'none', Record<Lang, string>>> = {
  derived: { 'zh-CN': '由其他数据推算', en: 'worked out from other rows' },
  none: { 'zh-CN': '无出处', en: 'none cited' },
};

const WORDS = {
  topic: { 'zh-CN': '类别', en: 'Topic' },
  allTopics: { 'zh-CN': '全部类别', en: 'All topics' },
  allGrades: { 'zh-CN': '全部等级', en: 'All grades' },
  usableOnly: { 'zh-CN': '只看可作默认值的', en: 'Only those usable as defaults' },
  filter: { 'zh-CN': '筛选', en: 'Filter' },
  clear: { 'zh-CN': '清除筛选', en: 'Clear the filters' },
  count: { 'zh-CN': '共 {count} 项', en: '{count} figures' },
  countShown: {
    'zh-CN': '共 {count} 项，显示第 {from}–{to} 项',
    en: '{count} figures, showing {from}–{to}',
  },
  none: { 'zh-CN': '没有符合条件的数据。', en: 'No figure matches.' },
  pages: { 'zh-CN': '分页', en: 'Pages' },
  previous: { 'zh-CN': '上一页', en: 'Previous' },
  next: { 'zh-CN': '下一页', en: 'Next' },
  pageOf: { 'zh-CN': '第 {page} / {pages} 页', en: 'Page {page} of {pages}' },
  row: { 'zh-CN': '行号', en: 'Row' },
  range: { 'zh-CN': '范围', en: 'Range' },
  details: { 'zh-CN': '说明与出处', en: 'Notes and sources' },
  notes: { 'zh-CN': '说明', en: 'Notes' },
  otherSources: { 'zh-CN': '其他来源', en: 'Other sources' },
  derivedFrom: { 'zh-CN': '推算自第 {rows} 行', en: 'Worked out from rows {rows}' },
  doNotUse: { 'zh-CN': '不要使用', en: 'Do not use' },
  openSource: { 'zh-CN': '原文', en: 'source' },
  currency: { 'zh-CN': '汇率', en: 'Exchange rate' },
  badQuery: {
    'zh-CN': '这个地址中的筛选条件有误，已改为显示全部数据：{fields}。',
    en: 'Some filters in this address are not valid, so all figures are shown: {fields}.',
  },
  badQ: { 'zh-CN': '搜索词最多 100 个字', en: 'a search is at most 100 characters' },
  badTopic: { 'zh-CN': '没有这个类别', en: 'there is no such topic' },
  badGrade: { 'zh-CN': '没有这个证据等级', en: 'there is no such evidence grade' },
  badUsable: { 'zh-CN': '“只看可作默认值的”只能勾选或不勾选', en: '“usable only” is either ticked or not' },
  badPage: {
    'zh-CN': '页码应为 1 到 {pages} 之间的整数',
    en: 'the page is a whole number from 1 to {pages}',
  },
} satisfies Record<string, Record<Lang, string>>;

export type ReferenceWord = keyof typeof WORDS;

export function referenceWord(
  lang: Lang,
  key: ReferenceWord,
  params: Record<string, string | number> = {},
): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export function useReferenceWords() {
  const lang = useLang();
  return (key: ReferenceWord, params?: Record<string, string | number>) => referenceWord(lang, key, params);
}
