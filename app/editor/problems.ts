/**
 * Validation problems as a form shows them: the place and field in words ("方案「SaaS 按席位」·
 * 成本项「席位费」· 单价"), the reason without ids or paths ("必填", "不能大于 100%"), so a director
 * can find the field and fix it.
 */
import { placeText } from '~/catalogue/place';
import { fieldNameOf, fieldSpec } from '~/catalogue/fields';
import { problemMessage, type ValidationProblem } from '~/engine/problems';
import type { ScenarioInput } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { ROLE_NAMES, termLabel } from '~/i18n/terms';
import type { RoleId } from '~/engine/constants';

import { toIdPath } from '~/builder/paths';

type Doc = ScenarioInput;

/** Reasons whose engine wording names an id or a path: said here in words instead. */
const IN_WORDS: Partial<Record<ValidationProblem['code'], Record<Lang, string>>> = {
  enum: { 'zh-CN': '请从列表中选择', en: 'Choose from the list' },
  unknownKind: { 'zh-CN': '请从列表中选择', en: 'Choose from the list' },
  unknownWorkflow: { 'zh-CN': '所选的工作流程已不存在', en: 'The workflow chosen no longer exists' },
  workflowNotInOption: {
    'zh-CN': '「{name}」不在本方案覆盖的工作流程中',
    en: '“{name}” is not among the workflows this option covers',
  },
  duplicateEffect: {
    'zh-CN': '本方案对「{name}」已有一条效果',
    en: 'This option already has an effect on “{name}”',
  },
  duplicateId: { 'zh-CN': '与另一项重复', en: 'Repeats another item' },
  unknownOption: {
    'zh-CN': '请选择试点成功后推广的采购或自建方案',
    en: 'Choose the buy or build option the pilot scales into',
  },
  scaleUpKind: {
    'zh-CN': '试点只能推广为采购或自建方案',
    en: 'A pilot scales into a buy or build option',
  },
  roleMissing: {
    'zh-CN': '医院人员中没有「{role}」：请在“人员与工资”中添加',
    en: 'The hospital has no {role} staff: add them under “Staff and wages”',
  },
  unknownInput: { 'zh-CN': '所指的输入已不存在', en: 'The input it names no longer exists' },
  correlationInput: {
    'zh-CN': '相关的两个输入都需要设置范围，且不能是同一个',
    en: 'Both inputs of a correlation need a range, and they must differ',
  },
  duplicateInput: { 'zh-CN': '该输入的范围设置了两次', en: 'This input’s range is set twice' },
  type: { 'zh-CN': '请填写数字', en: 'Enter a number' },
  priceOrTiers: { 'zh-CN': '必填（或改为阶梯价格）', en: 'Required (or use volume tiers)' },
  distributionBounds: { 'zh-CN': '最低值须小于最高值', en: 'The low value must be below the high value' },
  distributionMode: {
    'zh-CN': '最可能值须在范围的最低值与最高值之间',
    en: 'The most likely value must lie between the range’s low and high values',
  },
  distributionOutOfRange: {
    'zh-CN': '范围超出了此项允许的取值',
    en: 'The range goes beyond what this number allows',
  },
};

/** A share's bounds read as percentages in a percent field ("不能大于 100%"). */
function boundsAsTyped(problem: ValidationProblem, field: string): ValidationProblem {
  if (fieldSpec(fieldNameOf(field)).kind !== 'percent') return problem;
  const params = { ...problem.params };
  for (const key of ['minimum', 'maximum'] as const) {
    const v = params[key];
    if (typeof v === 'number') params[key] = `${Number((v * 100).toFixed(4))}%`;
  }
  return { ...problem, params };
}

export interface ProblemInWords {
  /** The field's id path (as forms name fields). */
  path: string;
  /** Place and field: "方案「SaaS 按席位」· 成本项「席位费」· 单价". */
  place: string;
  /** The reason: "必填". */
  message: string;
}

export function problemInWords(doc: Doc, problem: ValidationProblem, lang: Lang): ProblemInWords {
  const path = toIdPath(doc, problem.path);
  const field = path.split('.').pop() ?? '';
  const template = IN_WORDS[problem.code]?.[lang];
  let message: string;
  if (template) {
    const id = typeof problem.params.id === 'string' ? problem.params.id : '';
    const named =
      (Array.isArray(doc.workflows) ? doc.workflows : []).find((w) => w.id === id)?.name ??
      (Array.isArray(doc.options) ? doc.options : []).find((o) => o.id === id)?.name ??
      undefined;
    const role = typeof problem.params.role === 'string' ? problem.params.role : '';
    message = template
      .replace('{name}', named ? localize(named, lang) : '')
      .replace('{role}', ROLE_NAMES[role as RoleId] ? termLabel(ROLE_NAMES[role as RoleId], lang) : role);
  } else {
    message = problemMessage(boundsAsTyped(problem, field), lang);
  }
  return { path, place: placeText(doc, problem.path, lang), message };
}
