/**
 * The form that makes a portfolio ("新建组合规划"): a name, the use cases ticked with their options
 * in words, each year's budget, the years a use case may start, what to aim for, and, folded
 * away, what is already contracted and what needs what. A plain form: it works without
 * JavaScript; a refused post comes back with what was typed and each problem beside its field.
 */
import { Form, useNavigation } from '@remix-run/react';

import { CsrfField } from '~/auth/csrf-field';
import { domId } from '~/editor/dom-id';
import { OPTION_KIND_NAMES, termLabel } from '~/i18n/terms';
import { useLang } from '~/i18n/ui';

import type { PortfolioFormSetup, PortfolioFormState, UseCaseChoice } from './form.server';
import { usePortfolioListText } from './list-words';
import { errorProps, FieldError } from './new-fields';
import { NewPortfolioMore } from './new-more';

function OptionsInWords({ useCase }: { useCase: UseCaseChoice }) {
  const lang = useLang();
  const say = usePortfolioListText();
  return (
    <span className="muted small options-in-words">
      {say('optionsAre')}
      {useCase.options
        .map((o) => `${termLabel(OPTION_KIND_NAMES[o.kind], lang)} · ${o.name}`)
        .join(lang === 'en' ? '; ' : '；')}
    </span>
  );
}

function UseCases({ setup, state }: { setup: PortfolioFormSetup; state: PortfolioFormState }) {
  const say = usePortfolioListText();
  return (
    <fieldset
      className={`portfolio-use-cases${state.errors.useCase ? ' has-error' : ''}`}
      id={domId('useCase')}
      {...(state.errors.useCase ? { 'aria-describedby': `${domId('useCase')}-error` } : {})}
    >
      <legend>{say('chooseUseCases')}</legend>
      <p className="hint">{say('chooseUseCasesHint')}</p>
      <ul>
        {setup.useCases.map((u) => (
          <li key={u.id}>
            <label className="flag-label">
              <input
                type="checkbox"
                name="useCase"
                value={u.id}
                defaultChecked={state.useCases.includes(u.id)}
                disabled={u.broken}
              />{' '}
              <span>
                <strong>{u.name}</strong>{' '}
                {!u.broken && (
                  <span className="muted small">
                    {say('yearsOfCase', { from: u.startYear, to: u.startYear + u.horizonYears - 1 })}
                  </span>
                )}
              </span>
            </label>
            {u.broken ? (
              <span className="muted small">{say('brokenUseCase')}</span>
            ) : (
              <OptionsInWords useCase={u} />
            )}
          </li>
        ))}
      </ul>
      <FieldError name="useCase" state={state} />
    </fieldset>
  );
}

function Years({ setup, state }: { setup: PortfolioFormSetup; state: PortfolioFormState }) {
  const say = usePortfolioListText();
  return (
    <fieldset className="portfolio-years" id={domId('start')}>
      <legend>{say('budgetTitle')}</legend>
      <p className="hint">{say('budgetHint')}</p>
      <table className="budget-years">
        <thead>
          <tr>
            <th scope="col">{say('year')}</th>
            <th scope="col">{say('aiBudget')}</th>
            <th scope="col">{say('committed')}</th>
            <th scope="col">{say('mayStart')}</th>
          </tr>
        </thead>
        <tbody>
          {setup.years.map((year) => {
            const budget = `budget:${year}`;
            const committed = `committed:${year}`;
            return (
              <tr key={year}>
                <th scope="row">{year}</th>
                <td className={state.errors[budget] ? 'has-error' : undefined}>
                  <input
                    id={domId(budget)}
                    name={budget}
                    inputMode="decimal"
                    autoComplete="off"
                    className="number"
                    defaultValue={state.values[budget] ?? ''}
                    aria-label={say('aiBudgetOf', { year })}
                    {...errorProps(budget, state)}
                  />
                  <FieldError name={budget} state={state} />
                </td>
                <td className={state.errors[committed] ? 'has-error' : undefined}>
                  <input
                    id={domId(committed)}
                    name={committed}
                    inputMode="decimal"
                    autoComplete="off"
                    className="number"
                    defaultValue={state.values[committed] ?? ''}
                    aria-label={say('committedOf', { year })}
                    {...errorProps(committed, state)}
                  />
                  <FieldError name={committed} state={state} />
                </td>
                <td className="start-year">
                  <input
                    type="checkbox"
                    name="start"
                    value={year}
                    defaultChecked={state.startYears.includes(year)}
                    aria-label={say('mayStartIn', { year })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FieldError name="start" state={state} />
    </fieldset>
  );
}

function Objective({ state }: { state: PortfolioFormState }) {
  const say = usePortfolioListText();
  const chosen = state.values.objective ?? 'npv';
  const radio = (value: string) => (
    <input type="radio" name="objective" value={value} defaultChecked={chosen === value} />
  );
  return (
    <fieldset className="portfolio-objective" id={domId('objective')}>
      <legend>{say('objective')}</legend>
      <label className="flag-label">
        {radio('npv')} {say('objectiveNpv')}
      </label>
      <label className="flag-label">
        {radio('p10')} {say('objectiveP10')}
      </label>
      <div className={`breach-choice${state.errors.breach ? ' has-error' : ''}`}>
        <label className="flag-label">
          {radio('npvWithBreachLimit')} {say('objectiveBreachBefore')}
        </label>{' '}
        <input
          id={domId('breach')}
          name="breach"
          inputMode="decimal"
          autoComplete="off"
          className="number short"
          defaultValue={state.values.breach ?? ''}
          aria-label={say('breach')}
          {...errorProps('breach', state)}
        />
        {state.echoes.breach && <span className="echo muted">{state.echoes.breach}</span>}
      </div>
      <FieldError name="breach" state={state} />
      <FieldError name="objective" state={state} />
    </fieldset>
  );
}

/** The errors above the form, each a link to its field. */
function ErrorSummary({ state }: { state: PortfolioFormState }) {
  const say = usePortfolioListText();
  const entries = Object.entries(state.errors);
  if (entries.length === 0) return null;
  return (
    <div className="banner error-banner" role="alert" data-testid="form-errors">
      <p>{say('errorsTitle', { count: entries.length })}</p>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>{name ? <a href={`#${domId(name)}`}>{message}</a> : message}</li>
        ))}
      </ul>
    </div>
  );
}

export function NewPortfolioForm({
  setup,
  state,
  hospitalId,
}: {
  setup: PortfolioFormSetup;
  state: PortfolioFormState;
  hospitalId: string;
}) {
  const say = usePortfolioListText();
  const busy = useNavigation().state !== 'idle';
  return (
    <Form method="post" className="card case-form portfolio-form" noValidate aria-labelledby="new-portfolio">
      <CsrfField />
      <input type="hidden" name="hospital" value={hospitalId} />
      <h2 id="new-portfolio">{say('newPortfolio')}</h2>
      <p className="intro">{say('newIntro')}</p>
      <ErrorSummary state={state} />
      <div className={`field${state.errors.name ? ' has-error' : ''}`}>
        <label htmlFor={domId('name')}>{say('portfolioName')}</label>
        <span className="control">
          <input
            id={domId('name')}
            name="name"
            maxLength={200}
            defaultValue={state.values.name ?? ''}
            placeholder={say('namePlaceholder')}
            {...errorProps('name', state)}
          />
        </span>
        <FieldError name="name" state={state} />
      </div>
      <UseCases setup={setup} state={state} />
      <Years setup={setup} state={state} />
      <Objective state={state} />
      <NewPortfolioMore setup={setup} state={state} />
      <p>
        <button type="submit" disabled={busy}>
          {say('create')}
        </button>
      </p>
    </Form>
  );
}
