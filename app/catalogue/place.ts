/**
 * Where a place in a scenario is, in words a person reads: "方案「SaaS 按席位」· 成本项「席位费」"
 * and "单价", never `options.0.costLines.0.unitPrice`. Takes a path by index (as validation
 * reports it) or by id (as the forms name it). Used for every error a form shows.
 */
import { ROLE_IDS, type RoleId } from '~/engine/constants';
import type { LocalizedText, ScenarioInput } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { ROLE_NAMES, termLabel } from '~/i18n/terms';

import { FIELDS, fieldLabel, type Bilingual } from './fields';
import { variableLabel } from './variables';

type Doc = ScenarioInput;

export interface Place {
  /** The thing the field belongs to: "方案「SaaS 按席位」· 成本项「席位费」"; empty for the case itself. */
  where: string;
  /** The field: "单价"; empty when the problem is about the thing as a whole. */
  field: string;
}

/** Labels of the fields that are not numbers (numbers' labels are in the catalogue). */
const OTHER_FIELDS: Readonly<Record<string, Bilingual>> = {
  name: { 'zh-CN': '名称', en: 'Name' },
  description: { 'zh-CN': '说明', en: 'Description' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  type: { 'zh-CN': '机构类型', en: 'Type' },
  grade: { 'zh-CN': '医院等级', en: 'Grade' },
  region: { 'zh-CN': '地区', en: 'Region' },
  category: { 'zh-CN': '费用类别', en: 'Category' },
  unit: { 'zh-CN': '计价单位', en: 'Priced per' },
  period: { 'zh-CN': '周期', en: 'Period' },
  pricePer: { 'zh-CN': '单价按', en: 'Price per' },
  tierPeriod: { 'zh-CN': '阶梯计量周期', en: 'Tier period' },
  role: { 'zh-CN': '岗位', en: 'Role' },
  volumeDriver: { 'zh-CN': '业务量依据', en: 'Volume driver' },
  basis: { 'zh-CN': '效果依据', en: 'Effect basis' },
  curve: { 'zh-CN': '推广曲线', en: 'Ramp curve' },
  source: { 'zh-CN': '来源', en: 'Source' },
  expression: { 'zh-CN': '公式', en: 'Formula' },
  scaleUpOptionId: { 'zh-CN': '试点成功后推广为', en: 'Scales up into' },
  workflowId: { 'zh-CN': '依据的工作流程', en: 'Workflow it checks' },
  workflowIds: { 'zh-CN': '按哪些工作流程计量', en: 'Workflows it follows' },
  revalidationRole: { 'zh-CN': '再验证人员', en: 'Who re-validates' },
  capex: { 'zh-CN': '资本性支出', en: 'Capital expenditure' },
  included: { 'zh-CN': '价格含税', en: 'Prices include VAT' },
  note: { 'zh-CN': '说明', en: 'Note' },
  mode: { 'zh-CN': '变现方式', en: 'How it becomes money' },
  tiers: { 'zh-CN': '阶梯价格', en: 'Volume tiers' },
  evidence: { 'zh-CN': '依据', en: 'Evidence' },
  baselineEvidence: { 'zh-CN': '现状用时依据', en: 'Evidence for today’s minutes' },
  method: { 'zh-CN': '测量方法', en: 'Method' },
  from: { 'zh-CN': '开始日期', en: 'From' },
  to: { 'zh-CN': '结束日期', en: 'To' },
  pilot: { 'zh-CN': '试点设置', en: 'Pilot settings' },
  stopRule: { 'zh-CN': '停用规则', en: 'Stop rule' },
  vat: { 'zh-CN': '增值税', en: 'VAT' },
  informatizationByYear: { 'zh-CN': '各年信息化预算', en: 'Budget by year' },
  currency: { 'zh-CN': '币种', en: 'Currency' },
  options: { 'zh-CN': '方案', en: 'Options' },
  workflows: { 'zh-CN': '工作流程', en: 'Workflows' },
  costLines: { 'zh-CN': '成本项', en: 'Cost lines' },
  funding: { 'zh-CN': '资金来源', en: 'Funding' },
  effects: { 'zh-CN': '效果', en: 'Effects' },
  correlations: { 'zh-CN': '相关性', en: 'Correlations' },
  seed: { 'zh-CN': '随机种子', en: 'Seed' },
  trials: { 'zh-CN': '模拟次数', en: 'Trials' },
  schemaVersion: { 'zh-CN': '文件版本', en: 'File version' },
};

/** Whether the catalogue names the field (rather than falling back to its key in words). */
export const isNamedField = (name: string): boolean =>
  Object.hasOwn(OTHER_FIELDS, name) || Object.hasOwn(FIELDS, name);

export function anyFieldLabel(name: string, lang: Lang): string {
  return OTHER_FIELDS[name]?.[lang] ?? fieldLabel(name, lang);
}

const quoted = (lang: Lang, kind: Bilingual, name: string) =>
  lang === 'zh-CN' ? `${kind['zh-CN']}「${name}」` : `${kind.en} “${name}”`;

const WORDS = {
  case: { 'zh-CN': '规划概况', en: 'The case' },
  hospital: { 'zh-CN': '医院概况', en: 'Hospital' },
  staff: { 'zh-CN': '人员', en: 'Staff' },
  budget: { 'zh-CN': '信息化预算', en: 'Budget' },
  procurement: { 'zh-CN': '公开招标规则', en: 'Public tender rule' },
  workflow: { 'zh-CN': '工作流程', en: 'Workflow' },
  option: { 'zh-CN': '方案', en: 'Option' },
  effect: { 'zh-CN': '对工作流程', en: 'Effect on' },
  line: { 'zh-CN': '成本项', en: 'Cost line' },
  funding: { 'zh-CN': '资金来源', en: 'Funding' },
  tier: { 'zh-CN': '第 {n} 档', en: 'Tier {n}' },
  realization: { 'zh-CN': '工时变现', en: 'How freed hours become money' },
  uncertainty: { 'zh-CN': '不确定性', en: 'Uncertainty' },
  range: { 'zh-CN': '的范围', en: ' (range)' },
  variables: { 'zh-CN': '公式变量', en: 'Formula variables' },
  sources: { 'zh-CN': '数据来源', en: 'Sources' },
  seasonality: { 'zh-CN': '季节系数', en: 'Seasonal factor' },
  year: { 'zh-CN': '{year} 年', en: '{year}' },
} satisfies Record<string, Bilingual>;

const sep = ' · ';
const name = (text: LocalizedText | undefined, lang: Lang, fallback: string) =>
  text === undefined ? fallback : localize(text, lang) || fallback;

/** Finds an array item by its id (or workflowId) or, for an index path, by its position. */
function item<T extends { id?: string; workflowId?: string }>(
  list: readonly T[] | undefined,
  key: string,
): T | undefined {
  if (!list) return undefined;
  return (
    list.find((x) => x.id === key || x.workflowId === key) ??
    (/^[0-9]+$/.test(key) ? list[Number(key)] : undefined)
  );
}

/** The place of a path (by index or id) in the document, in words. */
export function describePlace(doc: Doc, path: string, lang: Lang): Place {
  const parts = path.split('.');
  const [head, a, b, c, d] = parts;
  const last = parts[parts.length - 1]!;
  const label = (n: string) => (/^[0-9]+$/.test(n) ? '' : anyFieldLabel(n, lang));
  const workflowName = (key: string) =>
    name(item(doc.workflows, key)?.name, lang, lang === 'zh-CN' ? '（已删除的流程）' : '(removed workflow)');

  switch (head) {
    case 'hospital':
      if (a === 'roles' && b && (ROLE_IDS as readonly string[]).includes(b))
        return {
          where: `${WORDS.staff[lang]}${sep}${termLabel(ROLE_NAMES[b as RoleId], lang)}`,
          field: c ? label(c) : '',
        };
      if (a === 'seasonality')
        return { where: WORDS.hospital[lang], field: `${WORDS.seasonality[lang]} ${Number(b) + 1}` };
      return { where: WORDS.hospital[lang], field: a ? label(a) : '' };
    case 'budget':
      if (a === 'informatizationByYear' && b !== undefined)
        return {
          where: WORDS.budget[lang],
          field: `${anyFieldLabel('informatizationByYear', lang)}${sep}${WORDS.year[lang].replace('{year}', String((doc.startYear ?? 0) + Number(b)))}`,
        };
      return { where: WORDS.budget[lang], field: a ? label(a) : '' };
    case 'procurement':
      return { where: WORDS.procurement[lang], field: a ? label(a) : '' };
    case 'workflows': {
      if (a === undefined) return { where: anyFieldLabel('workflows', lang), field: '' };
      const where = quoted(lang, WORDS.workflow, workflowName(a));
      return { where, field: b ? label(parts.length > 3 && b === 'baselineEvidence' ? last : b) : '' };
    }
    case 'realization':
      return {
        where: `${WORDS.realization[lang]}${sep}${a && (ROLE_IDS as readonly string[]).includes(a) ? termLabel(ROLE_NAMES[a as RoleId], lang) : ''}`,
        field: b ? label(b) : '',
      };
    case 'options': {
      if (a === undefined) return { where: anyFieldLabel('options', lang), field: '' };
      const option = item(doc.options, a);
      const where = quoted(lang, WORDS.option, name(option?.name, lang, '?'));
      if (b === 'effects' && c !== undefined) {
        const effect = item(option?.effects, c);
        // Named by its workflow; an effect that has lost its workflow is named by nothing else.
        const wf = effect ? (effect.workflowId ? workflowName(effect.workflowId) : '?') : workflowName(c);
        const effectWhere =
          lang === 'zh-CN' ? `${where}${sep}对「${wf}」的效果` : `${where}${sep}effect on “${wf}”`;
        return { where: effectWhere, field: d ? label(last) : '' };
      }
      if ((b === 'costLines' || b === 'funding') && c !== undefined) {
        const list = b === 'costLines' ? option?.costLines : option?.funding;
        const line = item(list as { id?: string }[] | undefined, c) as { name?: LocalizedText } | undefined;
        let lineWhere = `${where}${sep}${quoted(lang, b === 'costLines' ? WORDS.line : WORDS.funding, name(line?.name, lang, '?'))}`;
        if (d === 'tiers' && parts[5] !== undefined) {
          lineWhere += `${sep}${WORDS.tier[lang].replace('{n}', String(Number(parts[5]) + 1))}`;
          return { where: lineWhere, field: parts[6] ? label(parts[6]) : '' };
        }
        return { where: lineWhere, field: d ? label(last) : '' };
      }
      if (b === 'pilot' || b === 'stopRule')
        return { where: `${where}${sep}${anyFieldLabel(b, lang)}`, field: c ? label(last) : '' };
      return { where, field: b ? label(last) : '' };
    }
    case 'uncertainty':
      if (a === 'inputs' && b !== undefined) {
        const inner = describePlace(doc, parts.slice(2).join('.'), lang);
        return { where: inner.where, field: `${inner.field}${WORDS.range[lang]}` };
      }
      return { where: WORDS.uncertainty[lang], field: a ? label(a) : '' };
    case 'sources':
      return describePlace(doc, parts.slice(1).join('.'), lang);
    case 'variables':
      return { where: WORDS.variables[lang], field: a ? variableLabel(a, lang) : '' };
    case undefined:
    case '':
      return { where: WORDS.case[lang], field: '' };
    default:
      return { where: WORDS.case[lang], field: label(head) };
  }
}

/** "方案「SaaS 按席位」· 成本项「席位费」· 单价" */
export function placeText(doc: Doc, path: string, lang: Lang): string {
  const { where, field } = describePlace(doc, path, lang);
  return [where, field].filter(Boolean).join(sep);
}
