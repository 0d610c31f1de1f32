/**
 * The plan page's views drawn on the server from the hand-made plan (test/fixtures/portfolio-plan):
 * every figure checked against the fixture's own numbers worked by hand, the chart measured from
 * its SVG, and the what-if's parsing of the address.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import type { Lang } from '~/engine/text';
import type { PortfolioPlan } from '~/portfolio/portfolio';
import { SpendChart } from '~/portfolio/plan-charts';
import { formatMoney } from '~/engine/format';
import { leftOutSentence } from '~/portfolio/left-out-words';
import { PlanView } from '~/portfolio/plan-view';
import { parseBudgetWhatIf } from '~/portfolio/plan-what-if';
import { planRefusal } from '~/portfolio/plan-words';

import { PLAN_FIXTURE } from '../fixtures/portfolio-plan';

const render = (plan: PortfolioPlan, lang: Lang) =>
  renderToStaticMarkup(createElement(PlanView, { plan, breachLimit: 0.1, whatIf: false, lang }));

/** The text a person reads (tags dropped, entities of quotes undone, spaces squeezed). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The cells of each row of the table marked `testid`, as text. */
function tableRows(html: string, testid: string): string[][] {
  const start = html.indexOf(`data-testid="${testid}"`);
  const table = html.slice(html.indexOf('<tbody', start), html.indexOf('</table>', start));
  return [...table.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => text(cell[1]!).trim()),
  );
}

describe('the plan as a table', () => {
  it('lists each use case with its option, calendar start year and NPV in 万元, none as 暂不实施', () => {
    const html = render(PLAN_FIXTURE, 'zh-CN');
    expect(tableRows(html, 'plan-table')).toEqual([
      ['护理文书助手', 'SaaS 按席位', '2026', '125.00'],
      ['慢病随访', '本地部署开源模型', '2027', '83.00'],
      ['患者教育', '暂不实施', '—'],
      ['语音录入病历', '暂不实施', '—'],
      // The total: 125 + 83.
      ['合计', '', '', '208.00'],
    ]);
    expect(html).toMatch(/data-testid="plan-total"[^>]*>208\.00</);
    expect(text(html)).toContain('组合净现值 208.00 万元');
    // No P10 column where the plan has none.
    expect(html).not.toMatch(/<th class="num">P10<\/th>/);
  });

  it('shows P10 where the plan has it, with its total', () => {
    const plan: PortfolioPlan = {
      ...PLAN_FIXTURE,
      choices: PLAN_FIXTURE.choices.map((c, i) => ({
        ...c,
        p10: i === 0 ? 400_000 : i === 1 ? 150_000 : null,
      })),
    };
    const rows = tableRows(render(plan, 'zh-CN'), 'plan-table');
    expect(rows[0]).toEqual(['护理文书助手', 'SaaS 按席位', '2026', '125.00', '40.00']);
    expect(rows[1]).toEqual(['慢病随访', '本地部署开源模型', '2027', '83.00', '15.00']);
    expect(render(plan, 'zh-CN')).toMatch(/data-label="P10">55\.00</);
  });

  it('draws each funded use case from its start year to the horizon’s end', () => {
    const html = render(PLAN_FIXTURE, 'en');
    const bars = [
      ...html.matchAll(/class="timeline-bar" data-start="(\d+)" style="left:([\d.]+)%;width:([\d.]+)%/g),
    ];
    // 2026 of 2026–2030 is 0 % to 100 %; 2027 starts a fifth of the way.
    expect(bars.map((b) => [b[1], Number(b[2]), Number(b[3])])).toEqual([
      ['2026', 0, 100],
      ['2027', 20, 80],
    ]);
    expect(html).toContain('aria-label="Open model on premises: from 2027 to 2030"');
  });
});

describe('the headline', () => {
  const status = (plan: Partial<PortfolioPlan>, lang: Lang = 'zh-CN') => {
    const html = render({ ...PLAN_FIXTURE, ...plan }, lang);
    return text(
      html.slice(
        html.indexOf('data-testid="plan-status"'),
        html.indexOf('</p>', html.indexOf('plan-status')),
      ),
    )
      .replace(/^[^>]*>/, '')
      .trim();
  };

  it('says in words how good the plan is, naming the years a budget cannot be met in', () => {
    expect(status({})).toBe('已求得最优方案。');
    expect(status({ status: 'feasible', gap: 0.0123 })).toBe(
      '在时限内找到可行方案（与最优的差距不超过 1.23%）。',
    );
    expect(status({ status: 'timeLimit', gap: 0.05 }, 'en')).toBe(
      'Out of time: the best plan found in the time limit (5.00% at most from the best).',
    );
    expect(status({ status: 'timeLimit', objectiveValue: null, gap: null })).toBe(
      '超时：在时限内没有找到可行方案。',
    );
    expect(
      status({ status: 'infeasible', objectiveValue: null, gap: null, infeasibleYears: [2027, 2028] }),
    ).toBe('无可行方案：2027、2028 年预算不够。');
    expect(
      status({ status: 'infeasible', objectiveValue: null, gap: null, infeasibleYears: [2027, 2028] }, 'en'),
    ).toBe('No plan fits: the budget of 2027 and 2028 is not enough.');
  });

  it('shows no plan where there is none', () => {
    const html = render(
      { ...PLAN_FIXTURE, status: 'infeasible', objectiveValue: null, gap: null, infeasibleYears: [2026] },
      'zh-CN',
    );
    expect(html).not.toContain('data-testid="plan-table"');
    expect(html).not.toContain('data-testid="plan-npv"');
  });

  it('says what the plan aims at', () => {
    expect(text(render(PLAN_FIXTURE, 'zh-CN'))).toContain('目标：各项目净现值之和最大。');
    expect(text(render({ ...PLAN_FIXTURE, objective: 'npvWithBreachLimit' }, 'zh-CN'))).toContain(
      '目标：净现值之和最大，且任何一年超预算的概率不超过 10%。',
    );
  });
});

describe('the simple plans, what was left out, one more 万元', () => {
  it('gives each simple plan’s worth against this one and the years it breaks the budget', () => {
    expect(tableRows(render(PLAN_FIXTURE, 'zh-CN'), 'plan-alternatives')).toEqual([
      ['本方案', '208.00', '', '每年都在预算内'],
      ['正净现值从高到低、预算够就上', '185.00', '少 23.00', '每年都在预算内'],
      ['全部马上上', '256.00', '多 48.00', '2026、2027 年超预算'],
    ]);
    expect(tableRows(render(PLAN_FIXTURE, 'en'), 'plan-alternatives')[2]).toEqual([
      'Everything now',
      '2,560,000',
      '480,000 more',
      'over budget in 2026 and 2027',
    ]);
  });

  it('gives each plan’s chance of a breach where the trials were run', () => {
    const plan: PortfolioPlan = {
      ...PLAN_FIXTURE,
      objective: 'npvWithBreachLimit',
      alternatives: PLAN_FIXTURE.alternatives.map((a, i) => ({ ...a, breachProbability: [0.042, 0.35][i]! })),
    };
    expect(tableRows(render(plan, 'zh-CN'), 'plan-alternatives').map((r) => r.at(-1))).toEqual([
      '6.3%',
      '4.2%',
      '35.0%',
    ]);
    // Not where none were (the objective NPV).
    expect(tableRows(render(PLAN_FIXTURE, 'zh-CN'), 'plan-alternatives')[0]).toHaveLength(4);
  });

  it('says why each use case is left out, in a sentence', () => {
    const zhMoney = (x: number) => formatMoney(x, 'CNY', 'zh-CN');
    const [education, speech] = PLAN_FIXTURE.leftOut;
    expect(leftOutSentence(PLAN_FIXTURE, education!.scenarioId, education!.reason, 'zh-CN', zhMoney)).toBe(
      '患者教育：没有一种做法的净现值为正（最好的“大模型 API”为 -12.00 万元），暂不实施更划算。',
    );
    expect(leftOutSentence(PLAN_FIXTURE, speech!.scenarioId, speech!.reason, 'zh-CN', zhMoney)).toBe(
      '语音录入病历：“语音 SaaS”净现值 60.00 万元，但 2026、2027 年的预算放不下它。',
    );
    expect(
      leftOutSentence(
        PLAN_FIXTURE,
        'scn_chronic',
        { kind: 'dependency', needsScenarioId: 'scn_nursing' },
        'en',
        (x) => formatMoney(x, 'CNY', 'en'),
      ),
    ).toBe(
      'Chronic-disease follow-up: it needs the platform of “Nursing documentation assistant”, which is not in the plan.',
    );
  });

  it('gives one more 万元 per year (dual 0.42 per 元 = 0.42 万元 per 万元), an estimate, and the binding years', () => {
    const zh = render(PLAN_FIXTURE, 'zh-CN');
    expect(tableRows(zh, 'plan-duals')[1]).toEqual(['2027', '0.42 万元', '0.00', '预算卡住了方案']);
    expect(tableRows(zh, 'plan-duals')[0]).toEqual(['2026', '0.00 万元', '30.00', '还有余量']);
    expect(text(zh)).toContain('2027 年的预算卡住了方案');
    expect(text(zh)).toContain('估计值：来自线性规划松弛');
    expect(tableRows(render(PLAN_FIXTURE, 'en'), 'plan-duals')[1]!.slice(0, 2)).toEqual([
      '2027',
      'CNY 4,200',
    ]);
  });

  it('names no use case or option by its id', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const seen = text(render(PLAN_FIXTURE, lang));
      for (const id of [
        'scn_',
        'saas',
        'positiveNpvGreedy',
        'everythingNow',
        'notWorthIt',
        'undefined',
        'NaN',
      ])
        expect(seen).not.toContain(id);
    }
  });
});

/** Each bar's rectangle: its layer and its box in chart units. */
function rectangles(html: string) {
  return [
    ...html.matchAll(
      /<path x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*class="recharts-rectangle ?([^"]*)"/g,
    ),
  ].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
    height: Number(m[4]),
    layer: m[5]!,
  }));
}

describe('the charts', () => {
  it('stacks contracts, servers and each use case, and the 2027 stack (50+30+40+80 万) meets its 200 万 budget', () => {
    const html = renderToStaticMarkup(createElement(SpendChart, { plan: PLAN_FIXTURE, lang: 'zh-CN' }));
    const bars = rectangles(html);
    const layers = new Set(bars.map((b) => b.layer));
    expect([...layers]).toEqual([
      'spend-layer spend-committed',
      'spend-layer spend-servers',
      'spend-layer spend-use-case',
    ]);
    // Contracts every year, servers from 2027, nursing every year, chronic from 2027: 5 + 4 + 5 + 4.
    expect(bars).toHaveLength(18);
    const steps = /class="spend-budget" d="M([\d.]+) ([\d.]+)H([\d.]+)V([\d.]+)H([\d.]+)V([\d.]+)H/.exec(
      html,
    );
    expect(steps).not.toBeNull();
    const [x2026, y2026, x2027, y2027] = [
      Number(steps![1]),
      Number(steps![2]),
      Number(steps![3]),
      Number(steps![4]),
    ];
    const column = (from: number, to: number) => bars.filter((b) => b.x >= from && b.x + b.width <= to);
    const top = (from: number, to: number) => Math.min(...column(from, to).map((b) => b.y));
    // 2027 binds: its stack's top is on the budget's step; 2026 spends 170 万 of 200 万.
    expect(y2026).toBeCloseTo(y2027, 1);
    expect(top(x2027, Number(steps![5]))).toBeCloseTo(y2027, 0);
    const floor = Math.max(...column(x2026, x2027).map((b) => b.y + b.height));
    expect((floor - top(x2026, x2027)) / (floor - y2026)).toBeCloseTo(170 / 200, 2);
    // The layers in the legend, bottom first, and the budget line.
    expect(text(html)).toContain('已有合同（先占预算） 共享服务器 护理文书助手 慢病随访 AI 预算（上限）');
  });

  it('draws the plan’s NPV histogram, one bar a bin, and the chance of a breach', () => {
    const html = render(PLAN_FIXTURE, 'zh-CN');
    const risk = html.slice(html.indexOf('data-testid="plan-risk"'));
    expect(rectangles(risk)).toHaveLength(10);
    expect(text(risk)).toContain('有 6.3% 的模拟在某一年花费超过了“预算 − 已有合同”。');
    expect(text(risk)).toContain('P10 为 110.00 万元，P50 为 205.00 万元，P90 为 290.00 万元');
  });

  it('draws nothing for an empty bin', () => {
    const gappy: PortfolioPlan = {
      ...PLAN_FIXTURE,
      monteCarlo: {
        ...PLAN_FIXTURE.monteCarlo!,
        histogram: { edges: [0, 1e5, 2e5, 3e5, 4e5], counts: [400, 0, 0, 600] },
      },
    };
    const html = render(gappy, 'zh-CN');
    expect(rectangles(html.slice(html.indexOf('data-testid="plan-risk"')))).toHaveLength(2);
  });

  it('says so in a sentence when every trial gives the same NPV, and draws no histogram', () => {
    const fixed: PortfolioPlan = {
      ...PLAN_FIXTURE,
      monteCarlo: {
        ...PLAN_FIXTURE.monteCarlo!,
        p10: 2_080_000,
        p50: 2_080_000,
        p90: 2_080_000,
        histogram: { edges: [2_080_000, 2_080_001], counts: [1000] },
      },
    };
    const html = render(fixed, 'zh-CN');
    const risk = html.slice(html.indexOf('data-testid="plan-risk"'));
    expect(rectangles(risk)).toHaveLength(0);
    expect(text(risk)).toContain('每次模拟的组合净现值都是 208.00 万元');
  });
});

describe('a plan that could not be solved now', () => {
  it('says why in the page’s language', () => {
    expect(planRefusal('queueFull', 12, 'zh-CN')).toBe(
      '服务器正忙于其他计算，暂时无法求解这个组合，请 12 秒后刷新页面。',
    );
    expect(planRefusal('jobTimeout', 1, 'en')).toBe(
      'Solving took longer than the server allows and was stopped. Try fewer use cases or start years.',
    );
  });
});

describe('the what-if on the budget', () => {
  const stored = PLAN_FIXTURE.budgetByYear;
  const ask = (query: string, lang: Lang = 'zh-CN') =>
    parseBudgetWhatIf(new URLSearchParams(query), 2026, stored, lang);

  it('reads one 万元 figure per year over the stored budget; blanks keep theirs', () => {
    expect(ask('budget2027=250&budget2028=')).toEqual({
      budgetByYear: [2_000_000, 2_500_000, 2_200_000, 2_200_000, 2_200_000],
      typed: { 2027: '250' },
      errors: [],
    });
    // Full-width digits and grouping, as typed on a Chinese keyboard.
    expect(ask('budget2026=１,２５０.５').budgetByYear?.[0]).toBe(12_505_000);
    // As the create form reads them: a unit typed is kept.
    expect(ask('budget2027=800万&budget2028=1.2亿&budget2029=3,000,000元').budgetByYear).toEqual([
      2_000_000, 8_000_000, 120_000_000, 3_000_000, 2_200_000,
    ]);
  });

  it('asks for nothing when the figures are the stored ones', () => {
    expect(ask('budget2026=200&budget2030=220').budgetByYear).toBeNull();
    expect(ask('').budgetByYear).toBeNull();
  });

  it('names each year whose figure cannot be used, and solves nothing then', () => {
    const bad = ask('budget2027=abc&budget2029=-5&budget2030=300');
    expect(bad.budgetByYear).toBeNull();
    expect(bad.errors).toEqual([
      '2027 年预算：请填写 0 到 100,000,000 之间的数（单位：万元）。',
      '2029 年预算：请填写 0 到 100,000,000 之间的数（单位：万元）。',
    ]);
    expect(ask('budget2028=1e9', 'en').errors).toEqual([
      '2028 budget: enter a number from 0 to 100,000,000 (in CNY 10,000s).',
    ]);
  });
});
