/**
 * What the time savings rest on: for every option's effect, the workflow's baseline and the
 * effect, each marked measured (n, dates), claimed (by whom) or assumed, and the net minutes a
 * task that follow with the what-if applied. A committee should see at a glance which numbers
 * the hospital measured and which it took from a brochure.
 */
import { EvidenceTag } from '~/components/evidence-tag';
import type { Model } from '~/engine/model';
import type { Scenario } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { netMinutesSaved } from '~/engine/track';
import { translate } from '~/i18n/ui';

export function EvidenceTable({
  document,
  model,
  inputs,
  lang,
}: {
  document: Scenario;
  model: Model;
  /** The model's inputs as the what-if has them. */
  inputs: Float64Array;
  lang: Lang;
}) {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const rows = document.options.flatMap((option, o) =>
    option.effects.map((effect, e) => {
      const workflow = document.workflows.find((w) => w.id === effect.workflowId)!;
      return {
        key: `${option.id}-${effect.workflowId}`,
        option: localize(option.name, lang),
        workflow: localize(workflow.name, lang),
        baseline: workflow.baselineMinutesPerTask,
        baselineEvidence: workflow.baselineEvidence,
        evidence: effect.evidence,
        net: netMinutesSaved(model, model.options[o]!.effects[e]!, inputs),
      };
    }),
  );
  if (rows.length === 0) return null;
  return (
    <section className="card" data-testid="evidence">
      <h2>{t('evidenceTitle')}</h2>
      <div className="chart-box">
        <table className="compact">
          <thead>
            <tr>
              <th>{t('option')}</th>
              <th>{t('workflow')}</th>
              <th className="num">{t('baselineMinutes')}</th>
              <th>{t('baselineSource')}</th>
              <th>{t('effectSource')}</th>
              <th className="num">{t('netMinutes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" className="name">
                  {r.option}
                </th>
                <td className="name">{r.workflow}</td>
                <td className="num">{r.baseline.toFixed(1)}</td>
                <td>
                  <EvidenceTag evidence={r.baselineEvidence} />
                </td>
                <td>
                  <EvidenceTag evidence={r.evidence} />
                </td>
                <td className={`num ${r.net < 0 ? 'bad' : ''}`}>{r.net.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
