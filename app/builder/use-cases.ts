/**
 * The use-case library a director starts a new case from: eight well-scoped AI use cases that
 * county and grassroots hospitals ask for (shared/reference/cost-figures.md, section 11), each
 * with its workflows, the role and volume driver of each, today's minutes per task and the effect
 * an AI tool of that kind is claimed to have elsewhere.
 *
 * Every number is a Suggestion: 'sourced' only from a reference figure usable as a default (grade
 * A/B, or derived from A/B only); 'assumed' only for modelling parameters no source gives (local
 * fit, adoption, tokens, definitional task counts, an error rate borrowed from an edit share), with
 * the reason; 'ask' wherever the reference says NOT FOUND, with the nearest figures as a hint and
 * never as a default. Pure data: no I/O, runs in the browser.
 */
import type { HospitalGrade, HospitalType, RoleId, VolumeDriver } from '~/engine/constants';

import type { Bilingual, Suggestion } from './suggestion';
import { bilingual as text } from '~/i18n/bilingual';

export const USE_CASE_KEYS = [
  'nursingDocumentation',
  'chronicFollowUp',
  'patientEducation',
  'speechToEmr',
  'outpatientRecord',
  'riskScreening',
  'allianceReferral',
  'resultInterpretation',
] as const;
export type UseCaseKey = (typeof USE_CASE_KEYS)[number];

export interface HospitalLevel {
  type: HospitalType;
  grade: HospitalGrade;
}

export interface UseCaseWorkflow {
  name: Bilingual;
  role: RoleId;
  volumeDriver: VolumeDriver;
  /**
   * Tasks per unit of the driver. Definitional ones are 'assumed' with the definition as note (one
   * record per occupied bed-day); counts the sources do not give (managed patients, referrals) are
   * 'ask' with the formula and figures as hint.
   */
  tasksPerDriverUnit: Suggestion;
  /** Unit of one task in words, for labels: { 'zh-CN': '份护理记录', en: 'nursing record' } */
  taskName: Bilingual;
  baselineMinutesPerTask: Suggestion;
  /** The claimed effect of an AI tool of this kind elsewhere (what a vendor or a study reports). */
  claimedReduction: Suggestion;
  /** Who claims it / the study, in words. */
  claimedBy: Bilingual;
  verificationMinutesPerTask: Suggestion;
  /** Share 0–1 of AI outputs that need correcting. */
  errorRate: Suggestion;
  correctionMinutesPerError: Suggestion;
  /** Share 0–1 of in-scope tasks done with AI after ramp-up. */
  adoptionCeiling: Suggestion;
  rampMonths: number;
  /** LLM tokens per task, for sizing servers or pricing an API (≈1 token per 汉字, 2.41). */
  inputTokensPerTask: Suggestion;
  outputTokensPerTask: Suggestion;
}

export interface UseCase {
  key: UseCaseKey;
  name: Bilingual;
  /** One or two sentences: who does the work today and what the AI does. */
  summary: Bilingual;
  /** cost-figures.md sub-section, e.g. '11a'. */
  section: string;
  workflows: readonly UseCaseWorkflow[];
  /**
   * Local fit (0–1: dialect, data completeness, disease-spectrum match) of a tool proven elsewhere,
   * by the hospital's level: always kind 'assumed' with the reason.
   */
  fit: (level: HospitalLevel) => Suggestion;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const sourced = (value: number, ref: string, zh: string, en: string): Suggestion => ({
  kind: 'sourced',
  value,
  ref,
  note: text(zh, en),
});

const assumed = (value: number, zh: string, en: string, ref?: string): Suggestion =>
  ref === undefined
    ? { kind: 'assumed', value, note: text(zh, en) }
    : { kind: 'assumed', value, note: text(zh, en), ref };

const ask = (zh: string, en: string, refs: readonly string[]): Suggestion => ({
  kind: 'ask',
  hint: text(zh, en),
  refs,
});

/** A definitional count: so many tasks per unit of the driver. */
const definitional = (value: number, zh: string, en: string): Suggestion =>
  assumed(value, `按定义：${zh}`, `By definition: ${en}`);

const NO_STUDY: Bilingual = text(
  '未找到实测研究：请注明您所填数值的来源（厂商在同类医院的实测或本院试点）',
  'No study found: say where your figure comes from (a vendor’s measurement in a similar hospital, or your own pilot)',
);

/** Minutes checking each AI output: NOT FOUND anywhere (5.31); the 5.28 editing window as hint. */
const verification = (extraZh = '', extraEn = ''): Suggestion =>
  ask(
    `国内外均未找到核对一份 AI 草稿用时的实测值（5.31）。参考：美国 NYU 研究给住院医生每份 AI 草稿 3 分钟修改时间（5.28，B 级；这是研究设计的时间上限，不是实测用时）。${extraZh}请在试点中计时填写。`,
    `No measured time for checking an AI draft was found, in China or abroad (5.31). Nearest: a US study (NYU) gave residents 3 minutes to edit each AI draft (5.28, grade B; a limit set by the study design, not a measured time). ${extraEn}Time it in a pilot.`,
    ['5.28.editing-window'],
  );

/** Minutes correcting one wrong AI draft: NOT FOUND (5.31). */
const draftCorrection = ask(
  '未找到修改一份有错 AI 草稿所需时间的实测值（5.31）。参考：美国 NYU 研究每份草稿限时 3 分钟修改（5.28，B 级，研究设计而非实测），住院医生改动了大模型草稿文字的 31.5%（5.28）。请在试点中计时填写。',
  'No measured time to correct a wrong AI draft was found (5.31). Nearest: a US study (NYU) allowed 3 minutes to edit each draft (5.28, grade B, a study-design limit, not a measurement), and residents edited 31.5 % of the LLM draft text (5.28). Time it in a pilot.',
  ['5.28.editing-window', '5.28.llm-edited'],
);

/** Share of LLM drafts needing correction, borrowed from the 5.28 edit share. */
const draftErrorRate = assumed(
  0.315,
  '假设：借用美国 NYU 研究中住院医生改动大模型住院经过草稿文字的比例 31.5%（5.28，B 级），作为需要修改的草稿占比。两者口径不同（改动文字占比不等于有错草稿占比），实际可能更高；请在试点中实测。',
  'Assumption: the share of LLM hospital-course draft text that residents edited in a US study (NYU, 31.5 %, 5.28, grade B), used as the share of drafts that need correcting. The two are not the same (share of text edited is not share of drafts with an error), and the real share may be higher; measure it in a pilot.',
  '5.28.llm-edited',
);

/** Uptake: the only measured figure is the ~30 % of visits in the UCLA trial (5.17). */
const adoption = (rampMonths: number, extraZh = '', extraEn = ''): Suggestion =>
  assumed(
    0.3,
    `假设：唯一实测的使用率来自美国 UCLA 随机对照试验，医生只在 29.5%–33.5% 的门诊中用了 AI 书写工具（5.17，A 级）；这里取 30%，上线后 ${rampMonths} 个月内逐步达到。${extraZh}请在试点中实测。`,
    `Assumption: the only measured uptake is from a US randomised trial (UCLA), where doctors used AI scribes in only 29.5–33.5 % of visits (5.17, grade A); 30 % is taken, reached over ${rampMonths} months after go-live. ${extraEn}Measure it in a pilot.`,
    '5.17.nabla-usage',
  );

/** LLM tokens per task, from a character estimate at ≈1 token per 汉字 (2.41). */
const tokens = (count: number, whatZh: string, whatEn: string, extraZh = '', extraEn = ''): Suggestion =>
  assumed(
    count,
    `估算：${whatZh}约 ${count} 字，按约 1 个 token 对应 1 个汉字（2.41）折算为 ${count} tokens。${extraZh}请按厂商实测调整。`,
    `Estimate: ${whatEn}, about ${count} Chinese characters, at about 1 token per character (2.41): ${count} tokens. ${extraEn}Adjust to the vendor’s measured figures.`,
    '2.41',
  );

// Shared hints for baselines the reference marks NOT FOUND.

const nursingRecordBaseline = ask(
  '国内未找到实测值（11.4）。参考：台湾三家医院护理交班记录每位患者每次 3.45–4.32 分钟（11.2，A 级）；国内护士约 28.3% 的时间用于文书（5.12），白班约 131 分钟（5.13）。请按本院计时填写每份护理记录的分钟数。',
  'No measured figure for mainland China (11.4). Nearest: in 3 Taiwanese hospitals a nursing handover note took 3.45–4.32 minutes per patient (11.2, grade A); Chinese nurses spend about 28.3 % of their time on documentation (5.12), about 131 minutes a day shift (5.13). Enter your own timed minutes per nursing record.',
  ['11.2.before', '5.12.documentation', '5.13'],
);

const outpatientNoteBaseline = ask(
  '国内未找到书写一份门诊病历的实测分钟数（11.36、5.7）。参考：基层整个接诊只有 2.0 分钟（北京社区中位数，11.29）到 4.33–6.28 分钟（农村标准化病人，11.30），病历时间只是其中一部分；美国每次门诊书写约 3.9 分钟（5.1、7.6）、病历内时间约 4.4–4.5 分钟（5.2），而中国门诊短得多（5.6）。请按本院计时填写。',
  'No measured minutes per outpatient note in China (11.36, 5.7). Nearest: a whole grassroots consultation lasts 2.0 minutes (Beijing community centres, median, 11.29) to 4.33–6.28 minutes (rural standardised patients, 11.30), and the note is only part of it; in the US documentation takes about 3.9 minutes a visit (5.1, 7.6) and time in the note about 4.4–4.5 minutes (5.2), while Chinese visits are much shorter (5.6). Enter your own timed minutes.',
  [
    '11.29.consultation',
    '11.30.angina',
    '11.30.tuberculosis',
    '5.1.documentation',
    '7.6.outpatient-doc-baseline',
    '5.2.control',
    '5.6',
  ],
);

const educationClaim = (refs: readonly string[]) =>
  ask(
    '国内未找到 AI/大模型宣教节省医护时间的实测值（11.21）。国内病房研究显示视频宣教、入院前集体宣教能缩短护士宣教时间，但未给分钟数（参考资料 11.16、11.17）。请填写厂商在同类医院的实测值或本院试点结果。',
    'No measured effect of AI/LLM patient education on staff time in China (11.21). Chinese ward studies found that video and group pre-admission education shorten nurses’ teaching time, without giving minutes (reference rows 11.16, 11.17). Enter a vendor’s measurement in a similar hospital or your own pilot result.',
    refs,
  );

const speechReduction = assumed(
  0.2,
  '由德国随机研究推算（11.26，A 级，国外）：28 名医生含更正在内每分钟录入由 173 字符增至 217 字符（+26%），同样内容用时为 173 ÷ 217 ≈ 0.80，即减少约 20%。该研究为德语，没有方言问题。',
  'Derived from a randomised study in Germany (11.26, grade A, foreign): 28 physicians’ entry speed, corrections included, rose from 173 to 217 characters a minute (+26 %), so the same text takes 173 ÷ 217 ≈ 0.80 of the time, about 20 % less. It was in German, with no dialect problem.',
  '11.26.gain',
);

const speechClaimedBy = text(
  '德国杜塞尔多夫的随机研究（28 名医生、1,455 份报告，语音识别与键盘录入对比）',
  'Randomised study in Düsseldorf, Germany (28 physicians, 1,455 reports, speech recognition against typing)',
);

const speechErrorRate = ask(
  '国内未找到基层方言语音识别准确率和更正时间的实测值（11.28）。参考：台湾普通话夹英语的护理记录语音识别词错误率 22.2%（11.25，A 级）；伊朗护士用语音录入的报告比手写每份多 6.76 处错误，用户更正后去除 94.8%（11.27，A 级，国外）。德国研究的 20% 已含常规更正（11.26），这里只填因方言、口音、噪声需要额外更正的病历占比。',
  'No measured dialect speech-recognition accuracy or correction time at the grassroots in China (11.28). Nearest: speech recognition of Mandarin–English nursing records in Taiwan had a 22.2 % word error rate (11.25, grade A); in Iran, nurses’ dictated reports had 6.76 more errors each than handwritten ones, and users’ corrections removed 94.8 % of them (11.27, grade A, foreign). The German 20 % already includes routine corrections (11.26): enter only the share of notes that need extra correcting for dialect, accent or noise.',
  ['11.25.test-set', '11.27.online-extra-errors', '11.27.online-corrected'],
);

const speechCorrection = ask(
  '国内未找到更正一份语音录入病历所需时间的实测值（11.28）。参考：美国 NYU 研究每份 AI 草稿限时 3 分钟修改（5.28，B 级，研究设计而非实测）；伊朗研究中用户更正去除了 94.8% 的识别错误（11.27，A 级，国外，未计时）。请在试点中计时填写。',
  'No measured time to correct a dictated note in China (11.28). Nearest: a US study (NYU) allowed 3 minutes to edit each AI draft (5.28, grade B, a study-design limit, not a measurement); in an Iranian study users’ corrections removed 94.8 % of recognition errors (11.27, grade A, foreign, not timed). Time it in a pilot.',
  ['5.28.editing-window', '11.27.online-corrected'],
);

const speechTokenNote = [
  '语音识别本身通常按音频时长计费，这里只算把转写文本整理成病历的大模型用量；纯语音识别产品可填 0。',
  'Speech recognition itself is usually billed by audio minutes; this counts only the LLM that turns the transcript into the record. For a speech-only product enter 0. ',
] as const;

const resultReviewBaseline = ask(
  '国内未找到审阅一份检验检查结果用时的实测值（11.60）。参考：美国基层医生每天约 15 分钟处理收件箱中的检查结果（11.56，A 级，国外），每天收到约 77 条收件箱通知（11.57，A 级，国外）；一封美国期刊来信估计每条结果提醒 1–3 分钟（11.58，C 级，估计值，仅作弱参考）。请按本院计时填写。',
  'No measured time to review one set of results in China (11.60). Nearest: US primary-care physicians spend about 15 minutes a day on test results in their inbox (11.56, grade A, foreign) and receive about 77 inbox notifications a day (11.57, grade A, foreign); a letter in a US journal estimates 1–3 minutes per result alert (11.58, grade C, an estimate, weak anchor only). Enter your own timed minutes.',
  ['11.56.results-minutes', '11.57.pcp', '11.58.minutes'],
);

const resultClaim = ask(
  '未找到 AI 结果解读节省时间的实测值。参考：美国斯坦福基层医疗 244 名医生用大模型起草给患者的结果解释，93 名受访者中 71% 自评效率提高（11.59，A 级，国外自评，未计时）。请填写厂商在同类医院的实测值或本院试点结果。',
  'No measured time saving from AI result interpretation was found. Nearest: at Stanford primary care (US) 244 clinicians used LLM-drafted result explanations for patients, and 71 % of 93 respondents reported better efficiency (11.59, grade A, foreign, self-reported, not timed). Enter a vendor’s measurement in a similar hospital or your own pilot result.',
  ['11.59.efficiency'],
);

const managedPatientsHint = (whatZh: string, whatEn: string) =>
  ask(
    `${whatZh} = 在管高血压、2 型糖尿病患者数 × 4 次/年 ÷ 12（11.5.follow-ups，规范要求每年至少 4 次面对面随访）。国内未找到每个机构的在管患者数（11.14），请按本院档案填写；参考：确诊患者中约 65% 纳入基本公卫管理（11.7）。`,
    `${whatEn} = managed hypertension and type 2 diabetes patients × 4 a year ÷ 12 (11.5.follow-ups: the standard asks for at least 4 face-to-face follow-ups a year). Managed patients per centre were not found (11.14): take yours from your records. Nearest: about 65 % of diagnosed patients are enrolled in basic public-health management (11.7).`,
    ['11.5.follow-ups', '11.7.enrolled-hypertension', '11.7.enrolled-t2dm'],
  );

// ---------------------------------------------------------------------------------------------
// Fit by hospital level

type FitTier = 'top' | 'upper' | 'county' | 'grassroots' | 'village';
type FitTable = Readonly<Record<FitTier, number>>;

/** Where a level stands between a top (三甲-like) city hospital and a village clinic. */
function fitTier({ type, grade }: HospitalLevel): FitTier {
  switch (type) {
    case 'city':
      return grade === 'level3' ? 'top' : grade === 'level2' ? 'upper' : 'county';
    case 'county':
      return grade === 'level3' ? 'upper' : 'county';
    case 'township':
    case 'community':
      return 'grassroots';
    case 'village':
      return 'village';
  }
}

const TYPE_NAMES: Record<HospitalType, Bilingual> = {
  village: text('村卫生室', 'village clinic'),
  township: text('乡镇卫生院', 'township health centre'),
  community: text('社区卫生服务中心', 'community health centre'),
  county: text('县级医院', 'county hospital'),
  city: text('城市医院', 'city hospital'),
};

const GRADE_NAMES: Record<HospitalGrade, Bilingual> = {
  ungraded: text('未定级', 'ungraded'),
  level1: text('一级', 'grade 1'),
  level2: text('二级', 'grade 2'),
  level3: text('三级', 'grade 3'),
};

const levelName = ({ type, grade }: HospitalLevel): Bilingual => ({
  'zh-CN': `${TYPE_NAMES[type]['zh-CN']}（${GRADE_NAMES[grade]['zh-CN']}）`,
  en: `${GRADE_NAMES[grade].en} ${TYPE_NAMES[type].en}`,
});

/** A fit function: the table's value for the level's tier, with the use case's reason. */
const fitBy =
  (table: FitTable, reasonZh: string, reasonEn: string) =>
  (level: HospitalLevel): Suggestion => {
    const value = table[fitTier(level)];
    const name = levelName(level);
    return assumed(
      value,
      `假设值：在三甲医院验证过的工具到了基层，会因方言、数据不全、病种不同而打折扣。${reasonZh}${name['zh-CN']}取 ${value}（城市三级医院 ${table.top}，县级二级医院 ${table.county}，乡镇卫生院 ${table.grassroots}，村卫生室 ${table.village}）。这是假设，请在试点中实测本院的实际效果。`,
      `Assumed: a tool proven in top (三甲) hospitals loses effect at the grassroots through dialect, incomplete data and a different disease mix. ${reasonEn} Here (${name.en}): ${value} (grade 3 city hospital ${table.top}, grade 2 county hospital ${table.county}, township health centre ${table.grassroots}, village clinic ${table.village}). This is an assumption: measure it in a pilot.`,
    );
  };

// ---------------------------------------------------------------------------------------------
// The library

const nursingDocumentation: UseCase = {
  key: 'nursingDocumentation',
  name: text('护理文书辅助书写', 'Nursing documentation assistant'),
  summary: text(
    '病房护士每天书写护理记录和入院评估等护理文书，近三成工作时间花在文书上。AI 根据医嘱、体征和既往记录起草护理文书，护士核对后签名。',
    'Ward nurses write nursing records and admission assessments every day, close to a third of their working time. The AI drafts them from orders, vital signs and earlier records; the nurse checks and signs.',
  ),
  section: '11a',
  workflows: [
    {
      name: text('护理记录书写', 'Nursing records'),
      role: 'nurse',
      volumeDriver: 'inpatientDay',
      tasksPerDriverUnit: definitional(
        1,
        '每个占用床日一份护理记录。',
        'one nursing record per occupied bed-day.',
      ),
      taskName: text('份护理记录', 'nursing record'),
      baselineMinutesPerTask: nursingRecordBaseline,
      claimedReduction: assumed(
        0.51,
        '由台湾三家医院的研究推算（11.2，A 级）：大模型在护理信息系统中起草交班记录、护士核对后，每位患者用时由约 3.9 分钟降到约 1.9 分钟（区间中点），(3.9 − 1.9) ÷ 3.9 ≈ 51%（11.3）。研究对象是交班记录，用于日常护理记录属于推用。',
        'Derived from a study in 3 Taiwanese hospitals (11.2, grade A): with an LLM drafting handover notes in the nursing information system and the nurse checking them, time per patient fell from about 3.9 to about 1.9 minutes (midpoints of the ranges), (3.9 − 1.9) ÷ 3.9 ≈ 51 % (11.3). The study measured handover notes; applying it to daily nursing records is an extrapolation.',
        '11.3',
      ),
      claimedBy: text(
        '台湾三家医院（台北医学大学体系）的研究，J Med Internet Res 2026',
        'Study in 3 Taiwanese hospitals (Taipei Medical University system), J Med Internet Res 2026',
      ),
      verificationMinutesPerTask: verification(
        '台湾研究的 1.9 分钟已含护士核对时间，这里只填超出部分。',
        'The Taiwanese study’s 1.9 minutes already include the nurse’s check: enter only time beyond that. ',
      ),
      errorRate: draftErrorRate,
      correctionMinutesPerError: draftCorrection,
      adoptionCeiling: adoption(6),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        2000,
        '输入当日医嘱、体征、护理观察和前一份护理记录',
        'input: the day’s orders, vital signs, nursing observations and the previous record',
      ),
      outputTokensPerTask: tokens(300, '输出一份护理记录', 'output: one nursing record'),
    },
    {
      name: text('入院护理评估', 'Admission nursing assessment'),
      role: 'nurse',
      volumeDriver: 'discharge',
      tasksPerDriverUnit: definitional(
        1,
        '每次住院一份入院护理评估；以出院人次近似入院人次。',
        'one admission assessment per stay; discharges stand in for admissions.',
      ),
      taskName: text('份入院护理评估', 'admission assessment'),
      baselineMinutesPerTask: ask(
        '国内未找到实测值（11.4）。参考：江西省肿瘤医院自报入院护理文书 15 分钟、用移动护理 PDA 后 7 分钟（11.1，C 级，方法不明，仅作弱参考）；国内护士约 28.3% 的时间用于文书（5.12）。请按本院计时填写。',
        'No measured figure for mainland China (11.4). Nearest: a provincial cancer hospital in Jiangxi reported 15 minutes of admission nursing documentation, 7 with mobile-nursing PDAs (11.1, grade C, method not stated, weak anchor only); Chinese nurses spend about 28.3 % of their time on documentation (5.12). Enter your own timed minutes.',
        ['11.1.admission-before', '5.12.documentation'],
      ),
      claimedReduction: ask(
        '国内未找到大模型护理文书工具的实测效果（11.4）。参考：台湾大模型起草交班记录节省约 51%（11.2、11.3，A 级），但入院评估需要当面问诊，能由 AI 起草的部分较少。请填写厂商在同类医院的实测值或本院试点结果。',
        'No measured effect of an LLM nursing-documentation tool in mainland China (11.4). Nearest: LLM-drafted handover notes in Taiwan saved about 51 % (11.2, 11.3, grade A), but an admission assessment needs a face-to-face interview, so less of it can be drafted. Enter a vendor’s measurement in a similar hospital or your own pilot result.',
        ['11.3', '11.2.before', '11.2.after'],
      ),
      claimedBy: NO_STUDY,
      verificationMinutesPerTask: verification(),
      errorRate: draftErrorRate,
      correctionMinutesPerError: draftCorrection,
      adoptionCeiling: adoption(6),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        1500,
        '输入门急诊病历、入院医嘱和护士问诊要点',
        'input: the outpatient or emergency note, admission orders and the nurse’s interview points',
      ),
      outputTokensPerTask: tokens(600, '输出一份入院护理评估', 'output: one admission assessment'),
    },
  ],
  fit: fitBy(
    { top: 0.9, upper: 0.85, county: 0.75, grassroots: 0.65, village: 0.6 },
    '护理文书模板化程度高、受方言影响小，但基层护理记录电子化程度低、体征和医嘱数据不全，AI 草稿需要补写的内容更多。',
    'Nursing records follow templates and are little affected by dialect, but at the grassroots fewer records are electronic and vital-sign and order data are incomplete, so drafts need more filling in.',
  ),
};

const chronicFollowUp: UseCase = {
  key: 'chronicFollowUp',
  name: text('慢病随访管理', 'Chronic-disease follow-up'),
  summary: text(
    '家庭医生团队按国家基本公共卫生服务规范，对在管高血压、2 型糖尿病患者每年至少随访 4 次。AI 随访机器人代打随访电话并起草随访记录，医护人员复核异常情况。',
    'The family-doctor team must follow up each managed hypertension or type 2 diabetes patient at least 4 times a year (national basic public-health service standard). An AI robot makes follow-up calls and drafts the follow-up record; staff review what it flags.',
  ),
  section: '11b',
  workflows: [
    {
      name: text('随访电话', 'Follow-up phone calls'),
      role: 'nurse',
      volumeDriver: 'month',
      tasksPerDriverUnit: managedPatientsHint(
        '每月随访电话数（假定全部随访都打电话）',
        'Calls a month (if every follow-up is a call)',
      ),
      taskName: text('通随访电话', 'follow-up call'),
      baselineMinutesPerTask: sourced(
        5.24,
        '11.8.manual',
        '上海彭浦社区卫生服务中心对 350 名高血压患者人工电话随访的平均时长（11.8，A 级）；不含拨号准备和填表。',
        'Mean length of a manual follow-up call to 350 hypertension patients at Pengpu community health centre, Shanghai (11.8, grade A); excludes dialling, preparation and form entry.',
      ),
      claimedReduction: assumed(
        1,
        '按定义：AI 随访机器人代替人工拨打电话，每通由 AI 完成的电话节省全部人工通话时间。上海研究中同一批患者 AI 通话 4.15 分钟、人工 5.24 分钟（11.8，A 级），说明 AI 能完成通话；复核 AI 记录的时间计入核对分钟，AI 未完成、需人工重打的电话计入错误率。',
        'By definition: the robot makes the call instead of staff, so each call it completes saves the whole staff call. In the Shanghai study the same patients’ AI calls took 4.15 minutes against 5.24 by hand (11.8, grade A), so the AI can carry the call; checking its record counts as verification, and calls it fails that staff must redo count in the error rate.',
        '11.8.ai',
      ),
      claimedBy: text(
        '上海彭浦社区卫生服务中心的对照研究（AI 与人工电话随访同一批患者）',
        'Study at Pengpu community health centre, Shanghai (AI and manual calls to the same patients)',
      ),
      verificationMinutesPerTask: verification(
        '这里是复核 AI 通话记录、处理异常回答的时间。',
        'Here: reviewing the AI’s call record and acting on abnormal answers. ',
      ),
      errorRate: ask(
        '未找到 AI 随访电话需人工重打的比例。参考：上海研究中 AI 与人工随访的答案一致性 κ 为 0.35–0.92（11.8，A 级），部分条目一致性低；患者满意度 AI 93.1%、人工 99.5%（11.8）。国内一项随机试验发现 AI 电话识别正确率更低、拒接和挂断更多（参考资料 11.10，未给数值）。',
        'No share of AI follow-up calls that staff must redo was found. Nearest: in the Shanghai study answers to AI and manual calls agreed with κ 0.35–0.92 (11.8, grade A), low on some items; patient satisfaction was 93.1 % (AI) against 99.5 % (manual) (11.8). A Chinese randomised trial found AI calls recognised answers less often and met more refusals and hang-ups (reference row 11.10, no values given).',
        ['11.8.agreement', '11.8.satisfaction-ai', '11.8.satisfaction-manual'],
      ),
      correctionMinutesPerError: sourced(
        5.24,
        '11.8.manual',
        'AI 未完成的随访按人工重打一通电话计：人工随访电话平均 5.24 分钟（11.8，A 级，上海社区）。',
        'A follow-up the AI fails is redone as one manual call: 5.24 minutes on average (11.8, grade A, Shanghai community health centre).',
      ),
      adoptionCeiling: adoption(
        6,
        '国家规范要求面对面随访（11.5），电话随访只能替代其中一部分。',
        'The national standard asks for face-to-face follow-ups (11.5), so calls can replace only part of them. ',
      ),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        3000,
        '输入多轮通话中反复发送的随访问卷、患者档案和对话记录',
        'input: the questionnaire, the patient’s file and the conversation so far, resent at each turn of the call',
      ),
      outputTokensPerTask: tokens(
        600,
        '输出 AI 的问话和一份随访记录',
        'output: the AI’s questions and one follow-up record',
      ),
    },
    {
      name: text('面对面随访及记录', 'Face-to-face follow-up and record'),
      role: 'physician',
      volumeDriver: 'month',
      tasksPerDriverUnit: managedPatientsHint('每月面对面随访次数', 'Face-to-face follow-ups a month'),
      taskName: text('次面对面随访', 'face-to-face follow-up'),
      baselineMinutesPerTask: ask(
        '国内未找到每次面对面随访的实测分钟数（11.14）。参考：人工电话随访每次 5.24 分钟（11.8，A 级，上海社区）；若 4 次随访都打电话，每位在管患者每年约 21 分钟（11.9）。请按本院计时填写。',
        'No measured minutes per face-to-face follow-up in China (11.14). Nearest: a manual follow-up call takes 5.24 minutes (11.8, grade A, Shanghai community health centre); if all 4 follow-ups were calls, about 21 minutes per managed patient a year (11.9). Enter your own timed minutes.',
        ['11.8.manual', '11.9'],
      ),
      claimedReduction: ask(
        '未找到 AI 辅助填写随访表节省时间的实测值。厂商宣称随访效率提升 60%（11.12，C 级，仅作弱参考，不作默认值）。请填写厂商在同类机构的实测值或本院试点结果。',
        'No measured time saving from AI help with follow-up forms was found. A vendor claims follow-up efficiency +60 % (11.12, grade C, weak anchor only, not a default). Enter a vendor’s measurement in a similar centre or your own pilot result.',
        ['11.12.efficiency-gain'],
      ),
      claimedBy: NO_STUDY,
      verificationMinutesPerTask: verification(),
      errorRate: draftErrorRate,
      correctionMinutesPerError: draftCorrection,
      adoptionCeiling: adoption(6),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        1500,
        '输入患者档案、上次随访记录和本次测量值',
        'input: the patient’s file, the last follow-up and today’s measurements',
      ),
      outputTokensPerTask: tokens(400, '输出一份随访表', 'output: one follow-up form'),
    },
  ],
  fit: fitBy(
    { top: 0.85, upper: 0.8, county: 0.7, grassroots: 0.6, village: 0.55 },
    '高血压、糖尿病正是基层的主要病种，病种匹配好；但随访对象多为老年人，方言和听力问题使 AI 电话的识别率下降、挂断增多。',
    'Hypertension and diabetes are the grassroots’ core conditions, so the disease mix matches; but patients are mostly elderly, and dialect and hearing problems lower the AI call’s recognition and raise hang-ups.',
  ),
};

const patientEducation: UseCase = {
  key: 'patientEducation',
  name: text('患者智能宣教', 'Patient education'),
  summary: text(
    '护士为住院患者做床旁宣教，门诊医生给慢病患者做健康指导。AI 按患者病情生成通俗的宣教内容（图文或语音），医护人员审核后发给患者。',
    'Nurses teach inpatients at the bedside and doctors give health advice in clinic. The AI writes plain-language education tailored to the patient’s condition (text or audio), which the nurse or doctor reviews before it reaches the patient.',
  ),
  section: '11c',
  workflows: [
    {
      name: text('住院患者宣教', 'Inpatient education'),
      role: 'nurse',
      volumeDriver: 'inpatientDay',
      tasksPerDriverUnit: definitional(
        1,
        '每个占用床日计一个患者日的宣教（与参考资料 11.15 按患者日计时的口径一致）。',
        'one patient-day of teaching per occupied bed-day (as reference 11.15 counts teaching time, per patient-day).',
      ),
      taskName: text('个患者日的宣教', 'patient-day of teaching'),
      baselineMinutesPerTask: ask(
        '国内未找到护士宣教用时的实测值（11.21）。参考：美国一家肿瘤中心 1990 年的研究，护士每位住院患者每天宣教 16.6 分钟（11.15，A 级，年代久远、国外）。请按本院计时填写。',
        'No measured nurse teaching time in China (11.21). Nearest: a 1990 study at a US cancer centre found 16.6 minutes of nurse teaching per inpatient per day (11.15, grade A, old and foreign). Enter your own timed minutes.',
        ['11.15'],
      ),
      claimedReduction: educationClaim(['11.15']),
      claimedBy: NO_STUDY,
      verificationMinutesPerTask: verification(),
      errorRate: draftErrorRate,
      correctionMinutesPerError: draftCorrection,
      adoptionCeiling: adoption(6),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        800,
        '输入诊断、医嘱、检查安排和宣教主题',
        'input: diagnosis, orders, scheduled tests and the teaching topic',
      ),
      outputTokensPerTask: tokens(800, '输出一份通俗的宣教内容', 'output: one plain-language education text'),
    },
    {
      name: text('门诊健康指导', 'Health advice in clinic'),
      role: 'physician',
      volumeDriver: 'outpatientVisit',
      tasksPerDriverUnit: sourced(
        0.177,
        '11.18',
        '北京社区全科门诊中 17.7% 的接诊包含健康教育（11.18，A 级，1,135 次接诊）。',
        'Health education was given in 17.7 % of GP consultations in Beijing community health centres (11.18, grade A, 1,135 consultations).',
      ),
      taskName: text('次健康指导', 'health-advice session'),
      baselineMinutesPerTask: ask(
        '国内未找到门诊健康指导的实测分钟数（11.21）。参考：北京社区全科门诊中位时长仅 2.0 分钟（11.29，A 级），健康指导只占其中一部分；美国护士住院宣教每人每天 16.6 分钟（11.15，国外）。请按本院计时填写。',
        'No measured minutes of health advice in clinic in China (11.21). Nearest: a Beijing community GP consultation lasts 2.0 minutes (median, 11.29, grade A), of which advice is a part; US nurses taught inpatients 16.6 minutes a day (11.15, foreign). Enter your own timed minutes.',
        ['11.29.consultation', '11.15'],
      ),
      claimedReduction: educationClaim(['11.18', '11.29.consultation']),
      claimedBy: NO_STUDY,
      verificationMinutesPerTask: verification(),
      errorRate: draftErrorRate,
      correctionMinutesPerError: draftCorrection,
      adoptionCeiling: adoption(6),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        600,
        '输入诊断、用药和检查结果摘要',
        'input: diagnosis, medication and a summary of results',
      ),
      outputTokensPerTask: tokens(600, '输出一份健康指导单', 'output: one health-advice sheet'),
    },
  ],
  fit: fitBy(
    { top: 0.9, upper: 0.85, county: 0.75, grassroots: 0.65, village: 0.6 },
    '宣教内容通用、争议小；但基层患者文化程度和方言差异大，通用内容需要改写得更通俗，常用药品和检查项目也与大医院不同。',
    'Education content is generic and uncontroversial; but grassroots patients differ more in literacy and dialect, so generic content needs more rewriting, and local drugs and tests differ from a large hospital’s.',
  ),
};

const speechToEmr: UseCase = {
  key: 'speechToEmr',
  name: text('语音录入电子病历', 'Speech-to-EMR'),
  summary: text(
    '医生和护士目前靠键盘录入病历和护理记录。语音录入把口述转成文字并整理成病历格式；遇到方言口音和嘈杂环境识别错误多，需要人工更正。',
    'Doctors and nurses type notes and nursing records today. Speech input turns dictation into text and puts it into the record’s template; with dialect accents and noise it makes more errors, which staff must correct.',
  ),
  section: '11d',
  workflows: [
    {
      name: text('门诊病历语音录入', 'Dictating outpatient notes'),
      role: 'physician',
      volumeDriver: 'outpatientVisit',
      tasksPerDriverUnit: definitional(1, '每次门诊一份门诊病历。', 'one outpatient note per visit.'),
      taskName: text('份门诊病历', 'outpatient note'),
      baselineMinutesPerTask: outpatientNoteBaseline,
      claimedReduction: speechReduction,
      claimedBy: speechClaimedBy,
      verificationMinutesPerTask: verification(),
      errorRate: speechErrorRate,
      correctionMinutesPerError: speechCorrection,
      adoptionCeiling: adoption(6),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        800,
        '输入口述转写文本和病历模板',
        'input: the dictation transcript and the note template',
        speechTokenNote[0],
        speechTokenNote[1],
      ),
      outputTokensPerTask: tokens(
        400,
        '输出整理后的门诊病历',
        'output: the finished outpatient note',
        speechTokenNote[0],
        speechTokenNote[1],
      ),
    },
    {
      name: text('护理记录语音录入', 'Dictating nursing records'),
      role: 'nurse',
      volumeDriver: 'inpatientDay',
      tasksPerDriverUnit: definitional(
        1,
        '每个占用床日一份护理记录。',
        'one nursing record per occupied bed-day.',
      ),
      taskName: text('份护理记录', 'nursing record'),
      baselineMinutesPerTask: nursingRecordBaseline,
      claimedReduction: speechReduction,
      claimedBy: speechClaimedBy,
      verificationMinutesPerTask: verification(),
      errorRate: speechErrorRate,
      correctionMinutesPerError: speechCorrection,
      adoptionCeiling: adoption(6),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        500,
        '输入口述转写文本和护理记录模板',
        'input: the dictation transcript and the record template',
        speechTokenNote[0],
        speechTokenNote[1],
      ),
      outputTokensPerTask: tokens(
        300,
        '输出整理后的护理记录',
        'output: the finished nursing record',
        speechTokenNote[0],
        speechTokenNote[1],
      ),
    },
  ],
  fit: fitBy(
    { top: 0.85, upper: 0.75, county: 0.6, grassroots: 0.5, village: 0.4 },
    '语音识别对方言最敏感：在普通话环境验证的准确率到了方言地区会明显下降，基层诊室嘈杂也会增加错误（参考资料 5.27 的基层失败案例）。',
    'Speech recognition is the most dialect-sensitive: accuracy proven in Mandarin drops markedly where dialect is spoken, and noisy grassroots consulting rooms add errors (the grassroots failure case in reference row 5.27).',
  ),
};

const outpatientRecord: UseCase = {
  key: 'outpatientRecord',
  name: text('门诊病历生成', 'Outpatient record generation'),
  summary: text(
    '门诊医生要在几分钟的接诊中同时写完门诊病历。AI 根据医患对话或预问诊信息起草病历，医生修改确认。',
    'Outpatient doctors write the visit note within a consultation of a few minutes. The AI drafts the note from the conversation or the pre-consultation answers; the doctor edits and signs it.',
  ),
  section: '11e',
  workflows: [
    {
      name: text('门诊病历书写', 'Writing outpatient notes'),
      role: 'physician',
      volumeDriver: 'outpatientVisit',
      tasksPerDriverUnit: definitional(1, '每次门诊一份门诊病历。', 'one outpatient note per visit.'),
      taskName: text('份门诊病历', 'outpatient note'),
      baselineMinutesPerTask: outpatientNoteBaseline,
      claimedReduction: sourced(
        0.095,
        '5.17.nabla-reduction',
        '美国 UCLA 随机对照试验（NEJM AI 2025，238 名医生，5.17，A 级）：用 Nabla 的医生每份病历用时比对照组减少 9.5%（4:30 → 3:49）；另一产品 DAX 只减少 1.7%，差异不显著。',
        'US randomised trial at UCLA (NEJM AI 2025, 238 physicians, 5.17, grade A): with Nabla, time in each note fell 9.5 % against control (4:30 → 3:49); the other product, DAX, cut only 1.7 %, not significant.',
      ),
      claimedBy: text(
        '美国 UCLA 随机对照试验（Nabla 环境语音病历工具）',
        'US randomised trial at UCLA (Nabla ambient scribe)',
      ),
      verificationMinutesPerTask: verification(
        '试验中的 9.5% 已是医生修改后的净效果，这里只填额外的核对时间。',
        'The trial’s 9.5 % is already net of the doctor’s editing: enter only extra checking time. ',
      ),
      errorRate: draftErrorRate,
      correctionMinutesPerError: draftCorrection,
      adoptionCeiling: adoption(6),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        1500,
        '输入接诊对话转写和既往病历摘要',
        'input: the consultation transcript and a summary of earlier records',
      ),
      outputTokensPerTask: tokens(500, '输出一份门诊病历', 'output: one outpatient note'),
    },
  ],
  fit: fitBy(
    { top: 0.85, upper: 0.75, county: 0.65, grassroots: 0.55, village: 0.5 },
    '门诊病历生成依赖语音识别和既往检查数据：基层有方言、检查检验不全，病种以常见病和慢病为主，与三甲医院的数据差别大。',
    'Generating outpatient notes depends on speech recognition and earlier test data: at the grassroots dialect, incomplete lab and imaging data and a case mix of common and chronic disease differ from the top-hospital data.',
  ),
};

const riskScreening: UseCase = {
  key: 'riskScreening',
  name: text('慢病风险评估与筛查', 'Chronic-disease risk assessment and screening'),
  summary: text(
    '基层医生按规范为 35 岁及以上居民测血压、评估心血管等慢病风险，找出高危人群。AI 根据健康档案和检查结果计算风险、列出高危名单和干预建议，医生核对。',
    'Primary-care doctors measure blood pressure for residents aged 35 and over and assess cardiovascular and other chronic-disease risk to find high-risk people. The AI scores risk from health records and test results and lists high-risk residents with suggested actions; the doctor checks them.',
  ),
  section: '11f',
  workflows: [
    {
      name: text('慢病风险评估', 'Chronic-disease risk assessment'),
      role: 'physician',
      volumeDriver: 'month',
      tasksPerDriverUnit: ask(
        '每月评估人次 = 辖区 35 岁及以上居民数 × 每年 1 次（首诊测血压，11.37.bp-checks）÷ 12，高危人群每年至少 2 次（11.37.high-risk-bp-checks）。请按本院辖区人口填写；参考：全国基层每万人口约 960 名 65 岁及以上老人接受健康管理（11.39），农村成人约 20% 为心血管高危（11.41）。',
        'Assessments a month = residents aged 35+ × 1 a year (blood pressure at the first visit, 11.37.bp-checks) ÷ 12, and at least 2 a year for high-risk people (11.37.high-risk-bp-checks). Take your catchment population; nearest: about 960 people aged 65+ per 10,000 population are under grassroots health management (11.39), and about 20 % of rural adults are at high cardiovascular risk (11.41).',
        ['11.37.bp-checks', '11.37.high-risk-bp-checks', '11.39', '11.41'],
      ),
      taskName: text('人次风险评估', 'risk assessment'),
      baselineMinutesPerTask: ask(
        '国内未找到乡镇卫生院、社区卫生服务中心一次风险评估的实测分钟数（11.46）。参考：英国 NHS 健康检查每次 20–30 分钟（含问诊、测血压、BMI、血脂和咨询；11.44，B 级，国外）。请按本院计时填写。',
        'No measured minutes per risk assessment in a Chinese township or community health centre (11.46). Nearest: an NHS Health Check in England takes 20–30 minutes (history, blood pressure, BMI, cholesterol and advice; 11.44, grade B, foreign). Enter your own timed minutes.',
        ['11.44'],
      ),
      claimedReduction: ask(
        '未找到 AI 风险评估节省时间的实测值。参考：简化的村级高危判定与指南标准一致率 92.9%、灵敏度 77.2%（11.42，A 级），说明简化评估可行，但没有测时间。请填写厂商在同类机构的实测值或本院试点结果。',
        'No measured time saving from AI risk assessment was found. Nearest: a simplified village-level high-risk rule agreed with the guideline standard in 92.9 % of cases, sensitivity 77.2 % (11.42, grade A): simplified assessment works, but time was not measured. Enter a vendor’s measurement in a similar centre or your own pilot result.',
        ['11.42.concordance', '11.42.sensitivity'],
      ),
      claimedBy: NO_STUDY,
      verificationMinutesPerTask: verification(),
      errorRate: ask(
        '未找到 AI 风险评估的错判比例。参考：简化村级高危判定与指南标准不一致的占 1 − 92.9% = 7.1%，灵敏度 77.2%（11.42，A 级）；那是简化规则而不是 AI。请在试点中与医生判定对比实测。',
        'No misclassification rate of AI risk assessment was found. Nearest: a simplified village-level rule disagreed with the guideline standard in 1 − 92.9 % = 7.1 % of cases, sensitivity 77.2 % (11.42, grade A); that was a simplified rule, not an AI. Measure it against doctors’ judgement in a pilot.',
        ['11.42.concordance', '11.42.sensitivity'],
      ),
      correctionMinutesPerError: draftCorrection,
      adoptionCeiling: adoption(6),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        2000,
        '输入健康档案、血压血糖血脂等检查结果和既往史',
        'input: the health record, blood pressure, glucose, lipid and other results and the history',
      ),
      outputTokensPerTask: tokens(
        300,
        '输出风险等级和干预建议',
        'output: the risk level and suggested actions',
      ),
    },
  ],
  fit: fitBy(
    { top: 0.85, upper: 0.8, county: 0.7, grassroots: 0.6, village: 0.55 },
    '风险模型（如 China-PAR）本身来自中国人群，但基层健康档案常缺血脂、血糖等检验值，数据不全会降低评估的可用性。',
    'Risk models such as China-PAR come from Chinese populations, but grassroots health records often lack cholesterol and glucose results, and incomplete data make the assessment less usable.',
  ),
};

const allianceReferral: UseCase = {
  key: 'allianceReferral',
  name: text('医共体转诊协同', 'Referral coordination in a county alliance'),
  summary: text(
    '医共体内乡镇卫生院把患者上转到县医院、县医院再下转回基层，医生要填转诊单、打电话联系。AI 从病历中生成转诊摘要、提示转诊指征并跟踪转诊闭环；接诊医生凭摘要缩短问诊时间。',
    'Within a county medical alliance, township centres refer patients up to the county hospital and it refers them back down; doctors fill in referral forms and phone ahead. The AI writes the referral summary from the record, prompts when to refer and tracks each referral to completion; the receiving doctor spends less time taking the history.',
  ),
  section: '11g',
  workflows: [
    {
      name: text('转诊单填写与联络', 'Referral forms and coordination'),
      role: 'physician',
      volumeDriver: 'month',
      tasksPerDriverUnit: ask(
        '每月转出（或转入）人次，请按本院实际填写。国内未找到每个医共体或卫生院的转诊量（11.54）；参考：全国每万人口每年双向转诊约 215 人次，其中上转约 110、下转约 104（11.48，由 11.47 推算）。',
        'Referrals out (or in) a month: enter your own count. Referrals per alliance or per township centre were not found (11.54); nearest: about 215 two-way referrals per 10,000 population a year nationally, about 110 up and 104 down (11.48, derived from 11.47).',
        ['11.48.total', '11.48.upward', '11.48.downward', '11.47.total'],
      ),
      taskName: text('人次转诊', 'referral'),
      baselineMinutesPerTask: ask(
        '国内未找到每次转诊填单和电话联络用时的实测值（11.54）。参考：美国小诊所医务助理登记和追踪一次转诊约 15 分钟（11.53，C 级，国外博客，仅作弱参考）。请按本院计时填写。',
        'No measured minutes per referral (forms and phone calls) in China (11.54). Nearest: about 15 minutes of a medical assistant’s time to log and chase one referral in US small practices (11.53, grade C, a foreign blog, weak anchor only). Enter your own timed minutes.',
        ['11.53'],
      ),
      claimedReduction: ask(
        '未找到 AI 转诊协同节省转出方时间的实测值（11.54）。接诊方的效果见本用例“接诊转诊患者”一项（11.34）。请填写厂商在同类医共体的实测值或本院试点结果。',
        'No measured time saving for the referring side was found (11.54). For the receiving side, see “Seeing referred patients” in this use case (11.34). Enter a vendor’s measurement in a similar alliance or your own pilot result.',
        ['11.34.reduction'],
      ),
      claimedBy: NO_STUDY,
      verificationMinutesPerTask: verification(),
      errorRate: draftErrorRate,
      correctionMinutesPerError: draftCorrection,
      adoptionCeiling: adoption(
        12,
        '转诊要上下级机构都用起来，爬坡期按 12 个月计。',
        'Both ends of the alliance must take it up, so the ramp is 12 months. ',
      ),
      rampMonths: 12,
      inputTokensPerTask: tokens(
        3000,
        '输入病历、检查结果和转诊指征',
        'input: the record, test results and the reason for referral',
      ),
      outputTokensPerTask: tokens(600, '输出一份转诊摘要', 'output: one referral summary'),
    },
    {
      name: text('接诊转诊患者', 'Seeing referred patients'),
      role: 'physician',
      volumeDriver: 'month',
      tasksPerDriverUnit: ask(
        '每月接收的上转患者人次，请按本院（上级医院）实际填写。参考：全国每万人口每年上转约 110 人次（11.48，由 11.47 推算）。',
        'Referred-in patients a month at your (upper-level) hospital: enter your own count. Nearest: about 110 upward referrals per 10,000 population a year nationally (11.48, derived from 11.47).',
        ['11.48.upward', '11.47.upward'],
      ),
      taskName: text('人次接诊', 'consultation'),
      baselineMinutesPerTask: sourced(
        4.41,
        '11.34.before',
        '两家中心 111 名专科医生、2,069 名患者的随机对照试验中，没有 AI 预问诊报告时专科接诊平均 4.41 分钟（11.34，A 级，Nat Med 2026；二手摘要称试验在中国）。这是专科门诊，不专指转诊患者；基层接诊更短（11.29、11.30），请按本院情况修改。',
        'In a randomised trial with 111 specialists and 2,069 patients at two centres, a specialist consultation without the AI pre-consultation report took 4.41 minutes on average (11.34, grade A, Nat Med 2026; in China according to a secondary summary). These are specialist consultations, not referred patients specifically; grassroots consultations are shorter (11.29, 11.30): adjust to your hospital.',
      ),
      claimedReduction: sourced(
        0.287,
        '11.34.reduction',
        '同一试验：大模型预问诊机器人采集病史并写出报告后，专科接诊由 4.41 分钟缩短到 3.14 分钟（−28.7%，11.34，A 级）。',
        'Same trial: with an LLM chatbot taking the history and writing a report beforehand, the specialist consultation fell from 4.41 to 3.14 minutes (−28.7 %, 11.34, grade A).',
      ),
      claimedBy: text(
        '两家中心的随机对照试验（Nat Med 2026，大模型预问诊并生成报告）',
        'Randomised trial at two centres (Nat Med 2026, LLM pre-consultation with a written report)',
      ),
      verificationMinutesPerTask: verification(
        '试验中的 28.7% 是接诊时间的净缩短，已含医生阅读报告的时间，这里只填额外核对时间。',
        'The trial’s 28.7 % is a net cut in consultation time, reading the report included: enter only extra checking time. ',
      ),
      errorRate: draftErrorRate,
      correctionMinutesPerError: draftCorrection,
      adoptionCeiling: adoption(
        12,
        '转诊要上下级机构都用起来，爬坡期按 12 个月计。',
        'Both ends of the alliance must take it up, so the ramp is 12 months. ',
      ),
      rampMonths: 12,
      inputTokensPerTask: tokens(
        4000,
        '输入多轮预问诊对话和转诊资料',
        'input: the multi-turn pre-consultation dialogue and the referral documents',
      ),
      outputTokensPerTask: tokens(800, '输出一份预问诊报告', 'output: one pre-consultation report'),
    },
  ],
  fit: fitBy(
    { top: 0.85, upper: 0.8, county: 0.7, grassroots: 0.6, village: 0.55 },
    '转诊协同依赖医共体内信息互通：基层病历分散在不同机构、系统之间没有打通时，AI 摘要会缺少关键信息。',
    'Referral coordination depends on records flowing within the alliance: where records are scattered across institutions whose systems are not connected, the AI summary lacks key information.',
  ),
};

const resultInterpretation: UseCase = {
  key: 'resultInterpretation',
  name: text('检查检验结果解读提示', 'Lab and exam result interpretation prompts'),
  summary: text(
    '医生逐份查看检验、检查结果，判断异常并决定处理或通知患者。AI 标出异常值、结合病史给出解读提示和随访建议，医生确认。',
    'Doctors read each lab and exam result, judge what is abnormal and decide what to do or whom to call back. The AI flags abnormal values and, with the patient’s history, drafts an interpretation and a follow-up suggestion; the doctor confirms.',
  ),
  section: '11h',
  workflows: [
    {
      name: text('门诊检验检查结果审阅', 'Reviewing outpatient results'),
      role: 'physician',
      volumeDriver: 'outpatientVisit',
      tasksPerDriverUnit: ask(
        '每次门诊产生的需审阅结果份数（一名患者的一组结果算一份）。国内未找到每次门诊的检验次数（11.60）；参考：土耳其两家大医院 27.1%–30.3% 的门诊患者做过生化检验，每人 10–11 项（11.55，A 级，国外）。',
        'Result sets to review per outpatient visit (one patient’s set of results counts as one). Tests per visit in China were not found (11.60); nearest: in 2 large Turkish hospitals 27.1–30.3 % of outpatients had biochemistry tests, 10–11 each (11.55, grade A, foreign).',
        ['11.55.outpatient-share', '11.55.outpatient-tests'],
      ),
      taskName: text('份检验检查结果', 'result set'),
      baselineMinutesPerTask: resultReviewBaseline,
      claimedReduction: resultClaim,
      claimedBy: NO_STUDY,
      verificationMinutesPerTask: verification(),
      errorRate: draftErrorRate,
      correctionMinutesPerError: draftCorrection,
      adoptionCeiling: adoption(6),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        1500,
        '输入检验检查结果、参考范围和简要病史',
        'input: the results, reference ranges and a short history',
      ),
      outputTokensPerTask: tokens(400, '输出异常提示和解读', 'output: flags and an interpretation'),
    },
    {
      name: text('住院检验检查结果审阅', 'Reviewing inpatient results'),
      role: 'physician',
      volumeDriver: 'discharge',
      tasksPerDriverUnit: ask(
        '每次住院需审阅的结果份数。国内未找到（11.60）；参考：土耳其两家大医院 81.2%–88.7% 的住院患者做过生化检验，每人 16–31 项（11.55，A 级，国外）。',
        'Result sets to review per hospital stay. Not found for China (11.60); nearest: in 2 large Turkish hospitals 81.2–88.7 % of inpatients had biochemistry tests, 16–31 each (11.55, grade A, foreign).',
        ['11.55.inpatient-share', '11.55.inpatient-tests'],
      ),
      taskName: text('份检验检查结果', 'result set'),
      baselineMinutesPerTask: resultReviewBaseline,
      claimedReduction: resultClaim,
      claimedBy: NO_STUDY,
      verificationMinutesPerTask: verification(),
      errorRate: draftErrorRate,
      correctionMinutesPerError: draftCorrection,
      adoptionCeiling: adoption(6),
      rampMonths: 6,
      inputTokensPerTask: tokens(
        3000,
        '输入住院期间的检验检查结果、医嘱和病程摘要',
        'input: the stay’s results, orders and a progress summary',
      ),
      outputTokensPerTask: tokens(600, '输出异常提示和解读', 'output: flags and an interpretation'),
    },
  ],
  fit: fitBy(
    { top: 0.85, upper: 0.8, county: 0.7, grassroots: 0.6, village: 0.55 },
    '结果解读依赖完整的检验检查数据：基层检验项目少，影像和病理常在上级医院完成，数据不互通时提示不完整。',
    'Interpretation depends on complete test data: the grassroots run fewer tests, imaging and pathology are often done at the upper hospital, and where data are not shared the prompts are incomplete.',
  ),
};

export const USE_CASES: readonly UseCase[] = [
  nursingDocumentation,
  chronicFollowUp,
  patientEducation,
  speechToEmr,
  outpatientRecord,
  riskScreening,
  allianceReferral,
  resultInterpretation,
];

export function useCase(key: UseCaseKey): UseCase {
  const found = USE_CASES.find((u) => u.key === key);
  if (!found) throw new Error(`unknown use case "${key}"`);
  return found;
}

/** The library workflow a document's workflow was made from, or null (a custom workflow). */
export function useCaseWorkflowOf(workflow: { template?: string }): UseCaseWorkflow | null {
  const match = /^([a-zA-Z]+)\/([0-9]+)$/.exec(workflow.template ?? '');
  if (!match || !(USE_CASE_KEYS as readonly string[]).includes(match[1]!)) return null;
  return useCase(match[1] as UseCaseKey).workflows[Number(match[2])] ?? null;
}

export const useCaseKeyOf = (workflow: { template?: string }): UseCaseKey | null => {
  const key = workflow.template?.split('/')[0];
  return key && (USE_CASE_KEYS as readonly string[]).includes(key) ? (key as UseCaseKey) : null;
};

/**
 * What an effect on a custom workflow (one described in the form, not from the library) starts
 * from: the library's general assumptions for adoption, the share of drafts needing correction
 * and local fit by level; its claimed reduction and checking time are the user's to give.
 */
export const CUSTOM_WORKFLOW = {
  adoptionCeiling: adoption(6),
  errorRate: draftErrorRate,
  verificationMinutesPerTask: verification(),
  correctionMinutesPerError: draftCorrection,
  claimedReduction: ask(
    '自定义流程没有可引用的研究：请填写厂商在同类医院的实测值或本院试点结果。',
    'A custom workflow has no study to cite: enter a vendor’s measurement in a similar hospital or your own pilot result.',
    [],
  ),
  fit: fitBy(
    { top: 0.85, upper: 0.8, county: 0.7, grassroots: 0.6, village: 0.55 },
    '自定义流程取各使用场景的中间水平。',
    'A custom workflow takes the library’s middle values.',
  ),
} as const;
