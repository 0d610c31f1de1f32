/**
 * A custom cost expression as a small syntax tree of whitelisted operations, and its
 * compilation into plain closures. No parser here (that is expression.ts, with mathjs), so
 * the browser can compile expressions the server parsed without carrying mathjs.
 */

export type Evaluator = (vars: Float64Array) => number;

const BINARY = {
  add: (a: number, b: number) => a + b,
  subtract: (a: number, b: number) => a - b,
  multiply: (a: number, b: number) => a * b,
  divide: (a: number, b: number) => a / b,
  pow: (a: number, b: number) => a ** b,
  mod: (a: number, b: number) => a - b * Math.floor(a / b),
  smaller: (a: number, b: number) => (a < b ? 1 : 0),
  larger: (a: number, b: number) => (a > b ? 1 : 0),
  smallerEq: (a: number, b: number) => (a <= b ? 1 : 0),
  largerEq: (a: number, b: number) => (a >= b ? 1 : 0),
  equal: (a: number, b: number) => (a === b ? 1 : 0),
  unequal: (a: number, b: number) => (a !== b ? 1 : 0),
  and: (a: number, b: number) => (a !== 0 && b !== 0 ? 1 : 0),
  or: (a: number, b: number) => (a !== 0 || b !== 0 ? 1 : 0),
} as const;
const UNARY = {
  unaryMinus: (a: number) => -a,
  unaryPlus: (a: number) => a,
  not: (a: number) => (a === 0 ? 1 : 0),
} as const;
/** Allowed functions with their argument counts (min, max). */
export const FUNCTION_ARITY = {
  min: [1, 20],
  max: [1, 20],
  round: [1, 2],
  ceil: [1, 1],
  floor: [1, 1],
  abs: [1, 1],
  if: [3, 3],
} as const satisfies Record<string, readonly [number, number]>;

export type BinaryOp = keyof typeof BINARY;
export type UnaryOp = keyof typeof UNARY;
export type FunctionName = keyof typeof FUNCTION_ARITY;

export type ExprAst =
  | { t: 'num'; v: number }
  | { t: 'var'; name: string }
  | { t: 'bin'; op: BinaryOp; a: ExprAst; b: ExprAst }
  | { t: 'un'; op: UnaryOp; a: ExprAst }
  | { t: 'if'; c: ExprAst; y: ExprAst; n: ExprAst }
  | { t: 'fn'; name: FunctionName; args: ExprAst[] };

export const isBinaryOp = (op: string): op is BinaryOp => Object.hasOwn(BINARY, op);
export const isUnaryOp = (op: string): op is UnaryOp => Object.hasOwn(UNARY, op);
export const isFunctionName = (name: string): name is FunctionName => Object.hasOwn(FUNCTION_ARITY, name);

function roundTo(value: number, digits: number): number {
  const factor = 10 ** Math.max(0, Math.min(15, Math.trunc(digits)));
  return Math.round(value * factor) / factor;
}

/** Names of the variables a tree reads. */
export function astSymbols(ast: ExprAst, out = new Set<string>()): Set<string> {
  switch (ast.t) {
    case 'var':
      out.add(ast.name);
      break;
    case 'bin':
      astSymbols(ast.a, out);
      astSymbols(ast.b, out);
      break;
    case 'un':
      astSymbols(ast.a, out);
      break;
    case 'if':
      astSymbols(ast.c, out);
      astSymbols(ast.y, out);
      astSymbols(ast.n, out);
      break;
    case 'fn':
      ast.args.forEach((a) => astSymbols(a, out));
      break;
  }
  return out;
}

/** Compiles a tree over `variables` (evaluate reads vars[i] for variables[i]); throws on an unknown name. */
export function compileAst(ast: ExprAst, variables: readonly string[]): Evaluator {
  const index = new Map(variables.map((name, i) => [name, i] as const));
  const build = (node: ExprAst): Evaluator => {
    switch (node.t) {
      case 'num': {
        const v = node.v;
        return () => v;
      }
      case 'var': {
        const i = index.get(node.name);
        if (i === undefined) throw new Error(`Unknown variable ${node.name}`);
        return (vars) => vars[i]!;
      }
      case 'bin': {
        const f = BINARY[node.op];
        const a = build(node.a);
        const b = build(node.b);
        return (vars) => f(a(vars), b(vars));
      }
      case 'un': {
        const f = UNARY[node.op];
        const a = build(node.a);
        return (vars) => f(a(vars));
      }
      case 'if': {
        const c = build(node.c);
        const y = build(node.y);
        const n = build(node.n);
        return (vars) => (c(vars) !== 0 ? y(vars) : n(vars));
      }
      case 'fn': {
        const args = node.args.map(build);
        const [a, b, c] = args as [Evaluator, Evaluator | undefined, Evaluator | undefined];
        switch (node.name) {
          case 'min':
            return (vars) => Math.min(...args.map((f) => f(vars)));
          case 'max':
            return (vars) => Math.max(...args.map((f) => f(vars)));
          case 'round':
            return b ? (vars) => roundTo(a(vars), b(vars)) : (vars) => Math.round(a(vars));
          case 'ceil':
            return (vars) => Math.ceil(a(vars));
          case 'floor':
            return (vars) => Math.floor(a(vars));
          case 'abs':
            return (vars) => Math.abs(a(vars));
          case 'if':
            return (vars) => (a(vars) !== 0 ? b!(vars) : c!(vars));
        }
      }
    }
  };
  return build(ast);
}
