/**
 * The data page's guide of the columns each kind of file may have, made from what the reader
 * itself uses: the header words it recognises (HEADER_WORDS), what a mapping must hold
 * (checkMapping), and the sample files' columns, units and first values. Nothing here is a copy
 * the parser could drift away from.
 */
import type { Scenario } from '~/engine/schema';
import type { Lang } from '~/engine/text';

import {
  checkMapping,
  HEADER_WORDS,
  parsePhase,
  type DatasetKind,
  type Meaning,
  type Phase,
} from './columns';
import {
  cellText,
  KIND_COLUMNS,
  SAMPLE_KINDS,
  sampleTable,
  WIDE_TIMING_COLUMNS,
  type SampleColumn,
  type SampleTable,
} from './samples';

/** Whether a column must be there: always; this or another; never; or in place of others. */
export type ColumnNeed =
  | { kind: 'required' }
  | { kind: 'optional' }
  | { kind: 'oneOf'; other: string }
  | { kind: 'instead'; of: string[] };

export interface GuideColumn {
  meaning: Meaning;
  /** The header the samples write, in the page's language and in the other one. */
  name: string;
  otherName: string;
  /** Words that make a header this column, in each language (any one of them). */
  words: Record<Lang, string[]>;
  /** Words a header must also hold, if any (a timing of a phase: "使用前" and "分钟"). */
  alongWith: Record<Lang, string[]> | null;
  unit: string | null;
  need: ColumnNeed;
  /** Values as the sample writes them: a few distinct names, or the first number or date. */
  example: string;
}

export interface KindGuide {
  kind: DatasetKind;
  columns: GuideColumn[];
}

const otherLang = (lang: Lang): Lang => (lang === 'zh-CN' ? 'en' : 'zh-CN');

const trimmed = (words: Record<Lang, readonly string[]>): Record<Lang, string[]> => ({
  'zh-CN': words['zh-CN'].map((w) => w.trim()),
  en: words.en.map((w) => w.trim()),
});

/** A complete mapping of this kind: the reader would accept a file with these columns. */
const complete = (kind: DatasetKind, meanings: readonly Meaning[]) => {
  const check = checkMapping(meanings);
  return check.kind === kind && check.missing.length === 0;
};

/**
 * Required if the sample's columns without it are not complete; one of two if it can go but not
 * together with another column that can go alone; optional otherwise.
 */
function needOf(
  kind: DatasetKind,
  meanings: readonly Meaning[],
  meaning: Meaning,
  name: (m: Meaning) => string,
) {
  const without = (...drop: Meaning[]) => meanings.filter((m) => !drop.includes(m));
  if (!complete(kind, without(meaning))) return { kind: 'required' } as const;
  const other = meanings.find(
    (m) => m !== meaning && complete(kind, without(m)) && !complete(kind, without(meaning, m)),
  );
  return other ? ({ kind: 'oneOf', other: name(other) } as const) : ({ kind: 'optional' } as const);
}

function example(table: SampleTable, column: number, lang: Lang): string {
  const cells = table.rows.map((r) => r[column]!).filter((c) => c !== '');
  if (cells.length === 0) return '—';
  if (typeof cells[0] !== 'string') return cellText(cells[0]!, lang);
  const distinct = [...new Set(cells as string[])];
  // A slash between values: a name may hold a comma or a 、 of its own ("高血压、糖尿病随访").
  const shown = distinct.slice(0, 3).join(' / ');
  return distinct.length > 3 ? `${shown} …` : shown;
}

function guideColumn(column: SampleColumn, lang: Lang, need: ColumnNeed, exampleText: string): GuideColumn {
  const hint = HEADER_WORDS.find((h) => h.meaning === column.meaning);
  return {
    meaning: column.meaning,
    name: column.header[lang],
    otherName: column.header[otherLang(lang)],
    words: hint ? trimmed(hint.words) : { 'zh-CN': [], en: [] },
    alongWith: hint?.alongWith ? trimmed(hint.alongWith) : null,
    unit: column.unit?.[lang] ?? null,
    need,
    example: exampleText,
  };
}

/**
 * The wide layout's pair of timings, listed after the minutes: in place of the largest set of
 * the sample's required columns that the pair makes unnecessary (phase and minutes).
 */
function wideColumns(
  table: SampleTable,
  meanings: readonly Meaning[],
  name: (m: Meaning) => string,
  lang: Lang,
): GuideColumn[] {
  const wide = WIDE_TIMING_COLUMNS.map((c) => c.meaning);
  const required = meanings.filter(
    (m) =>
      !complete(
        'observations',
        meanings.filter((x) => x !== m),
      ),
  );
  let replaced: Meaning[] = [];
  for (let set = 1; set < 1 << required.length; set++) {
    const drop = required.filter((_, i) => set & (1 << i));
    const rest = meanings.filter((m) => !drop.includes(m));
    if (drop.length > replaced.length && complete('observations', [...rest, ...wide])) replaced = drop;
  }
  // The example: the first timing of each phase in the sample, as the reader reads its phase.
  const phaseAt = meanings.indexOf('phase');
  const minutesAt = meanings.indexOf('minutes');
  const firstOf = (phase: Phase) => {
    const row = table.rows.find((r) => {
      const read = parsePhase(cellText(r[phaseAt]!, lang));
      return read.ok && read.value === phase;
    });
    return row ? cellText(row[minutesAt]!, lang) : '—';
  };
  return WIDE_TIMING_COLUMNS.map((c) =>
    guideColumn(
      c,
      lang,
      { kind: 'instead', of: replaced.map(name) },
      firstOf(c.meaning === 'minutesBaseline' ? 'baseline' : 'withAi'),
    ),
  );
}

/** The guide of each kind, with examples from this scenario's samples in this language. */
export function columnGuide(document: Scenario, lang: Lang): KindGuide[] {
  return SAMPLE_KINDS.map((kind) => {
    const columns = KIND_COLUMNS[kind];
    const table = sampleTable(kind, document, lang);
    const meanings = columns.map((c) => c.meaning);
    const name = (m: Meaning) => columns.find((c) => c.meaning === m)!.header[lang];
    const guide = columns.map((c, i) =>
      guideColumn(c, lang, needOf(kind, meanings, c.meaning, name), example(table, i, lang)),
    );
    if (kind === 'observations')
      guide.splice(
        guide.findIndex((g) => g.meaning === 'minutes') + 1,
        0,
        ...wideColumns(table, meanings, name, lang),
      );
    return { kind, columns: guide };
  });
}
