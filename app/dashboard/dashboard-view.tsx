/**
 * The dashboard's body, shared by the owner's page and a shared link: the summary, the what-if
 * panel (re-running the engine in the browser and keeping the address in step), the
 * comparison, what the savings rest on, the Monte Carlo and the charts.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';

import { BudgetChart, CumulativeCashChart, HoursCashChart, OPTION_COLORS, YearlyCostChart } from './charts';
import { ComparisonTable } from './comparison-table';
import { EvidenceTable } from './evidence-table';
import { UncertaintyPanel } from './uncertainty-panel';
import { WhatIfPanel } from './what-if-panel';
import { changedWhatIf, whatIfToSearch } from './what-if-search';
// The browser runs the engine from these modules directly: the barrel would bring zod and mathjs.
import { compileModel, type ParsedExpressions } from '~/engine/model';
import type { Scenario } from '~/engine/schema';
import { writeInputs } from '~/engine/params';
import { runModel } from '~/engine/simulate';
import { widenDistributionsToInputs } from '~/engine/uncertainty/widen';
import { applyWhatIf, whatIfBaseline, type WhatIf, type WhatIfKey } from '~/engine/what-if';
import { scenarioSummary } from '~/i18n/summary';
import { warningNotices } from '~/i18n/warnings';
import { useLang, useT } from '~/i18n/ui';

export interface DashboardViewProps {
  document: Scenario;
  expressions: ParsedExpressions;
  /** The what-if the page opens with (from the address, or a shared link's). */
  initialWhatIf: WhatIf;
  workerUrl: string | null;
  samplesUrl: string | null;
  inputLabels: Record<string, string>;
  /** The labels as each option's tornado shows them, by option id. */
  tornadoLabels: Record<string, Record<string, string>>;
  /** Address parameters kept beside the what-if (e.g. `version`). */
  keepParams?: Record<string, string>;
  /**
   * What the page's address is relative to: a shared link's own what-if, which the server puts
   * under the address's knobs. Reset returns to it; the address carries what differs from it.
   */
  defaults?: WhatIf;
  /** What may be done with a changed what-if (save as a version, keep a copy), given its query. */
  whatIfActions?: (search: string) => ReactNode;
  /** What comes after the charts (the owner's sharing links), given the what-if's query. */
  footer?: (search: string) => ReactNode;
}

export function DashboardView({
  document,
  expressions,
  initialWhatIf,
  workerUrl,
  samplesUrl,
  inputLabels,
  tornadoLabels,
  keepParams = {},
  defaults = {},
  whatIfActions,
  footer,
}: DashboardViewProps) {
  const lang = useLang();
  const t = useT();
  const model = useMemo(() => compileModel(document, expressions), [document, expressions]);
  const baseline = useMemo(() => whatIfBaseline(model), [model]);
  const [whatIf, setWhatIf] = useState<WhatIf>(initialWhatIf);
  const inputs = useMemo(() => applyWhatIf(model, whatIf), [model, whatIf]);
  const result = useMemo(() => runModel(model, inputs, { lang }), [model, inputs, lang]);
  const notices = useMemo(() => warningNotices(result, document, lang), [result, document, lang]);
  const search = whatIfToSearch(changedWhatIf(whatIf, baseline));
  // The Monte Carlo runs on the scenario as the what-if has it.
  const documentWithWhatIf = useMemo(
    () => widenDistributionsToInputs(writeInputs(document, model.params, inputs)),
    [document, model, inputs],
  );
  // The charts lay out the same on the server and in the browser (chart-layout.ts), but the
  // server's recharts (CommonJS, an older d3-shape) writes curves to full precision and the
  // browser's to three decimals: draw them afresh once hydrated, so the page's paths are the
  // browser's own (a what-if that returns to the start draws the very same ones).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const keep = JSON.stringify(keepParams);
  const start = JSON.stringify(defaults);

  const update = useCallback(
    (next: WhatIf) => {
      setWhatIf(next);
      // Keep the address in step so the view can be shared or reloaded as it is.
      const addressBase = { ...baseline, ...(JSON.parse(start) as WhatIf) };
      const params = new URLSearchParams(
        whatIfToSearch(changedWhatIf({ ...baseline, ...next }, addressBase)),
      );
      for (const [key, value] of Object.entries(JSON.parse(keep) as Record<string, string>))
        params.set(key, value);
      const query = params.toString();
      window.history.replaceState(window.history.state, '', query ? `?${query}` : window.location.pathname);
    },
    [keep, start, baseline],
  );
  const onChange = (key: WhatIfKey, value: number) => update({ ...whatIf, [key]: value });

  return (
    <>
      <section className="summary" aria-labelledby="summary-title">
        <h2 id="summary-title">{t('summary')}</h2>
        {search && <p className="bad">{t('whatIfChanged')}</p>}
        <ul data-testid="summary">
          {scenarioSummary(result, lang).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {notices.length > 0 && (
          <div className="banner warn-banner" role="status" data-testid="engine-notices">
            <p>{t('engineNotices')}</p>
            <ul>
              {notices.map((notice) => (
                <li key={notice}>{notice}</li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <WhatIfPanel
        values={{ ...baseline, ...whatIf }}
        baseline={baseline}
        currency={result.currency}
        lang={lang}
        onChange={onChange}
        onReset={() => update(JSON.parse(start) as WhatIf)}
      />
      {whatIfActions?.(search)}

      <ComparisonTable result={result} lang={lang} />
      <EvidenceTable document={document} model={model} inputs={inputs} lang={lang} />
      <UncertaintyPanel
        document={documentWithWhatIf}
        expressions={expressions}
        workerUrl={workerUrl}
        samplesUrl={samplesUrl}
        options={result.options}
        model={model}
        inputLabels={inputLabels}
        tornadoLabels={tornadoLabels}
        lang={lang}
      />
      <div className="grid" key={hydrated ? 'browser' : 'server'}>
        <CumulativeCashChart result={result} lang={lang} />
        <BudgetChart result={result} lang={lang} />
        <HoursCashChart result={result} lang={lang} />
        {result.options.map((o, i) => (
          <YearlyCostChart
            key={o.id}
            option={o}
            result={result}
            lang={lang}
            color={OPTION_COLORS[i % OPTION_COLORS.length]!}
          />
        ))}
      </div>
      {footer?.(search)}
    </>
  );
}
