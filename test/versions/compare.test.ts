/**
 * The versions page's comparison in words: hand-made versions of the bundled county scenario,
 * changed one way at a time, and results compared for the hospital.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { compileScenario, runModel, validateScenario, type Scenario, type ScenarioResult } from '~/engine';
import type { OptionResult } from '~/engine/results';
import type { Lang } from '~/engine/text';
import { compareResults, compareVersions, groupByPlace, type InputChange } from '~/versions/compare';

const raw: unknown = JSON.parse(
  readFileSync(join(__dirname, '../../scenarios/county-hospital-300-beds.json'), 'utf8'),
);
const validated = validateScenario(raw);
if (!validated.ok) throw new Error(`bundled scenario invalid: ${JSON.stringify(validated.problems)}`);
const base: Scenario = validated.scenario;

/** A changed copy of the county scenario. */
function edited(change: (doc: Scenario) => void): Scenario {
  const doc = structuredClone(base);
  change(doc);
  return doc;
}

/** No document path, no camelCase key: nothing a director should not see. */
const PATHS = /options\.|costLines|workflows\.|\b[a-z]+[A-Z][a-zA-Z]*\b/;

function texts(changes: InputChange[]): string[] {
  return changes.flatMap((c) => [c.where, c.what, c.before ?? '', c.after ?? '']);
}

function compare(after: Scenario, lang: Lang = 'zh-CN'): InputChange[] {
  const changes = compareVersions(base, after, lang);
  for (const text of texts(changes)) expect(text).not.toMatch(PATHS);
  return changes;
}

const BUY = 0; // 采购三甲医院语音电子病历: licence, interfaces, maintenance, mlps (等保测评), training
const claimed = (doc: Scenario, option: number) => {
  const effect = doc.options[option]!.effects[0]!;
  if (effect.basis !== 'claimed') throw new Error('expected a claimed effect');
  return effect;
};

describe('compareVersions', () => {
  it('finds nothing between a version and its copy', () => {
    expect(compare(edited(() => {}))).toEqual([]);
  });

  it('reports a new option name as one renamed change with both names', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const changes = compare(
        edited((doc) => {
          doc.options[BUY]!.name = { 'zh-CN': '云 API', en: 'Cloud API' };
        }),
        lang,
      );
      expect(changes).toHaveLength(1);
      const [c] = changes;
      expect(c!.kind).toBe('renamed');
      const oldName =
        lang === 'zh-CN' ? '采购三甲医院语音电子病历' : "Buy a top hospital's speech-to-EMR system";
      expect(c!.before).toBe(oldName);
      expect(c!.after).toBe(lang === 'zh-CN' ? '云 API' : 'Cloud API');
      expect(c!.where).toBe(lang === 'zh-CN' ? '方案「云 API」' : 'Option “Cloud API”');
    }
  });

  it('reports a removed cost line as one removed change, whatever follows it in the list', () => {
    const changes = compare(
      edited((doc) => {
        const lines = doc.options[BUY]!.costLines;
        lines.splice(
          lines.findIndex((l) => l.id === 'mlps'),
          1,
        );
      }),
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'removed',
      where: '方案「采购三甲医院语音电子病历」',
      what: '删除了成本项「等保测评」',
      after: null,
    });
    expect(changes[0]!.before).toContain('8.00 万元');
  });

  it('reports an added option as one added change', () => {
    const changes = compare(
      edited((doc) => {
        doc.options.push({ ...structuredClone(doc.options[BUY]!), id: 'cloud-api', name: '云 API' });
      }),
    );
    expect(changes).toEqual([
      { kind: 'added', where: '方案', what: '添加了方案「云 API」', before: null, after: '采购' },
    ]);
  });

  it('labels a changed fit with the editor label and a percentage, at its option and workflow', () => {
    const changes = compare(
      edited((doc) => {
        claimed(doc, BUY).fit = 0.6;
      }),
    );
    expect(changes).toEqual([
      {
        kind: 'changed',
        where: '方案「采购三甲医院语音电子病历」 · 工作流程「门诊病历书写」',
        what: '本地适配度',
        before: '50%',
        after: '60%',
      },
    ]);
    const [en] = compare(
      edited((doc) => {
        claimed(doc, BUY).fit = 0.6;
      }),
      'en',
    );
    expect(en).toMatchObject({ what: 'Local fit', before: '50%', after: '60%' });
  });

  it('reports reordered options as one order change and no change of any number', () => {
    const changes = compare(
      edited((doc) => {
        doc.options.reverse();
        doc.workflows.reverse();
        doc.options[0]!.costLines.reverse();
      }),
    );
    expect(changes.every((c) => c.kind === 'changed')).toBe(true);
    expect(changes.map((c) => c.what)).toEqual(['顺序', '顺序', '成本项的顺序']);
    expect(changes.map((c) => c.where)).toEqual([
      '工作流程',
      '方案',
      '方案「两科室试点慢病随访，达标后推广」',
    ]);
  });

  it('still matches by id after a reorder: a changed amount is one change at the right line', () => {
    const changes = compare(
      edited((doc) => {
        doc.options.reverse();
        const line = doc.options
          .find((o) => o.id === 'buy-speech-emr')!
          .costLines.find((l) => l.id === 'licence')!;
        if (line.kind !== 'oneTime') throw new Error('expected a one-time line');
        line.amount = 1_800_000;
      }),
    );
    expect(changes.filter((c) => c.what !== '顺序')).toEqual([
      {
        kind: 'changed',
        where: '方案「采购三甲医院语音电子病历」 · 成本项「软件许可与部署」',
        what: '金额',
        before: '150.00 万元',
        after: '180.00 万元',
      },
    ]);
  });

  it('formats months, small prices and absent optional fields with their units', () => {
    const changes = compare(
      edited((doc) => {
        const rollout = doc.options.find((o) => o.id === 'followup-rollout')!;
        const sub = rollout.costLines.find((l) => l.id === 'subscription')!;
        if (sub.kind !== 'recurring') throw new Error('expected a recurring line');
        sub.startMonth = 13;
        sub.endMonth = 48;
        const tokens = rollout.costLines.find((l) => l.id === 'tokens')!;
        if (tokens.kind !== 'cloudTokens') throw new Error('expected a token line');
        tokens.pricePerMillionInputTokens = 4;
      }),
    );
    const byWhat = Object.fromEntries(changes.map((c) => [c.what, [c.before, c.after]]));
    expect(byWhat['开始月份']).toEqual(['第 1 月', '第 13 月']);
    expect(byWhat['结束月份']).toEqual(['直到规划期末', '第 48 月']);
    expect(byWhat['输入价格（每百万 token）']).toEqual(['2 元', '4 元']);
  });

  it('describes non-numeric changes in words: role, kind, category, evidence', () => {
    const changes = compare(
      edited((doc) => {
        doc.workflows[1]!.role = 'physician';
        doc.workflows[1]!.baselineEvidence = { kind: 'measured', n: 40 };
        doc.options[1]!.kind = 'buy';
        const training = doc.options[BUY]!.costLines.find((l) => l.id === 'training')!;
        if (training.kind !== 'oneTime') throw new Error('expected a one-time line');
        training.category = 'staffing';
      }),
    );
    const byWhat = Object.fromEntries(changes.map((c) => [`${c.where} · ${c.what}`, [c.before, c.after]]));
    expect(byWhat['工作流程「护理文书记录」 · 由谁做']).toEqual(['护士', '医师']);
    expect(byWhat['工作流程「护理文书记录」 · 依据类型']).toEqual(['假设', '实测']);
    expect(byWhat['工作流程「护理文书记录」 · 观察次数']).toEqual(['未设置', '40']);
    expect(byWhat['方案「自建护理文书助手（本地小模型）」 · 类型']).toEqual(['自建', '采购']);
    expect(byWhat['方案「采购三甲医院语音电子病历」 · 成本项「医生培训」 · 费用类别']).toEqual([
      '培训',
      '人员',
    ]);
  });

  it('reports a removed stop rule, an added funding line and a new workflow of an option as one change each', () => {
    const changes = compare(
      edited((doc) => {
        const buy = doc.options[BUY]!;
        delete buy.stopRule;
        buy.funding.push({
          kind: 'fixed',
          id: 'voucher',
          name: '算力券',
          source: 'computeVoucher',
          amount: 100_000,
          period: 'year',
          startMonth: 1,
        });
        buy.effects.push({ ...structuredClone(buy.effects[0]!), workflowId: 'nursing-docs' });
      }),
    );
    expect(changes.map((c) => [c.kind, c.what, c.before, c.after])).toEqual([
      ['added', '添加了工作流程「护理文书记录」', null, ''],
      ['added', '添加了资金来源「算力券」', null, '固定金额 · 算力券 · 每年 10.00 万元'],
      ['removed', '删除了停用规则', '第 12 月检查：每任务净节省低于 0 分钟则停用', null],
    ]);
    expect(new Set(changes.map((c) => c.where))).toEqual(new Set(['方案「采购三甲医院语音电子病历」']));
  });

  it('reports a changed range of an uncertain input at that input, as percentages', () => {
    const changes = compare(
      edited((doc) => {
        doc.uncertainty!.inputs['options.buy-speech-emr.effects.outpatient-notes.fit'] = {
          kind: 'pert',
          low: 0.4,
          high: 0.8,
        };
      }),
    );
    expect(changes).toEqual([
      {
        kind: 'changed',
        where: '方案「采购三甲医院语音电子病历」 · 工作流程「门诊病历书写」',
        what: '本地适配度的范围',
        before: '20%–65%',
        after: '40%–80%',
      },
    ]);
  });

  it('treats a distribution keyed by index path like the same one keyed by id path', () => {
    const after = edited((doc) => {
      const inputs = doc.uncertainty!.inputs;
      const key = 'options.buy-speech-emr.effects.outpatient-notes.fit';
      inputs['options.0.effects.0.fit'] = inputs[key]!;
      delete inputs[key];
    });
    expect(compare(after)).toEqual([]);
  });

  it('describes a new source of an input in words', () => {
    const changes = compare(
      edited((doc) => {
        doc.sources['hospital.beds'] = { kind: 'measured', n: 12 };
      }),
    );
    expect(changes.map((c) => [c.where, c.what, c.before, c.after])).toEqual([
      ['医院概况', '床位数 · 依据类型', '假设', '实测'],
      ['医院概况', '床位数 · 观察次数', '未设置', '12'],
      ['医院概况', '床位数 · 参考数据', '#7.1.beds', '无'],
    ]);
  });

  it('gives a field it has no label for a readable name, never the key', () => {
    const changes = compare(
      edited((doc) => {
        (doc.hospital as Record<string, unknown>).ownershipModel = 'publicNonProfit';
      }),
      'en',
    );
    expect(changes).toEqual([
      {
        kind: 'changed',
        where: 'Hospital',
        what: 'ownership model',
        before: 'not set',
        after: 'public non profit',
      },
    ]);
  });

  it('groups changes by place in the order places first appear', () => {
    const changes = compare(
      edited((doc) => {
        claimed(doc, BUY).fit = 0.6;
        doc.hospital.beds = 320;
        claimed(doc, BUY).errorRate = 0.2;
      }),
    );
    expect(groupByPlace(changes).map((g) => [g.where, g.changes.length])).toEqual([
      ['医院概况', 1],
      ['方案「采购三甲医院语音电子病历」 · 工作流程「门诊病历书写」', 2],
    ]);
  });
});

describe('compareResults', () => {
  const option = (over: Partial<OptionResult>): OptionResult =>
    ({
      id: 'buy',
      name: 'Buy',
      npv: 100_000,
      tco: 500_000,
      cashRealized: 200_000,
      hoursFreed: 1_000,
      paybackMonth: 30,
      budgetBreachYears: [],
      ...over,
    }) as OptionResult;
  const result = (...options: OptionResult[]): ScenarioResult =>
    ({
      scenario: 'x',
      currency: 'CNY',
      discountRate: 0.08,
      startYear: 2027,
      horizonYears: 5,
      options,
    }) as ScenarioResult;
  const directions = (before: Partial<OptionResult>, after: Partial<OptionResult>) =>
    compareResults(result(option(before)), result(option(after)))[0]!.direction;

  it('calls a higher NPV, cash or hours better, and a higher TCO worse', () => {
    expect(directions({}, { npv: 150_000 }).npv).toBe('better');
    expect(directions({}, { npv: 50_000 }).npv).toBe('worse');
    expect(directions({}, { tco: 600_000 }).tco).toBe('worse');
    expect(directions({}, { tco: 400_000 }).tco).toBe('better');
    expect(directions({}, { cashRealized: 250_000 }).cashRealized).toBe('better');
    expect(directions({}, { hoursFreed: 900 }).hoursFreed).toBe('worse');
    expect(directions({}, { npv: 100_000.2 }).npv).toBe('same');
  });

  it('calls an earlier payback better and never paying back worst', () => {
    expect(directions({ paybackMonth: 30 }, { paybackMonth: 24 }).payback).toBe('better');
    expect(directions({ paybackMonth: 30 }, { paybackMonth: 36 }).payback).toBe('worse');
    expect(directions({ paybackMonth: 30 }, { paybackMonth: null }).payback).toBe('worse');
    expect(directions({ paybackMonth: null }, { paybackMonth: 58 }).payback).toBe('better');
    expect(directions({ paybackMonth: null }, { paybackMonth: null }).payback).toBe('same');
  });

  it('calls fewer budget breach years better', () => {
    expect(directions({ budgetBreachYears: [1, 2] }, { budgetBreachYears: [1] }).breachYears).toBe('better');
    expect(directions({ budgetBreachYears: [] }, { budgetBreachYears: [3] }).breachYears).toBe('worse');
  });

  it('compares real runs: a cheaper licence lowers the TCO and raises the NPV of that option only', () => {
    const cheaper = edited((doc) => {
      const line = doc.options[BUY]!.costLines.find((l) => l.id === 'licence')!;
      if (line.kind !== 'oneTime') throw new Error('expected a one-time line');
      line.amount = 1_000_000;
    });
    const run = (doc: Scenario) => runModel(compileScenario(doc));
    const rows = compareResults(run(base), run(cheaper));
    const buy = rows.find((r) => r.id === 'buy-speech-emr')!;
    expect(buy.direction).toMatchObject({ npv: 'better', tco: 'better', hoursFreed: 'same' });
    for (const r of rows.filter((r) => r.id !== 'buy-speech-emr'))
      expect(Object.values(r.direction).every((d) => d === 'same')).toBe(true);
  });

  it('matches options by id and marks an option in one version only', () => {
    const rows = compareResults(
      result(option({ id: 'a', name: 'A' }), option({ id: 'b', name: 'B' })),
      result(option({ id: 'c', name: 'C' }), option({ id: 'a', name: 'A', npv: 0 })),
    );
    expect(rows.map((r) => [r.id, r.before !== null, r.after !== null])).toEqual([
      ['c', false, true],
      ['a', true, true],
      ['b', true, false],
    ]);
    expect(rows[1]!.direction.npv).toBe('worse');
    expect(rows[0]!.direction.npv).toBe('same');
  });
});
