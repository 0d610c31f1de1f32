/**
 * A small layout layer over pdfkit for the committee report: headings, paragraphs, bullet
 * lists, tables that break across pages with their header repeated, vector charts from SVG,
 * and a footer with the page number and version on every page. Text is set in an embedded
 * subset of Noto Sans SC (from the npm registry), so it stays selectable and searchable; a
 * character the font has no glyph for is printed as its code point (glyphs.server.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';

import { GlyphGuard, type GlyphSource } from './glyphs.server';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};
/**
 * The fonts are read once per process (10 MB each); pdfkit embeds only the glyphs used. Their
 * cmaps, opened once too, answer which characters they can draw.
 */
let fonts: { regular: Buffer; bold: Buffer; cmaps: readonly GlyphSource[] } | null = null;
function fontData() {
  if (!fonts) {
    const regular = readFileSync(require.resolve(FONT_FILES.regular));
    const bold = readFileSync(require.resolve(FONT_FILES.bold));
    fonts = { regular, bold, cmaps: [fontkit.create(regular), fontkit.create(bold)] };
  }
  return fonts;
}

export const INK = '#1f2933';
export const MUTED = '#5f6b7a';
const RULE = '#c9d1db';
const BAD = '#c92a2a';

export type Align = 'left' | 'right';
export interface Column {
  header: string;
  width: number;
  align?: Align;
}

export class Report {
  readonly doc: PDFKit.PDFDocument;
  readonly left: number;
  readonly width: number;
  private readonly bottom: number;
  private readonly glyphs: GlyphGuard;

  constructor(info: { title: string; author: string; subject: string }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 64, left: 56, right: 56 },
      bufferPages: true,
      info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'Hospital AI Planner' },
      // Dates in the document's metadata would make every build of the same version differ.
      compress: true,
    });
    const { regular, bold, cmaps } = fontData();
    this.doc.registerFont('sans', regular);
    this.doc.registerFont('sans-bold', bold);
    this.glyphs = new GlyphGuard(cmaps);
    this.guardText();
    this.doc.font('sans').fillColor(INK);
    this.left = this.doc.page.margins.left;
    this.width = this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
    this.bottom = this.doc.page.height - this.doc.page.margins.bottom;
  }

  /**
   * Every string written or measured on this document passes the glyph guard first, whoever
   * writes it (these methods, or a caller drawing on `doc` directly, as the cover does), so
   * measured and printed text agree and no empty box is printed.
   */
  private guardText(): void {
    const doc = this.doc;
    const guard = (value: unknown) => (typeof value === 'string' ? this.glyphs.printable(value) : value);
    for (const name of ['text', 'widthOfString', 'heightOfString'] as const) {
      const original = doc[name] as (...args: unknown[]) => unknown;
      Object.defineProperty(doc, name, {
        value: (text: unknown, ...rest: unknown[]) => original.call(doc, guard(text), ...rest),
        configurable: true,
        writable: true,
      });
    }
  }

  /**
   * The text as the report prints it: for a caller that lays text out itself before handing it
   * over (a chart wraps its labels by length), so it wraps what will be printed.
   */
  printable(text: string): string {
    return this.glyphs.printable(text);
  }

  /** Starts a new page when less than `height` is left. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  newPage(): void {
    this.doc.addPage();
  }

  h1(text: string): void {
    // A chapter title never ends a page: keep room for its first lines.
    this.ensure(140);
    this.doc.moveDown(0.5).font('sans-bold').fontSize(16).fillColor(INK).text(text, this.left, this.doc.y);
    this.doc.moveDown(0.4).font('sans').fontSize(10);
  }

  h2(text: string): void {
    // A heading never ends a page: keep room for what follows it.
    this.ensure(80);
    this.doc.moveDown(0.4).font('sans-bold').fontSize(12).fillColor(INK).text(text, this.left, this.doc.y);
    this.doc.moveDown(0.2).font('sans').fontSize(10);
  }

  para(text: string, options: { muted?: boolean; size?: number } = {}): void {
    this.doc
      .font('sans')
      .fontSize(options.size ?? 10)
      .fillColor(options.muted ? MUTED : INK)
      .text(text, this.left, this.doc.y, { width: this.width, lineGap: 2 });
    this.doc.fillColor(INK).moveDown(0.4);
  }

  bullets(lines: readonly string[]): void {
    for (const line of lines) {
      this.ensure(16);
      const y = this.doc.y;
      // The mark is drawn, not typed: Noto Sans SC draws • and · with one glyph, and the PDF's
      // text layer maps a glyph to the first character it was typed as, so a typed bullet made
      // every later · (the footers' separators) copy and search as •. Where the font's dot sits.
      this.doc.circle(this.left + 5, y + 7.7, 1.1).fill(INK);
      this.doc.font('sans').fontSize(10).fillColor(INK);
      this.doc.text(line, this.left + 12, y, { width: this.width - 12, lineGap: 2 });
      this.doc.moveDown(0.2);
    }
    this.doc.moveDown(0.3);
  }

  /**
   * A table: columns with widths in points (scaled to the text width), cells wrapped, rows
   * kept whole, the header repeated on each new page. `bad` marks cells in red.
   */
  table(
    columns: readonly Column[],
    rows: readonly (readonly string[])[],
    options: { bad?: (r: number, c: number) => boolean; size?: number } = {},
  ): void {
    const size = options.size ?? 8.5;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const pad = 3;
    const heightOf = (cells: readonly string[], bold: boolean) =>
      Math.max(
        ...cells.map((cell, i) =>
          this.doc
            .font(bold ? 'sans-bold' : 'sans')
            .fontSize(size)
            .heightOfString(cell || ' ', { width: widths[i]! - 2 * pad }),
        ),
      ) +
      2 * pad;
    const drawRow = (cells: readonly string[], bold: boolean, r: number) => {
      const h = heightOf(cells, bold);
      if (this.doc.y + h > this.bottom) {
        this.doc.addPage();
        if (!bold)
          drawRow(
            columns.map((c) => c.header),
            true,
            -1,
          );
      }
      const y = this.doc.y;
      if (bold) this.doc.rect(this.left, y, this.width, h).fill('#eef2f6');
      let x = this.left;
      cells.forEach((cell, i) => {
        this.doc
          .font(bold ? 'sans-bold' : 'sans')
          .fontSize(size)
          .fillColor(!bold && options.bad?.(r, i) ? BAD : INK)
          .text(cell, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? 'left' });
        x += widths[i]!;
      });
      this.doc
        .moveTo(this.left, y + h)
        .lineTo(this.left + this.width, y + h)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      this.doc.fillColor(INK);
      this.doc.y = y + h;
    };
    this.ensure(40);
    drawRow(
      columns.map((c) => c.header),
      true,
      -1,
    );
    rows.forEach((row, r) => drawRow(row, false, r));
    this.doc.x = this.left;
    this.doc.moveDown(0.6);
  }

  /** An SVG chart drawn as vectors, scaled to `width` points, with its caption. */
  chart(
    svg: string,
    caption: string,
    size: { width: number; height: number },
    legend: readonly { label: string; color: string }[] = [],
  ): void {
    const width = Math.min(this.width, 420);
    const height = (size.height / size.width) * width;
    this.ensure(height + 30);
    this.doc.font('sans-bold').fontSize(9.5).fillColor(INK).text(caption, this.left, this.doc.y);
    const y = this.doc.y + 4;
    // svg-to-pdfkit sets text through the font directly, not through doc.text.
    SVGtoPDF(this.doc, this.glyphs.printable(svg), this.left, y, {
      width,
      height,
      preserveAspectRatio: 'xMinYMin meet',
      fontCallback: (_family: string, bold: boolean) => (bold ? 'sans-bold' : 'sans'),
    });
    this.doc.y = y + height + 4;
    // The dashboard's legend is HTML beside the SVG: the report draws its own.
    let x = this.left;
    this.doc.font('sans').fontSize(8);
    for (const item of legend) {
      const w = this.doc.widthOfString(item.label) + 22;
      if (x + w > this.left + this.width) {
        x = this.left;
        this.doc.y += 12;
      }
      this.doc.rect(x, this.doc.y + 2, 8, 8).fill(item.color);
      this.doc.fillColor(INK).text(item.label, x + 11, this.doc.y, { lineBreak: false });
      x += w;
    }
    this.doc.font('sans').fontSize(10);
    this.doc.y += legend.length > 0 ? 18 : 4;
    this.doc.x = this.left;
  }

  /**
   * Page numbers and the version on every page, then, when some characters could not be
   * printed, `note` of their code points at the foot of the first page (the cover, where a
   * reader meets them first), then the file's bytes.
   */
  async finish(
    footer: (page: number, pages: number) => string,
    note?: (missing: readonly string[]) => string,
  ): Promise<Uint8Array<ArrayBuffer>> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const y = this.doc.page.height - 40;
      // Writing below the bottom margin must not add a page.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc
        .font('sans')
        .fontSize(8)
        .fillColor(MUTED)
        .text(footer(i + 1, range.count), this.left, y, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        });
      this.doc.page.margins.bottom = margin;
    }
    // Last, so it names what the footers could not print too.
    const missing = this.glyphs.missing;
    if (note && missing.length > 0) {
      this.doc.switchToPage(range.start);
      const text = note(missing);
      this.doc.font('sans').fontSize(8.5);
      const height = this.doc.heightOfString(text, { width: this.width, lineGap: 2 });
      // A rounding of line heights must not push the note onto a new page.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc
        .fillColor(MUTED)
        .text(text, this.left, this.bottom - height, { width: this.width, lineGap: 2 });
      this.doc.page.margins.bottom = margin;
    }
    const chunks: Buffer[] = [];
    const done = new Promise<void>((resolve) => this.doc.on('end', () => resolve()));
    this.doc.on('data', (c: Buffer) => chunks.push(c));
    this.doc.end();
    await done;
    const buffer = Buffer.concat(chunks);
    return new Uint8Array(
      buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer,
    );
  }
}
