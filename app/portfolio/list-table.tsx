/** The hospital's portfolios as a table: name, use cases, latest version, when saved, how its plan came out. */
import { Link } from '@remix-run/react';

import { formatPercent } from '~/engine/format';
import type { Lang } from '~/engine/text';
import { beijingMinute } from '~/i18n/time';
import { useLang } from '~/i18n/ui';

import { portfolioListText, usePortfolioListText } from './list-words';
import type { PlanStatus } from './portfolio';

export interface PortfolioListRow {
  id: string;
  name: string;
  /** The use cases' names, as the latest version pins them. */
  useCases: string[];
  version: number;
  savedAt: string;
  /** The latest version's plan, when it has been solved (and kept). */
  plan: { status: PlanStatus; gap: number | null; infeasibleYears: number[] } | null;
}

/** How a plan came out, in words. */
export function planStatusText(plan: PortfolioListRow['plan'], lang: Lang): string {
  if (!plan) return portfolioListText(lang, 'statusNone');
  switch (plan.status) {
    case 'optimal':
      return portfolioListText(lang, 'statusOptimal');
    case 'feasible':
      return portfolioListText(lang, 'statusFeasible', { gap: formatPercent(plan.gap ?? 0, lang) });
    case 'infeasible':
      return plan.infeasibleYears.length > 0
        ? portfolioListText(lang, 'statusInfeasibleYears', {
            years: plan.infeasibleYears.join(lang === 'en' ? ', ' : '、'),
          })
        : portfolioListText(lang, 'statusInfeasible');
    case 'timeLimit':
      return portfolioListText(lang, 'statusTimeLimit');
  }
}

export function PortfolioTable({ rows }: { rows: PortfolioListRow[] }) {
  const say = usePortfolioListText();
  const lang = useLang();
  return (
    <div className="table-scroll">
      <table className="portfolio-list">
        <caption className="sr-only">{say('portfolios')}</caption>
        <thead>
          <tr>
            <th scope="col">{say('name')}</th>
            <th scope="col">{say('useCases')}</th>
            <th scope="col">{say('latestVersion')}</th>
            <th scope="col">{say('savedAt')}</th>
            <th scope="col">{say('planStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={5}>{say('noPortfolios')}</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/portfolios/${encodeURIComponent(r.id)}`}>{r.name}</Link>
              </td>
              <td data-label={say('useCases')}>
                <ul className="plain-list">
                  {r.useCases.map((u, i) => (
                    <li key={i}>{u}</li>
                  ))}
                </ul>
              </td>
              <td data-label={say('latestVersion')}>{say('versionN', { version: r.version })}</td>
              <td data-label={say('savedAt')}>{beijingMinute(r.savedAt)}</td>
              <td
                data-label={say('planStatus')}
                className={r.plan?.status === 'infeasible' ? 'bad' : r.plan ? undefined : 'muted'}
              >
                {planStatusText(r.plan, lang)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
