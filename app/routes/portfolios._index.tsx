/** The hospital's portfolios, and the form that makes one (app/portfolio). */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';

import { pageTitle } from '~/i18n/page-title';
import type { PortfolioFormState } from '~/portfolio/form.server';
import { loadPortfolioList, portfolioListAction } from '~/portfolio/list-page.server';
import { PortfolioTable } from '~/portfolio/list-table';
import { usePortfolioListText } from '~/portfolio/list-words';
import { NewPortfolioForm } from '~/portfolio/new-form';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '组合规划', en: 'Portfolios' }),
];

export const loader = (args: LoaderFunctionArgs) => loadPortfolioList(args);
export const action = (args: ActionFunctionArgs) => portfolioListAction(args);

export default function PortfolioList() {
  const { hospitals, hospital, rows, setup, state } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as { state: PortfolioFormState } | undefined;
  const say = usePortfolioListText();
  if (!hospital)
    return (
      <>
        <h1>{say('portfolios')}</h1>
        <p>{say('noHospital')}</p>
      </>
    );
  return (
    <>
      <h1>
        {say('portfolios')}
        {hospitals.length > 1 ? ` · ${hospital.name}` : ''}
      </h1>
      <p className="intro">{say('intro')}</p>
      {hospitals.length > 1 && (
        <nav className="row" aria-label={say('hospitalOf')}>
          {hospitals.map((h) =>
            h.id === hospital.id ? (
              <strong key={h.id}>{h.name}</strong>
            ) : (
              <Link key={h.id} to={`/portfolios?hospital=${encodeURIComponent(h.id)}`}>
                {h.name}
              </Link>
            ),
          )}
        </nav>
      )}
      <PortfolioTable rows={rows} />
      {setup && state ? (
        setup.useCases.some((u) => !u.broken) ? (
          <NewPortfolioForm
            // A refused post draws the form again with what was typed.
            key={posted ? 'posted' : 'blank'}
            setup={setup}
            state={posted?.state ?? state}
            hospitalId={hospital.id}
          />
        ) : (
          <div className="card">
            <h2>{say('newPortfolio')}</h2>
            <p>{say('noUseCases')}</p>
          </div>
        )
      ) : (
        <p className="muted">{say('viewerNoForm')}</p>
      )}
    </>
  );
}
