/** Hours freed as a person reads them: added work is said as added, never as "freed −576". */
import { describe, expect, it } from 'vitest';

import { fteChange, hoursChange, hoursPhrase, workChangeCell } from '~/i18n/hours';

describe('hours freed or added', () => {
  it('says negative hours freed as hours added, with the amount unsigned', () => {
    expect(hoursChange(-576.4, 'zh-CN')).toEqual({
      direction: 'added',
      label: '增加工时',
      magnitude: 576,
      text: '576',
    });
    expect(hoursChange(32837.2, 'en')).toEqual({
      direction: 'freed',
      label: 'Hours freed',
      magnitude: 32837,
      text: '32,837',
    });
    expect(hoursPhrase(-576.4, 'zh-CN')).toBe('增加工时 576 小时');
    expect(hoursPhrase(-576.4, 'en')).toBe('adds 576 hours');
    expect(hoursPhrase(32837.2, 'zh-CN')).toBe('释放工时 32,837 小时');
    expect(hoursPhrase(32837.2, 'en')).toBe('frees 32,837 hours');
  });

  it('gives an amount that rounds to zero no verb and no minus sign', () => {
    // −0.004 FTE printed to one decimal is 0.0: neither "释放 −0.0" nor "增加 0.0".
    const fte = fteChange(-0.004, 'zh-CN');
    expect(fte).toMatchObject({ direction: 'none', magnitude: 0, text: '0.0' });
    expect(workChangeCell(fte, 'zh-CN')).toBe('0.0');
    expect(fteChange(-0.3, 'en', 2)).toMatchObject({ direction: 'added', label: 'FTE added', text: '0.30' });
  });

  it('writes a table cell under a neutral heading', () => {
    expect(workChangeCell(hoursChange(-576, 'zh-CN'), 'zh-CN')).toBe('增加 576');
    expect(workChangeCell(hoursChange(17634.4, 'zh-CN'), 'zh-CN')).toBe('释放 17,634');
    expect(workChangeCell(hoursChange(-576, 'en'), 'en')).toBe('added 576');
    expect(workChangeCell(fteChange(4.123, 'en', 2), 'en')).toBe('freed 4.12');
  });
});
