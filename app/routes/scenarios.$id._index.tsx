import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useCallback, useEffect, useMemo, useState } from 'react';

import {
  BudgetChart,
  CumulativeCashChart,
  HoursCashChart,
  OPTION_COLORS,
  YearlyCostChart,
} from '~/dashboard/charts';
import { ComparisonTable } from '~/dashboard/comparison-table';
import { loadDashboard, saveWhatIf } from '~/dashboard/dashboard.server';
import { EvidenceTable } from '~/dashboard/evidence-table';
import { UncertaintyPanel } from '~/dashboard/uncertainty-panel';
import { WhatIfPanel } from '~/dashboard/what-if-panel';
import { changedWhatIf, whatIfToSearch } from '~/dashboard/what-if-search';
// The browser runs the engine from these modules directly: the barrel would bring zod and mathjs.
import { compileModel, type ParsedExpressions } from '~/engine/model';
import type { Scenario } from '~/engine/schema';
import { writeInputs } from '~/engine/params';
import { runModel } from '~/engine/simulate';
import { widenDistributionsToInputs } from '~/engine/uncertainty/widen';
import { applyWhatIf, whatIfBaseline, type WhatIf, type WhatIfKey } from '~/engine/what-if';
import { scenarioSummary } from '~/i18n/summary';
import { useLang, useT } from '~/i18n/ui';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · Hospital AI Planner` : 'Hospital AI Planner' },
];

export const loader = (args: LoaderFunctionArgs) => loadDashboard(args);
export const action = (args: ActionFunctionArgs) => saveWhatIf(args);

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = useLang();
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const document = data.document as unknown as Scenario;
  const model = useMemo(
    () => compileModel(document, data.expressions as ParsedExpressions),
    [document, data.expressions],
  );
  const baseline = useMemo(() => whatIfBaseline(model), [model]);
  const [whatIf, setWhatIf] = useState<WhatIf>(data.whatIf);
  const inputs = useMemo(() => applyWhatIf(model, whatIf), [model, whatIf]);
  const result = useMemo(() => runModel(model, inputs, { lang }), [model, inputs, lang]);
  const search = whatIfToSearch(changedWhatIf(whatIf, baseline));
  // The Monte Carlo runs on the scenario as the what-if has it.
  const documentWithWhatIf = useMemo(
    () => widenDistributionsToInputs(writeInputs(document, model.params, inputs)),
    [document, model, inputs],
  );
  // Recharts measures text in the browser, which the server cannot: draw the charts afresh
  // once hydrated so no server-measured position stays on screen.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const update = useCallback(
    (next: WhatIf) => {
      setWhatIf(next);
      // Keep the address in step so the view can be shared or reloaded as it is.
      const params = new URLSearchParams(whatIfToSearch(changedWhatIf(next, baseline)));
      if (data.version !== data.latestVersion) params.set('version', String(data.version));
      const query = params.toString();
      window.history.replaceState(window.history.state, '', query ? `?${query}` : window.location.pathname);
    },
    [data.version, data.latestVersion, baseline],
  );
  const onChange = (key: WhatIfKey, value: number) => update({ ...whatIf, [key]: value });

  return (
    <>
      <p className="muted no-print">
        <Link to="/scenarios">{t('scenarios')}</Link> ›
      </p>
      <h1>{data.title}</h1>
      <p className="row no-print">
        <Link className="button" to={`/scenarios/${data.id}/edit`}>
          {t('edit')}
        </Link>
        <Link className="button secondary" to={`/scenarios/${data.id}/versions`}>
          {t('versions')}
        </Link>
        <Link className="button secondary" to={`/scenarios/${data.id}/data`}>
          {t('data')}
        </Link>
        <a className="button secondary" href={`/api/scenarios/${data.id}/results?version=${data.version}`}>
          {t('downloadJson')}
        </a>
        <span className="muted">
          {data.version === data.latestVersion
            ? `${t('version')} ${data.version}`
            : t('viewingVersion', { version: data.version, latest: data.latestVersion })}
        </span>
      </p>
      {data.saved && <p className="banner ok-banner">{t('saved', { version: data.saved })}</p>}
      {data.paramErrors.length > 0 && (
        <div className="banner error-banner" role="alert">
          {t('badParams')} {data.paramErrors.join('; ')}
        </div>
      )}
      {actionData?.error && (
        <div className="banner error-banner" role="alert">
          {actionData.error}
        </div>
      )}

      <section className="summary" aria-labelledby="summary-title">
        <h2 id="summary-title">{t('summary')}</h2>
        {search && <p className="bad">{t('whatIfChanged')}</p>}
        <ul data-testid="summary">
          {scenarioSummary(result, lang).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>

      <WhatIfPanel
        values={{ ...baseline, ...whatIf }}
        baseline={baseline}
        currency={result.currency}
        lang={lang}
        onChange={onChange}
        onReset={() => update({})}
      />
      {search && (
        <Form method="post" className="card row no-print">
          <input type="hidden" name="baseVersion" value={data.latestVersion} />
          <input type="hidden" name="whatIf" value={search} />
          <label>
            {t('yourName')} <input name="savedBy" required maxLength={100} />
          </label>
          <label>
            {t('note')} <input name="note" maxLength={500} />
          </label>
          <button type="submit" disabled={busy || data.version !== data.latestVersion}>
            {t('saveWhatIf')}
          </button>
        </Form>
      )}

      <ComparisonTable result={result} lang={lang} />
      <EvidenceTable document={document} model={model} inputs={inputs} lang={lang} />
      <UncertaintyPanel
        document={documentWithWhatIf}
        expressions={data.expressions as ParsedExpressions}
        workerUrl={data.workerUrl}
        samplesUrl={`/api/scenarios/${data.id}/samples.csv?version=${data.version}`}
        options={result.options}
        inputLabels={data.inputLabels}
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
    </>
  );
}
