/** The part of fast-formula-parser (which ships no types) the export tests use. */
declare module 'fast-formula-parser' {
  interface CellRef {
    sheet: string;
    row: number;
    col: number;
  }
  interface RangeRef {
    sheet: string;
    from: { row: number; col: number };
    to: { row: number; col: number };
  }
  interface Options {
    onCell?: (ref: CellRef) => unknown;
    onRange?: (ref: RangeRef) => unknown[][];
    functions?: Record<string, (...args: never[]) => unknown>;
  }
  class FormulaParser {
    constructor(options?: Options);
    parse(formula: string, position: CellRef): unknown;
    static FormulaError: { NUM: unknown; VALUE: unknown };
  }
  export default FormulaParser;
}
