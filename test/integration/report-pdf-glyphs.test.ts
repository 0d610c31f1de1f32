/**
 * Characters the report's font has no glyph for — CJK Extension B ideographs in a hospital's or
 * a person's name, emoji in a note — are printed as their code point and listed in a note on
 * the cover, in the report's language, instead of as empty boxes. Nothing the PDF shows is a
 * character its font cannot draw: titles, tables, notes, cover, footers and chart labels alike.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';

import { compileScenario, runModel, validateScenarioJson } from '~/engine';
import type { Scenario } from '~/engine/schema';
import type { Lang } from '~/engine/text';
import { GlyphGuard } from '~/report/glyphs.server';
import { reportPdf } from '~/report/report-pdf.server';

import { pdfPages } from '../helpers/pdf';

const require = createRequire(import.meta.url);
const font = fontkit.create(
  readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
);

const RARE = '𠀀𪚥'; // U+20000, U+2A6A5: in GB18030, not in Noto Sans SC
const EMOJI = '😀'; // U+1F600

function county(): Scenario {
  const text = readFileSync(
    join(import.meta.dirname, '../../scenarios/county-hospital-300-beds.json'),
    'utf8',
  );
  const checked = validateScenarioJson(text);
  if (!checked.ok) throw new Error('the county scenario does not validate');
  return checked.scenario;
}

/** The county case with rare characters in its hospital's name, a note and an option's name. */
function withRareCharacters(): Scenario {
  const doc = county();
  doc.hospital.name = { 'zh-CN': `${RARE}县人民医院${EMOJI}`, en: `${RARE} County Hospital ${EMOJI}` };
  doc.workflows[0]!.baselineEvidence.note = {
    'zh-CN': `由${RARE}护士长实测${EMOJI}。`,
    en: `Measured by head nurse ${RARE} ${EMOJI}.`,
  };
  // An option's name is in the tables, the charts' legends and the charts' SVG labels.
  doc.options[0]!.name = { 'zh-CN': `方案${RARE}`, en: `Option ${RARE}` };
  return doc;
}

async function pdfText(doc: Scenario, lang: Lang): Promise<string[]> {
  const bytes = await reportPdf({
    document: doc,
    version: 3,
    savedAt: '2027-01-15T08:00:00.000Z',
    approval: '草稿 · 未审批',
    result: runModel(compileScenario(doc)),
    mc: null,
    lang,
    generatedAt: new Date('2027-02-01T00:00:00Z'),
  });
  return pdfPages(bytes);
}

/**
 * The characters of `text` that the report's font cannot draw. An empty box comes out of the PDF
 * as U+0000 (pdfjs) or as the character pdfkit was asked for: either is caught.
 */
function undrawable(text: string): string[] {
  return [...new Set(text)].filter((ch) => ch !== '\n' && !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
}

describe('characters the report font lacks', () => {
  it(
    'are printed as their code point, and the cover lists them, in Chinese',
    { timeout: 60_000 },
    async () => {
      const pages = await pdfText(withRareCharacters(), 'zh-CN');
      const text = pages.join('\n');
      // The cover: the hospital's name with its markers, and the note naming each character once.
      expect(pages[0]).toContain('〈U+20000〉〈U+2A6A5〉县人民医院〈U+1F600〉');
      expect(pages[0]).toContain('报告字体缺少以下 3 个字符的字形');
      expect(pages[0]).toContain('U+20000、U+2A6A5、U+1F600');
      // The annex's evidence column has the note; the money chapter's table has the option.
      expect(text).toContain('由〈U+20000〉〈U+2A6A5〉护士长实测〈U+1F600〉。');
      expect(text).toContain('方案〈U+20000〉〈U+2A6A5〉');
      // Whatever wrote it (cover, table, footer, chart label), nothing is an empty box.
      expect(undrawable(text)).toEqual([]);
    },
  );

  it('in English the note is in English', { timeout: 60_000 }, async () => {
    const pages = await pdfText(withRareCharacters(), 'en');
    expect(pages[0]).toContain('〈U+20000〉〈U+2A6A5〉 County Hospital 〈U+1F600〉');
    expect(pages[0]).toContain("the report's font has no glyph for these characters (3)");
    expect(pages[0]).toContain('U+20000, U+2A6A5, U+1F600');
    expect(pages[0]).not.toContain('报告字体');
    expect(undrawable(pages.join('\n'))).toEqual([]);
  });

  it('leave a report without them as it was: no markers, no note', { timeout: 60_000 }, async () => {
    const pages = await pdfText(county(), 'zh-CN');
    expect(pages.join('\n')).not.toContain('〈U+');
    expect(pages[0]).not.toContain('报告字体缺少');
  });
});

describe('GlyphGuard', () => {
  const guard = () => new GlyphGuard([font]);

  it('keeps text the font can draw as it is', () => {
    const g = guard();
    const text = '县人民医院 · “AI” 10 % — 5,000 万元\n第二行\t…';
    expect(g.printable(text)).toBe(text);
    expect(g.missing).toEqual([]);
  });

  it('marks each character the font lacks by its code point and lists each once, in order', () => {
    const g = guard();
    expect(g.printable('𪚥县𠀀😀𪚥')).toBe('〈U+2A6A5〉县〈U+20000〉〈U+1F600〉〈U+2A6A5〉');
    expect(g.missing).toEqual(['U+2A6A5', 'U+20000', 'U+1F600']);
  });

  it('marks an emoji sequence as one character, and drops invisible selectors the font lacks', () => {
    const g = guard();
    // Thumbs up with a skin tone: one character a person sees, two code points.
    expect(g.printable('好👍🏽')).toBe('好〈U+1F44D U+1F3FD〉');
    // A warning sign the font has, asked for as an emoji by a variation selector it lacks.
    expect(g.printable('注意⚠️')).toBe('注意⚠');
    expect(g.missing).toEqual(['U+1F44D U+1F3FD']);
  });
});
