/** The part of fontkit (pdfkit's font engine, which ships no types) the report uses. */
declare module 'fontkit' {
  interface Font {
    /** Whether the font's cmap maps this code point to a glyph. */
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
