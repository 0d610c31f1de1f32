/**
 * The Monte Carlo on the dashboard: run in a Web Worker with a progress bar and cancel; then
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
  const worker = useRef<Worker | null>(null);
  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );
  const uncertainty = document.uncertainty;
  if (!uncertainty || Object.keys(uncertainty.inputs).length === 0) {
    return (
      <section className="card">
        <h2>{t('uncertainty')}</h2>
        <p className="muted">{t('noUncertainty')}</p>
      </section>
    );
  }
  const run = () => {
    if (!workerUrl) return;
    // The worker of the last finished run is kept: its engine is compiled by now and runs the
    // trials several times faster than a new one. A run still going is replaced.
    if (state.status === 'running') {
      worker.current?.terminate();
      worker.current = null;
    }
    const w = worker.current ?? new Worker(workerUrl);
    worker.current = w;
    setState({ status: 'running', done: 0 });
    w.onmessage = (event: MessageEvent) => {
      const message = event.data as {
        type: string;
        done?: number;
        result?: MonteCarloResult;
        message?: string;
      };
      if (message.type === 'progress') setState({ status: 'running', done: message.done ?? 0 });
      else if (message.type === 'done')
        setState({ status: 'done', result: message.result!, ranFor: document });
      else setState({ status: 'error', message: message.message ?? 'error' });
    };
    // A worker that fails to load or dies is dropped; the next run starts a new one.
    w.onerror = (event: ErrorEvent) => {
      w.terminate();
      if (worker.current === w) worker.current = null;
      setState({ status: 'error', message: event.message || 'error' });
    };
    w.postMessage({ document, expressions, trials: uncertainty.trials, seed: uncertainty.seed });
  };
  const cancel = () => {
    worker.current?.terminate();
    worker.current = null;
    setState({ status: 'idle' });
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
