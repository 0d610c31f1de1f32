import { describe, expect, it } from 'vitest';

import {
  checkMapping,
  guessMeaning,
  parseDate,
  parseMeasure,
  parseNumber,
  parsePhase,
  parseRole,
} from '~/datasets/columns';
import { detectSeparator } from '~/datasets/read-file.server';

describe('numbers as spreadsheets write them', () => {
  it.each([
    ['3.5', 3.5],
    [' 12 ', 12],
    ['1,234', 1234],
    ['12,345.5', 12345.5],
    ['１２．５', 12.5],
    ['12 分钟', 12],
    ['8 min', 8],
    ['1 234', 1234],
    ['.5', 0.5],
    ['-2', -2],
    ['1e3', 1000],
  ])('%s → %s', (raw, value) => expect(parseNumber(raw)).toEqual({ ok: true, value }));

  it('reads a decimal comma only in a semicolon file, and never "1,234" as 1.234', () => {
    expect(parseNumber('12,5', true)).toEqual({ ok: true, value: 12.5 });
    expect(parseNumber('1,234', true)).toEqual({ ok: true, value: 1234 });
    expect(parseNumber('12,5')).toEqual({ ok: false, code: 'badNumber' });
  });

  it.each(['abc', '两分钟', '1.2.3', '1,23,4', '--1', ''])('refuses %j', (raw) =>
    expect(parseNumber(raw).ok).toBe(false),
  );
});

describe('dates in the usual forms', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026.3.5', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['2026-03-05 14:30:00', '2026-03-05'],
    ['20260305', '2026-03-05'],
    ['2026-03', '2026-03-01'],
    ['2025年12月', '2025-12-01'],
    ['46086', '2026-03-05'],
  ])('%s → %s', (raw, iso) => expect(parseDate(raw)).toEqual({ ok: true, value: iso }));

  it.each(['2026/2/30', '2026-13-01', '3/5/2026', 'yesterday', '12345678'])('refuses %j', (raw) =>
    expect(parseDate(raw).ok).toBe(false),
  );
});

describe('phases, roles, measures and headers', () => {
  it('reads baseline and with-AI words in both languages', () => {
    for (const w of ['使用前', '基线', 'Baseline', 'before', '对照组'])
      expect(parsePhase(w)).toEqual({ ok: true, value: 'baseline' });
    for (const w of ['使用后', 'AI辅助', 'with AI', 'After', '试点'])
      expect(parsePhase(w)).toEqual({ ok: true, value: 'withAi' });
    expect(parsePhase('第二周')).toEqual({ ok: false, code: 'unknownPhase' });
  });

  it('reads roles and volume measures', () => {
    expect(parseRole('医生')).toBe('physician');
    expect(parseRole('Nurse')).toBe('nurse');
    expect(parseRole('保安')).toBeNull();
    expect(parseMeasure('门急诊人次')).toBe('outpatientVisits');
    expect(parseMeasure('出院人次')).toBe('discharges');
    expect(parseMeasure('床日')).toBe('inpatientDays');
  });

  it('guesses a column from its header', () => {
    expect(guessMeaning('每任务耗时（分钟）')).toBe('minutes');
    expect(guessMeaning('核对修改时间(分钟)')).toBe('verificationMinutes');
    expect(guessMeaning('使用前耗时(分钟)')).toBe('minutesBaseline');
    expect(guessMeaning('使用后耗时(分钟)')).toBe('minutesWithAi');
    expect(guessMeaning('Minutes per task')).toBe('minutes');
    expect(guessMeaning('科室')).toBe('department');
    expect(guessMeaning('备注')).toBe('ignore');
  });

  it('says what a mapping lacks for timings and for volumes', () => {
    expect(checkMapping(['workflow', 'phase', 'minutes'])).toEqual({ kind: 'observations', missing: [] });
    expect(checkMapping(['minutes'])).toEqual({ kind: 'observations', missing: ['workflow', 'phase'] });
    expect(checkMapping(['workflow', 'minutesBaseline', 'minutesWithAi'])).toEqual({
      kind: 'observations',
      missing: [],
    });
    expect(checkMapping(['count'])).toEqual({ kind: 'volumes', missing: ['date', 'measure'] });
    expect(checkMapping(['department'])).toEqual({ kind: null, missing: ['minutes'] });
  });

  it('detects the separator that splits every line alike, quotes respected', () => {
    expect(detectSeparator('a;b;c\n1;"2;x";3\n')).toBe(';');
    expect(detectSeparator('a\tb\n1,5\t2\n')).toBe('\t');
    expect(detectSeparator('a,b\n"1,5",2\n')).toBe(',');
    expect(detectSeparator('a|b|c\n1|2|3\n')).toBe('|');
  });
});
