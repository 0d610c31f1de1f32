import { formatMoney, formatPercent, formatUnitPrice } from '~/engine/format';
import type { OptionResult, ScenarioResult } from '~/engine/results';
import type { Lang } from '~/engine/text';
import { fteChange, hoursChange, workChangeCell } from '~/i18n/hours';
import { IRR_NOTES, METRIC_NAMES, OPTION_KIND_NAMES, termLabel } from '~/i18n/terms';
import { translate } from '~/i18n/ui';

/** Why an option has no IRR, as a footnote number (a letter would be Latin on a Chinese page): the sentences go under the table. */
const NOTE_MARKS = { noSignChange: '1', multipleRoots: '2', noRootInRange: '3', financingFlow: '4' } as const;

/** The options side by side, one row per measure a committee compares. */
export function ComparisonTable({ result, lang }: { result: ScenarioResult; lang: Lang }) {
  const t = (k: keyof typeof METRIC_NAMES) => METRIC_NAMES[k][lang];
  const money = (v: number) => formatMoney(v, result.currency, lang);
  const none = t('none');
  const rows: [string, (o: OptionResult) => string, ((o: OptionResult) => boolean)?][] = [
    [t('kind'), (o) => termLabel(OPTION_KIND_NAMES[o.kind], lang)],
    [t('npv'), (o) => money(o.npv), (o) => o.npv < 0],
    [
      t('irr'),
      (o) =>
        o.irr === null
          ? `${none}${o.irrNote ? ` (${NOTE_MARKS[o.irrNote]})` : ''}`
          : formatPercent(o.irr, lang),
    ],
    [
      t('payback'),
      (o) => (o.paybackMonth === null ? t('never') : String(o.paybackMonth)),
      (o) => o.paybackMonth === null,
    ],
    [
      t('discountedPayback'),
      (o) => (o.discountedPaybackMonth === null ? t('never') : String(o.discountedPaybackMonth)),
    ],
    [t('roi'), (o) => formatPercent(o.roi, lang), (o) => (o.roi ?? 0) < 0],
    [t('paperRoi'), (o) => formatPercent(o.paperRoi, lang)],
    [t('tco'), (o) => money(o.tco)],
    [
      translate(lang, 'costPerHour'),
      (o) =>
        o.costPerHourFreed === null ? none : formatUnitPrice(o.costPerHourFreed, result.currency, lang),
    ],
    // Added work reads as added ("增加 576"), never as negative hours freed; hours are the whole
    // plan's, FTE the final year's, which is why −576 hours can sit beside 0.0 FTE.
    [
      translate(lang, 'hoursWholePlan'),
      (o) => workChangeCell(hoursChange(o.hoursFreed, lang), lang),
      (o) => hoursChange(o.hoursFreed, lang).direction === 'added',
    ],
    [
      translate(lang, 'fteFinalYear'),
      (o) => workChangeCell(fteChange(o.fteFreed, lang), lang),
      (o) => fteChange(o.fteFreed, lang).direction === 'added',
    ],
    [t('cashRealized'), (o) => money(o.cashRealized)],
    [
      t('breachYears'),
      (o) =>
        o.budgetBreachYears.length
          ? o.budgetBreachYears.map((y) => result.startYear + y - 1).join(', ')
          : '—',
      (o) => o.budgetBreachYears.length > 0,
    ],
    [translate(lang, 'peakSpend'), (o) => money(o.peakYearlySpend)],
    [
      translate(lang, 'stranded'),
      (o) => (o.stop ? money(o.stop.strandedCash + o.stop.strandedBookValue) : '—'),
      // Red only when something is actually left stranded.
      (o) => Boolean(o.stop && o.stop.strandedCash + o.stop.strandedBookValue > 0),
    ],
  ];
  return (
    <div className="card chart-box">
      <h2>{translate(lang, 'comparison')}</h2>
      <table data-testid="comparison">
        <thead>
          <tr>
            <th scope="col">{t('option')}</th>
            {result.options.map((o) => (
              <th key={o.id} scope="col" className="num">
                {o.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, cell, bad]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {result.options.map((o) => (
                <td key={o.id} className={`num ${bad?.(o) ? 'bad' : ''}`}>
                  {cell(o)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {result.options.some((o) => o.irrNote) && (
        <p className="muted">
          {translate(lang, 'irrNotes')}:{' '}
          {[...new Set(result.options.map((o) => o.irrNote).filter((n) => n !== null))]
            .map((n) => `(${NOTE_MARKS[n]}) ${IRR_NOTES[n][lang]}`)
            .join('; ')}
        </p>
      )}
      <p className="muted">{translate(lang, 'baseCaseNote')}</p>
      <p className="muted">{translate(lang, 'moneyNote')}</p>
    </div>
  );
}
