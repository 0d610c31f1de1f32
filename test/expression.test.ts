/**
 * Custom cost expressions: a whitelisted subset of mathjs syntax compiled into closures over
 * a vector of variables. Anything outside the whitelist is refused at compile time, so it
 * never runs.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';

import { compileExpression, MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from '~/engine/expression';
import { compileAstColumns, type ExprAst } from '~/engine/expression-ast';
import { syntaxErrorInWords } from '~/engine/expression-messages';
import { problemMessage } from '~/engine/problems';

import { referenceEvaluate } from './helpers/reference-expression';

/** Compiles over the given variables and evaluates with the given values. */
function evaluate(source: string, vars: Record<string, number> = {}): number {
  const names = Object.keys(vars);
  const result = compileExpression(source, names);
  if (!result.ok) throw new Error(`${source}: ${JSON.stringify(result.problem)}`);
  return result.expression.evaluate(Float64Array.from(names.map((n) => vars[n] ?? NaN)));
}

function problemOf(source: string, variables: readonly string[] = []) {
  const result = compileExpression(source, variables);
  if (result.ok) throw new Error(`${source}: expected to be refused`);
  return result.problem;
}

describe('compileExpression: what it computes', () => {
  it.each([
    ['1 + 2', 3],
    ['7 - 10', -3],
    ['6 * 7', 42],
    ['10 / 4', 2.5],
    ['2 ^ 10', 1024],
    ['7 mod 3', 1],
    ['-7 mod 3', 2],
    ['-3', -3],
    ['+3', 3],
    ['1.5e3', 1500],
  ])('arithmetic: %s = %d', (source, expected) => {
    expect(evaluate(source)).toBe(expected);
  });

  it.each([
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    ['2 * 3 ^ 2', 18],
    ['2 ^ 3 ^ 2', 512],
    ['-2 ^ 2', -4],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 5', 2],
    ['1 + 2 > 2', 1],
    ['((1 + 2) * (3 + 4))', 21],
  ])('precedence: %s = %d', (source, expected) => {
    expect(evaluate(source)).toBe(expected);
  });

  it.each([
    ['3 > 2', 1],
    ['2 > 3', 0],
    ['2 < 3', 1],
    ['3 >= 3', 1],
    ['3 <= 2', 0],
    ['1 == 1', 1],
    ['1 == 2', 0],
    ['1 != 2', 1],
    ['1 and 0', 0],
    ['1 and 2', 1],
    ['0 or 3', 1],
    ['0 or 0', 0],
    ['not 0', 1],
    ['not 5', 0],
    ['true', 1],
    ['false', 0],
  ])('comparison and logic: %s = %d', (source, expected) => {
    expect(evaluate(source)).toBe(expected);
  });

  it.each([
    ['x > 1 ? 10 : 20', 2, 10],
    ['x > 1 ? 10 : 20', 1, 20],
    ['if(x > 1, 10, 20)', 2, 10],
    ['if(x > 1, 10, 20)', 0, 20],
    ['x < 1 ? 1 : x < 2 ? 2 : 3', 1.5, 2],
    ['x < 1 ? 1 : x < 2 ? 2 : 3', 5, 3],
    ['if(x, 1, 0)', 0, 0],
    ['if(x, 1, 0)', -1, 1],
  ])('conditional: %s with x = %d gives %d', (source, x, expected) => {
    expect(evaluate(source, { x })).toBe(expected);
  });

  it('gives the taken branch, whatever the other would give', () => {
    expect(evaluate('x == 0 ? 0 : 1 / x', { x: 0 })).toBe(0);
    expect(evaluate('if(x == 0, 0, 1 / x)', { x: 4 })).toBe(0.25);
  });

  it.each([
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ['min(-1)', -1],
    ['max(0, 5 - 8)', 0],
    ['round(2.4)', 2],
    ['round(2.5)', 3],
    ['round(3.14159, 2)', 3.14],
    ['round(1234.5678, 1)', 1234.6],
    ['round(2.71828, 0)', 3],
    ['ceil(1.2)', 2],
    ['ceil(-1.2)', -1],
    ['floor(1.8)', 1],
    ['floor(-1.2)', -2],
    ['abs(-3)', 3],
    ['abs(3)', 3],
    ['max(min(10, 20), abs(-15))', 15],
  ])('functions: %s = %d', (source, expected) => {
    expect(evaluate(source)).toBe(expected);
  });

  it('refuses a whitelisted function with the wrong number of arguments', () => {
    expect(problemOf('if(1, 2)')).toMatchObject({ code: 'expressionArity', params: { name: 'if' } });
    expect(problemOf('abs(1, 2)')).toMatchObject({ code: 'expressionArity', params: { name: 'abs' } });
    expect(problemOf('round(1, 2, 3)')).toMatchObject({ code: 'expressionArity', params: { name: 'round' } });
  });

  it('reads variables by their index', () => {
    const result = compileExpression('a - b * 2', ['b', 'unused', 'a']);
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    expect(result.expression.evaluate(Float64Array.from([1, 999, 10]))).toBe(8);
    expect(result.expression.evaluate(Float64Array.from([3, 999, 100]))).toBe(94);
    expect([...result.expression.symbols].sort()).toEqual(['a', 'b']);
    expect(result.expression.source).toBe('a - b * 2');
  });

  it('lists each variable it reads once, and none it does not', () => {
    const result = compileExpression('beds * beds + 1', ['month', 'beds', 'tasks']);
    expect(result.ok && result.expression.symbols).toEqual(['beds']);
  });

  it('can be evaluated many times with different values', () => {
    const result = compileExpression('beds * occupancy * 30', ['beds', 'occupancy']);
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    expect(result.expression.evaluate(Float64Array.from([100, 0.8]))).toBe(2400);
    expect(result.expression.evaluate(Float64Array.from([200, 0.5]))).toBe(3000);
  });

  it('accepts an expression written over several lines', () => {
    expect(evaluate('beds * 2\n  + 3', { beds: 10 })).toBe(23);
    expect(evaluate('max(\n  beds,\n  50\n)', { beds: 10 })).toBe(50);
    expect(evaluate('if(month <= 12,\r\n  100,\r\n  200)', { month: 13 })).toBe(200);
  });
});

describe('compileExpression: syntax errors', () => {
  it('reports line 1 and the column of the error', () => {
    const problem = problemOf('1 + 2)');
    expect(problem.code).toBe('expressionSyntax');
    expect(problem.params).toMatchObject({ line: 1, column: 6 });
    expect(problem.params.detail).toEqual({ 'zh-CN': '此处不应出现“)”', en: '“)” is not expected here' });
  });

  it('reports an unexpected end at the column after the last character', () => {
    expect(problemOf('beds * (2 +', ['beds'])).toMatchObject({
      code: 'expressionSyntax',
      params: { line: 1, column: 12 },
    });
  });

  it('reports an error on line 2 with its column on that line', () => {
    // Line 2 is "  3 ) + 1": the stray ")" is its 5th character.
    expect(problemOf('beds * 2 +\n  3 ) + 1', ['beds'])).toMatchObject({
      code: 'expressionSyntax',
      params: { line: 2, column: 5 },
    });
    // Line 2 is "  2 * * 3": the value is missing at the second "*", its 7th character.
    expect(problemOf('beds +\n  2 * * 3', ['beds'])).toMatchObject({
      code: 'expressionSyntax',
      params: { line: 2, column: 7 },
    });
  });

  it('counts lines the same with Windows line ends', () => {
    expect(problemOf('x +\r\n  3 )', ['x'])).toMatchObject({
      code: 'expressionSyntax',
      params: { line: 2, column: 5 },
    });
  });

  it('reports an error on line 3 after an empty line', () => {
    expect(problemOf('1 +\n\n  @')).toMatchObject({
      code: 'expressionSyntax',
      params: { line: 3, column: 3 },
    });
  });

  it('gives a detail without the parser offset', () => {
    const problem = problemOf('(1 + 2');
    expect(problem.params.detail).toEqual({
      'zh-CN': '缺少右括号“)”',
      en: 'a closing bracket “)” is missing',
    });
  });

  it('says what is wrong in the page language, the parser’s English kept only in English', () => {
    const say = (source: string, lang: 'zh-CN' | 'en', variables: readonly string[] = ['beds']) =>
      problemMessage(problemOf(source, variables), lang);
    expect(say('beds * (2 +', 'zh-CN')).toBe(
      '表达式第 1 行第 12 个字符处有错误：公式在此处提前结束，缺少数值或右括号',
    );
    expect(say('beds * (2 +', 'en')).toBe(
      'Expression error at line 1, position 12: the formula ends too early: a value or a closing bracket is missing',
    );
    expect(say('beds +\n  2 * * 3', 'zh-CN')).toBe('表达式第 2 行第 7 个字符处有错误：此处应为一个数或名称');
    expect(say('beds // 2', 'zh-CN')).toMatch(/^表达式第 1 行第 \d+ 个字符处有错误：/);
    expect(say('1.2.3', 'zh-CN')).not.toMatch(/[A-Za-z]/);
    expect(say('cos(1)', 'zh-CN')).toBe('表达式中不允许使用 函数“cos”（第 1 行第 1 个字符）');
    expect(say('2 beds', 'zh-CN')).toMatch(/^表达式中不允许使用 省略的乘号（请在相乘的数之间写 \*）/);
  });

  it('words every message of the parser it knows, and keeps an unknown one in English', () => {
    expect(syntaxErrorInWords('Unexpected operator // (char 4)')).toEqual({
      'zh-CN': '此处不应出现“//”',
      en: '“//” is not expected here',
    });
    expect(syntaxErrorInWords('Something new (char 2)')).toEqual({
      'zh-CN': '语法有误',
      en: 'Something new',
    });
    // Every formula in this sample that fails to parse gets Chinese without English words.
    for (const source of [
      '(',
      ')',
      '1 +',
      '* 2',
      '1 ? 2',
      '1 ? : 2',
      '"abc',
      '[1, 2',
      'a.',
      '1e',
      '2..3',
      'x = ',
    ]) {
      const problem = problemOf(source, ['x', 'a']);
      const zh = problemMessage(problem, 'zh-CN');
      expect(zh, source).not.toMatch(/[A-Za-z]{2,}/);
    }
  });
});

describe('compileExpression: unknown names', () => {
  it('names the unknown symbol and where it is', () => {
    expect(problemOf('beds * wardCount', ['beds'])).toEqual({
      code: 'expressionUnknownSymbol',
      params: { name: 'wardCount', line: 1, column: 8 },
    });
    expect(problemOf('beds +\n  wards', ['beds'])).toEqual({
      code: 'expressionUnknownSymbol',
      params: { name: 'wards', line: 2, column: 3 },
    });
  });

  it('points at the unknown symbol, not at a longer name that starts the same', () => {
    expect(problemOf('beds + bed', ['beds'])).toMatchObject({
      code: 'expressionUnknownSymbol',
      params: { name: 'bed', line: 1, column: 8 },
    });
    expect(problemOf('abs(1) + a')).toMatchObject({
      code: 'expressionUnknownSymbol',
      params: { name: 'a', line: 1, column: 10 },
    });
  });

  it('knows no mathjs constants', () => {
    for (const name of ['pi', 'e', 'i', 'phi', 'tau']) {
      expect(problemOf(`2 * ${name}`)).toMatchObject({ code: 'expressionUnknownSymbol', params: { name } });
    }
  });
});

describe('compileExpression: what is refused', () => {
  const REFUSED: [string, 'expressionNotAllowed' | 'expressionUnknownSymbol'][] = [
    ['import({x: 1}, {override: true})', 'expressionNotAllowed'],
    ['import("x")', 'expressionNotAllowed'],
    ['evaluate("1")', 'expressionNotAllowed'],
    ['parse("1")', 'expressionNotAllowed'],
    ['createUnit("x")', 'expressionNotAllowed'],
    ['simplify("x")', 'expressionNotAllowed'],
    ['derivative("x", "x")', 'expressionNotAllowed'],
    ['compile("1")', 'expressionNotAllowed'],
    ['f(x) = x', 'expressionNotAllowed'],
    ['x = 1', 'expressionNotAllowed'],
    ['a.b', 'expressionNotAllowed'],
    ['a[1]', 'expressionNotAllowed'],
    ['[1, 2]', 'expressionNotAllowed'],
    ['{a: 1}', 'expressionNotAllowed'],
    ['"text"', 'expressionNotAllowed'],
    ["'text'", 'expressionNotAllowed'],
    ['1:3', 'expressionNotAllowed'],
    ['5 cm', 'expressionUnknownSymbol'],
    ['cos(1)', 'expressionNotAllowed'],
    ['sqrt(4)', 'expressionNotAllowed'],
    ['constructor', 'expressionUnknownSymbol'],
    ['__proto__', 'expressionUnknownSymbol'],
    ['this', 'expressionUnknownSymbol'],
    ['toString', 'expressionUnknownSymbol'],
    ['hasOwnProperty', 'expressionUnknownSymbol'],
    ['globalThis', 'expressionUnknownSymbol'],
    ['process', 'expressionUnknownSymbol'],
    ['Math', 'expressionUnknownSymbol'],
    ['eval("1")', 'expressionNotAllowed'],
    ['Function("return 1")', 'expressionNotAllowed'],
    ['x.constructor', 'expressionNotAllowed'],
    ['1; 2', 'expressionNotAllowed'],
    ['3!', 'expressionNotAllowed'],
    ["x'", 'expressionNotAllowed'],
    ['1 & 2', 'expressionNotAllowed'],
    ['1 << 2', 'expressionNotAllowed'],
    ['NaN', 'expressionNotAllowed'],
    ['Infinity', 'expressionNotAllowed'],
    ['null', 'expressionNotAllowed'],
    ['undefined', 'expressionNotAllowed'],
    ['1e400', 'expressionNotAllowed'],
  ];

  it.each(REFUSED)('refuses %s with %s and gives nothing to run', (source, code) => {
    const result = compileExpression(source, ['x']);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('expression');
    if (result.ok) return;
    expect(result.problem.code).toBe(code);
    expect(result.problem.params).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
  });

  // Names that exist on every plain object must not pass for whitelisted functions.
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'])(
    'refuses a call to %s(…) as a function outside the whitelist',
    (name) => {
      const result = compileExpression(`${name}("return 1")`, []);
      expect(result).toMatchObject({ ok: false, problem: { code: 'expressionNotAllowed' } });
    },
  );

  it('says what is not allowed', () => {
    expect(problemOf('cos(1)').params.what).toEqual({ 'zh-CN': '函数“cos”', en: 'the function "cos"' });
    expect(problemOf('x = 1', ['x']).params.what).toEqual({ 'zh-CN': '赋值（“=”）', en: 'an assignment' });
  });

  it('leaves no trace of a refused assignment, function definition or import', () => {
    problemOf('x = 1');
    problemOf('f(x) = x');
    problemOf('import({y: 7}, {override: true})');
    problemOf('createUnit("zzz")');
    expect(problemOf('x')).toMatchObject({ code: 'expressionUnknownSymbol', params: { name: 'x' } });
    expect(problemOf('f(2)').code).toBe('expressionNotAllowed');
    expect(problemOf('y')).toMatchObject({ code: 'expressionUnknownSymbol', params: { name: 'y' } });
    expect(problemOf('5 zzz')).toMatchObject({ code: 'expressionUnknownSymbol', params: { name: 'zzz' } });
  });
});

describe('compileExpression: no access to globals', () => {
  const g = globalThis as unknown as Record<string, unknown>;
  afterEach(() => {
    delete g.plannerSentinel;
    delete g.beds;
  });

  it('cannot read a global that is not one of its variables', () => {
    g.plannerSentinel = 42;
    expect(problemOf('plannerSentinel')).toMatchObject({
      code: 'expressionUnknownSymbol',
      params: { name: 'plannerSentinel' },
    });
    expect(problemOf('plannerSentinel + 1', ['beds']).code).toBe('expressionUnknownSymbol');
    expect(problemOf('plannerSentinel(1)').code).toBe('expressionNotAllowed');
  });

  it('reads its own variable, not a global of the same name', () => {
    g.beds = 999;
    expect(evaluate('beds * 2', { beds: 10 })).toBe(20);
  });

  it('does not write globals when it runs', () => {
    const before = new Set(Object.keys(globalThis));
    evaluate('if(x > 0, max(x, 2), round(x / 3, 2))', { x: 5 });
    expect(Object.keys(globalThis).filter((k) => !before.has(k))).toEqual([]);
  });
});

describe('compileAstColumns: many months at once', () => {
  const names = ['x', 'y', 'z'] as const;
  const binaryOps = [
    'add',
    'subtract',
    'multiply',
    'divide',
    'pow',
    'mod',
    'smaller',
    'larger',
    'smallerEq',
    'largerEq',
    'equal',
    'unequal',
    'and',
    'or',
  ] as const;
  const { tree } = fc.letrec<{ tree: ExprAst }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ t: fc.constant('num' as const), v: fc.constantFrom(0, 1, -2, 0.5, 3) }),
      fc.record({ t: fc.constant('var' as const), name: fc.constantFrom(...names) }),
      fc.record({
        t: fc.constant('bin' as const),
        op: fc.constantFrom(...binaryOps),
        a: tie('tree'),
        b: tie('tree'),
      }),
      fc.record({
        t: fc.constant('un' as const),
        op: fc.constantFrom('unaryMinus', 'unaryPlus', 'not'),
        a: tie('tree'),
      }),
      fc.record({ t: fc.constant('if' as const), c: tie('tree'), y: tie('tree'), n: tie('tree') }),
      fc.record({
        t: fc.constant('fn' as const),
        name: fc.constantFrom('min', 'max'),
        args: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        t: fc.constant('fn' as const),
        name: fc.constantFrom('round', 'ceil', 'floor', 'abs'),
        args: fc.tuple(tie('tree')),
      }),
      fc.record({
        t: fc.constant('fn' as const),
        name: fc.constant('if' as const),
        args: fc.tuple(tie('tree'), tie('tree'), tie('tree')),
      }),
    ) as fc.Arbitrary<ExprAst>,
  }));
  const value = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(0, 1, 2));

  it('gives each month exactly what a plain month-by-month evaluator gives', () => {
    fc.assert(
      fc.property(
        tree,
        fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 6 }),
        value,
        (ast, months, y) => {
          const columns = compileAstColumns(ast, names);
          const x = Float64Array.from(months.map(([v]) => v));
          const z = Float64Array.from(months.map(([, v]) => v));
          const result = columns({
            scalars: Float64Array.from([0, y, 0]),
            columns: [x, null, z],
            length: months.length,
            // Arrays holding old numbers, as a trial's arena hands them out: every month must be written.
            arena: { scratch: (n) => new Float64Array(n).fill(-123.25) },
          });
          months.forEach(([xv, zv], t) => {
            const expected = referenceEvaluate(ast, { x: xv, y, z: zv });
            expect(Object.is(typeof result === 'number' ? result : result[t], expected)).toBe(true);
          });
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });

  it('gives one number when nothing it reads changes by month', () => {
    const ast: ExprAst = { t: 'bin', op: 'multiply', a: { t: 'var', name: 'y' }, b: { t: 'num', v: 3 } };
    expect(
      compileAstColumns(
        ast,
        names,
      )({
        scalars: Float64Array.from([0, 2, 0]),
        columns: [new Float64Array(2), null, new Float64Array(2)],
        length: 2,
        arena: { scratch: (n) => new Float64Array(n) },
      }),
    ).toBe(6);
  });
});

describe('compileExpression: nesting depth and length', () => {
  const max = MAX_EXPRESSION_DEPTH;
  /** Each form of nesting, `depth` levels deep (a level is a node of the tree on the way down). */
  const nested: Record<string, (depth: number) => string> = {
    brackets: (depth) => '('.repeat(depth - 1) + 'x' + ')'.repeat(depth - 1),
    calls: (depth) => 'abs('.repeat(depth - 1) + 'x' + ')'.repeat(depth - 1),
    signs: (depth) => '-'.repeat(depth - 1) + 'x',
    powers: (depth) => 'x' + '^1'.repeat(depth - 1),
    sums: (depth) => 'x' + ' + 1'.repeat(depth - 1),
    conditions: (depth) => '0 ? 1 : '.repeat(depth - 1) + 'x',
  };

  it.each(Object.entries(nested))('accepts %s at the limit and refuses one level more', (_, make) => {
    const atLimit = compileExpression(make(max), ['x']);
    expect(atLimit.ok).toBe(true);
    if (atLimit.ok) expect(Number.isFinite(atLimit.expression.evaluate(Float64Array.of(1)))).toBe(true);
    const over = compileExpression(make(max + 1), ['x']);
    expect(over).toEqual({ ok: false, problem: { code: 'expressionTooDeep', params: { max } } });
  });

  it.each([
    ['1,999 signs', '-'.repeat(1999) + '1'],
    ['999 brackets', '('.repeat(999) + '1' + ')'.repeat(999)],
    ['999 calls', 'abs('.repeat(399) + '1' + ')'.repeat(399)],
    ['999 powers', '2' + '^2'.repeat(999)],
    ['999 terms', '1' + '+1'.repeat(999)],
    ['a deep bracket of a long chain', '('.repeat(60) + '1' + '^-1'.repeat(50) + ')'.repeat(60)],
    ['nots', 'not '.repeat(400) + '1'],
  ])('refuses %s as too deep, without throwing', (_, source) => {
    expect(source.length).toBeLessThanOrEqual(MAX_EXPRESSION_LENGTH);
    expect(compileExpression(source, [])).toEqual({
      ok: false,
      problem: { code: 'expressionTooDeep', params: { max } },
    });
  });

  it('refuses an over-long text before parsing it', () => {
    expect(compileExpression('-'.repeat(100_000) + '1', [])).toEqual({
      ok: false,
      problem: { code: 'maxLength', params: { maximum: MAX_EXPRESSION_LENGTH } },
    });
    expect(compileExpression('1' + ' '.repeat(MAX_EXPRESSION_LENGTH - 1), []).ok).toBe(true);
  });

  it('gives the same answer when called with most of the stack already used', () => {
    const deep = <T>(depth: number, f: () => T): T => {
      const down = (k: number): T => (k <= 0 ? f() : down(k - 1));
      return down(depth);
    };
    // The stack's size in frames of `deep`: half of it is then used before compiling.
    let frames = 1000;
    for (;;) {
      try {
        deep(frames * 2, () => 0);
        frames *= 2;
      } catch {
        break;
      }
    }
    for (let step = frames / 2; step >= 16; step /= 2) {
      try {
        deep(frames + step, () => 0);
        frames += step;
      } catch {
        // too deep: try a smaller step
      }
    }
    for (const make of Object.values(nested)) {
      for (const depth of [max - 1, max + 1, 1000]) {
        const source = make(depth);
        const top = compileExpression(source, ['x']);
        const below = deep(Math.floor(frames / 2), () => compileExpression(source, ['x']));
        expect(below.ok, source.slice(0, 20)).toBe(top.ok);
        if (!below.ok && !top.ok) expect(below.problem).toEqual(top.problem);
      }
    }
  });
});
