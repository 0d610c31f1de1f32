/**
 * Two uncertain inputs at once: an option's NPV over a 5 × 5 grid from each input's P10 to its
 * P90 (the rest as the what-if has them), and which option wins in each cell. A tornado moves
 * one input at a time; a committee asks "and if both go wrong?".
 */
import { useMemo, useState } from 'react';

import { formatInputValue, formatMoney } from '~/engine/format';
import { compileModel, type ParsedExpressions } from '~/engine/model';
import type { OptionResult } from '~/engine/results';
import type { Scenario } from '~/engine/schema';
import type { Lang } from '~/engine/text';
import { uncertainInputs } from '~/engine/uncertainty/monte-carlo';
import { twoWayTable } from '~/engine/uncertainty/sensitivity';
import { translate } from '~/i18n/ui';

export function TwoWayTable({
  document,
  expressions,
  options,
  inputLabels,
  initial,
  colorOf,
  nameOf,
  lang,
}: {
  document: Scenario;
  expressions: ParsedExpressions;
  options: OptionResult[];
  inputLabels: Record<string, string>;
  /** The first pair shown and the option, e.g. the best option's two widest tornado bars. */
  initial: { a: string; b: string; optionId: string };
  colorOf: (id: string) => string;
  nameOf: (id: string) => string;
  lang: Lang;
}) {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const model = useMemo(() => compileModel(document, expressions), [document, expressions]);
  const inputs = useMemo(() => uncertainInputs(model, document.uncertainty!), [model, document.uncertainty]);
  const [a, setA] = useState(initial.a);
  const [b, setB] = useState(initial.b);
  const [optionId, setOptionId] = useState(initial.optionId);
  const ia = inputs.find((i) => i.path === a);
  const ib = inputs.find((i) => i.path === b);
  const table = useMemo(
    () => (ia && ib && ia.slot !== ib.slot ? twoWayTable(model, ia, ib) : null),
    [model, ia, ib],
  );
  const label = (path: string) => inputLabels[path] ?? path;
  const money = (v: number) => formatMoney(v, document.currency, lang);
  const select = (id: string, text: string, value: string, onChange: (v: string) => void) => (
    <label htmlFor={id}>
      {text}{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {inputs.map((i) => (
          <option key={i.path} value={i.path}>
            {label(i.path)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div data-testid="two-way">
      <h3>{t('twoWay')}</h3>
      <p className="row">
        {select('two-way-a', t('twoWayRows'), a, setA)}
        {select('two-way-b', t('twoWayColumns'), b, setB)}
        <label htmlFor="two-way-option">
          {t('option')}{' '}
          <select id="two-way-option" value={optionId} onChange={(e) => setOptionId(e.target.value)}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      </p>
      {table ? (
        <>
          {/* Above the table, not its caption: a caption is as wide as a table that scrolls
              sideways on a phone, and would scroll out of sight with it. */}
          <p className="muted" id="two-way-caption">
            {t('twoWayCaption')}
          </p>
          <div className="chart-box">
            <table className="compact two-way" aria-labelledby="two-way-caption">
              <thead>
                <tr>
                  <th scope="col" className="muted">
                    {t('twoWayRows')} ↓ {t('twoWayColumns')} →
                  </th>
                  {table.b.map((v, j) => (
                    <th scope="col" className="num" key={j}>
                      {formatInputValue(v, lang)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.a.map((v, i) => (
                  <tr key={i}>
                    <th scope="row" className="num">
                      {formatInputValue(v, lang)}
                    </th>
                    {table.b.map((_, j) => {
                      const npv = table.npv[optionId]?.[i]?.[j] ?? NaN;
                      const winner = table.winners[i]![j]!;
                      return (
                        <td key={j} className={`num ${npv < 0 ? 'bad' : 'good'}`}>
                          {money(npv)}
                          <span
                            className="swatch"
                            style={{ background: colorOf(winner) }}
                            title={`${t('best')}: ${nameOf(winner)}`}
                            aria-label={`${t('best')}: ${nameOf(winner)}`}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="muted">{t('twoWaySame')}</p>
      )}
    </div>
  );
}
