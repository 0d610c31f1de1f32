/**
 * "How to read these numbers", under the Monte Carlo's table: for each option, its base case
 * (the headline) beside the simulated median and mean, a warning when the headline lies outside
 * P10–P90, and why the numbers differ when they do.
 */
import type { Model } from '~/engine/model';
import type { OptionResult } from '~/engine/results';
import type { Lang } from '~/engine/text';
import type { MonteCarloResult } from '~/engine/uncertainty/monte-carlo';
import { readNumbers } from '~/engine/uncertainty/reading';
import { readingFlag, readingHeadline, readingReasons } from '~/i18n/reading';
import { translate } from '~/i18n/ui';

export function ReadingList({
  model,
  options,
  result,
  currency,
  inputLabel,
  lang,
}: {
  model: Pick<Model, 'realization'>;
  options: OptionResult[];
  result: MonteCarloResult;
  currency: string;
  /** What an input is called in this option's tornado (the option's own labels first). */
  inputLabel: (optionId: string, path: string) => string;
  lang: Lang;
}) {
  const nameOf = (id: string) => options.find((o) => o.id === id)?.name ?? id;
  return (
    <section className="reading" aria-labelledby="reading-title" data-testid="reading">
      <h3 id="reading-title">{translate(lang, 'howToRead')}</h3>
      <p className="muted">{translate(lang, 'howToReadIntro')}</p>
      {options.map((o) => {
        const mc = result.options[o.id];
        if (!mc) return null;
        const reading = readNumbers(model, o, mc);
        const words = {
          currency,
          trials: result.trials,
          inputLabel: (path: string) => inputLabel(o.id, path),
          optionName: nameOf,
        };
        const flag = readingFlag(reading, lang);
        return (
          <div key={o.id} className="reading-option" data-testid={`reading-${o.id}`}>
            <h4>{o.name}</h4>
            <p>{readingHeadline(reading, words, lang)}</p>
            {flag && (
              <p className="banner warn-banner" data-testid="reading-flag">
                {flag}
              </p>
            )}
            <ul>
              {readingReasons(reading, words, lang).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
