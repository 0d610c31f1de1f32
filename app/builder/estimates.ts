/**
 * Suggested values a planner works out from the hospital's beds, type and grade with the
 * reference figures ("按参考数据估算：…"): occupancy, discharges, visits, wages, paid hours, the
 * informatization budget, the discount rate. An estimated input carries its rule in its
 * source (`sources[path].estimate`), so it is worked out again whenever the inputs it rests on
 * change, until the user types their own number (then the rule is dropped: "你填的").
 *
 * Only figures usable as defaults (grade A/B or derived from them) are used; where none fits
 * the hospital (a township centre's budget, 1.12 NOT FOUND) there is no estimate and the form
 * asks. The numbers quoted here are checked against seeds/reference-figures.json by a test.
 */
import type { HospitalType, RoleId } from '~/engine/constants';
import type { Evidence, ScenarioInput } from '~/engine/schema';
import { formatMoney, formatNumber } from '~/engine/format';

import { setAt } from './paths';
import type { Bilingual } from './suggestion';
import { bilingual as both } from '~/i18n/bilingual';

type Doc = ScenarioInput;

export interface Estimate {
  value: number;
  /** Reference figures it rests on. */
  refs: readonly string[];
  /** How it was worked out, with the numbers of this case. */
  explain: Bilingual;
}

/** The reference figures the rules use, by id (a test holds them to the seed file). */
export const ESTIMATE_FIGURES = {
  '1.20.public': 0.86,
  '1.21.public': 8.4,
  '1.24': 17.4,
  '1.23a.beds': 44.6,
  '1.23a.visits': 38800,
  '1.23a.admissions': 1180,
  '1.2.2018': 8100,
  '3.1': 120698,
  '3.3.private': 129215,
  '3.9.annual': 61300,
  '3.18.day': 7.72,
  '10.1': 0.08,
} as const;
const R = ESTIMATE_FIGURES;

/** Statutory working days a year in China (365 − 104 weekend days − 11 public holidays). */
const WORKING_DAYS = 250;

const isHospital = (type: HospitalType | undefined) => type === 'county' || type === 'city';
const percent = (share: number) => `${Number((share * 100).toFixed(2))}%`;
const n0 = (v: number) => formatNumber(Math.round(v));

type Rule = (doc: Doc) => Estimate | null;

const wage = (role: RoleId): Rule => {
  const table: Record<RoleId, { ref: keyof typeof R; zh: string; en: string }> = {
    physician: {
      ref: '3.1',
      zh: '2023 年城镇非私营单位平均工资，作医生工资的替代值',
      en: '2023 urban non-private average wage, as a proxy for physicians',
    },
    nurse: {
      ref: '3.9.annual',
      zh: '本科新护士月薪 × 12（2022 年）',
      en: 'new bachelor nurses’ monthly pay × 12 (2022)',
    },
    technician: {
      ref: '3.1',
      zh: '2023 年城镇非私营单位平均工资，作替代值',
      en: '2023 urban non-private average wage, as a proxy',
    },
    it: {
      ref: '3.3.private',
      zh: '信息技术业私营单位平均工资（2023 年）',
      en: 'IT sector average wage, private units (2023)',
    },
    admin: {
      ref: '3.1',
      zh: '2023 年城镇非私营单位平均工资，作替代值',
      en: '2023 urban non-private average wage, as a proxy',
    },
  };
  const { ref, zh, en } = table[role];
  // Cited by its row of the reference list (3.9), as the reference page numbers it: an id's
  // suffix ("3.9.annual") is a word a Chinese sentence should not carry.
  const row = ref.split('.').slice(0, 2).join('.');
  return () => ({
    value: R[ref],
    refs: [ref],
    explain: both(
      `${zh}（${row}）；仅含工资，单位承担的社保、公积金未找到（3.19）`,
      `${en} (${row}); salary only, employer contributions not found (3.19)`,
    ),
  });
};

const paidHours = (role: RoleId): Rule =>
  role === 'nurse'
    ? () => ({
        value: Math.round(R['3.18.day'] * WORKING_DAYS),
        refs: ['3.18.day'],
        explain: both(
          `白班 ${R['3.18.day']} 小时（3.18）× ${WORKING_DAYS} 个法定工作日`,
          `${R['3.18.day']} h day shift (3.18) × ${WORKING_DAYS} statutory working days`,
        ),
      })
    : () => ({
        value: 8 * WORKING_DAYS,
        refs: [],
        explain: both(
          `法定每日 8 小时 × ${WORKING_DAYS} 个工作日`,
          `Statutory 8 h a day × ${WORKING_DAYS} working days`,
        ),
      });

const RULES: Readonly<Record<string, { path: string; rule: Rule }>> = {
  occupancyByType: {
    path: 'hospital.occupancy',
    rule: (doc) =>
      isHospital(doc.hospital.type)
        ? {
            value: R['1.20.public'],
            refs: ['1.20.public'],
            explain: both(
              `2023 年全国公立医院病床使用率 ${percent(R['1.20.public'])}（1.20）`,
              `Public hospitals’ bed occupancy in 2023, ${percent(R['1.20.public'])} (1.20)`,
            ),
          }
        : null,
  },
  dischargesFromBeds: {
    path: 'hospital.dischargesPerYear',
    rule: (doc) => {
      const { beds, occupancy, type } = doc.hospital;
      if (isHospital(type)) {
        const days = beds * 365 * occupancy;
        return {
          value: Math.round(days / R['1.21.public']),
          refs: ['1.21.public'],
          explain: both(
            `${n0(beds)} 张床 × 365 天 × ${percent(occupancy)} ÷ 平均住院日 ${R['1.21.public']} 天（1.21）≈ ${n0(days / R['1.21.public'])} 人次`,
            `${n0(beds)} beds × 365 days × ${percent(occupancy)} ÷ average stay of ${R['1.21.public']} days (1.21) ≈ ${n0(days / R['1.21.public'])}`,
          ),
        };
      }
      if (type === 'township') {
        const perBed = R['1.23a.admissions'] / R['1.23a.beds'];
        return {
          value: Math.round(beds * perBed),
          refs: ['1.23a.admissions', '1.23a.beds'],
          explain: both(
            `全国乡镇卫生院平均每床每年 ${perBed.toFixed(1)} 人次入院（1.23a）× ${n0(beds)} 张床`,
            `Township centres average ${perBed.toFixed(1)} admissions a bed a year (1.23a) × ${n0(beds)} beds`,
          ),
        };
      }
      return null;
    },
  },
  visitsFromDischarges: {
    path: 'hospital.outpatientVisitsPerYear',
    rule: (doc) => {
      const { beds, dischargesPerYear, type } = doc.hospital;
      if (isHospital(type)) {
        return {
          value: Math.round(dischargesPerYear * R['1.24']),
          refs: ['1.24'],
          explain: both(
            `每例住院对应 ${R['1.24']} 人次门急诊（1.24，全国医院）× ${n0(dischargesPerYear)} 人次出院`,
            `${R['1.24']} outpatient visits per admission (1.24, all hospitals) × ${n0(dischargesPerYear)} discharges`,
          ),
        };
      }
      if (type === 'township') {
        const perBed = R['1.23a.visits'] / R['1.23a.beds'];
        return {
          value: Math.round(beds * perBed),
          refs: ['1.23a.visits', '1.23a.beds'],
          explain: both(
            `全国乡镇卫生院平均每床每年 ${n0(perBed)} 人次诊疗（1.23a）× ${n0(beds)} 张床`,
            `Township centres average ${n0(perBed)} visits a bed a year (1.23a) × ${n0(beds)} beds`,
          ),
        };
      }
      return null;
    },
  },
  budgetPerBed: {
    path: 'budget.informatizationBaseAnnual',
    rule: (doc) =>
      isHospital(doc.hospital.type)
        ? {
            value: doc.hospital.beds * R['1.2.2018'],
            refs: ['1.2.2018'],
            explain: both(
              `每床每年信息化投入 ${n0(R['1.2.2018'])} 元（1.2，2018 年调查，偏大型医院）× ${n0(doc.hospital.beds)} 张床 = ${formatMoney(doc.hospital.beds * R['1.2.2018'], 'CNY', 'zh-CN')}`,
              `${n0(R['1.2.2018'])} CNY of IT spend per bed a year (1.2, 2018 survey, skewed to large hospitals) × ${n0(doc.hospital.beds)} beds = ${formatMoney(doc.hospital.beds * R['1.2.2018'], 'CNY', 'en')}`,
            ),
          }
        : null,
  },
  socialDiscountRate: {
    path: 'discountRate',
    rule: () => ({
      value: R['10.1'],
      refs: ['10.1'],
      explain: both(
        `《建设项目经济评价方法与参数》推荐的社会折现率 ${percent(R['10.1'])}（10.1）`,
        `The social discount rate recommended for project appraisals, ${percent(R['10.1'])} (10.1)`,
      ),
    }),
  },
  ...Object.fromEntries(
    (['physician', 'nurse', 'technician', 'it', 'admin'] as const).flatMap((role) => [
      [
        `wage${role[0]!.toUpperCase()}${role.slice(1)}`,
        { path: `hospital.roles.${role}.annualCostPerFte`, rule: wage(role) },
      ],
      [
        `hours${role[0]!.toUpperCase()}${role.slice(1)}`,
        { path: `hospital.roles.${role}.paidHoursPerYear`, rule: paidHours(role) },
      ],
    ]),
  ),
};

/** The rule that may estimate an input (by id path), if any. */
export function ruleFor(path: string): string | null {
  for (const [name, r] of Object.entries(RULES)) if (r.path === path) return name;
  return null;
}

/** The estimate of an input by its rule's name, on this document; null where no figure fits. */
export function estimate(doc: Doc, rule: string): Estimate | null {
  const r = Object.hasOwn(RULES, rule) ? RULES[rule] : undefined;
  if (!r) return null;
  try {
    const e = r.rule(doc);
    // A draft may lack what the rule reads (no beds yet): no estimate until it has them.
    return e && Number.isFinite(e.value) ? e : null;
  } catch {
    return null;
  }
}

/** The estimate of the input at `path`, whether or not the document marks it as estimated. */
export function estimateAt(doc: Doc, path: string): Estimate | null {
  const rule = ruleFor(path);
  return rule ? estimate(doc, rule) : null;
}

/** The rule an input is estimated by in this document, or null (typed by the user, or cited). */
export function estimatedBy(doc: Doc, path: string): string | null {
  const source = doc.sources?.[path];
  return source && source.kind !== 'measured' ? (source.estimate ?? null) : null;
}

/** Marks an input as estimated by its rule (and sets its value), or as the user's own number. */
export function markEstimated(doc: Doc, path: string, on: boolean): Doc {
  const sources = { ...(doc.sources ?? {}) };
  const rule = ruleFor(path);
  if (on && rule) {
    // Marked even while it cannot be worked out yet (no beds): it is filled in once it can.
    const e = estimate(doc, rule);
    const evidence: Evidence = { kind: 'assumed', estimate: rule, ...(e?.refs[0] ? { ref: e.refs[0] } : {}) };
    sources[path] = evidence;
    return e ? setAt({ ...doc, sources }, path, e.value) : { ...doc, sources };
  }
  // The user's own number: whatever the planner had said about where it came from no longer holds.
  if (estimatedBy(doc, path)) delete sources[path];
  return { ...doc, sources };
}

/**
 * Works every estimated input out again, in the order the rules depend on each other
 * (occupancy before discharges, discharges before visits); an estimate no figure fits any more
 * (the hospital became a community centre) is emptied for the user to give, still marked.
 */
export function refreshEstimates(doc: Doc): Doc {
  let out = doc;
  for (const [name, r] of Object.entries(RULES)) {
    if (estimatedBy(out, r.path) !== name) continue;
    const e = estimate(out, name);
    if (!e) {
      // No figure fits any more (a county hospital became a community centre): the form asks,
      // rather than keep a number worked out for another kind of hospital.
      out = setAt(out, r.path, undefined);
      continue;
    }
    out = setAt(out, r.path, e.value);
    // The figure it rests on may change with the rule's branch (a hospital's or a township centre's).
    const source = out.sources?.[r.path];
    if (source && source.kind !== 'measured' && e.refs[0] && source.ref !== e.refs[0])
      out = { ...out, sources: { ...out.sources, [r.path]: { ...source, ref: e.refs[0] } } };
  }
  return out;
}
