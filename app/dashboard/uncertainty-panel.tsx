/**
 * The Monte Carlo on the dashboard: run in Web Workers (started and warmed once the page has
 * loaded, the trials split between them: app/uncertainty/) with a progress bar and cancel; then
 * the probabilities, the fan of yearly net cash, the NPV histogram, the tornado, and which
 * option wins across each input with its break-even values. The seed is the scenario's, so a
 * shared view draws the same numbers.
 */
import { useEffect, useRef, useState } from 'react';

import { formatInputValue, formatMoney, formatPercent } from '~/engine/format';
import type { Model, ParsedExpressions } from '~/engine/model';
import type { OptionResult } from '~/engine/results';
import type { Scenario } from '~/engine/schema';
import type { Lang } from '~/engine/text';
import type { MonteCarloResult, OptionMonteCarlo } from '~/engine/uncertainty/monte-carlo';
import { translate } from '~/i18n/ui';
import { whenIdle } from '~/uncertainty/idle';
import { MonteCarloWorkers, RunStopped } from '~/uncertainty/workers';

import { OPTION_COLORS } from './charts';
import { ReadingList } from './reading-list';
import { TwoWayTable } from './two-way-table';
import { FanChart, HistogramChart, TornadoChart } from './uncertainty-charts';

type State =
  | { status: 'idle' }
  | { status: 'running'; done: number }
  /** `ranFor`: the document the trials ran on (a what-if moved since makes them stale). */
  | { status: 'done'; result: MonteCarloResult; ranFor: Scenario }
  | { status: 'error'; message: string };

/** The two-way table opens on the two inputs that swing the best option's NPV most. */
function twoWayStart(
  result: MonteCarloResult,
  options: OptionResult[],
): { a: string; b: string; optionId: string } {
  const best = [...options].sort(
    (x, y) => (result.options[y.id]?.npv.mean ?? -Infinity) - (result.options[x.id]?.npv.mean ?? -Infinity),
  )[0];
  const bars = best ? (result.options[best.id]?.tornado ?? []) : [];
  const paths = bars.length >= 2 ? bars.map((b) => b.input) : result.sweeps.map((s) => s.input);
  return { a: paths[0] ?? '', b: paths[1] ?? paths[0] ?? '', optionId: best?.id ?? '' };
}

export function UncertaintyPanel({
  document,
  expressions,
  workerUrl,
  samplesUrl,
  options,
  model,
  inputLabels,
  tornadoLabels,
  lang,
}: {
  document: Scenario;
  expressions: ParsedExpressions;
  workerUrl: string | null;
  /** The saved version's raw samples as CSV (the what-if is not saved, so not applied there). */
  samplesUrl: string | null;
  options: OptionResult[];
  /** The compiled model (for how freed hours become cash, which the reading names). */
  model: Pick<Model, 'realization'>;
  inputLabels: Record<string, string>;
  tornadoLabels: Record<string, Record<string, string>>;
  lang: Lang;
}) {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, key, params);
  const [state, setState] = useState<State>({ status: 'idle' });
  const workers = useRef<MonteCarloWorkers | null>(null);
  const uncertainty = document.uncertainty;
  const hasInputs = !!uncertainty && Object.keys(uncertainty.inputs).length > 0;
  // The document to warm the workers with once the page is idle: the one shown then.
  const latest = useRef({ document, expressions });
  latest.current = { document, expressions };
  useEffect(() => {
    if (!workerUrl || !hasInputs) return;
    const pool = new MonteCarloWorkers(workerUrl);
    workers.current = pool;
    // The workers load their script at once, and warm up (compile the model, run a few trials)
    // when the page has settled after loading, out of the way of its own first work: a click
    // then finds the engine compiled.
    pool.start();
    const cancelWarm = whenIdle(() => pool.warm(latest.current.document, latest.current.expressions));
    return () => {
      cancelWarm();
      pool.stop();
      pool.terminate();
      if (workers.current === pool) workers.current = null;
    };
  }, [workerUrl, hasInputs]);
  if (!uncertainty || !hasInputs) {
    return (
      <section className="card">
        <h2>{t('uncertainty')}</h2>
        <p className="muted">{t('noUncertainty')}</p>
      </section>
    );
  }
  const run = () => {
    const pool = workers.current;
    if (!pool) return;
    const ranFor = document;
    setState({ status: 'running', done: 0 });
    pool
      .run(document, expressions, uncertainty.trials, uncertainty.seed, (done) =>
        setState((s) => (s.status === 'running' ? { status: 'running', done } : s)),
      )
      .then(
        (result) => setState({ status: 'done', result, ranFor }),
        (error: unknown) => {
          // A run stopped by a newer one or by Cancel says nothing; the state is theirs.
          if (error instanceof RunStopped) return;
          setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
        },
      );
  };
  const cancel = () => {
    const pool = workers.current;
    pool?.stop();
    setState({ status: 'idle' });
    // The stopped workers are gone: warm new ones for the next click.
    pool?.warm(document, expressions);
  };
  const money = (v: number) => formatMoney(v, document.currency, lang);
  // The headline lies outside what four trials in five give: flagged in the table and explained below.
  const outsideBand = (m: OptionMonteCarlo) => m.baseNpv < m.npv.p10 || m.baseNpv > m.npv.p90;
  const nameOf = (id: string) =>
    id === 'statusQuo' ? t('statusQuo') : (options.find((o) => o.id === id)?.name ?? id);
  const colorOf = (id: string) =>
    id === 'statusQuo'
      ? '#adb5bd'
      : OPTION_COLORS[options.findIndex((o) => o.id === id) % OPTION_COLORS.length]!;

  return (
    <section className="card" aria-labelledby="mc-title" data-testid="uncertainty">
      <h2 id="mc-title">{t('uncertainty')}</h2>
      <noscript>
        <p className="muted">{t('mcNeedsJs')}</p>
      </noscript>
      <p className="row no-print">
        <button type="button" onClick={run} disabled={!workerUrl || state.status === 'running'}>
          {t('runMc', { trials: uncertainty.trials.toLocaleString('en-US'), seed: uncertainty.seed })}
        </button>
        {state.status === 'running' && (
          <>
            <progress value={state.done} max={1} aria-label={t('uncertainty')} />
            <button type="button" className="secondary" onClick={cancel}>
              {t('cancel')}
            </button>
          </>
        )}
      </p>
      {state.status === 'error' && <p className="banner error-banner">{state.message}</p>}
      {state.status === 'done' && state.ranFor !== document && (
        <p className="banner warn-banner" data-testid="mc-stale">
          {t('mcStale')}
        </p>
      )}
      {state.status === 'done' && (
        <>
          <div className="chart-box">
            <table data-testid="mc-table" className="compact">
              <thead>
                <tr>
                  <th>{t('option')}</th>
                  <th className="num">{t('baseCase')}</th>
                  <th className="num">{lang === 'zh-CN' ? '净现值 P10' : 'NPV P10'}</th>
                  <th className="num">{lang === 'zh-CN' ? 'P50（中位数）' : 'P50 (median)'}</th>
                  <th className="num">P90</th>
                  <th className="num">{t('simulatedMean')}</th>
                  <th className="num">{t('probPositive')}</th>
                  <th className="num">{t('probPayback')}</th>
                  <th className="num">{t('probBreach')}</th>
                  <th className="num">{t('probBest')}</th>
                </tr>
              </thead>
              <tbody>
                {options.map((o) => {
                  const m = state.result.options[o.id]!;
                  return (
                    <tr key={o.id}>
                      <th scope="row" className="name">
                        {o.name}
                      </th>
                      <td
                        className={`num ${outsideBand(m) ? 'bad' : ''}`}
                        title={outsideBand(m) ? t('outsideBandMark') : undefined}
                      >
                        {money(m.baseNpv)}
                        {outsideBand(m) && <span aria-label={t('outsideBandMark')}> ⚠</span>}
                      </td>
                      <td className="num">{money(m.npv.p10)}</td>
                      <td className="num">{money(m.npv.p50)}</td>
                      <td className="num">{money(m.npv.p90)}</td>
                      <td className="num">{money(m.npv.mean)}</td>
                      <td className="num">{formatPercent(m.probNpvPositive, lang)}</td>
                      <td className="num">{formatPercent(m.probPayback, lang)}</td>
                      <td className={`num ${m.probBudgetBreach > 0.5 ? 'bad' : ''}`}>
                        {formatPercent(m.probBudgetBreach, lang)}
                      </td>
                      <td className="num">
                        {formatPercent(
                          state.result.winners.find((w) => w.optionId === o.id)?.share ?? 0,
                          lang,
                        )}
                      </td>
                    </tr>
                  );
                })}
                <tr>
                  <th scope="row">{t('statusQuo')}</th>
                  <td colSpan={8}></td>
                  <td className="num">
                    {formatPercent(
                      state.result.winners.find((w) => w.optionId === 'statusQuo')?.share ?? 0,
                      lang,
                    )}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          <ReadingList
            model={model}
            options={options}
            result={state.result}
            currency={document.currency}
            inputLabel={(optionId, path) => tornadoLabels[optionId]?.[path] ?? inputLabels[path] ?? path}
            lang={lang}
          />
          {options.map((o) => {
            const pilot = state.result.options[o.id]?.pilot;
            return pilot ? (
              <p key={o.id} data-testid="pilot-value">
                {t('pilotValue', {
                  name: o.name,
                  target: nameOf(pilot.targetId),
                  scale: formatPercent(pilot.probScaleUp, lang),
                  info: money(pilot.informationValue),
                  net: money(pilot.netValue),
                })}
              </p>
            ) : null;
          })}
          <p className="muted">
            {samplesUrl && (
              <>
                <a href={samplesUrl}>{t('samplesCsv')}</a> ·{' '}
              </>
            )}
            {t('evpi')}: {money(state.result.evpi)} ·{' '}
            {t('trialsAndSeed', {
              trials: state.result.trials.toLocaleString('en-US'),
              seed: state.result.seed,
            })}
          </p>
          <div className="grid">
            {options.map((o, i) => (
              <figure className="card" key={o.id}>
                <h3 style={{ color: colorOf(o.id) }}>
                  {t('fan')} · {o.name}
                </h3>
                <FanChart
                  chartId={o.id}
                  mc={state.result.options[o.id]!}
                  startYear={document.startYear}
                  color={OPTION_COLORS[i % OPTION_COLORS.length]!}
                  currency={document.currency}
                  lang={lang}
                />
                <h3>{t('histogram')}</h3>
                <HistogramChart
                  chartId={o.id}
                  mc={state.result.options[o.id]!}
                  color={OPTION_COLORS[i % OPTION_COLORS.length]!}
                  currency={document.currency}
                  lang={lang}
                />
                <h3>{t('tornado')}</h3>
                <TornadoChart
                  chartId={o.id}
                  mc={state.result.options[o.id]!}
                  labels={tornadoLabels[o.id] ?? inputLabels}
                  currency={document.currency}
                  lang={lang}
                />
              </figure>
            ))}
          </div>
          <h3>{t('whoWins')}</h3>
          <p className="legend">
            {[...options.map((o) => o.id), 'statusQuo'].map((id) => (
              <span key={id} style={{ ['--c' as string]: colorOf(id) }}>
                {nameOf(id)}
              </span>
            ))}
          </p>
          <div className="chart-box">
            <table data-testid="break-even" className="break-even">
              <thead>
                <tr>
                  <th scope="col">{t('input')}</th>
                  <th scope="col">{t('best')}</th>
                  <th scope="col">{t('breakEven')} (NPV = 0)</th>
                  <th scope="col">{t('ties')}</th>
                </tr>
              </thead>
              <tbody>
                {state.result.sweeps.map((s) => (
                  <tr key={s.input}>
                    <th scope="row" className="name">
                      {inputLabels[s.input] ?? s.input}
                    </th>
                    <td>
                      <div className="strip" role="img" aria-label={s.winners.map(nameOf).join(', ')}>
                        {s.winners.map((w, i) => (
                          <span
                            key={i}
                            title={`${formatInputValue(s.values[i]!, lang)}: ${nameOf(w)}`}
                            style={{ background: colorOf(w) }}
                          />
                        ))}
                      </div>
                      <span className="muted">
                        {formatInputValue(s.values[0]!, lang)} …{' '}
                        {formatInputValue(s.values[s.values.length - 1]!, lang)}
                      </span>
                    </td>
                    <td className="muted">
                      {s.breakEven
                        .filter((b) => b.value !== null)
                        .map((b) => `${nameOf(b.optionId)}: ${formatInputValue(b.value!, lang)}`)
                        .join('; ')}
                    </td>
                    <td className="muted">
                      {s.ties
                        .map(
                          (tie) =>
                            `${nameOf(tie.a)} = ${nameOf(tie.b)}: ${formatInputValue(tie.value, lang)}`,
                        )
                        .join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <TwoWayTable
            document={document}
            expressions={expressions}
            options={options}
            inputLabels={inputLabels}
            initial={twoWayStart(state.result, options)}
            colorOf={colorOf}
            nameOf={nameOf}
            lang={lang}
          />
        </>
      )}
    </section>
  );
}
