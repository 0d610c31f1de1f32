/**
 * The new portfolio's optional conditions, folded away until wanted (or until one of them is
 * refused): a use case already contracted, a use case that needs another's platform, shared
 * GPU servers, and a cap on new hires a year.
 */
import { domId } from '~/editor/dom-id';

import type { PortfolioFormSetup, PortfolioFormState } from './form.server';
import { usePortfolioListText } from './list-words';
import { errorProps, FieldError } from './new-fields';

const MORE_FIELDS = /^(forced|needs):|^(hires|sharedServers)$/;

export function NewPortfolioMore({ setup, state }: { setup: PortfolioFormSetup; state: PortfolioFormState }) {
  const say = usePortfolioListText();
  const offered = setup.useCases.filter((u) => !u.broken);
  const typedSome =
    Object.entries(state.values).some(([k, v]) => MORE_FIELDS.test(k) && v !== '') || state.sharedServers;
  const refused = Object.keys(state.errors).some((k) => MORE_FIELDS.test(k));
  return (
    <details className="portfolio-more" open={typedSome || refused}>
      <summary>{say('more')}</summary>
      <p className="hint">
        {say('forcedHint')} {say('needsHint')}
      </p>
      <ul className="portfolio-conditions">
        {offered.map((u) => {
          const forced = `forced:${u.id}`;
          const needs = `needs:${u.id}`;
          return (
            <li key={u.id} className={state.errors[forced] || state.errors[needs] ? 'has-error' : undefined}>
              <strong>{u.name}</strong>
              <span className="row">
                <label>
                  {say('forcedTitle')}{' '}
                  <select
                    id={domId(forced)}
                    name={forced}
                    defaultValue={state.values[forced] ?? ''}
                    aria-label={say('forcedOf', { name: u.name })}
                    {...errorProps(forced, state)}
                  >
                    <option value="">{say('notContracted')}</option>
                    {u.options.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {say('needsTitle')}{' '}
                  <select
                    id={domId(needs)}
                    name={needs}
                    defaultValue={state.values[needs] ?? ''}
                    aria-label={say('needsOf', { name: u.name })}
                    {...errorProps(needs, state)}
                  >
                    <option value="">{say('needsNothing')}</option>
                    {offered
                      .filter((o) => o.id !== u.id)
                      .map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                  </select>
                </label>
              </span>
              <FieldError name={forced} state={state} />
              <FieldError name={needs} state={state} />
            </li>
          );
        })}
      </ul>
      <div className="fields">
        <div className="field flag">
          <label className="flag-label" htmlFor={domId('sharedServers')}>
            <input
              id={domId('sharedServers')}
              type="checkbox"
              name="sharedServers"
              value="on"
              defaultChecked={state.sharedServers}
            />{' '}
            {say('sharedServers')}
          </label>
          <FieldError name="sharedServers" state={state} />
        </div>
        <div className={`field${state.errors.hires ? ' has-error' : ''}`}>
          <label htmlFor={domId('hires')}>{say('hires')}</label>
          <span className="control">
            <input
              id={domId('hires')}
              name="hires"
              inputMode="decimal"
              autoComplete="off"
              className="number"
              defaultValue={state.values.hires ?? ''}
              {...errorProps('hires', state)}
            />
            <span className="unit">{say('people')}</span>
          </span>
          <span className="hint">{say('hiresHint')}</span>
          <FieldError name="hires" state={state} />
        </div>
      </div>
    </details>
  );
}
