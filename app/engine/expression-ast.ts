/**
 * A custom cost expression as a small syntax tree of whitelisted operations, and its
 * compilation into plain closures. No parser here (that is expression.ts, with mathjs), so
 * the browser can compile expressions the server parsed without carrying mathjs.
 */
import { pow } from './math';

export type Evaluator = (vars: Float64Array) => number;

const BINARY = {
  add: (a: number, b: number) => a + b,
  subtract: (a: number, b: number) => a - b,
  multiply: (a: number, b: number) => a * b,
  divide: (a: number, b: number) => a / b,
  pow,
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

/** Powers of ten, written out: each is exact, whatever an engine's pow makes of 10^k. */
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function roundTo(value: number, digits: number): number {
  const factor = POWERS_OF_TEN[Math.max(0, Math.min(15, Math.trunc(digits)))]!;
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

/** A value while an expression is worked out for many months at once: one number for all, or one per month. */
export type Column = number | Float64Array;

/**
 * What an expression is worked out over, for `length` months at once: variable i is
 * columns[i] month by month, or the one number scalars[i] when its column is null.
 */
export interface ColumnInputs {
  scalars: Float64Array;
  columns: readonly (Float64Array | null)[];
  length: number;
  /** Where intermediate columns come from (each written whole, so they need not be zeroed). */
  arena: { scratch(length: number): Float64Array };
}

/**
 * Works an expression out for many months at once. Each month gets exactly what the
 * month-by-month evaluator gives; a cost line's months are a loop inside each operation, not
 * an evaluation of the whole tree per month (this runs in every Monte Carlo trial).
 */
export type ColumnEvaluator = (input: ColumnInputs) => Column;

type Ev = ColumnEvaluator;

/** Applies f month by month; one number when every argument is one. */
function mapColumns(args: readonly Column[], input: ColumnInputs, f: (xs: number[]) => number): Column {
  if (args.every((a) => typeof a === 'number')) return f(args as number[]);
  const { length } = input;
  const out = input.arena.scratch(length);
  const xs = new Array<number>(args.length);
  for (let t = 0; t < length; t++) {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      xs[i] = typeof a === 'number' ? a : a[t]!;
    }
    out[t] = f(xs);
  }
  return out;
}

type Kernel = (x: Float64Array | number, y: Float64Array | number, out: Float64Array) => void;

/**
 * A loop per operation and per shape of its operands (column or number), written out so
 * that each loop sees one type and compiles to plain arithmetic.
 */
function kernel(f: (a: number, b: number) => number): Kernel {
  const both = (x: Float64Array, y: Float64Array, out: Float64Array) => {
    for (let t = 0; t < out.length; t++) out[t] = f(x[t]!, y[t]!);
  };
  const left = (x: Float64Array, y: number, out: Float64Array) => {
    for (let t = 0; t < out.length; t++) out[t] = f(x[t]!, y);
  };
  const right = (x: number, y: Float64Array, out: Float64Array) => {
    for (let t = 0; t < out.length; t++) out[t] = f(x, y[t]!);
  };
  return (x, y, out) =>
    typeof x === 'number'
      ? right(x, y as Float64Array, out)
      : typeof y === 'number'
        ? left(x, y, out)
        : both(x, y, out);
}

/** The common operations with their arithmetic inline (a call per month would not be). */
const KERNELS: Partial<Record<BinaryOp, Kernel>> = {
  add: (x, y, out) => {
    if (typeof x === 'number') for (let t = 0; t < out.length; t++) out[t] = x + (y as Float64Array)[t]!;
    else if (typeof y === 'number') for (let t = 0; t < out.length; t++) out[t] = x[t]! + y;
    else for (let t = 0; t < out.length; t++) out[t] = x[t]! + y[t]!;
  },
  subtract: (x, y, out) => {
    if (typeof x === 'number') for (let t = 0; t < out.length; t++) out[t] = x - (y as Float64Array)[t]!;
    else if (typeof y === 'number') for (let t = 0; t < out.length; t++) out[t] = x[t]! - y;
    else for (let t = 0; t < out.length; t++) out[t] = x[t]! - y[t]!;
  },
  multiply: (x, y, out) => {
    if (typeof x === 'number') for (let t = 0; t < out.length; t++) out[t] = x * (y as Float64Array)[t]!;
    else if (typeof y === 'number') for (let t = 0; t < out.length; t++) out[t] = x[t]! * y;
    else for (let t = 0; t < out.length; t++) out[t] = x[t]! * y[t]!;
  },
  divide: (x, y, out) => {
    if (typeof x === 'number') for (let t = 0; t < out.length; t++) out[t] = x / (y as Float64Array)[t]!;
    else if (typeof y === 'number') for (let t = 0; t < out.length; t++) out[t] = x[t]! / y;
    else for (let t = 0; t < out.length; t++) out[t] = x[t]! / y[t]!;
  },
};

function binaryColumns(op: BinaryOp, a: Ev, b: Ev): Ev {
  const f = BINARY[op];
  const loop = KERNELS[op] ?? kernel(f);
  return (input) => {
    const x = a(input);
    const y = b(input);
    if (typeof x === 'number' && typeof y === 'number') return f(x, y);
    const out = input.arena.scratch(input.length);
    loop(x, y, out);
    return out;
  };
}

/**
 * Compiles a tree over `variables` for many months at once (see ColumnEvaluator); throws on an
 * unknown name. With every variable one number, it gives one number (see `evaluatorOf`).
 */
export function compileAstColumns(ast: ExprAst, variables: readonly string[]): ColumnEvaluator {
  const index = new Map(variables.map((name, i) => [name, i] as const));
  const build = (node: ExprAst): Ev => {
    switch (node.t) {
      case 'num': {
        const v = node.v;
        return () => v;
      }
      case 'var': {
        const i = index.get(node.name);
        if (i === undefined) throw new Error(`Unknown variable ${node.name}`);
        return (input) => input.columns[i] ?? input.scalars[i]!;
      }
      case 'bin':
        return binaryColumns(node.op, build(node.a), build(node.b));
      case 'un': {
        const f = UNARY[node.op];
        const a = build(node.a);
        return (input) => mapColumns([a(input)], input, (xs) => f(xs[0]!));
      }
      case 'if': {
        const parts = [build(node.c), build(node.y), build(node.n)];
        return (input) =>
          mapColumns(
            parts.map((p) => p(input)),
            input,
            (xs) => (xs[0] !== 0 ? xs[1]! : xs[2]!),
          );
      }
      case 'fn': {
        const args = node.args.map(build);
        const f: (xs: number[]) => number =
          node.name === 'min'
            ? (xs) => Math.min(...xs)
            : node.name === 'max'
              ? (xs) => Math.max(...xs)
              : node.name === 'round'
                ? (xs) => (xs.length > 1 ? roundTo(xs[0]!, xs[1]!) : Math.round(xs[0]!))
                : node.name === 'ceil'
                  ? (xs) => Math.ceil(xs[0]!)
                  : node.name === 'floor'
                    ? (xs) => Math.floor(xs[0]!)
                    : node.name === 'abs'
                      ? (xs) => Math.abs(xs[0]!)
                      : (xs) => (xs[0] !== 0 ? xs[1]! : xs[2]!);
        return (input) =>
          mapColumns(
            args.map((a) => a(input)),
            input,
            f,
          );
      }
    }
  };
  return build(ast);
}

const NO_COLUMNS: readonly (Float64Array | null)[] = [];
const SCRATCH = { scratch: (length: number) => new Float64Array(length) };

/** One value from one number a variable (vars[i] for variables[i]): a column evaluation of one month. */
export function evaluatorOf(columns: ColumnEvaluator): Evaluator {
  return (vars) => columns({ scalars: vars, columns: NO_COLUMNS, length: 1, arena: SCRATCH }) as number;
}
