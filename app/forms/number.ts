/**
 * One number parser for every form of the app.
 *
 * People type numbers the way they write them in China and in English: "800万", "1.2亿元",
 * "３，０００", "¥3,000", "15%", "12 分钟", "1.5 小时". The parser turns such text into an
 * exact number or refuses it with a reason code; `numberProblemMessage` words the reason for a
 * hospital director in either language, and `formatForInput` writes a stored value back so that
 * parsing it gives the very same number.
 *
 * Exactness: the digits the user typed are never multiplied as floats. Units shift the decimal
 * point of the digit string (万 = ×10^4, 亿 = ×10^8, % = ×10^-2) and the result is converted
 * once, with Number(`${digits}e${exponent}`), so "1.15万" is 11500 and "0.07%" is 0.0007 exactly.
 *
 * Pure: no React, no Node APIs, no clock; runs in the browser and on the server alike.
 */

export type NumberKind = 'money' | 'percent' | 'count' | 'integer' | 'decimal' | 'minutes';

export type NumberProblemCode =
  | 'empty'
  | 'notANumber'
  | 'hex'
  | 'binary'
  | 'octal'
  | 'exponent'
  | 'grouping'
  | 'negative'
  | 'notWhole'
  | 'unitNotAllowed'
  | 'tooLarge';

export type ParsedNumber =
  | {
      ok: true;
      value: number;
      /** how the value reads back, when it may surprise: "0.15%" */
      echo?: string;
    }
  | { ok: false; code: NumberProblemCode; params: Record<string, string | number> };

export type NumberLang = 'zh-CN' | 'en';

/** The largest magnitude a form accepts (after units): 1 万亿. */
export const MAX_NUMBER = 1e12;

// ---------------------------------------------------------------------------------------------
// Units

/** What a unit does; each kind admits some roles (KIND_ROLES). */
type UnitRole = 'currency' | 'scale' | 'percent' | 'minutes' | 'hours' | 'foreignCurrency';

interface UnitDef {
  readonly text: string;
  readonly role: UnitRole;
  /** Power of ten the unit multiplies by (scale and percent units). */
  readonly exp?: number;
}

/** Before the number: "¥3,000", "CNY 3000". Foreign currencies are recognised only to be refused. */
const PREFIX_UNITS: readonly UnitDef[] = [
  { text: '¥', role: 'currency' },
  { text: 'CNY', role: 'currency' },
  { text: 'RMB', role: 'currency' },
  { text: 'US$', role: 'foreignCurrency' },
  { text: 'USD', role: 'foreignCurrency' },
  { text: '$', role: 'foreignCurrency' },
];

/** Right after the number: "800万", "1.2亿元". */
const SCALE_UNITS: readonly UnitDef[] = [
  { text: '万', role: 'scale', exp: 4 },
  { text: '亿', role: 'scale', exp: 8 },
];

/** Last: "元", "%", "分钟", "h". Longest first, so that "minutes" wins over "min". */
const SUFFIX_UNITS: readonly UnitDef[] = (
  [
    { text: '元', role: 'currency' },
    { text: 'CNY', role: 'currency' },
    { text: 'RMB', role: 'currency' },
    { text: 'USD', role: 'foreignCurrency' },
    { text: '$', role: 'foreignCurrency' },
    { text: '%', role: 'percent' },
    { text: '分钟', role: 'minutes' },
    { text: '分', role: 'minutes' },
    { text: 'minutes', role: 'minutes' },
    { text: 'minute', role: 'minutes' },
    { text: 'mins', role: 'minutes' },
    { text: 'min', role: 'minutes' },
    { text: '个小时', role: 'hours' },
    { text: '小时', role: 'hours' },
    { text: 'hours', role: 'hours' },
    { text: 'hour', role: 'hours' },
    { text: 'hrs', role: 'hours' },
    { text: 'hr', role: 'hours' },
    { text: 'h', role: 'hours' },
  ] satisfies UnitDef[]
).sort((a, b) => b.text.length - a.text.length);

const KIND_ROLES: Record<NumberKind, readonly UnitRole[]> = {
  money: ['currency', 'scale'],
  percent: ['percent'],
  count: ['scale'],
  integer: ['scale'],
  decimal: [],
  minutes: ['minutes', 'hours'],
};

/** The unit of `list` that `s` spells at `pos` (Latin letters in any case), if any. */
function matchUnit(s: string, pos: number, list: readonly UnitDef[]): { def: UnitDef; typed: string } | null {
  for (const def of list) {
    const typed = s.slice(pos, pos + def.text.length);
    if (typed.toLowerCase() === def.text.toLowerCase()) return { def, typed };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Exact decimals: digits × 10^exp

interface Decimal {
  negative: boolean;
  /** ASCII digits, possibly with leading or trailing zeros; never empty. */
  digits: string;
  exp: number;
}

/** The exact decimal that String(v) spells: the shortest digits that read back as v. */
function decimalOf(value: number): Decimal {
  const text = String(Math.abs(value));
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) throw new Error(`decimalOf: not a finite number: ${text}`);
  const frac = m[2] ?? '';
  return { negative: value < 0, digits: m[1]! + frac, exp: Number(m[3] ?? 0) - frac.length };
}

/** digits × 10^exp in plain notation, without exponent, leading or trailing zeros: "12.0698". */
function plainDecimal(digits: string, exp: number): string {
  let d = digits.replace(/^0+/, '');
  if (d === '') return '0';
  const trailing = d.length - d.replace(/0+$/, '').length;
  d = d.slice(0, d.length - trailing);
  exp += trailing;
  if (exp >= 0) return d + '0'.repeat(exp);
  const point = d.length + exp;
  return point > 0 ? `${d.slice(0, point)}.${d.slice(point)}` : `0.${'0'.repeat(-point)}${d}`;
}

/** Whether digits × 10^exp is a whole number, decided on the digits (no rounding). */
function isWholeDecimal(digits: string, exp: number): boolean {
  if (exp >= 0) return true;
  return /^0*$/.test(digits.slice(Math.max(0, digits.length + exp)));
}

/** "1234567.5" → "1,234,567.5" */
function groupThousands(plain: string): string {
  const [int = '', frac] = plain.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

// ---------------------------------------------------------------------------------------------
// Parsing

const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

/**
 * Full-width ASCII (digits, ，．％＋－ and letters) to ASCII, ￥ to ¥, the minus signs to "-",
 * zero-width characters dropped (they come with pasted text); then trimmed.
 */
function normalize(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0xffe5) out += '¥';
    else if (c === 0x2212 || c === 0xfe63) out += '-';
    else if (!ZERO_WIDTH.has(c)) out += ch;
  }
  return out.trim();
}

function fail(code: NumberProblemCode, params: Record<string, string | number> = {}): ParsedNumber {
  return { ok: false, code, params };
}

/** Thousands separators: a first group of one to three digits, then groups of exactly three. */
const GROUPED = /^[1-9]\d{0,2}(?:,\d{3})+$/;

/**
 * Parses what a user typed into a field of the given kind.
 *
 * Refusals are checked in this order: empty; hex, binary, octal, exponent; anything else that
 * is not a number; misplaced thousands separators; a unit the kind does not take; negative;
 * not whole (kind 'integer'); magnitude above MAX_NUMBER.
 */
export function parseNumber(
  text: string,
  kind: NumberKind,
  options?: { allowNegative?: boolean },
): ParsedNumber {
  const s = normalize(typeof text === 'string' ? text : '');
  if (s === '') return fail('empty');
  const allowNegative = options?.allowNegative ?? kind === 'decimal';

  let pos = 0;
  const skipSpaces = () => {
    while (pos < s.length && /\s/.test(s[pos]!)) pos++;
  };
  let signSeen = false;
  let negative = false;
  /** A sign may stand before or after a currency prefix: "-¥3000", "¥-3000". */
  const readSign = () => {
    const ch = s[pos];
    if (signSeen || (ch !== '+' && ch !== '-')) return;
    signSeen = true;
    negative = ch === '-';
    pos++;
    skipSpaces();
  };

  readSign();
  const prefix = matchUnit(s, pos, PREFIX_UNITS);
  if (prefix) {
    pos += prefix.typed.length;
    skipSpaces();
  }
  readSign();

  const rest = s.slice(pos);
  if (/^0x[0-9a-f]/i.test(rest)) return fail('hex');
  if (/^0b[01]/i.test(rest)) return fail('binary');
  if (/^0o[0-7]/i.test(rest)) return fail('octal');

  const number = /^(\d[\d,]*)?(?:\.(\d*))?/.exec(rest)!;
  const intRaw = number[1] ?? '';
  const frac = number[2] ?? '';
  if (intRaw === '' && frac === '') return fail('notANumber');
  pos += number[0].length;
  if (/^e[+-]?\d/i.test(s.slice(pos))) return fail('exponent');

  skipSpaces();
  const scale = matchUnit(s, pos, SCALE_UNITS);
  if (scale) {
    pos += scale.typed.length;
    skipSpaces();
  }
  const suffix = matchUnit(s, pos, SUFFIX_UNITS);
  if (suffix) {
    pos += suffix.typed.length;
    skipSpaces();
  }
  if (pos !== s.length) return fail('notANumber');

  if (intRaw.includes(',') && !GROUPED.test(intRaw)) return fail('grouping');

  const roles = KIND_ROLES[kind];
  for (const unit of [prefix, scale, suffix]) {
    if (unit && !roles.includes(unit.def.role)) return fail('unitNotAllowed', { unit: unit.typed });
  }

  let digits = intRaw.replace(/,/g, '') + frac;
  let exp = -frac.length + (scale?.def.exp ?? 0);
  const typedExp = exp;
  if (kind === 'percent') exp -= 2;
  if (suffix?.def.role === 'hours') digits = (BigInt(digits) * 60n).toString();

  const nonZero = /[1-9]/.test(digits);
  if (negative && nonZero && !allowNegative) return fail('negative');
  if (kind === 'integer' && !isWholeDecimal(digits, exp)) return fail('notWhole');

  const magnitude = Number(`${digits}e${exp}`);
  if (!(magnitude <= MAX_NUMBER)) return fail('tooLarge', { max: MAX_NUMBER });
  // Never -0: "-0" is zero.
  const value = negative && nonZero ? -magnitude : magnitude;

  // A bare number in a percent field is a percentage; when it is at most 1 the user may have
  // meant a fraction ("0.15" for 15 %), so say how it was read.
  if (kind === 'percent' && !suffix && nonZero && Number(`${digits}e${typedExp}`) <= 1) {
    return { ok: true, value, echo: formatForInput(value, 'percent', 'en') };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------
// Messages

type Messages = Record<NumberProblemCode, (params: Record<string, string | number>) => string>;

/** 1e12 → "1万亿", 3e8 → "3亿", 50000 → "5万"; otherwise plain digits. */
function zhLarge(n: number): string {
  if (n >= 1e12 && n % 1e12 === 0) return `${n / 1e12}万亿`;
  if (n >= 1e8 && n % 1e8 === 0) return `${n / 1e8}亿`;
  if (n >= 1e4 && n % 1e4 === 0) return `${n / 1e4}万`;
  return String(n);
}

const MESSAGES: Record<NumberLang, Messages> = {
  'zh-CN': {
    empty: () => '必填',
    notANumber: () => '请填写数字，如 800万、15%、3,000',
    hex: () => '看起来是十六进制数（0x…），请填写普通数字',
    binary: () => '看起来是二进制数（0b…），请填写普通数字',
    octal: () => '看起来是八进制数（0o…），请填写普通数字',
    exponent: () => '不支持科学计数法（如 1e3），请直接写 1000',
    grouping: () => '千位分隔符位置不对（应为 1,234,567）',
    negative: () => '不能为负数',
    notWhole: () => '应为整数',
    unitNotAllowed: (p) => `此处不能用单位「${p.unit ?? ''}」`,
    tooLarge: (p) => `数值过大（上限为 ${zhLarge(Number(p.max ?? MAX_NUMBER))}）`,
  },
  en: {
    empty: () => 'Required',
    notANumber: () => 'Enter a number, such as 3,000 or 15%',
    hex: () => 'This looks like a hexadecimal number (0x…); enter an ordinary number',
    binary: () => 'This looks like a binary number (0b…); enter an ordinary number',
    octal: () => 'This looks like an octal number (0o…); enter an ordinary number',
    exponent: () => 'Scientific notation such as 1e3 is not accepted; write 1000',
    grouping: () => 'Thousands separators are misplaced (write 1,234,567)',
    negative: () => 'Cannot be negative',
    notWhole: () => 'Must be a whole number',
    unitNotAllowed: (p) => `The unit “${p.unit ?? ''}” cannot be used here`,
    tooLarge: (p) =>
      `Too large (the limit is ${groupThousands(plainDecimal(String(p.max ?? MAX_NUMBER), 0))})`,
  },
};

/** A short message for a refusal, in plain words. */
export function numberProblemMessage(
  code: NumberProblemCode,
  params: Record<string, string | number>,
  lang: NumberLang,
): string {
  return MESSAGES[lang][code](params);
}

// ---------------------------------------------------------------------------------------------
// Formatting

/**
 * The value as the input box shows it, so that parseNumber(formatForInput(v, kind, lang), kind)
 * === v exactly (with allowNegative for negative values where the kind needs it). Digits come
 * from String(v), the shortest that read back as v, and are only shifted, never recomputed.
 * Never uses exponent notation. A non-finite value gives "" (an empty box).
 */
export function formatForInput(value: number, kind: NumberKind, lang: NumberLang): string {
  if (!Number.isFinite(value)) return '';
  const { negative, digits, exp } = decimalOf(value);
  const sign = negative ? '-' : '';
  switch (kind) {
    case 'percent':
      return `${sign}${plainDecimal(digits, exp + 2)}%`;
    case 'minutes':
    case 'decimal':
      return sign + plainDecimal(digits, exp);
    case 'money':
    case 'count':
    case 'integer':
      if (lang === 'en') return sign + groupThousands(plainDecimal(digits, exp));
      // 万 for whole amounts from 1万 on: at most four decimals, "12.0698万".
      if (Math.abs(value) >= 1e4 && isWholeDecimal(digits, exp)) {
        return `${sign}${plainDecimal(digits, exp - 4)}万`;
      }
      return sign + plainDecimal(digits, exp);
  }
}
