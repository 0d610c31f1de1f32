/**
 * The new-case flow's steps: each shows some parts of the case forms and may be left only when
 * its part is complete (the last one saves the case).
 */
import { z } from 'zod';

import type { Part } from '~/editor/parts';
import type { Lang } from '~/engine/text';

export const STEPS = ['hospital', 'budget', 'workflows', 'options', 'review'] as const;
export type Step = (typeof STEPS)[number];

export const stepSchema = z.enum(STEPS);

export const STEP_PARTS: Readonly<Record<Step, readonly Part[]>> = {
  hospital: ['hospital'],
  budget: ['budget'],
  workflows: ['workflows'],
  options: ['options'],
  review: [],
};

export const STEP_TITLES: Readonly<Record<Step, Record<Lang, string>>> = {
  hospital: { 'zh-CN': '医院', en: 'Hospital' },
  budget: { 'zh-CN': '预算', en: 'Budget' },
  workflows: { 'zh-CN': '使用场景', en: 'Use case' },
  options: { 'zh-CN': '方案', en: 'Options' },
  review: { 'zh-CN': '核对', en: 'Review' },
};

export const STEP_INTROS: Readonly<Record<Step, Record<Lang, string>>> = {
  hospital: {
    'zh-CN':
      '先描述医院。带“估算”标记的数字是按床位、类型和参考数据推算的，填入本院数字即可替换；床位或类型改变时，估算值会随之更新。',
    en: 'First, the hospital. Numbers marked “estimate” are worked out from beds, type and the reference figures: type your own to replace them. Estimates follow when beds or type change.',
  },
  budget: {
    'zh-CN': '每年的信息化预算，以及其中 AI 最多可用的比例。金额可以写成“800万”，比例写成“15%”。',
    en: 'The yearly informatization budget and the share AI may take. Write money as “8,000,000” or “800万”, shares as “15%”.',
  },
  workflows: {
    'zh-CN':
      '选择要用 AI 的使用场景。国内未找到的数据（如每份文书的分钟数）需要你按本院情况填写，旁边给出了最接近的参考数据。',
    en: 'Choose the use case. Where no Chinese figure was found (minutes per note, for instance) give your own; the nearest sourced figure is shown beside it.',
  },
  options: {
    'zh-CN': '添加要比较的方案：采购、自建，或先试点。每个方案都与“维持现状”比较。',
    en: 'Add the options to compare: buy, build, or pilot first. Each is compared with doing nothing.',
  },
  review: {
    'zh-CN': '核对一遍，然后保存并查看结果。保存后仍可随时修改，每次保存都是一个新版本。',
    en: 'Check it once more, then save and see the results. You can change it any time; every save is a new version.',
  },
};

export const nextStep = (step: Step): Step => STEPS[Math.min(STEPS.indexOf(step) + 1, STEPS.length - 1)]!;
export const previousStep = (step: Step): Step => STEPS[Math.max(STEPS.indexOf(step) - 1, 0)]!;
