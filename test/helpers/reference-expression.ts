/**
 * A month-by-month evaluator of expression trees, written plainly and apart from the engine:
 * the reference the engine's column evaluator is compared with (one tree, one month, one value).
 */
import type { ExprAst } from '~/engine/expression-ast';

export function referenceEvaluate(ast: ExprAst, vars: Readonly<Record<string, number>>): number {
  const at = (node: ExprAst): number => referenceEvaluate(node, vars);
  switch (ast.t) {
    case 'num':
      return ast.v;
    case 'var':
      return vars[ast.name]!;
    case 'un': {
      const a = at(ast.a);
      return ast.op === 'unaryMinus' ? -a : ast.op === 'unaryPlus' ? a : a === 0 ? 1 : 0;
    }
    case 'if':
      return at(ast.c) !== 0 ? at(ast.y) : at(ast.n);
    case 'bin': {
      const a = at(ast.a);
      const b = at(ast.b);
      switch (ast.op) {
        case 'add':
          return a + b;
        case 'subtract':
          return a - b;
        case 'multiply':
          return a * b;
        case 'divide':
          return a / b;
        case 'pow':
          return a ** b;
        case 'mod':
          return a - b * Math.floor(a / b);
        case 'smaller':
          return a < b ? 1 : 0;
        case 'larger':
          return a > b ? 1 : 0;
        case 'smallerEq':
          return a <= b ? 1 : 0;
        case 'largerEq':
          return a >= b ? 1 : 0;
        case 'equal':
          return a === b ? 1 : 0;
        case 'unequal':
          return a !== b ? 1 : 0;
        case 'and':
          return a !== 0 && b !== 0 ? 1 : 0;
        case 'or':
          return a !== 0 || b !== 0 ? 1 : 0;
      }
      break;
    }
    case 'fn': {
      const xs = ast.args.map(at);
      switch (ast.name) {
        case 'min':
          return Math.min(...xs);
        case 'max':
          return Math.max(...xs);
        case 'round': {
          if (xs.length === 1) return Math.round(xs[0]!);
          const factor = 10 ** Math.max(0, Math.min(15, Math.trunc(xs[1]!)));
          return Math.round(xs[0]! * factor) / factor;
        }
        case 'ceil':
          return Math.ceil(xs[0]!);
        case 'floor':
          return Math.floor(xs[0]!);
        case 'abs':
          return Math.abs(xs[0]!);
        case 'if':
          return xs[0] !== 0 ? xs[1]! : xs[2]!;
      }
    }
  }
  throw new Error(`Unknown node ${JSON.stringify(ast)}`);
}
