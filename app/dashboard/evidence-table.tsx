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
      {/* A table on a laptop; on a phone each row becomes a card with every column labelled
          (app.css), so no column is squeezed to a sliver. The roles keep it a table for a
          screen reader when its display changes. */}
      <div className="table-scroll">
        <table className="compact evidence-table" role="table">
          <thead role="rowgroup">
            <tr role="row">
              <th role="columnheader">{t('option')}</th>
              <th role="columnheader">{t('workflow')}</th>
              <th role="columnheader" className="num">
                {t('baselineMinutes')}
              </th>
              <th role="columnheader">{t('baselineSource')}</th>
              <th role="columnheader">{t('effectSource')}</th>
              <th role="columnheader" className="num">
                {t('netMinutes')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {rows.map((r) => (
              <tr key={r.key} role="row">
                <th scope="row" role="rowheader" className="name">
                  {r.option}
                </th>
                <td role="cell" className="name" data-label={t('workflow')}>
                  {r.workflow}
                </td>
                <td role="cell" className="num" data-label={t('baselineMinutes')}>
                  {r.baseline.toFixed(1)}
                </td>
                <td role="cell" className="source" data-label={t('baselineSource')}>
                  <EvidenceTag evidence={r.baselineEvidence} />
                </td>
                <td role="cell" className="source" data-label={t('effectSource')}>
                  <EvidenceTag evidence={r.evidence} />
                </td>
                <td role="cell" className={`num ${r.net < 0 ? 'bad' : ''}`} data-label={t('netMinutes')}>
                  {r.net.toFixed(1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
