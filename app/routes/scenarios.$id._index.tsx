import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { z } from 'zod';

import { parseVersionParam } from '~/api/params.server';
import {
  BudgetChart,
  CumulativeCashChart,
  HoursCashChart,
  OPTION_COLORS,
  YearlyCostChart,
} from '~/dashboard/charts';
import { ComparisonTable } from '~/dashboard/comparison-table';
import { WhatIfPanel } from '~/dashboard/what-if-panel';
import { parseWhatIfParams, whatIfToSearch } from '~/dashboard/what-if-params';
import {
  applyWhatIf,
  compileScenario,
  problemMessage,
  runModel,
  validateScenario,
  whatIfBaseline,
  writeInputs,
  type Scenario,
  type WhatIf,
  type WhatIfKey,
} from '~/engine';
import { localize } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';
import { scenarioSummary } from '~/i18n/summary';
import { translate, useLang, useT } from '~/i18n/ui';
import { getScenario, saveVersion } from '~/models/scenarios.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · Hospital AI Planner` : 'Hospital AI Planner' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const url = new URL(request.url);
  const version = parseVersionParam(url, lang);
  const scenario = getScenario(params.id!, version.ok ? version.version : undefined);
  if (!scenario) throw new Response('Not found', { status: 404 });
  const { whatIf, problems } = parseWhatIfParams(url.searchParams);
  if (!version.ok) problems.push({ path: 'version', code: 'integer', params: {} });
  return json({
    id: scenario.id,
    title: localize(scenario.document.name, lang),
    version: scenario.version,
    latestVersion: scenario.latestVersion,
    document: scenario.document,
    whatIf,
    paramErrors: problems.map((p) => `${p.path}: ${problemMessage(p, lang)}`),
  });
}

const saveForm = z.object({
  baseVersion: z.coerce.number().int().min(1),
  savedBy: z.string().trim().min(1).max(100),
  note: z.string().max(500).default(''),
  whatIf: z.string().max(2000),
});

/** "Save as new version": the what-if becomes the document's inputs. */
export async function action({ request, params }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const form = saveForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return json({ error: translate(lang, 'nameNeeded') }, { status: 400 });
  const current = getScenario(params.id!, form.data.baseVersion);
  if (!current) throw new Response('Not found', { status: 404 });
  const { whatIf, problems } = parseWhatIfParams(new URLSearchParams(form.data.whatIf));
  if (problems.length > 0)
    return json(
      { error: problems.map((p) => `${p.path}: ${problemMessage(p, lang)}`).join('; ') },
      { status: 400 },
    );
  const model = compileScenario(current.document);
  const validated = validateScenario(writeInputs(current.document, model.params, applyWhatIf(model, whatIf)));
  if (!validated.ok) {
    return json(
      { error: validated.problems.map((p) => `${p.path}: ${problemMessage(p, lang)}`).join('; ') },
      { status: 400 },
    );
  }
  const saved = saveVersion(params.id!, form.data.baseVersion, validated.scenario, {
    savedBy: form.data.savedBy,
    note: form.data.note || translate(lang, 'whatIfNote', { change: form.data.whatIf }),
  });
  if (saved.status === 'conflict') {
    return json({ error: translate(lang, 'conflict', { latest: saved.latestVersion }) }, { status: 409 });
  }
  if (saved.status === 'notFound') throw new Response('Not found', { status: 404 });
  return redirect(`/scenarios/${params.id}?saved=${saved.version}`);
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = useLang();
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const document = data.document as unknown as Scenario;
  const model = useMemo(() => compileScenario(document), [document]);
  const baseline = useMemo(() => whatIfBaseline(model), [model]);
  const [whatIf, setWhatIf] = useState<WhatIf>(data.whatIf);
  const result = useMemo(() => runModel(model, applyWhatIf(model, whatIf), { lang }), [model, whatIf, lang]);
  const search = whatIfToSearch(whatIf);
  // Recharts measures text in the browser, which the server cannot: draw the charts afresh
  // once hydrated so no server-measured position stays on screen.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const update = useCallback(
    (next: WhatIf) => {
      setWhatIf(next);
      // Keep the address in step so the view can be shared or reloaded as it is.
      const params = new URLSearchParams(whatIfToSearch(next));
      if (data.version !== data.latestVersion) params.set('version', String(data.version));
      const query = params.toString();
      window.history.replaceState(window.history.state, '', query ? `?${query}` : window.location.pathname);
    },
    [data.version, data.latestVersion],
  );
  const onChange = (key: WhatIfKey, value: number) => update({ ...whatIf, [key]: value });
  const savedVersion =
    typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('saved');

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
        <a className="button secondary" href={`/api/scenarios/${data.id}/results?version=${data.version}`}>
          {t('downloadJson')}
        </a>
        <span className="muted">
          {data.version === data.latestVersion
            ? `${t('version')} ${data.version}`
            : t('viewingVersion', { version: data.version, latest: data.latestVersion })}
        </span>
      </p>
      {savedVersion && <p className="banner ok-banner">{t('saved', { version: savedVersion })}</p>}
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
