/**
 * Custom cost expressions. A restricted mathjs instance only parses; the syntax tree is then
 * checked against a whitelist (numbers, the scenario's variables, arithmetic, comparison,
 * min/max/round/ceil/floor/abs and if/ternary) and compiled into plain closures. Nothing is
 * ever evaluated by mathjs, so `import`, `evaluate`, `parse`, `createUnit` and the rest of
 * the library are unreachable from an expression, and there is no `eval`.
 */
import { create, parseDependencies, type MathNode } from 'mathjs';

import type { ProblemCode, ProblemParam } from './problems';

const math = create({ parseDependencies: parseDependencies! });

export type Evaluator = (vars: Float64Array) => number;

export interface CompiledExpression {
  source: string;
  /** Names of the variables the expression reads. */
  symbols: string[];
  evaluate: Evaluator;
}

export interface ExpressionProblem {
  code: Extract<
    ProblemCode,
    'expressionSyntax' | 'expressionUnknownSymbol' | 'expressionNotAllowed' | 'expressionArity'
  >;
  params: Record<string, ProblemParam>;
}

export type ExpressionResult =
  { ok: true; expression: CompiledExpression } | { ok: false; problem: ExpressionProblem };

const BINARY: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
  mod: (a, b) => a - b * Math.floor(a / b),
  smaller: (a, b) => (a < b ? 1 : 0),
  larger: (a, b) => (a > b ? 1 : 0),
  smallerEq: (a, b) => (a <= b ? 1 : 0),
  largerEq: (a, b) => (a >= b ? 1 : 0),
  equal: (a, b) => (a === b ? 1 : 0),
  unequal: (a, b) => (a !== b ? 1 : 0),
  and: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  or: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};
const UNARY: Record<string, (a: number) => number> = {
  unaryMinus: (a) => -a,
  unaryPlus: (a) => a,
  not: (a) => (a === 0 ? 1 : 0),
};
/** Allowed functions with their argument counts (min, max). */
const FUNCTIONS: Record<string, [number, number]> = {
  min: [1, 20],
  max: [1, 20],
  round: [1, 2],
  ceil: [1, 1],
  floor: [1, 1],
  abs: [1, 1],
  if: [3, 3],
};
export const EXPRESSION_FUNCTIONS = Object.keys(FUNCTIONS);

class ExpressionError extends Error {
  constructor(readonly problem: ExpressionProblem) {
    super(problem.code);
  }
}

/** 1-based line and column of a 0-based character offset. */
function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, Math.max(0, Math.min(offset, source.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function positionOf(source: string, token: string): { line: number; column: number } {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = /^[A-Za-z0-9_]+$/.test(token) ? '(?![A-Za-z0-9_])' : '';
  const match = new RegExp(`(^|[^A-Za-z0-9_])${escaped}${word}`).exec(source);
  const offset = match ? match.index + match[1]!.length : 0;
  return lineAndColumn(source, offset);
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** Math.max(0, Math.min(15, Math.trunc(digits)));
  return Math.round(value * factor) / factor;
}

function compileNode(
  node: MathNode,
  source: string,
  index: ReadonlyMap<string, number>,
  used: Set<string>,
): Evaluator {
  const notAllowed = (what: string, token: string): never => {
    throw new ExpressionError({
      code: 'expressionNotAllowed',
      params: { what, ...positionOf(source, token) },
    });
  };
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value === 'number' && Number.isFinite(value)) return () => value;
      if (typeof value === 'boolean') {
        const n = value ? 1 : 0;
        return () => n;
      }
      return notAllowed(typeof value === 'string' ? 'a text' : 'this constant', String(value));
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      const i = index.get(name);
      if (i === undefined) {
        throw new ExpressionError({
          code: 'expressionUnknownSymbol',
          params: { name, ...positionOf(source, name) },
        });
      }
      used.add(name);
      return (vars) => vars[i]!;
    }
    case 'ParenthesisNode':
      return compileNode((node as unknown as { content: MathNode }).content, source, index, used);
    case 'OperatorNode': {
      const op = node as unknown as { fn: string; op: string; args: MathNode[]; implicit?: boolean };
      const args = op.args.map((a) => compileNode(a, source, index, used));
      // "2 x" or two lines "x\n1" would silently multiply: make the author write the operator.
      if (op.implicit) return notAllowed('implicit multiplication (write * between factors)', '');
      if (args.length === 2 && Object.hasOwn(BINARY, op.fn)) {
        const f = BINARY[op.fn]!;
        const [a, b] = args as [Evaluator, Evaluator];
        return (vars) => f(a(vars), b(vars));
      }
      if (args.length === 1 && Object.hasOwn(UNARY, op.fn)) {
        const f = UNARY[op.fn]!;
        const [a] = args as [Evaluator];
        return (vars) => f(a(vars));
      }
      return notAllowed(`the operator "${op.op}"`, op.op);
    }
    case 'ConditionalNode': {
      const c = node as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
      const cond = compileNode(c.condition, source, index, used);
      const yes = compileNode(c.trueExpr, source, index, used);
      const no = compileNode(c.falseExpr, source, index, used);
      return (vars) => (cond(vars) !== 0 ? yes(vars) : no(vars));
    }
    case 'FunctionNode': {
      const fnNode = node as unknown as { fn: MathNode; args: MathNode[] };
      const name = fnNode.fn.type === 'SymbolNode' ? (fnNode.fn as unknown as { name: string }).name : '';
      const arity = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (!arity) return notAllowed(name ? `the function "${name}"` : 'this call', name || '(');
      const [lo, hi] = arity;
      if (fnNode.args.length < lo || fnNode.args.length > hi) {
        throw new ExpressionError({
          code: 'expressionArity',
          params: { name, expected: lo === hi ? String(lo) : `${lo}–${hi}`, ...positionOf(source, name) },
        });
      }
      const args = fnNode.args.map((a) => compileNode(a, source, index, used));
      const [a, b, c] = args as [Evaluator, Evaluator | undefined, Evaluator | undefined];
      switch (name) {
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
        default:
          return (vars) => (a(vars) !== 0 ? b!(vars) : c!(vars));
      }
    }
    case 'AssignmentNode':
    case 'FunctionAssignmentNode':
      return notAllowed('an assignment', '=');
    case 'BlockNode':
      return notAllowed('more than one statement', ';');
    case 'AccessorNode':
    case 'IndexNode':
      return notAllowed('indexing or property access', node.type === 'AccessorNode' ? '.' : '[');
    case 'ArrayNode':
    case 'MatrixNode' as string:
      return notAllowed('a matrix', '[');
    case 'ObjectNode':
      return notAllowed('an object', '{');
    case 'RangeNode':
      return notAllowed('a range', ':');
    default:
      return notAllowed(`"${node.type}"`, '');
  }
}

/**
 * Parses and compiles an expression over the given variable names; `evaluate` then reads
 * `vars[i]` for `variables[i]`.
 */
export function compileExpression(source: string, variables: readonly string[]): ExpressionResult {
  let tree: MathNode;
  try {
    // Line breaks become spaces (one for one, so offsets still point into the source):
    // a long expression may be written over several lines without making several statements.
    tree = math.parse(source.replace(/[\r\n]/g, ' '));
  } catch (error) {
    const err = error as { message?: string; char?: number };
    const detail = (err.message ?? 'syntax error').replace(/\s*\(char \d+\)\s*$/, '');
    const offset = typeof err.char === 'number' ? Math.max(0, err.char - 1) : 0;
    return {
      ok: false,
      problem: { code: 'expressionSyntax', params: { detail, ...lineAndColumn(source, offset) } },
    };
  }
  const index = new Map(variables.map((name, i) => [name, i] as const));
  const used = new Set<string>();
  try {
    const evaluate = compileNode(tree, source, index, used);
    return { ok: true, expression: { source, symbols: [...used], evaluate } };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, problem: error.problem };
    throw error;
  }
}
