/**
 * The words for every closed choice a form offers (a select, never a guess): hospital type and
 * grade, volume drivers, cost-line units and periods, funding sources, how freed hours become
 * money, evidence kinds. Categories, roles and option kinds are in ~/i18n/terms.
 */
import {
  COST_CATEGORIES,
  HOSPITAL_GRADES,
  HOSPITAL_TYPES,
  OPTION_KINDS,
  ROLE_IDS,
  VOLUME_DRIVERS,
} from '~/engine/constants';
import type { Lang } from '~/engine/text';
import { CATEGORY_NAMES, OPTION_KIND_NAMES, ROLE_NAMES, termLabel } from '~/i18n/terms';

import type { Bilingual } from './fields';
import { bilingual as b } from '~/i18n/bilingual';

export interface Choice {
  value: string;
  label: string;
}

const TABLES = {
  hospitalType: {
    village: b('村卫生室', 'Village clinic'),
    township: b('乡镇卫生院', 'Township health centre'),
    community: b('社区卫生服务中心', 'Community health centre'),
    county: b('县级医院', 'County hospital'),
    city: b('城市医院', 'City hospital'),
  },
  hospitalGrade: {
    ungraded: b('未定级', 'Ungraded'),
    level1: b('一级', 'Grade 1'),
    level2: b('二级', 'Grade 2'),
    level3: b('三级', 'Grade 3'),
  },
  volumeDriver: {
    outpatientVisit: b('每人次门急诊', 'Per outpatient visit'),
    inpatientDay: b('每住院床日', 'Per inpatient day'),
    discharge: b('每人次出院', 'Per discharge'),
    bed: b('每张床每月', 'Per bed a month'),
    month: b('每月', 'Per month'),
  },
  unit: {
    seat: b('每个席位（医护人员）', 'Per seat (clinician)'),
    bed: b('每张床', 'Per bed'),
    task: b('每次使用（每个任务）', 'Per use (per task)'),
    call: b('每次调用', 'Per call'),
    millionTokens: b('每百万 token', 'Per million tokens'),
  },
  period: { month: b('每月', 'A month'), year: b('每年', 'A year') },
  fundingPeriod: { once: b('一次', 'Once'), month: b('每月', 'A month'), year: b('每年', 'A year') },
  fundingSource: {
    grant: b('专项补助', 'Grant'),
    researchBudget: b('科研经费', 'Research budget'),
    computeVoucher: b('算力券', 'Compute voucher'),
    other: b('其他', 'Other'),
  },
  fundingKind: {
    fixed: b('固定金额', 'Fixed amount'),
    shareOfCost: b('承担某类费用的一定比例', 'A share of a cost category'),
  },
  realizationMode: {
    avoidedStaffing: b('少招人、少加班（按整岗计）', 'Fewer hires and less overtime (whole posts)'),
    throughput: b('多看病人（增加诊疗量）', 'More patients seen'),
    notRealized: b('不变现（仅为能力余量）', 'Not realized (capacity only)'),
  },
  evidenceKind: {
    measured: b('本院实测', 'Measured here'),
    claimed: b('外部数据（厂商或其他医院）', 'Claimed elsewhere (vendor, other hospital)'),
    assumed: b('假设', 'Assumed'),
  },
  basis: {
    claimed: b('按声称的节省比例（外部数据）', 'From a claimed reduction (elsewhere)'),
    measured: b('按本院实测的用时', 'From minutes measured here'),
  },
  curve: { linear: b('匀速', 'Linear'), sCurve: b('先慢后快（S 形）', 'S-curve') },
} satisfies Record<string, Record<string, Bilingual>>;

export type ChoiceTable = keyof typeof TABLES;

export function choices(table: ChoiceTable, lang: Lang): Choice[] {
  return Object.entries(TABLES[table]).map(([value, label]) => ({
    value,
    label: (label as Bilingual)[lang],
  }));
}

/** A table's words in both languages, by value (for pages that word a value without a form). */
export const choiceWords = (table: ChoiceTable): Readonly<Record<string, Bilingual>> => TABLES[table];

export function choiceLabel(table: ChoiceTable, value: string, lang: Lang): string {
  const entry = (TABLES[table] as Record<string, Bilingual>)[value];
  return entry ? entry[lang] : value;
}

export const categoryChoices = (lang: Lang): Choice[] =>
  COST_CATEGORIES.map((c) => ({ value: c, label: termLabel(CATEGORY_NAMES[c], lang) }));
export const roleChoices = (lang: Lang): Choice[] =>
  ROLE_IDS.map((r) => ({ value: r, label: termLabel(ROLE_NAMES[r], lang) }));
export const optionKindChoices = (lang: Lang): Choice[] =>
  OPTION_KINDS.map((k) => ({ value: k, label: termLabel(OPTION_KIND_NAMES[k], lang) }));

// The closed lists must match the engine's.
HOSPITAL_TYPES satisfies readonly (keyof (typeof TABLES)['hospitalType'])[];
HOSPITAL_GRADES satisfies readonly (keyof (typeof TABLES)['hospitalGrade'])[];
VOLUME_DRIVERS satisfies readonly (keyof (typeof TABLES)['volumeDriver'])[];
