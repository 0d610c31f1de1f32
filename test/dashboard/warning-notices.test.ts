/**
 * The engine's warnings on the dashboard: every one the run gives becomes a sentence in the
 * page's language that names the option and the cost line as people wrote them, with the
 * month or year, and no ids or paths.
 */
import { describe, expect, it } from 'vitest';

import { compileScenario, runModel, validateScenario, type Scenario } from '~/engine';
import { warningNotices } from '~/i18n/warnings';

import { baseScenario, option } from '../helpers/scenario';

function validated(doc: unknown): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario;
}

const doc = validated(
  baseScenario({
    options: [
      option('saas-seat', {
        name: { 'zh-CN': '云端订阅', en: 'Cloud subscription' },
        costLines: [
          {
            kind: 'custom',
            id: 'fee-per-ward',
            name: { 'zh-CN': '按病区收费', en: 'Fee per ward' },
            category: 'vendor',
            // Finite for the document's 100 beds; a what-if of 50 beds divides by zero.
            expression: '1000 / (beds - 50) + (month > 18 ? beds - 150 : 0)',
          },
        ],
        funding: [
          {
            kind: 'fixed',
            id: 'grant-1',
            name: 'Provincial grant',
            source: 'grant',
            amount: 5_000_000,
            period: 'once',
          },
        ],
      }),
    ] as never,
  }),
);

describe('warningNotices', () => {
  const model = compileScenario(doc);
  const fiftyBeds = model.params.base.slice();
  fiftyBeds[model.params.index.get('hospital.beds')!] = 50;
  const result = runModel(model, fiftyBeds, { lang: 'en' });

  it('says every warning of the run, grouped by option, kind and line', () => {
    const codes = new Set(result.options[0]!.warnings.map((w) => w.code));
    expect(codes).toEqual(new Set(['expressionNotFinite', 'fundingCapped']));
    expect(warningNotices(result, doc, 'en')).toEqual([
      '“Cloud subscription”: the cost line “Fee per ward” gives no finite amount in 24 month(s) from month 1 (a division by zero, or a number too large); those months count as 0, so the costs shown are too low.',
      '“Cloud subscription”: funding in year 1 is more than that year’s spending; the surplus is not counted.',
    ]);
  });

  it('speaks Chinese on a Chinese page, with no ids', () => {
    const zh = runModel(model, fiftyBeds, { lang: 'zh-CN' });
    const notices = warningNotices(zh, doc, 'zh-CN');
    expect(notices[0]).toBe(
      '「云端订阅」的成本项「按病区收费」自第 1 个月起有 24 个月算不出有限的金额（除以零或数值过大），这些月份按 0 计入，结果偏低。',
    );
    expect(notices[1]).toBe('「云端订阅」在第 1 年的资金来源多于当年的支出，多出的部分未计入。');
    for (const notice of notices) expect(notice).not.toMatch(/fee-per-ward|saas-seat|grant-1|options\./);
  });

  it('names negative amounts from their first month', () => {
    const base = runModel(model, model.params.base, { lang: 'en' });
    expect(warningNotices(base, doc, 'en')[0]).toBe(
      '“Cloud subscription”: the cost line “Fee per ward” gives a negative amount in 6 month(s) from month 19; those months count as 0.',
    );
  });

  it('is empty when the run warns of nothing', () => {
    const plain = validated(baseScenario({ options: [option('a')] as never }));
    expect(warningNotices(runModel(compileScenario(plain)), plain, 'zh-CN')).toEqual([]);
  });
});
