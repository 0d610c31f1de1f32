/**
 * Characters the report's font cannot draw. Noto Sans SC has no CJK Extension B ideographs
 * (GB18030's four-byte characters, real in personal and place names) and no emoji, and no
 * suitably licensed font for them ships on npm at a sensible size; pdfkit would print an empty
 * box, and a reader could not tell which character was meant. So each such character is
 * printed as its code point (〈U+20000〉) and listed, for a note in the report.
 *
 * Coverage is asked of the font's own cmap, character by character, so it stays right when the
 * font changes (a fallback font added later is one more entry in `fonts`).
 */

/** A font as fontkit opens it: all the guard needs to know of it. */
export interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** Brackets the font has (unlike ⟨⟩), so a marker never needs a marker. */
const OPEN = '〈';
const CLOSE = '〉';

/** Line breaks and tabs are layout, not glyphs: pdfkit handles them. */
const LAYOUT = new Set([0x09, 0x0a, 0x0d]);
/** Variation selectors, joiners, zero-width spaces: invisible, so dropped when the font lacks them. */
const INVISIBLE = /^\p{Default_Ignorable_Code_Point}$/u;

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

export class GlyphGuard {
  /** The fonts' answer for each code point of the Basic Multilingual Plane: 0 not asked, 1 yes, 2 no. */
  private readonly bmp = new Uint8Array(0x10000);
  private readonly astral = new Map<number, boolean>();
  private readonly seen = new Set<string>();

  /** A character is drawable when every font the text may be set in has it (regular and bold). */
  constructor(private readonly fonts: readonly GlyphSource[]) {
    for (const ch of OPEN + CLOSE + 'U+0123456789ABCDEF ')
      if (!this.has(ch.codePointAt(0)!)) throw new Error(`the report font cannot draw its own marker ${ch}`);
  }

  has(codePoint: number): boolean {
    if (codePoint < 0x10000) {
      let known = this.bmp[codePoint]!;
      if (known === 0) {
        known = LAYOUT.has(codePoint) || this.fonts.every((f) => f.hasGlyphForCodePoint(codePoint)) ? 1 : 2;
        this.bmp[codePoint] = known;
      }
      return known === 1;
    }
    let known = this.astral.get(codePoint);
    if (known === undefined) {
      known = this.fonts.every((f) => f.hasGlyphForCodePoint(codePoint));
      this.astral.set(codePoint, known);
    }
    return known;
  }

  /**
   * The text with each character (as a person sees one: an emoji with its skin tone is one) the
   * fonts cannot draw replaced by its code points. Text they can draw comes back unchanged.
   */
  printable(text: string): string {
    if (this.drawable(text)) return text;
    let out = '';
    for (const { segment } of graphemes.segment(text)) {
      if (this.drawable(segment)) {
        out += segment;
        continue;
      }
      const shown: number[] = [];
      for (const ch of segment) {
        const cp = ch.codePointAt(0)!;
        if (this.has(cp) || !INVISIBLE.test(ch)) shown.push(cp);
      }
      if (shown.every((cp) => this.has(cp))) {
        out += String.fromCodePoint(...shown);
        continue;
      }
      const label = shown.map(codePointLabel).join(' ');
      this.seen.add(label);
      out += OPEN + label + CLOSE;
    }
    return out;
  }

  /** Each character replaced so far, as its code points, in the order first met. */
  get missing(): readonly string[] {
    return [...this.seen];
  }

  private drawable(text: string): boolean {
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      if (!this.has(cp)) return false;
    }
    return true;
  }
}
