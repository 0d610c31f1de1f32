/**
 * What is wrong in a formula, in both languages: the parser (mathjs) explains a syntax error
 * in English ("Value expected (char 7)"), and a Chinese page must say it in Chinese. Each
 * message the parser writes is matched here and put in words a director reads; one this module
 * does not know keeps the parser's English and says 语法有误 in Chinese. Pure: no I/O.
 */

/** A text in both product languages (a problem parameter the message shows in its own language). */
export interface BothLanguages {
  readonly 'zh-CN': string;
  readonly en: string;
}

const both = (zh: string, en: string): BothLanguages => ({ 'zh-CN': zh, en });

/** mathjs's syntax-error messages (without its "(char N)"), most specific first. */
const SYNTAX: readonly [RegExp, (m: RegExpExecArray) => BothLanguages][] = [
  [
    /^Unexpected end of expression$/,
    () =>
      both(
        '公式在此处提前结束，缺少数值或右括号',
        'the formula ends too early: a value or a closing bracket is missing',
      ),
  ],
  [/^Value expected$/, () => both('此处应为一个数或名称', 'a number or a name is expected here')],
  [/^Parenthesis \) expected$/, () => both('缺少右括号“)”', 'a closing bracket “)” is missing')],
  [
    /^(?:Parenthesis \]|End of matrix \]) expected$/,
    () => both('缺少右方括号“]”', 'a closing “]” is missing'),
  ],
  [
    /^Unexpected operator (.+)$/,
    // mathjs calls any stray sign an operator: ")" too.
    (m) => both(`此处不应出现“${m[1]}”`, `“${m[1]}” is not expected here`),
  ],
  [
    /^Unexpected part "(.*)"$/,
    (m) =>
      both(`多出了“${m[1]}”（前面缺少运算符？）`, `unexpected “${m[1]}” (an operator missing before it?)`),
  ],
  [/^Syntax error in part "(.*)"$/, (m) => both(`无法识别“${m[1]}”`, `“${m[1]}” cannot be read`)],
  [
    /^Digit expected, got "(.*)"$/,
    (m) => both(`数字写法有误：此处应为数字，而不是“${m[1]}”`, `a digit is expected here, not “${m[1]}”`),
  ],
  [/^End of string (.) expected$/, () => both('引号没有成对闭合', 'a quotation mark is not closed')],
  [
    /^False part of conditional expression expected$/,
    () => both('条件写法“? :”缺少“:”后面的部分', 'a condition “? :” lacks the part after “:”'),
  ],
  [
    /^The true-expression of a conditional operator may not be empty$/,
    () => both('条件写法“? :”在“?”后面缺少内容', 'a condition “? :” lacks the part after “?”'),
  ],
  [
    /^Invalid left hand side of assignment operator =$/,
    () => both('公式中不能赋值（“=”）', 'a formula cannot assign (“=”)'),
  ],
  [/^Property name expected after/, () => both('“.”后面缺少名称', 'a name is missing after “.”')],
  [
    /^Column dimensions mismatch/,
    () => both('方括号内的行列不一致', 'the rows inside “[ ]” differ in length'),
  ],
];

/** A syntax error of the parser in both languages. */
export function syntaxErrorInWords(parserMessage: string): BothLanguages {
  const message = parserMessage.replace(/\s*\(char \d+\)\s*$/, '').trim();
  for (const [pattern, words] of SYNTAX) {
    const m = pattern.exec(message);
    if (m) return words(m);
  }
  return both('语法有误', message || 'syntax error');
}

/** What a formula may not contain, in both languages. */
export const NOT_ALLOWED = {
  text: both('文字（引号中的内容）', 'a text'),
  constant: both('这个常量', 'this constant'),
  implicitMultiplication: both(
    '省略的乘号（请在相乘的数之间写 *）',
    'implicit multiplication (write * between factors)',
  ),
  operator: (op: string) => both(`运算符“${op}”`, `the operator "${op}"`),
  fn: (name: string) => both(`函数“${name}”`, `the function "${name}"`),
  call: both('这种调用', 'this call'),
  assignment: both('赋值（“=”）', 'an assignment'),
  statements: both('多条语句（“;”）', 'more than one statement'),
  indexing: both('下标或属性访问', 'indexing or property access'),
  matrix: both('矩阵（“[ ]”）', 'a matrix'),
  object: both('对象（“{ }”）', 'an object'),
  range: both('范围（“:”）', 'a range'),
  other: (type: string) => both(`“${type}”`, `"${type}"`),
} as const;
