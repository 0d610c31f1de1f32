/**
 * The committee's PDF chapter on a portfolio plan, made from a hand-made plan: its text as a
 * reader's search finds it, in both languages (the question, the answer, the plan, the years
 * against the cap, the simple plans, what was left out, the estimate per 万元, the Monte Carlo,
 * the assumptions), the solver's other statuses in words, and the spend chart measured in its SVG.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createElement } from 'react';
import { describe, expect, it } from 'vitest';

import type { Lang } from '~/engine/text';
import type { PortfolioPlan } from '~/portfolio/portfolio';
import { portfolioReportPdf, type PortfolioExportInput } from '~/portfolio/report-pdf.server';
import { PlanSpendChart } from '~/portfolio/report-spend-chart';
import { chartSvg } from '~/report/report-pdf.server';

import { pdfPages } from '../helpers/pdf';

const FIXTURE = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'portfolio-plan-export.json'), 'utf8'),
) as Omit<PortfolioExportInput, 'lang'>;

const MADE = new Date('2026-06-01T02:00:00Z');

/**
 * The PDF's text, and the same without white space: a line wrapped in the PDF joins its words
 * with none in the extracted text, so sentences are compared without.
 */
async function pdfOf(lang: Lang, plan: PortfolioPlan = FIXTURE.plan) {
  const bytes = await portfolioReportPdf({ ...FIXTURE, plan, lang, generatedAt: MADE });
  const pages = await pdfPages(bytes);
  const text = pages.join('\n');
  return { bytes, pages, text, flat: flat(text) };
}

const flat = (text: string) => text.replace(/\s+/g, '');

/** The text between two headings (or to the end). */
const between = (text: string, from: string, to?: string) => {
  const start = text.indexOf(flat(from));
  return text.slice(start, to ? text.indexOf(flat(to), start) : undefined);
};

// Each makes a PDF of four pages with its font subset: a second or two on a busy machine.
describe('the portfolio PDF chapter', { timeout: 30_000 }, () => {
  it('answers the committee’s question in Chinese, every figure the plan’s, in 万元', async () => {
    const { bytes, pages, flat: text } = await pdfOf('zh-CN');
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(new TextDecoder('latin1').decode(bytes)).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    // The cover: hospital, portfolio, chapter, version and when it was saved.
    expect(pages[0]).toContain('某县人民医院');
    expect(pages[0]).toContain('「2027—2031 年 AI 投入组合」第 2 版（保存于 2026-05-12）');
    expect(pages[0]).toContain('报告生成日期：2026-06-01');
    pages.forEach((page, i) => expect(page).toContain(`第 2 版 · 第 ${i + 1} / ${pages.length} 页`));

    expect(text).toContain(flat('AI 投入组合规划'));
    expect(text).toContain(
      flat(
        '在 2027—2031 年每年的 AI 预算（扣除已有合同后）以内，5 个 AI 用例中应投入哪些、各采用哪种方式、从哪一年开始，才能使净现值合计最大？',
      ),
    );
    // The answer: which, which way, which year; the total (1,834,512.37 + 642,318.90 + 415,007.15).
    const answer = between(text, '（二）结论', '（三）');
    expect(answer).toContain(
      flat(
        '建议投入 3 个用例：护理文书助手——自建护理文书助手（本地小模型），2027 年起；慢病随访——两科室试点，达标后推广，2028 年起；语音录入电子病历——采购语音电子病历，2029 年起。',
      ),
    );
    expect(answer).toContain(flat('暂不投入：患者健康宣教、影像辅助分诊（原因见下文）。'));
    expect(answer).toContain(flat('组合净现值合计 289.18 万元（折现率 8.0%，折现到 2027 年）。'));
    expect(answer).toContain(flat('求解状态：已证明为最优方案（与最优解的差距为 0）。'));

    // The plan table: use case, option, way, start year, NPV in 万元.
    const plan = between(text, '（三）投入方案', '（四）');
    expect(plan).toMatch(/护理文书助手\s*自建护理文书助手（本地小模型）\s*自建\s*2027\s*183\.45/);
    expect(plan).toMatch(/患者健康宣教\s*暂不投入\s*—\s*—\s*—/);
    expect(plan).toMatch(/合计\s*289\.18/);

    // Each year against the cap; 2029 binds (marked *): 1,400,000 spent of a 1,400,000 cap.
    const years = between(text, '（四）逐年支出与预算上限', '（五）');
    expect(years).toMatch(/项目\s*2027\s*2028\s*2029\*\s*2030\s*2031/);
    expect(years).toMatch(/支出合计\s*67\.23\s*40\.01\s*140\.00\s*48\.48\s*49\.77/);
    expect(years).toMatch(/预算上限\s*90\.00\s*100\.00\s*140\.00\s*150\.00\s*150\.00/);
    expect(years).toMatch(/余量\s*22\.77\s*59\.99\s*0\.00\s*101\.52\s*100\.23/);
    expect(years).toMatch(/共享推理服务器\s*26\.00\s*1\.84/);
    expect(years).toMatch(/新增人员（FTE）\s*1\s*0\.5\s*1\s*0\s*0/);
    expect(years).toContain(flat('图 1 逐年支出（按用例堆叠）与预算上限（万元）'));

    // The simple plans and what each loses (2,891,838.42 − 2,557,622.37 = 334,216.05).
    const simple = between(text, '（五）与简单方案比较', '（六）');
    expect(simple).toContain(
      flat(
        '「正净现值优先」（按净现值从高到低，投入每个净现值为正的方案，直到预算用完）的净现值合计比本方案少 33.42 万元。',
      ),
    );
    expect(simple).toContain(
      flat(
        '「全部立即投入」（每个用例都立即投入其净现值最高的方案）的净现值合计为 295.89 万元，但在 2027、2028 年超过预算上限，不可行。',
      ),
    );
    const left = between(text, '（六）未投入的用例及原因', '（七）');
    expect(left).toContain(
      flat('患者健康宣教：“采购宣教产品（按席位）”净现值 21.05 万元，但 2029 年的预算放不下它。'),
    );
    expect(left).toContain(
      flat(
        '影像辅助分诊：没有一种做法的净现值为正（最好的“采购影像辅助分诊”为 -35.62 万元），暂不实施更划算。',
      ),
    );

    // The dual of 2029: 0.3125 元 of NPV per 元 of cap = 0.31 万元 per 万元; an estimate.
    const duals = between(text, '（七）每多 1 万元预算的价值（估计）', '（八）');
    expect(duals).toContain(flat('这是估计值'));
    expect(duals).toMatch(/2029\s*0\.31\s*是/);
    expect(duals).toContain(flat('预算约束起作用的年份：2029 年。'));

    const mc = between(text, '（八）不确定性（蒙特卡洛模拟）', '（九）');
    expect(mc).toContain(flat('模拟 1,000 次'));
    expect(mc).toContain(flat('80% 区间为 112.04 万元 至 431.03 万元，中位数 280.50 万元'));
    expect(mc).toContain(flat('任一年支出超过预算上限的概率为 6.2%'));

    const assumptions = between(text, '（九）假设与参数');
    for (const line of [
      '规划期：2027—2031 年，共 5 年。',
      '折现率：8.0%',
      '允许的起始年份：2027、2028、2029。',
      '求解目标：使净现值合计最大。',
      '「护理文书助手」第 3 版、「慢病随访」第 2 版',
      '已确定必须投入：护理文书助手——自建护理文书助手（本地小模型）（2027 年起）。',
      '「患者健康宣教」需要「慢病随访」先开始',
      '单价 24.00 万元',
      '最多 4 台；本方案购置 2 台。',
      '每年新增人员上限：2 人（FTE）。',
    ])
      expect(assumptions).toContain(flat(line));
    // A director never sees an id.
    for (const id of ['nursing-doc', 'build-nursing', 'positiveNpvGreedy', 'everythingNow', 'notWorthIt'])
      expect(text).not.toContain(flat(id));
  });

  it('speaks English when asked: CNY with thousands, no Chinese but the names given', async () => {
    const { pages, flat: text } = await pdfOf('en');
    expect(text).toContain(flat('AI portfolio plan'));
    expect(text).toContain(flat('1. The question'));
    expect(text).toContain(
      flat(
        'Fund 3 use cases: Nursing documentation assistant: Build on a small on-premises model, from 2027;',
      ),
    );
    expect(text).toContain(flat("The plan's NPV adds up to CNY 2,891,838 (at 8.0%, to 2027)."));
    expect(text).toMatch(/Headroom\s*227,654\s*599,945\s*0\s*1,015,239\s*1,002,260/);
    expect(text).toContain(flat('gets CNY 334,216 less total NPV than this plan.'));
    expect(text).toMatch(/2029\s*3,125\s*yes/);
    pages.forEach((page, i) => expect(page).toContain(`version 2 · page ${i + 1} of ${pages.length}`));
    // The portfolio's own name is Chinese (as the hospital wrote it); nothing else is.
    expect(text.replaceAll(flat(FIXTURE.document.name), '')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('says the solver’s other answers in words: a gap, the time limit, no plan and the year', async () => {
    const feasible = await pdfOf('zh-CN', { ...FIXTURE.plan, status: 'feasible', gap: 0.004 });
    expect(feasible.flat).toContain(flat('求解状态：找到可行方案，与最优解的差距不超过 0.4%。'));
    const timeLimit = await pdfOf('en', { ...FIXTURE.plan, status: 'timeLimit', gap: null });
    expect(timeLimit.flat).toContain(flat('its gap to the optimum unknown'));

    const infeasible = await pdfOf('zh-CN', {
      ...FIXTURE.plan,
      status: 'infeasible',
      objectiveValue: null,
      gap: null,
      infeasibleYears: [2028],
      choices: FIXTURE.plan.choices.map((c) => ({ ...c, optionId: null, startOffsetYears: null, npv: 0 })),
      years: [],
      duals: [],
      alternatives: [],
      leftOut: [],
      monteCarlo: null,
      checked: false,
    });
    expect(infeasible.flat).toContain(
      flat('求解状态：无可行方案。2028 年的预算扣除已有合同后，不足以支付已确定必须投入的选择；'),
    );
    // No plan to show: the caps by year, then the assumptions; the sections renumber.
    expect(infeasible.flat).toMatch(/预算上限\s*90\.00\s*100\.00\s*140\.00/);
    expect(infeasible.flat).not.toContain(flat('投入方案'));
    expect(infeasible.flat).not.toContain(flat('组合净现值合计'));
    expect(infeasible.flat).toContain(flat('（四）假设与参数'));

    // Under a breach-limited objective the simple plans' chance of a breach sits beside the plan's.
    const limited = await pdfOf('zh-CN', {
      ...FIXTURE.plan,
      alternatives: FIXTURE.plan.alternatives.map((a, k) => ({ ...a, breachProbability: [0.04, 0.71][k]! })),
    });
    expect(limited.flat).toMatch(/P\(超预算\)比本方案少（万元）/);
    expect(limited.flat).toMatch(/289\.18无6\.2%—/);
    expect(limited.flat).toMatch(/255\.76无4\.0%33\.42/);
    expect(limited.flat).toMatch(/295\.892027、202871\.0%-6\.70/);
    expect((await pdfOf('zh-CN')).flat).not.toContain('P(超预算)比本方案少');

    // A what-if budget is said to be one.
    const whatIf = await pdfOf('zh-CN', {
      ...FIXTURE.plan,
      budgetByYear: [1_300_000, 1_200_000, 1_500_000, 1_500_000, 1_500_000],
    });
    expect(whatIf.flat).toContain(flat('本报告按假设的预算计算，与第 2 版保存的预算不同'));
    expect((await pdfOf('zh-CN')).flat).not.toContain('假设的预算');
  });

  it('draws each year’s spend stacked by use case up to its cap, measured in the chart’s SVG', () => {
    const svg = chartSvg(createElement(PlanSpendChart, { plan: FIXTURE.plan, lang: 'zh-CN' }));
    // The vertical axis: 0 to 150 万元; its ticks' positions give the scale.
    const ticks = [
      ...svg.matchAll(/<text[^>]*y="([\d.]+)"[^>]*text-anchor="end"[^>]*><tspan[^>]*>([\d.]+)</g),
    ].map((m) => ({ y: Number(m[1]), value: Number(m[2]) * 10_000 }));
    expect(ticks.map((t) => t.value)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
    const zero = ticks[0]!.y;
    const perYuan = (zero - ticks.at(-1)!.y) / 1_500_000;
    const bars = [
      ...svg.matchAll(
        /<path x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*fill="([^"]+)"/g,
      ),
    ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), height: Number(m[4]), fill: m[5] }));
    const columns = [...new Set(bars.map((b) => b.x))].sort((a, b) => a - b);
    expect(columns).toHaveLength(5);
    // Each year's stack adds up to the plan's spend that year (servers included).
    columns.forEach((x, i) => {
      const stack = bars.filter((b) => b.x === x);
      const total = stack.reduce((s, b) => s + b.height, 0) / perYuan;
      expect(total).toBeCloseTo(FIXTURE.plan.years[i]!.spend, -1);
    });
    // 2027: the nursing assistant (412,345.67) in its colour, the servers (260,000) in grey.
    const first = bars.filter((b) => b.x === columns[0]);
    expect(first.map((b) => b.fill).sort()).toEqual(['#0b5cad', '#868e96']);
    expect(first.find((b) => b.fill === '#0b5cad')!.height / perYuan).toBeCloseTo(412_345.67, -1);
    // The cap crosses each bar at budget − contracts; in 2029 the stack reaches it exactly.
    const caps = [
      ...svg.matchAll(/<line class="portfolio-cap" x1="([\d.]+)" x2="([\d.]+)" y1="([\d.]+)"/g),
    ].map((m) => ({ x: Number(m[1]), y: Number(m[3]) }));
    expect(caps.map((c) => Math.round((zero - c.y) / perYuan))).toEqual([
      900_000, 1_000_000, 1_400_000, 1_500_000, 1_500_000,
    ]);
    expect(caps.map((c) => c.x)).toEqual(columns);
    const top2029 = Math.min(...bars.filter((b) => b.x === columns[2]).map((b) => b.y));
    expect(top2029).toBeCloseTo(caps[2]!.y, 6);
  });
});
