/**
 * Reference figures: the sourced numbers behind the planner's default assumptions.
 *
 * This module is the one definition of a reference figure (zod schema + inferred types) and a few
 * pure helpers. It does no I/O and imports nothing from Node, so it runs in the browser as well.
 *
 * Data: seeds/reference-figures.json, transcribed from shared/reference/cost-figures.md.
 */
import { z } from 'zod';

/** Row number in cost-figures.md ("1.20", "1.23a"), plus a dotted suffix when a row holds several values. */
export const FIGURE_ID_PATTERN = /^[0-9]+\.[0-9]+[a-z]?(\.[a-z0-9-]+)?$/;

export const TOPICS = [
  'budget',
  'volume',
  'staffing',
  'compute',
  'power',
  'tokens',
  'throughput',
  'salary',
  'vendor',
  'maintenance',
  'efficiency',
  'compliance',
  'appraisal',
  'benefit',
] as const;

/**
 * Closed list of units. Every value, low and high of a figure is expressed in its unit.
 * 'share' and 'share/year' are fractions 0–1 (79.4 % is 0.794).
 */
export const UNITS = [
  // money, CNY
  'CNY',
  'CNY/year',
  'CNY/month',
  'CNY/hospital/year',
  'CNY/bed/year',
  'CNY/card',
  'CNY/server',
  'CNY/1M tokens',
  'CNY/interface',
  'CNY/kWh',
  'CNY/component',
  'CNY/provider/year',
  'CNY/visit',
  'CNY/stay',
  'CNY/patient/year',
  // money, other currencies (converted figures, where the source converts, are separate derived figures)
  'USD',
  'USD/year',
  'USD/card',
  'USD/1M tokens',
  'USD/provider/month',
  'USD/provider/year',
  'USD/kWh',
  'USD/patient',
  'EUR/card',
  'CAD',
  'CAD/note',
  // hardware and energy
  'kW',
  'W',
  'kWh/year',
  'GB',
  'TOPS',
  // dimensionless
  'ratio',
  'share',
  'share/year',
  'kappa',
  'risk difference',
  // time
  'seconds/task',
  'minutes',
  'minutes/task',
  'minutes/day',
  'minutes/shift',
  'minutes/inpatient-day',
  'minutes/patient/year',
  'minutes/patient/handover',
  'minutes/visit',
  'minutes/note',
  'minutes/call',
  'minutes/follow-up',
  'minutes/session',
  'minutes/check',
  'minutes/referral',
  'minutes/result',
  'hours',
  'hours/day',
  'hours/shift',
  'hours/month',
  'days',
  'working days',
  'months',
  'years',
  // tokens
  'tokens/s',
  'tokens/min',
  'tokens/character',
  // speed
  'characters/min',
  // volume and size
  'beds',
  'beds/1000 population',
  'persons/bed',
  'visits/year',
  'admissions/year',
  'discharges/year',
  'inpatient-days/year',
  'patients/day',
  'patients/month',
  'encounters',
  'notes',
  'entries/shift',
  'records',
  'units',
  'persons',
  'FTE',
  'hospitals',
  'facilities',
  'alliances',
  'per 10,000 population/year',
  'follow-ups/patient/year',
  'checks/person/year',
  'tests/patient/year',
  'tests/patient',
  'tests/visit',
  'calls',
  'calls/day',
  'notifications/day',
  'sessions',
  'sessions/year',
  'kinds/year',
  'consultations/month',
  'referrals',
  'referrals/year',
  'diagnoses',
  // quality and compliance
  'score/5',
  'errors/summary',
  'errors/report',
  'level',
] as const;

/** Units whose values are fractions and must lie in 0..1. */
export const SHARE_UNITS: ReadonlySet<Unit> = new Set<Unit>(['share', 'share/year']);

export const GRADES = ['A', 'B', 'C', 'derived', 'notFound'] as const;

/** Grades a derived figure's inputs can resolve to, strongest first. */
export const INPUT_GRADES = ['A', 'B', 'C', 'notFound'] as const;

export const TopicSchema = z.enum(TOPICS);
export const UnitSchema = z.enum(UNITS);
export const GradeSchema = z.enum(GRADES);
export const InputGradeSchema = z.enum(INPUT_GRADES);
export const FigureIdSchema = z
  .string()
  .regex(FIGURE_ID_PATTERN, 'id must look like "1.20" or "1.20.public"');

export const LocalizedLabelSchema = z.strictObject({
  en: z.string().trim().min(1),
  'zh-CN': z.string().trim().min(1),
});

/**
 * When a figure dates from: digits and dashes read the same in both languages ("2018",
 * "2019–2024"); anything with words ("n.d.", "early 2024") is given in both.
 */
export const FigureYearSchema = z.union([
  z
    .string()
    .trim()
    .min(1)
    .regex(/^[^A-Za-z]*$/, 'a year with words needs both languages: { "en": …, "zh-CN": … }'),
  LocalizedLabelSchema,
]);

export type Topic = z.infer<typeof TopicSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type Grade = z.infer<typeof GradeSchema>;
export type InputGrade = z.infer<typeof InputGradeSchema>;
export type LocalizedLabel = z.infer<typeof LocalizedLabelSchema>;
export type FigureYear = z.infer<typeof FigureYearSchema>;

/**
 * Normalise a published reliability tag ("A–", "B/C", "A (old)", "C — do not use") to one letter.
 * Mixed tags take the WEAKER letter (B/C → C, C/B → C, A/B → B). Returns null when the text holds no
 * A/B/C letter (e.g. "—", "derived").
 */
export function normalizePublishedGrade(text: string): 'A' | 'B' | 'C' | null {
  const letters = text.match(/\b[ABC]\b/g);
  if (!letters) return null;
  if (letters.includes('C')) return 'C';
  if (letters.includes('B')) return 'B';
  return 'A';
}

const GRADE_RANK: Record<InputGrade, number> = { A: 0, B: 1, C: 2, notFound: 3 };

/** The weaker of two grades (notFound is weakest). */
export function weakerGrade(a: InputGrade, b: InputGrade): InputGrade {
  return GRADE_RANK[a] >= GRADE_RANK[b] ? a : b;
}

const ReferenceFigureObject = z.strictObject({
  id: FigureIdSchema,
  section: z.string().regex(/^[0-9]+(\.[0-9]+|[a-z])?$/, 'section must look like "1a", "3" or "7.3"'),
  topic: TopicSchema,
  label: LocalizedLabelSchema,
  /** null only for NOT FOUND rows: the planner must ask the user, never invent a number. */
  value: z.number().finite().nullable(),
  low: z.number().finite().optional(),
  high: z.number().finite().optional(),
  unit: UnitSchema,
  year: FigureYearSchema,
  /** Where the figure comes from, in both languages (place names kept as published). */
  region: LocalizedLabelSchema,
  /** URL (or citation) exactly as in cost-figures.md; "derived" for arithmetic rows; "none" when no source. */
  source: z.string().trim().min(1),
  otherSources: z.array(z.string().trim().min(1)).min(1).optional(),
  grade: GradeSchema,
  /** The reliability tag as printed ("A–", "B/C", "—" for NOT FOUND and section 7 rows). */
  gradeAsPublished: z.string().trim().min(1),
  derivedFrom: z.array(FigureIdSchema).min(1).optional(),
  /**
   * For derived figures: the weakest grade among the inputs, followed transitively through derived
   * inputs. Stored so that isUsableAsDefault needs only the figure; checked against derivedFrom on parse.
   */
  inputGrade: InputGradeSchema.optional(),
  method: z.string().trim().min(1).optional(),
  /** Caveats, in both languages; citations, proper names and URLs are kept as published. */
  notes: LocalizedLabelSchema.optional(),
  /** true for rows section 9 of cost-figures.md excludes (2.16, 3.11, 6.6). */
  doNotUse: z.boolean(),
});

export const ReferenceFigureSchema = ReferenceFigureObject.superRefine((f, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });

  const idSection = f.id.split('.')[0];
  const sectionNumber = /^[0-9]+/.exec(f.section)?.[0];
  if (idSection !== sectionNumber) issue('section', `section "${f.section}" does not match id "${f.id}"`);

  if (f.grade === 'notFound') {
    if (f.value !== null) issue('value', 'a NOT FOUND figure must have value null');
    if (f.low !== undefined || f.high !== undefined) issue('low', 'a NOT FOUND figure has no low/high');
  } else if (f.value === null) {
    issue('value', 'value may be null only when grade is "notFound"');
  }

  if (f.low !== undefined && f.high !== undefined && f.low > f.high) issue('low', 'low must be ≤ high');
  if (f.value !== null && f.low !== undefined && f.value < f.low) issue('value', 'value must be ≥ low');
  if (f.value !== null && f.high !== undefined && f.value > f.high) issue('value', 'value must be ≤ high');

  if (SHARE_UNITS.has(f.unit)) {
    for (const key of ['value', 'low', 'high'] as const) {
      const v = f[key];
      if (typeof v === 'number' && (v < 0 || v > 1)) issue(key, `a ${f.unit} must lie in 0..1 (got ${v})`);
    }
  }

  if (f.grade === 'derived') {
    if (f.source !== 'derived') issue('source', 'a derived figure has source "derived"');
    if (!f.derivedFrom) issue('derivedFrom', 'a derived figure must list the ids it is derived from');
    if (!f.method) issue('method', 'a derived figure must state its method');
    if (!f.inputGrade) issue('inputGrade', 'a derived figure must state its inputGrade');
  } else {
    if (f.source === 'derived') issue('source', 'only a derived figure may have source "derived"');
    if (f.derivedFrom) issue('derivedFrom', 'only a derived figure may have derivedFrom');
    if (f.inputGrade) issue('inputGrade', 'only a derived figure may have inputGrade');
  }

  if (f.grade === 'A' || f.grade === 'B' || f.grade === 'C') {
    const normalised = normalizePublishedGrade(f.gradeAsPublished);
    if (normalised !== f.grade) {
      issue('grade', `grade "${f.grade}" does not match published "${f.gradeAsPublished}" (→ ${normalised})`);
    }
  }
});

export type ReferenceFigure = z.infer<typeof ReferenceFigureSchema>;

/** The fields the cross-figure checks read; loose so they can also run on data that failed validation. */
type FigureLinks = { id?: unknown; grade?: unknown; derivedFrom?: unknown; inputGrade?: unknown };

function asLinks(figure: unknown): FigureLinks {
  return figure !== null && typeof figure === 'object' ? (figure as FigureLinks) : {};
}

function resolveLinks(
  byId: ReadonlyMap<string, FigureLinks>,
  id: string,
  seen: ReadonlySet<string>,
): InputGrade {
  const fig = byId.get(id);
  if (!fig) throw new Error(`unknown figure id "${id}"`);
  if (fig.grade !== 'derived') {
    const parsed = InputGradeSchema.safeParse(fig.grade);
    return parsed.success ? parsed.data : 'notFound';
  }
  if (seen.has(id)) throw new Error(`derivedFrom cycle through "${id}"`);
  const nextSeen = new Set(seen).add(id);
  let weakest: InputGrade = 'A';
  const inputs = Array.isArray(fig.derivedFrom) ? fig.derivedFrom : [];
  for (const inputId of inputs) {
    if (typeof inputId !== 'string') continue;
    if (!byId.has(inputId)) throw new Error(`figure "${id}" is derived from unknown id "${inputId}"`);
    weakest = weakerGrade(weakest, resolveLinks(byId, inputId, nextSeen));
  }
  return weakest;
}

function indexById(figures: readonly unknown[]): Map<string, FigureLinks> {
  const byId = new Map<string, FigureLinks>();
  for (const raw of figures) {
    const f = asLinks(raw);
    if (typeof f.id === 'string' && !byId.has(f.id)) byId.set(f.id, f);
  }
  return byId;
}

/**
 * Resolve a derived figure's input grade: the weakest grade among its inputs, following derived
 * inputs transitively (A < B < C < notFound). Returns undefined when the figure is not derived.
 * Throws on unknown ids or cycles.
 */
export function resolveInputGrade(figures: readonly ReferenceFigure[], id: string): InputGrade | undefined {
  const byId = indexById(figures);
  const fig = byId.get(id);
  if (!fig) throw new Error(`unknown figure id "${id}"`);
  if (fig.grade !== 'derived') return undefined;
  return resolveLinks(byId, id, new Set());
}

type CrossIssue = { path: (string | number)[]; message: string };

/** Checks that span figures: unique ids, derivedFrom references, inputGrade consistency. */
function crossFigureIssues(figures: readonly unknown[]): CrossIssue[] {
  const issues: CrossIssue[] = [];
  const at = (i: number, key: string, message: string) => issues.push({ path: ['figures', i, key], message });
  const firstIndex = new Map<string, number>();
  figures.forEach((raw, i) => {
    const { id } = asLinks(raw);
    if (typeof id !== 'string') return;
    const prior = firstIndex.get(id);
    if (prior !== undefined) at(i, 'id', `duplicate id "${id}" (first at figures[${prior}])`);
    else firstIndex.set(id, i);
  });
  let referencesOk = true;
  figures.forEach((raw, i) => {
    const f = asLinks(raw);
    if (!Array.isArray(f.derivedFrom)) return;
    for (const ref of f.derivedFrom) {
      if (typeof ref !== 'string') continue;
      if (ref === f.id) {
        at(i, 'derivedFrom', `"${String(f.id)}" is derived from itself`);
        referencesOk = false;
      } else if (!firstIndex.has(ref)) {
        at(i, 'derivedFrom', `"${String(f.id)}" is derived from unknown id "${ref}"`);
        referencesOk = false;
      }
    }
  });
  if (!referencesOk) return issues;
  const byId = indexById(figures);
  figures.forEach((raw, i) => {
    const f = asLinks(raw);
    if (f.grade !== 'derived' || typeof f.id !== 'string') return;
    try {
      const resolved = resolveLinks(byId, f.id, new Set());
      if (f.inputGrade !== resolved) {
        at(i, 'inputGrade', `inputGrade "${String(f.inputGrade)}" but its inputs resolve to "${resolved}"`);
      }
    } catch (error) {
      at(i, 'derivedFrom', error instanceof Error ? error.message : String(error));
    }
  });
  return issues;
}

/** 2: region, notes, currencyNote (and a year with words) in both languages. */
export const REFERENCE_SCHEMA_VERSION = 2;

export const ReferenceFiguresFileSchema = z
  .strictObject({
    schemaVersion: z.literal(REFERENCE_SCHEMA_VERSION),
    currencyNote: LocalizedLabelSchema,
    figures: z.array(ReferenceFigureSchema).min(1),
  })
  .superRefine((file, ctx) => {
    for (const { path, message } of crossFigureIssues(file.figures))
      ctx.addIssue({ code: 'custom', path, message });
  });

export type ReferenceFiguresFile = z.infer<typeof ReferenceFiguresFileSchema>;

function formatPath(path: readonly PropertyKey[], json: unknown): string {
  let out = '';
  let node: unknown = json;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
      if (typeof id === 'string') out += ` (${id})`;
    } else {
      out += out === '' ? String(key) : `.${String(key)}`;
      node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return out === '' ? '(root)' : out;
}

/**
 * Validate a parsed reference-figures document (e.g. the JSON of seeds/reference-figures.json).
 * Returns the typed file; throws one Error that lists every problem with its path.
 */
export function parseReferenceFigures(json: unknown): ReferenceFiguresFile {
  const result = ReferenceFiguresFileSchema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `- ${formatPath(i.path, json)}: ${i.message}`);
  // zod skips the file-level refinement when an element fails; run the cross-figure checks on the raw data.
  const rawFigures = (json as { figures?: unknown } | null)?.figures;
  if (Array.isArray(rawFigures)) {
    for (const { path, message } of crossFigureIssues(rawFigures)) {
      const line = `- ${formatPath(path, json)}: ${message}`;
      if (!lines.includes(line)) lines.push(line);
    }
  }
  throw new Error(`Invalid reference figures (${lines.length} problem(s)):\n${lines.join('\n')}`);
}

/**
 * A figure may be offered as a default only if it has a value, is not excluded (doNotUse), and is
 * grade A or B, or derived only from A/B figures (transitively).
 */
export function isUsableAsDefault(fig: ReferenceFigure): boolean {
  if (fig.doNotUse || fig.value === null) return false;
  if (fig.grade === 'A' || fig.grade === 'B') return true;
  if (fig.grade === 'derived') return fig.inputGrade === 'A' || fig.inputGrade === 'B';
  return false;
}

export function findFigure(figures: readonly ReferenceFigure[], id: string): ReferenceFigure | undefined {
  return figures.find((f) => f.id === id);
}
