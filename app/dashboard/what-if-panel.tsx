import { Form } from '@remix-run/react';

import { WHAT_IF_KEYS, type WhatIf, type WhatIfKey } from '~/engine/what-if';
import { formatMoney, formatPercent } from '~/engine/format';
import type { Lang } from '~/engine/text';
import { translate, type UiKey } from '~/i18n/ui';

import { WHAT_IF_BOUNDS } from './what-if-search';

const LABELS: Record<WhatIfKey, UiKey> = {
  fit: 'knobFit',
  adoption: 'knobAdoption',
  tokenPrice: 'knobTokenPrice',
  wageGrowth: 'knobWageGrowth',
  discountRate: 'knobDiscountRate',
  budget: 'knobBudget',
};

function display(key: WhatIfKey, value: number, currency: string, lang: Lang): string {
  if (key === 'tokenPrice') return `× ${value.toFixed(2)}`;
  if (key === 'budget') return formatMoney(value, currency, lang);
  return formatPercent(value, lang, key === 'fit' || key === 'adoption' ? 0 : 1);
}

/**
 * The key assumptions as sliders. Without JavaScript the form submits as a GET and the server
 * renders the changed results; with it, every move re-runs the engine in the browser.
 */
export function WhatIfPanel({
  values,
  baseline,
  currency,
  lang,
  onChange,
  onReset,
}: {
  values: Required<WhatIf>;
  baseline: Required<WhatIf>;
  currency: string;
  lang: Lang;
  onChange: (key: WhatIfKey, value: number) => void;
  onReset: () => void;
}) {
  return (
    <Form method="get" className="card no-print" aria-labelledby="what-if-title" preventScrollReset>
      <h2 id="what-if-title">{translate(lang, 'whatIf')}</h2>
      <div className="what-if">
        {WHAT_IF_KEYS.map((key) => {
          const bounds = WHAT_IF_BOUNDS[key];
          const max = key === 'budget' ? Math.max(baseline.budget * 3, 100000) : bounds.max;
          const changed = Math.abs(values[key] - baseline[key]) > 1e-9;
          // step="any": the scenario's own values (an average fit of 0.7125) must sit on the
          // slider exactly, or an untouched slider would change the numbers.
          return (
            <div key={key} className="knob">
              <label htmlFor={`whatif-${key}`}>{translate(lang, LABELS[key])}</label>{' '}
              <output htmlFor={`whatif-${key}`} className={changed ? 'bad' : undefined}>
                {display(key, values[key], currency, lang)}
              </output>
              <input
                id={`whatif-${key}`}
                type="range"
                name={key}
                min={bounds.min}
                max={max}
                step="any"
                value={values[key]}
                onChange={(e) => onChange(key, Number(e.currentTarget.value))}
              />
            </div>
          );
        })}
      </div>
      <p className="row">
        <noscript>
          <button type="submit">{translate(lang, 'recalculate')}</button>
        </noscript>
        <button type="button" className="secondary" onClick={onReset}>
          {translate(lang, 'reset')}
        </button>
      </p>
    </Form>
  );
}
