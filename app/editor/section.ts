/**
 * What a section of the case forms is (its fields, notices, buttons and the sections inside
 * it), and the small pieces every part's sections use.
 */
import { useCaseWorkflowOf } from '~/builder/use-cases';
import type { Suggestion } from '~/builder/suggestion';
import type { Choice } from '~/catalogue/choices';
import type { ScenarioInput } from '~/engine/schema';
import type { Lang } from '~/engine/text';

import type { FormField } from './form-fields';
import { zhEn } from '~/i18n/bilingual';

/** A button that changes the case's structure or moves between steps. */
export interface FormAction {
  /** The value of the `intent` it submits. */
  intent: string;
  /** Its accessible name, exactly ("删除", "添加方案"). */
  label: string;
  /** Says what it acts on, for screen readers and tooltips ("删除成本项「席位费」"). */
  title?: string;
  secondary?: boolean;
  /** A choice submitted with it (what to add). */
  select?: { name: string; label: string; options: Choice[]; value?: string };
  /** A text submitted with it (the new thing's name). */
  input?: { name: string; label: string; value?: string };
}

export interface Notice {
  tone: 'info' | 'warn';
  text: string;
}

export interface FormSection {
  /** Anchor and key: unique on the page. */
  key: string;
  title: string;
  /** A line under the title (an option's kind, a workflow's use case). */
  subtitle?: string;
  fields: FormField[];
  notices?: Notice[];
  actions?: FormAction[];
  children?: FormSection[];
  /** Drawn folded (its fields still post); opened where a field has an error or still needs a number. */
  folded?: boolean;
}

export const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const quoted = (lang: Lang, name: string) => (lang === 'zh-CN' ? `「${name}」` : ` “${name}”`);

export const hintOf = (s: Suggestion | undefined, lang: Lang): { hint?: string; refs?: string[] } => {
  if (!s) return {};
  if (s.kind === 'ask') return { hint: s.hint[lang], refs: [...s.refs] };
  const note = s.note?.[lang];
  return { ...(note ? { hint: note } : {}), refs: s.ref ? [s.ref] : [] };
};

/** What one task of a workflow is called (a note, a report), for the units of its fields. */
export const taskUnitOf = (lang: Lang, workflow: ScenarioInput['workflows'][number]) => {
  const library = useCaseWorkflowOf(workflow);
  return library ? library.taskName[lang] : zhEn(lang, '个任务', 'task');
};

export function moveActions(
  lang: Lang,
  what: string,
  index: number,
  count: number,
  name: string,
): FormAction[] {
  const out: FormAction[] = [];
  if (index > 0)
    out.push({
      intent: `move${what}:up`,
      label: zhEn(lang, '上移', 'Move up'),
      title: `${zhEn(lang, '上移', 'Move up')} ${name}`,
      secondary: true,
    });
  if (index < count - 1)
    out.push({
      intent: `move${what}:down`,
      label: zhEn(lang, '下移', 'Move down'),
      title: `${zhEn(lang, '下移', 'Move down')} ${name}`,
      secondary: true,
    });
  return out;
}

/** Every field of a set of sections, children included. */
export function allFields(sections: readonly FormSection[]): FormField[] {
  return sections.flatMap((s) => [...s.fields, ...allFields(s.children ?? [])]);
}
