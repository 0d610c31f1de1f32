/**
 * Every numeric input of a scenario, grouped the way a director thinks (who, what it saves,
 * what it costs, how it is paid), with its label, unit, value as read and where the number
 * comes from: what the report's annex, the workbook, the versions page and the dashboard's
 * uncertainty labels list.
 */
import { bySlot, collectParams } from '~/engine/params';
import type { RoleId } from '~/engine/constants';
import type { Distribution, Evidence, Scenario } from '~/engine/schema';
import { ROLE_NAMES, termLabel } from '~/i18n/terms';
import { localize, type Lang } from '~/engine/text';
import { estimate } from '~/builder/estimates';
import { fieldLabel, fieldSpec, formatFieldValue, unitOf, type FieldKind } from '~/catalogue/fields';
import { variableLabel } from '~/catalogue/variables';

/** A role's name as a label, or its id when the document names a role the product does not know. */
const roleLabel = (id: string, lang: Lang): string => {
  const term = ROLE_NAMES[id as RoleId];
  return term ? termLabel(term, lang) : id;
};

export interface InputField {
  path: string;
  label: string;
  unit: string;
  value: number;
  /** The value as a person reads it, with its unit ("86%", "243.00 万元", "第 13 月"). */
  display: string;
  /** How the field is typed: a percentage is stored as a share. */
  kind: FieldKind;
  evidence: Evidence | null;
  /** Reference figure cited for this number, if any. */
  ref: string | null;
  /** How uncertain the number is, if the scenario says (edited in the JSON editor). */
  distribution: Distribution | null;
}

export interface InputGroup {
  id: string;
  title: string;
  fields: InputField[];
}

const EFFECT_SIZE = new Set([
  'claimedReduction',
  'minutesWithAiPerTask',
  'verificationMinutesPerTask',
  'errorRate',
  'correctionMinutesPerError',
]);

/** An estimated input's evidence with the estimate's working as its note, in the page's language. */
function withEstimate(doc: Scenario, e: Evidence | null, lang: Lang): Evidence | null {
  if (!e || e.kind === 'measured' || !e.estimate) return e;
  const worked = estimate(doc as never, e.estimate);
  return worked ? { ...e, note: worked.explain[lang] } : e;
}

export function describeInputs(doc: Scenario, lang: Lang): InputGroup[] {
  const zh = lang === 'zh-CN';
  const groups = new Map<string, InputGroup>();
  const group = (id: string, title: string) => {
    if (!groups.has(id)) groups.set(id, { id, title, fields: [] });
    return groups.get(id)!;
  };
  const table = collectParams(doc);
  const { paths, base } = table;
  // Sources and distributions may name an input by its index path or its id path.
  const sources = bySlot(table, doc.sources);
  const distributions = bySlot(table, doc.uncertainty?.inputs);
  paths.forEach((path, i) => {
    const parts = path.split('.');
    const field = parts[parts.length - 1]!;
    let label = fieldLabel(field, lang);
    let evidence: Evidence | null = withEstimate(doc, sources.get(i) ?? null, lang);
    let ref: string | null = evidence && 'ref' in evidence ? (evidence.ref ?? null) : null;
    let target: InputGroup;
    const [head, a, b, c] = parts;
    if (head === 'hospital' && a === 'roles') {
      target = group('staff', zh ? '人员与工资' : 'Staff and wages');
      label = `${roleLabel(b!, lang)} · ${label}`;
    } else if (head === 'hospital' && a === 'seasonality') {
      target = group('hospital', zh ? '医院概况与业务量' : 'Hospital and volumes');
      label = `${zh ? '季节系数' : 'Seasonality'} ${Number(b) + 1}${zh ? '月' : ''}`;
    } else if (head === 'hospital' || head === 'discountRate') {
      target = group('hospital', zh ? '医院概况与业务量' : 'Hospital and volumes');
    } else if (head === 'budget') {
      target = group('budget', zh ? '信息化预算' : 'Budget');
      if (a === 'informatizationByYear')
        label = `${zh ? '信息化预算' : 'Budget'} ${doc.startYear + Number(b)}`;
    } else if (head === 'workflows') {
      const wf = doc.workflows[Number(a)]!;
      target = group('workflows', zh ? '工作流程（现状）' : 'Workflows today');
      label = `${localize(wf.name, lang)} · ${label}`;
      if (field === 'baselineMinutesPerTask') {
        evidence ??= wf.baselineEvidence;
        ref ??= 'ref' in wf.baselineEvidence ? (wf.baselineEvidence.ref ?? null) : null;
      }
    } else if (head === 'realization') {
      target = group('realization', zh ? '释放工时如何变现' : 'How freed hours become money');
      label = `${roleLabel(a!, lang)} · ${label}`;
    } else if (head === 'options') {
      const option = doc.options[Number(a)]!;
      const name = localize(option.name, lang);
      if (b === 'effects') {
        const effect = option.effects[Number(c)]!;
        const wf = doc.workflows.find((w) => w.id === effect.workflowId);
        target = group(`o${a}-saves`, `${name} — ${zh ? '节省什么' : 'what it saves'}`);
        label = `${wf ? localize(wf.name, lang) : effect.workflowId} · ${label}`;
        // The effect's evidence is about the size of the effect, not its timing or scope.
        if (EFFECT_SIZE.has(field)) {
          evidence ??= effect.evidence;
          ref ??= 'ref' in effect.evidence ? (effect.evidence.ref ?? null) : null;
        }
      } else if (b === 'costLines') {
        const line = option.costLines[Number(c)]!;
        target = group(`o${a}-costs`, `${name} — ${zh ? '花费什么' : 'what it costs'}`);
        label = `${localize(line.name, lang)} · ${label}`;
        // A line cites its source for its price, not for its months or its life.
        if (fieldSpec(field).kind === 'money') ref ??= line.ref ?? null;
      } else if (b === 'funding') {
        const line = option.funding[Number(c)]!;
        target = group(`o${a}-funding`, `${name} — ${zh ? '谁来付' : 'how it is paid'}`);
        label = `${localize(line.name, lang)} · ${label}`;
        ref ??= line.ref ?? null;
      } else {
        target = group(`o${a}-rules`, `${name} — ${zh ? '试点与停用规则' : 'pilot and stop rules'}`);
      }
    } else {
      target = group('variables', zh ? '公式变量' : 'Formula variables');
      label = variableLabel(parts.slice(1).join('.'), lang);
    }
    target.fields.push({
      path,
      label,
      unit: unitOf(field, doc.currency, lang),
      value: base[i]!,
      display: formatFieldValue(field, base[i]!, doc.currency, lang),
      kind: fieldSpec(field).kind,
      evidence,
      ref,
      distribution: distributions.get(i) ?? null,
    });
  });
  const order = ['hospital', 'staff', 'budget', 'workflows', 'realization'];
  return [...groups.values()].sort((x, y) => {
    const ix = order.indexOf(x.id);
    const iy = order.indexOf(y.id);
    return (ix < 0 ? 99 : ix) - (iy < 0 ? 99 : iy);
  });
}

/** Each uncertain input's path with its field (label, unit, group) and the option it belongs to. */
function resolveUncertainInputs(document: Scenario, lang: Lang) {
  const paths = Object.keys(document.uncertainty?.inputs ?? {});
  if (paths.length === 0) return [];
  const { index, paths: indexPaths } = collectParams(document);
  const fields = new Map(
    describeInputs(document, lang).flatMap((g) =>
      g.fields.map(
        (f) =>
          [
            f.path,
            {
              label: f.label,
              // Sweeps, break-even values and the two-way table print an input's raw value: a share as 0.45.
              unit: f.kind === 'percent' ? (lang === 'zh-CN' ? '比例 0–1' : 'share 0–1') : f.unit,
              group: g.title,
            },
          ] as const,
      ),
    ),
  );
  return paths.map((path) => {
    const slot = index.get(path);
    const indexPath = slot === undefined ? undefined : indexPaths[slot]!;
    const parts = indexPath?.split('.') ?? [];
    return {
      path,
      field: indexPath === undefined ? undefined : fields.get(indexPath),
      optionIndex: parts[0] === 'options' ? Number(parts[1]) : null,
    };
  });
}

// The unit goes with the label: tornado bars, break-even values and the two-way table read in it.
const withUnit = (label: string, unit: string, lang: Lang) =>
  !unit ? label : lang === 'zh-CN' ? `${label}（${unit}）` : `${label} (${unit})`;

export interface UncertainInputLabels {
  /** By path, for the pages that show every option's inputs together (break-even, two-way table). */
  labels: Record<string, string>;
  /**
   * By option id, then path: as that option's tornado shows them. The option's own inputs and
   * the hospital's by field alone, another option's with that option named first (a pilot's
   * scale-up's as "Scale-up"): no bar repeats the name the chart's title already gives.
   */
  byOption: Record<string, Record<string, string>>;
}

/** Labels of the uncertain inputs (named by index or id path) in the page's language. */
export function uncertainInputLabels(document: Scenario, lang: Lang): UncertainInputLabels {
  const found = resolveUncertainInputs(document, lang);
  // Two options may each have a "follow-up · adoption ceiling": name the option where labels repeat.
  const count = new Map<string, number>();
  for (const { field } of found) if (field) count.set(field.label, (count.get(field.label) ?? 0) + 1);
  const labels = Object.fromEntries(
    found.map(({ path, field: f }) => [
      path,
      !f ? path : withUnit(count.get(f.label)! > 1 ? `${f.group} · ${f.label}` : f.label, f.unit, lang),
    ]),
  );
  const byOption = Object.fromEntries(
    document.options.map((option, k) => {
      const scaleUp = option.pilot
        ? document.options.findIndex((o) => o.id === option.pilot!.scaleUpOptionId)
        : -1;
      const owner = (j: number) =>
        j === scaleUp
          ? lang === 'zh-CN'
            ? '扩大推广'
            : 'Scale-up'
          : localize(document.options[j]!.name, lang);
      const seen = found.map(({ path, field: f, optionIndex: j }) => [
        path,
        !f ? path : withUnit(j === null || j === k ? f.label : `${owner(j)} · ${f.label}`, f.unit, lang),
      ]);
      return [option.id, Object.fromEntries(seen)];
    }),
  );
  return { labels, byOption };
}
