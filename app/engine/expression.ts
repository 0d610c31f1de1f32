/**
 * Custom cost expressions. A restricted mathjs instance only parses; the syntax tree is then
 * checked against a whitelist (numbers, the scenario's variables, arithmetic, comparison,
 * min/max/round/ceil/floor/abs and if/ternary) and compiled into plain closures. Nothing is
 * ever evaluated by mathjs, so `import`, `evaluate`, `parse`, `createUnit` and the rest of
 * the library are unreachable from an expression, and there is no `eval`.
 */
import { create, parseDependencies, type MathNode } from 'mathjs';

import {
  astSymbols,
  compileAstColumns,
  evaluatorOf,
  FUNCTION_ARITY,
  isBinaryOp,
  isFunctionName,
  isUnaryOp,
  type Evaluator,
  type ExprAst,
} from './expression-ast';
import type { ProblemCode, ProblemParam } from './problems';
import { NOT_ALLOWED, syntaxErrorInWords, type BothLanguages } from './expression-messages';

export type { Evaluator, ExprAst } from './expression-ast';

const math = create({ parseDependencies: parseDependencies! });

/** Longest expression read (the schema's limit too): a longer text is refused unparsed. */
export const MAX_EXPRESSION_LENGTH = 2000;

/**
 * Most characters of formula a document may hold, all its custom lines together: each is
 * parsed at every validation (about 2 ms per 2,000 characters), and worked out month by month
 * in every run of the model.
 */
export const MAX_FORMULA_CHARACTERS = 20_000;

/**
 * Deepest nesting of an expression: brackets, signs, powers, conditions and the terms of one
 * chain (`a + b + c` is three deep) all count. The parser and every walk of the tree recurse
 * once a level, so without a bound a short text could exhaust the stack, and whether it did
 * would depend on how deep the caller already was: a version saved once could fail after a
 * restart. Far beyond any cost formula a planner writes.
 */
export const MAX_EXPRESSION_DEPTH = 100;

export interface CompiledExpression {
  source: string;
  /** Names of the variables the expression reads. */
  symbols: string[];
  ast: ExprAst;
  evaluate: Evaluator;
}

export interface ExpressionProblem {
  code: Extract<
    ProblemCode,
    | 'expressionSyntax'
    | 'expressionUnknownSymbol'
    | 'expressionNotAllowed'
    | 'expressionArity'
    | 'expressionTooDeep'
    | 'maxLength'
  >;
  params: Record<string, ProblemParam>;
}

export type ExpressionResult =
  { ok: true; expression: CompiledExpression } | { ok: false; problem: ExpressionProblem };
export type ParseResult = { ok: true; ast: ExprAst } | { ok: false; problem: ExpressionProblem };

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

const OPENING = new Set(['(', '[', '{']);
const CLOSING = new Set([')', ']', '}']);
/** Word operators that join two operands (`not` is the one that prefixes). */
const BINARY_WORDS = new Set(['and', 'or', 'xor', 'mod', 'to', 'in']);

/**
 * How deep mathjs's parser would recurse on a text, told from one pass over its characters
 * (no recursion, so it is safe on any text): each open bracket, and within a bracket each sign
 * before an operand, each `^` of a chain (it binds to the right), each `?` and each `=`, is a
 * level. Where the estimate is at or under the limit, parsing is safe; the tree is then
 * measured exactly (treeDepth).
 */
function textDepth(source: string): number {
  // Per open bracket: the signs in a row, the `^` of the current chain, the `?` and `=` seen.
  const levels: { signs: number; powers: number; branches: number }[] = [
    { signs: 0, powers: 0, branches: 0 },
  ];
  let deepest = 1;
  let total = 1;
  // Whether the next `-` or `+` is a sign (nothing to its left) rather than a subtraction.
  let expectOperand = true;
  const level = () => levels[levels.length - 1]!;
  const measure = () => {
    const here = level();
    deepest = Math.max(deepest, total + here.signs + here.powers + here.branches);
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (/\s/.test(ch)) continue;
    if (/[A-Za-z0-9_.]/.test(ch)) {
      let end = i + 1;
      while (end < source.length && /[A-Za-z0-9_.]/.test(source[end]!)) end++;
      const word = source.slice(i, end);
      i = end - 1;
      if (word === 'not') {
        level().signs++;
        expectOperand = true;
      } else if (BINARY_WORDS.has(word)) {
        level().signs = 0;
        level().powers = 0;
        expectOperand = true;
      } else {
        level().signs = 0;
        expectOperand = false;
      }
    } else if (OPENING.has(ch)) {
      total += 1 + level().signs + level().powers + level().branches;
      levels.push({ signs: 0, powers: 0, branches: 0 });
      expectOperand = true;
    } else if (CLOSING.has(ch)) {
      if (levels.length > 1) {
        levels.pop();
        total -= 1 + level().signs + level().powers + level().branches;
      }
      level().signs = 0;
      expectOperand = false;
    } else if (ch === ',' || ch === ';') {
      Object.assign(level(), { signs: 0, powers: 0, branches: 0 });
      expectOperand = true;
    } else if (ch === '^') {
      level().powers++;
      expectOperand = true;
    } else if (ch === '?' || (ch === '=' && !/[=<>!]/.test(source[i - 1] ?? '') && source[i + 1] !== '=')) {
      level().branches++;
      expectOperand = true;
    } else if ((ch === '-' || ch === '+' || ch === '~') && expectOperand) {
      level().signs++;
    } else {
      level().signs = 0;
      level().powers = 0;
      expectOperand = !(ch === '!' || ch === "'" || ch === '%');
    }
    measure();
  }
  return deepest;
}

/** Depth of a parsed tree, walked with a stack of its own (no recursion). */
function treeDepth(root: MathNode): number {
  let deepest = 0;
  const pending: [MathNode, number][] = [[root, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    deepest = Math.max(deepest, depth);
    node.forEach((child) => pending.push([child, depth + 1]));
  }
  return deepest;
}

const tooDeep = (): ParseResult => ({
  ok: false,
  problem: { code: 'expressionTooDeep', params: { max: MAX_EXPRESSION_DEPTH } },
});

/** Converts a mathjs tree into our whitelisted tree, refusing anything else with its position. */
function toAst(node: MathNode, source: string, known: ReadonlySet<string>): ExprAst {
  const notAllowed = (what: BothLanguages, token: string): never => {
    throw new ExpressionError({
      code: 'expressionNotAllowed',
      params: { what, ...positionOf(source, token) },
    });
  };
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value === 'number' && Number.isFinite(value)) return { t: 'num', v: value };
      if (typeof value === 'boolean') return { t: 'num', v: value ? 1 : 0 };
      return notAllowed(typeof value === 'string' ? NOT_ALLOWED.text : NOT_ALLOWED.constant, String(value));
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      if (!known.has(name)) {
        throw new ExpressionError({
          code: 'expressionUnknownSymbol',
          params: { name, ...positionOf(source, name) },
        });
      }
      return { t: 'var', name };
    }
    case 'ParenthesisNode':
      return toAst((node as unknown as { content: MathNode }).content, source, known);
    case 'OperatorNode': {
      const op = node as unknown as { fn: string; op: string; args: MathNode[]; implicit?: boolean };
      const args = op.args.map((a) => toAst(a, source, known));
      // "2 x" or two lines "x\n1" would silently multiply: make the author write the operator.
      if (op.implicit) return notAllowed(NOT_ALLOWED.implicitMultiplication, '');
      if (args.length === 2 && isBinaryOp(op.fn)) return { t: 'bin', op: op.fn, a: args[0]!, b: args[1]! };
      if (args.length === 1 && isUnaryOp(op.fn)) return { t: 'un', op: op.fn, a: args[0]! };
      return notAllowed(NOT_ALLOWED.operator(op.op), op.op);
    }
    case 'ConditionalNode': {
      const c = node as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
      return {
        t: 'if',
        c: toAst(c.condition, source, known),
        y: toAst(c.trueExpr, source, known),
        n: toAst(c.falseExpr, source, known),
      };
    }
    case 'FunctionNode': {
      const fnNode = node as unknown as { fn: MathNode; args: MathNode[] };
      const name = fnNode.fn.type === 'SymbolNode' ? (fnNode.fn as unknown as { name: string }).name : '';
      if (!isFunctionName(name))
        return notAllowed(name ? NOT_ALLOWED.fn(name) : NOT_ALLOWED.call, name || '(');
      const [lo, hi] = FUNCTION_ARITY[name];
      if (fnNode.args.length < lo || fnNode.args.length > hi) {
        throw new ExpressionError({
          code: 'expressionArity',
          params: { name, expected: lo === hi ? String(lo) : `${lo}–${hi}`, ...positionOf(source, name) },
        });
      }
      return { t: 'fn', name, args: fnNode.args.map((a) => toAst(a, source, known)) };
    }
    case 'AssignmentNode':
    case 'FunctionAssignmentNode':
      return notAllowed(NOT_ALLOWED.assignment, '=');
    case 'BlockNode':
      return notAllowed(NOT_ALLOWED.statements, ';');
    case 'AccessorNode':
    case 'IndexNode':
      return notAllowed(NOT_ALLOWED.indexing, node.type === 'AccessorNode' ? '.' : '[');
    case 'ArrayNode':
    case 'MatrixNode' as string:
      return notAllowed(NOT_ALLOWED.matrix, '[');
    case 'ObjectNode':
      return notAllowed(NOT_ALLOWED.object, '{');
    case 'RangeNode':
      return notAllowed(NOT_ALLOWED.range, ':');
    default:
      return notAllowed(NOT_ALLOWED.other(node.type), '');
  }
}

/** Parses an expression over the given variable names into a whitelisted tree. */
export function parseExpression(source: string, variables: readonly string[]): ParseResult {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, problem: { code: 'maxLength', params: { maximum: MAX_EXPRESSION_LENGTH } } };
  }
  if (textDepth(source) > MAX_EXPRESSION_DEPTH) return tooDeep();
  let tree: MathNode;
  try {
    // Line breaks become spaces (one for one, so offsets still point into the source):
    // a long expression may be written over several lines without making several statements.
    tree = math.parse(source.replace(/[\r\n]/g, ' '));
  } catch (error) {
    const err = error as { message?: string; char?: number };
    // The parser's English, in words for both languages (shown in the page's).
    const detail = syntaxErrorInWords(err.message ?? '');
    const offset = typeof err.char === 'number' ? Math.max(0, err.char - 1) : 0;
    return {
      ok: false,
      problem: { code: 'expressionSyntax', params: { detail, ...lineAndColumn(source, offset) } },
    };
  }
  if (treeDepth(tree) > MAX_EXPRESSION_DEPTH) return tooDeep();
  try {
    return { ok: true, ast: toAst(tree, source, new Set(variables)) };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, problem: error.problem };
    throw error;
  }
}

/**
 * Parses and compiles an expression over the given variable names; `evaluate` then reads
 * `vars[i]` for `variables[i]`.
 */
export function compileExpression(source: string, variables: readonly string[]): ExpressionResult {
  const parsed = parseExpression(source, variables);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    expression: {
      source,
      symbols: [...astSymbols(parsed.ast)],
      ast: parsed.ast,
      evaluate: evaluatorOf(compileAstColumns(parsed.ast, variables)),
    },
  };
}
