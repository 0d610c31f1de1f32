/**
 * The one number parser behind every form: the formats people type in China and in English,
 * refusals by name, messages in both languages, and exact round trips through the input box.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  formatForInput,
  MAX_NUMBER,
  numberProblemMessage,
  parseNumber,
  type NumberKind,
  type NumberProblemCode,
  type ParsedNumber,
} from '~/forms/number';

const KINDS: readonly NumberKind[] = ['money', 'percent', 'count', 'integer', 'decimal', 'minutes'];
const LANGS = ['zh-CN', 'en'] as const;
const CODES: readonly NumberProblemCode[] = [
  'empty',
  'notANumber',
  'hex',
  'binary',
  'octal',
  'exponent',
  'grouping',
  'negative',
  'notWhole',
  'unitNotAllowed',
  'tooLarge',
];

/** The value of an accepted input; throws with the refusal otherwise. */
function valueOf(text: string, kind: NumberKind, options?: { allowNegative?: boolean }): number {
  const result = parseNumber(text, kind, options);
  if (!result.ok) throw new Error(`${JSON.stringify(text)} (${kind}): refused as ${result.code}`);
  return result.value;
}

function codeOf(text: string, kind: NumberKind, options?: { allowNegative?: boolean }): NumberProblemCode {
  const result = parseNumber(text, kind, options);
  if (result.ok) throw new Error(`${JSON.stringify(text)} (${kind}): accepted as ${result.value}`);
  return result.code;
}

/**
 * The oracle for unit shifts, independent of the parser: moves the decimal point of "int.frac"
 * right by `shift` places in the string and returns plain decimal text.
 */
function shiftPoint(int: string, frac: string, shift: number): string {
  const fracPadded = frac.padEnd(shift, '0');
  return `${int}${fracPadded.slice(0, shift)}.${fracPadded.slice(shift) || '0'}`;
}

describe('parseNumber: accepted formats', () => {
  it.each<[string, NumberKind, number]>([
    ['800万', 'money', 8_000_000],
    ['800万元', 'money', 8_000_000],
    ['800 万元', 'money', 8_000_000],
    ['1.2亿', 'money', 120_000_000],
    ['1.2亿元', 'money', 120_000_000],
    ['3,000', 'money', 3000],
    ['3，000', 'money', 3000],
    ['３０００', 'money', 3000],
    ['８００万', 'money', 8_000_000],
    ['１．５万', 'money', 15_000],
    ['1,234,567', 'money', 1_234_567],
    ['1,234,567.89', 'money', 1_234_567.89],
    ['¥3,000', 'money', 3000],
    ['￥3000', 'money', 3000],
    ['¥800万', 'money', 8_000_000],
    ['3000元', 'money', 3000],
    ['3000 元', 'money', 3000],
    ['CNY 3000', 'money', 3000],
    ['RMB 3000', 'money', 3000],
    ['rmb3000', 'money', 3000],
    ['3000 CNY', 'money', 3000],
    ['3000 RMB', 'money', 3000],
    ['  3000  ', 'money', 3000],
    ['\u30003000\u3000', 'money', 3000],
    ['+3', 'money', 3],
    ['0', 'money', 0],
    ['.5', 'money', 0.5],
    ['5.', 'money', 5],
    ['007', 'money', 7],
    ['1.15万', 'money', 11_500],
    ['12.0698万', 'money', 120_698],
    ['0.0001万', 'money', 1],
    ['15%', 'percent', 0.15],
    ['15％', 'percent', 0.15],
    ['15 %', 'percent', 0.15],
    ['15', 'percent', 0.15],
    ['0.15', 'percent', 0.0015],
    ['0.07%', 'percent', 0.0007],
    ['7%', 'percent', 0.07],
    ['100%', 'percent', 1],
    ['19.5万', 'count', 195_000],
    ['2亿', 'count', 200_000_000],
    ['1,500.5', 'count', 1500.5],
    ['3,000', 'integer', 3000],
    ['３万', 'integer', 30_000],
    ['1.5万', 'integer', 15_000],
    ['3.0', 'integer', 3],
    ['2亿', 'integer', 200_000_000],
    ['-3', 'decimal', -3],
    ['−3', 'decimal', -3],
    ['－3', 'decimal', -3],
    ['+3', 'decimal', 3],
    ['-0.5', 'decimal', -0.5],
    ['12', 'minutes', 12],
    ['12 分钟', 'minutes', 12],
    ['12分钟', 'minutes', 12],
    ['12分', 'minutes', 12],
    ['12 min', 'minutes', 12],
    ['12 mins', 'minutes', 12],
    ['12 minute', 'minutes', 12],
    ['12 minutes', 'minutes', 12],
    ['12 MIN', 'minutes', 12],
    ['1.5 小时', 'minutes', 90],
    ['1.5个小时', 'minutes', 90],
    ['2h', 'minutes', 120],
    ['2 hours', 'minutes', 120],
    ['0.1 h', 'minutes', 6],
    ['0.7 hour', 'minutes', 42],
    ['2.5 min', 'minutes', 2.5],
  ])('%s as %s is %d', (text, kind, expected) => {
    expect(valueOf(text, kind)).toBe(expected);
  });

  it('negative values where allowed, with either minus sign and before or after the currency sign', () => {
    expect(valueOf('-3', 'money', { allowNegative: true })).toBe(-3);
    expect(valueOf('−3', 'money', { allowNegative: true })).toBe(-3);
    expect(valueOf('-¥3,000', 'money', { allowNegative: true })).toBe(-3000);
    expect(valueOf('¥-3,000', 'money', { allowNegative: true })).toBe(-3000);
    expect(valueOf('−2%', 'percent', { allowNegative: true })).toBe(-0.02);
    expect(valueOf('-5', 'minutes', { allowNegative: true })).toBe(-5);
    expect(valueOf('-12', 'integer', { allowNegative: true })).toBe(-12);
  });

  it('"-0" is zero, never negative zero, and is not refused as negative', () => {
    expect(Object.is(valueOf('-0', 'money'), 0)).toBe(true);
    expect(Object.is(valueOf('-0', 'decimal'), 0)).toBe(true);
  });

  it('is exact where float multiplication is not', () => {
    // 1.15 * 10000 === 11499.999999999998 and 0.07 / 100 === 0.0007000000000000001.
    expect(valueOf('1.15万', 'money')).toBe(11_500);
    expect(valueOf('0.07%', 'percent')).toBe(0.0007);
    expect(valueOf('12.0698万', 'money')).toBe(120_698);
    expect(valueOf('0.57亿', 'money')).toBe(57_000_000);
    expect(valueOf('1.005万', 'count')).toBe(10_050);
    expect(valueOf('0.7 h', 'minutes')).toBe(42);
    expect(valueOf('14.65%', 'percent')).toBe(0.1465);
  });

  it('echoes a bare percentage that may have been meant as a fraction, and only that', () => {
    expect(parseNumber('0.15', 'percent')).toEqual({ ok: true, value: 0.0015, echo: '0.15%' });
    expect(parseNumber('1', 'percent')).toEqual({ ok: true, value: 0.01, echo: '1%' });
    expect(parseNumber('-0.5', 'percent', { allowNegative: true })).toEqual({
      ok: true,
      value: -0.005,
      echo: '-0.5%',
    });
    expect(parseNumber('15%', 'percent')).toEqual({ ok: true, value: 0.15 });
    expect(parseNumber('0.15%', 'percent')).toEqual({ ok: true, value: 0.0015 });
    expect(parseNumber('15', 'percent')).toEqual({ ok: true, value: 0.15 });
    expect(parseNumber('0', 'percent')).toEqual({ ok: true, value: 0 });
    expect(parseNumber('800万', 'money')).toEqual({ ok: true, value: 8_000_000 });
  });

  it('takes the limit itself but not more', () => {
    expect(valueOf('1,000,000,000,000', 'money')).toBe(MAX_NUMBER);
    expect(valueOf('10000亿', 'money')).toBe(MAX_NUMBER);
    expect(valueOf('-1000000000000', 'decimal')).toBe(-MAX_NUMBER);
  });
});

describe('parseNumber: refusals by name', () => {
  it.each<[string, NumberKind, NumberProblemCode]>([
    ['', 'money', 'empty'],
    ['   ', 'money', 'empty'],
    ['\u3000', 'count', 'empty'],
    ['0x1F', 'money', 'hex'],
    ['0X1f', 'decimal', 'hex'],
    ['-0x10', 'decimal', 'hex'],
    ['0b101', 'integer', 'binary'],
    ['0o17', 'integer', 'octal'],
    ['1e3', 'money', 'exponent'],
    ['1E3', 'count', 'exponent'],
    ['2.5e-3', 'decimal', 'exponent'],
    ['1e+6', 'percent', 'exponent'],
    ['Infinity', 'decimal', 'notANumber'],
    ['-Infinity', 'decimal', 'notANumber'],
    ['NaN', 'decimal', 'notANumber'],
    ['abc', 'money', 'notANumber'],
    ['八百万', 'money', 'notANumber'],
    ['1.2.3', 'decimal', 'notANumber'],
    ['.', 'decimal', 'notANumber'],
    ['万', 'money', 'notANumber'],
    ['¥', 'money', 'notANumber'],
    ['--3', 'decimal', 'notANumber'],
    ['3-', 'decimal', 'notANumber'],
    ['3 000', 'money', 'notANumber'],
    ['12 apples', 'count', 'notANumber'],
    ['1,23', 'money', 'grouping'],
    ['12,34', 'money', 'grouping'],
    ['1,2345', 'money', 'grouping'],
    ['1,,000', 'money', 'grouping'],
    ['0,123', 'money', 'grouping'],
    ['1,234,56', 'count', 'grouping'],
    ['-3', 'money', 'negative'],
    ['−3', 'money', 'negative'],
    ['-3', 'count', 'negative'],
    ['-3', 'integer', 'negative'],
    ['-3', 'minutes', 'negative'],
    ['−2%', 'percent', 'negative'],
    ['3.5', 'integer', 'notWhole'],
    ['1.00001万', 'integer', 'notWhole'],
    ['1.00000000000000000001', 'integer', 'notWhole'],
    ['1000000000000.5', 'decimal', 'tooLarge'],
    ['1000000000001', 'money', 'tooLarge'],
    ['10001亿', 'money', 'tooLarge'],
    ['1' + '0'.repeat(400), 'decimal', 'tooLarge'],
  ])('%j as %s is refused: %s', (text, kind, code) => {
    expect(codeOf(text, kind)).toBe(code);
  });

  it.each<[string, NumberKind, string]>([
    ['12 分钟', 'money', '分钟'],
    ['12分', 'money', '分'],
    ['800万', 'percent', '万'],
    ['15%', 'money', '%'],
    ['15%', 'count', '%'],
    ['15%', 'decimal', '%'],
    ['3 万', 'decimal', '万'],
    ['3000元', 'count', '元'],
    ['800万元', 'count', '元'],
    ['¥3000', 'integer', '¥'],
    ['CNY 3000', 'percent', 'CNY'],
    ['2 h', 'money', 'h'],
    ['3万', 'minutes', '万'],
    ['12 min', 'percent', 'min'],
    ['$3000', 'money', '$'],
    ['3000 USD', 'money', 'USD'],
  ])('%j as %s: the unit %j is not allowed', (text, kind, unit) => {
    expect(parseNumber(text, kind)).toEqual({ ok: false, code: 'unitNotAllowed', params: { unit } });
  });

  it('the decimal kind takes negatives unless told not to', () => {
    expect(codeOf('-3', 'decimal', { allowNegative: false })).toBe('negative');
  });

  it('a unit that does not fit is named before a negative sign is', () => {
    expect(codeOf('-15%', 'money')).toBe('unitNotAllowed');
  });

  it('tooLarge names the limit', () => {
    expect(parseNumber('2万亿', 'money')).toMatchObject({ ok: false });
    const result = parseNumber('1000000000001', 'money');
    expect(result).toEqual({ ok: false, code: 'tooLarge', params: { max: MAX_NUMBER } });
  });
});

describe('numberProblemMessage', () => {
  const PARAMS: Record<NumberProblemCode, Record<string, string | number>> = {
    empty: {},
    notANumber: {},
    hex: {},
    binary: {},
    octal: {},
    exponent: {},
    grouping: {},
    negative: {},
    notWhole: {},
    unitNotAllowed: { unit: '分钟' },
    tooLarge: { max: MAX_NUMBER },
  };

  it.each(CODES)('%s: non-empty in both languages, and different', (code) => {
    const zh = numberProblemMessage(code, PARAMS[code], 'zh-CN');
    const en = numberProblemMessage(code, PARAMS[code], 'en');
    expect(zh.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(zh).not.toBe(en);
    expect(zh).not.toMatch(/undefined|NaN|\{/);
    expect(en).not.toMatch(/undefined|NaN|\{/);
  });

  it('says the words the spec asks for', () => {
    expect(numberProblemMessage('exponent', {}, 'zh-CN')).toBe('不支持科学计数法（如 1e3），请直接写 1000');
    expect(numberProblemMessage('exponent', {}, 'en')).toBe(
      'Scientific notation such as 1e3 is not accepted; write 1000',
    );
    expect(numberProblemMessage('hex', {}, 'zh-CN')).toBe('看起来是十六进制数（0x…），请填写普通数字');
    expect(numberProblemMessage('grouping', {}, 'zh-CN')).toBe('千位分隔符位置不对（应为 1,234,567）');
    expect(numberProblemMessage('unitNotAllowed', { unit: '分钟' }, 'zh-CN')).toBe('此处不能用单位「分钟」');
    expect(numberProblemMessage('unitNotAllowed', { unit: '%' }, 'en')).toContain('%');
    expect(numberProblemMessage('notWhole', {}, 'zh-CN')).toBe('应为整数');
    expect(numberProblemMessage('negative', {}, 'zh-CN')).toBe('不能为负数');
    expect(numberProblemMessage('empty', {}, 'zh-CN')).toBe('必填');
    expect(numberProblemMessage('notANumber', {}, 'zh-CN')).toBe('请填写数字，如 800万、15%、3,000');
    expect(numberProblemMessage('tooLarge', { max: MAX_NUMBER }, 'zh-CN')).toContain('1万亿');
    expect(numberProblemMessage('tooLarge', { max: MAX_NUMBER }, 'en')).toContain('1,000,000,000,000');
  });

  it('every message is short', () => {
    for (const code of CODES) {
      for (const lang of LANGS) {
        expect(numberProblemMessage(code, { unit: 'min', max: MAX_NUMBER }, lang).length).toBeLessThan(80);
      }
    }
  });
});

describe('formatForInput', () => {
  it.each<[number, NumberKind, 'zh-CN' | 'en', string]>([
    [8_000_000, 'money', 'zh-CN', '800万'],
    [120_698, 'money', 'zh-CN', '12.0698万'],
    [5000, 'money', 'zh-CN', '5000'],
    [10_000, 'money', 'zh-CN', '1万'],
    [120_000_000, 'money', 'zh-CN', '12000万'],
    [12_345.67, 'money', 'zh-CN', '12345.67'],
    [8_000_000, 'money', 'en', '8,000,000'],
    [1_234_567.89, 'money', 'en', '1,234,567.89'],
    [999, 'money', 'en', '999'],
    [0, 'money', 'en', '0'],
    [-80_000, 'money', 'zh-CN', '-8万'],
    [-80_000, 'money', 'en', '-80,000'],
    [0.15, 'percent', 'zh-CN', '15%'],
    [0.0015, 'percent', 'en', '0.15%'],
    [0.07, 'percent', 'en', '7%'],
    [0.0007, 'percent', 'zh-CN', '0.07%'],
    [0.1465, 'percent', 'en', '14.65%'],
    [-0.02, 'percent', 'en', '-2%'],
    [1e-7, 'percent', 'en', '0.00001%'],
    [195_000, 'count', 'en', '195,000'],
    [195_000, 'count', 'zh-CN', '19.5万'],
    [1500.5, 'count', 'en', '1,500.5'],
    [3000, 'integer', 'en', '3,000'],
    [3000, 'integer', 'zh-CN', '3000'],
    [30_000, 'integer', 'zh-CN', '3万'],
    [12, 'minutes', 'en', '12'],
    [12, 'minutes', 'zh-CN', '12'],
    [1e21, 'decimal', 'en', '1000000000000000000000'],
    [-0.5, 'decimal', 'en', '-0.5'],
    [-0, 'decimal', 'en', '0'],
    [Number.NaN, 'decimal', 'en', ''],
    [Number.POSITIVE_INFINITY, 'money', 'zh-CN', ''],
  ])('%d as %s in %s is %j', (value, kind, lang, expected) => {
    expect(formatForInput(value, kind, lang)).toBe(expected);
  });

  it('never writes exponent notation', () => {
    expect(formatForInput(5e-324, 'decimal', 'en')).toBe(`0.${'0'.repeat(323)}5`);
    expect(formatForInput(1.5e-7, 'money', 'zh-CN')).toBe('0.00000015');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const finite = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true }).filter((v) => !Object.is(v, -0));
/** Doubles of every size, plus the round and "typed" values people actually store. */
const nonNegative = fc.oneof(
  finite(0, MAX_NUMBER),
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100),
  fc.integer({ min: 0, max: 100_000 }).map((n) => n / 10_000),
);
const wholeNonNegative = fc.oneof(
  fc.integer({ min: 0, max: 2_147_483_647 }),
  finite(0, MAX_NUMBER).map(Math.floor),
  fc.integer({ min: 0, max: 100_000_000 }).map((n) => n * 10_000),
);
const percentValue = fc.oneof(
  finite(-10, 10),
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 10_000),
);

const ROUND_TRIP: readonly [NumberKind, fc.Arbitrary<number>, boolean][] = [
  ['money', nonNegative, false],
  ['count', nonNegative, false],
  ['minutes', nonNegative, false],
  ['integer', wholeNonNegative, false],
  ['percent', percentValue, true],
  ['decimal', fc.oneof(finite(-MAX_NUMBER, MAX_NUMBER), finite(-1, 1)), true],
];

function expectExact(result: ParsedNumber, value: number, label: string): void {
  if (!result.ok) throw new Error(`${label}: refused as ${result.code}`);
  if (!Object.is(result.value, value)) throw new Error(`${label}: read back ${result.value}, not ${value}`);
}

describe('properties', () => {
  it.each(ROUND_TRIP.flatMap(([kind, arb, neg]) => LANGS.map((lang) => [kind, lang, arb, neg] as const)))(
    'round trip: parseNumber(formatForInput(v, %s, %s)) === v',
    (kind, lang, arb, allowNegative) => {
      fc.assert(
        fc.property(arb, (v) => {
          const text = formatForInput(v, kind, lang);
          const result = parseNumber(text, kind, { allowNegative });
          expectExact(result, v, `${v} → ${JSON.stringify(text)}`);
          // The box's own text never needs an echo.
          expect(result.ok && result.echo).toBeFalsy();
        }),
        { numRuns: 400 },
      );
    },
    20_000,
  );

  it('万 and 亿: the value is Number of the decimal string with the point moved', () => {
    const arb = fc.record({
      int: fc.stringMatching(/^[0-9]{1,13}$/),
      frac: fc.stringMatching(/^[0-9]{0,12}$/),
      unit: fc.constantFrom('万', '亿', '万元', '亿元'),
      negative: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ int, frac, unit, negative }) => {
        const shift = unit.startsWith('万') ? 4 : 8;
        const text = `${negative ? '-' : ''}${int}${frac ? '.' + frac : ''}${unit}`;
        const expected = Number(`${negative ? '-' : ''}${shiftPoint(int, frac, shift)}`);
        const result = parseNumber(text, 'money', { allowNegative: true });
        if (Math.abs(expected) > MAX_NUMBER) {
          expect(result).toMatchObject({ ok: false, code: 'tooLarge' });
        } else {
          expectExact(result, expected === 0 ? 0 : expected, text);
          if (!unit.endsWith('元') && !negative) expectExact(parseNumber(text, 'count'), expected, text);
        }
      }),
      { numRuns: 1000 },
    );
  }, 20_000);

  it('percent: the value is Number of the decimal string with the point moved left by two', () => {
    const arb = fc.record({
      int: fc.stringMatching(/^[0-9]{1,6}$/),
      frac: fc.stringMatching(/^[0-9]{0,10}$/),
    });
    fc.assert(
      fc.property(arb, ({ int, frac }) => {
        const digits = int.padStart(3, '0');
        const expected = Number(`${digits.slice(0, -2)}.${digits.slice(-2)}${frac}`);
        expectExact(parseNumber(`${int}${frac ? '.' + frac : ''}%`, 'percent'), expected, `${int}.${frac}%`);
      }),
      { numRuns: 500 },
    );
  }, 20_000);

  const PIECES = [
    '0',
    '1',
    '5',
    '9',
    '８',
    '.',
    '．',
    ',',
    '，',
    ' ',
    '\u3000',
    '-',
    '−',
    '+',
    'e',
    'E',
    'x',
    'b',
    'o',
    '万',
    '亿',
    '元',
    '%',
    '％',
    '¥',
    '￥',
    '$',
    '分钟',
    '分',
    'min',
    'h',
    '小时',
    'CNY',
    'RMB',
    '八',
    '\u200b',
  ];
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join('')),
  );

  it('no text ever throws: parseNumber returns a value or a known code with a message', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...KINDS), fc.boolean(), (text, kind, allowNegative) => {
        const result = parseNumber(text, kind, { allowNegative });
        if (result.ok) {
          expect(Number.isFinite(result.value)).toBe(true);
          expect(Math.abs(result.value)).toBeLessThanOrEqual(MAX_NUMBER);
          if (!allowNegative) expect(result.value).toBeGreaterThanOrEqual(0);
          if (kind === 'integer') expect(Number.isInteger(result.value)).toBe(true);
        } else {
          expect(CODES).toContain(result.code);
          for (const lang of LANGS)
            expect(numberProblemMessage(result.code, result.params, lang)).not.toBe('');
        }
      }),
      { numRuns: 2000 },
    );
  }, 20_000);
});
