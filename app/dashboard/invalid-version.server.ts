/**
 * A stored version that no longer validates, as pages say it: each problem with its place and
 * field named as a person sees them ("方案「SaaS 按席位」· 成本项「席位费」· 单价：必填"), in the
 * user's language, for the list's "needs attention" and the dashboard's page about it.
 */
import { problemMessage, type ValidationProblem } from '~/engine';
import type { ScenarioInput } from '~/engine/schema';
import type { Lang } from '~/engine/text';
import { problemInWords } from '~/editor/problems';

/** Each problem in words; its bare message where the stored document cannot be walked. */
export function problemsInWords(
  document: unknown,
  problems: readonly ValidationProblem[],
  lang: Lang,
): string[] {
  const walkable = typeof document === 'object' && document !== null && !Array.isArray(document);
  const colon = lang === 'zh-CN' ? '：' : ': ';
  return problems.map((p) => {
    if (walkable) {
      try {
        const w = problemInWords(document as ScenarioInput, p, lang);
        return w.place ? `${w.place}${colon}${w.message}` : w.message;
      } catch {
        // A document too far from the format to name its places: the reason alone.
      }
    }
    return problemMessage(p, lang);
  });
}
