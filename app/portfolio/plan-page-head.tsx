/**
 * The top of a portfolio's page: the way back to the list, its name, the committee's downloads of
 * the version shown (the PDF chapter and the XLSX sheet), which version it is, and any notices.
 */
import { Link } from '@remix-run/react';

import type { Lang } from '~/engine/text';

import { planWord } from './plan-words';

export interface PlanNotice {
  text: string;
  tone: 'ok' | 'error';
  testid?: string;
}

/** What the page has to say above the plan: a version saved, a form refused, bad what-if figures, no plan now. */
export function pageNotices(
  page: {
    repinned: number | null;
    error: string | null;
    whatIf: { errors: string[] };
    refusal: string | null;
  },
  lang: Lang,
): PlanNotice[] {
  const notices: PlanNotice[] = [];
  if (page.repinned)
    notices.push({
      text: planWord(lang, 'repinned', { version: page.repinned }),
      tone: 'ok',
      testid: 'repinned',
    });
  if (page.error) notices.push({ text: page.error, tone: 'error' });
  if (page.whatIf.errors.length > 0)
    notices.push({
      text: `${planWord(lang, 'badParams')} ${page.whatIf.errors.join(' ')}`,
      tone: 'error',
      testid: 'what-if-errors',
    });
  if (page.refusal) notices.push({ text: page.refusal, tone: 'error', testid: 'plan-refusal' });
  return notices;
}

export function PlanNotices({ notices }: { notices: PlanNotice[] }) {
  return notices.map((n, i) => (
    <div
      key={i}
      className={`banner ${n.tone}-banner`}
      role={n.tone === 'error' ? 'alert' : undefined}
      data-testid={n.testid}
    >
      {n.text}
    </div>
  ));
}

export function PlanPageHead({
  id,
  name,
  version,
  latestVersion,
  whatIfBudget,
  notices,
  lang,
}: {
  id: string;
  name: string;
  version: number;
  latestVersion: number;
  /** A what-if budget on the page (CNY a year): the downloads are of the plan shown. */
  whatIfBudget: number[] | null;
  notices: PlanNotice[];
  lang: Lang;
}) {
  const query = `version=${version}&lang=${lang}${whatIfBudget ? `&budgetByYear=${whatIfBudget.join(',')}` : ''}`;
  return (
    <>
      <p className="muted no-print">
        <Link to="/portfolios">{planWord(lang, 'portfolios')}</Link> ›
      </p>
      <h1>{name}</h1>
      <p className="row no-print" data-testid="plan-downloads">
        <a className="button" href={`/portfolios/${id}/report.pdf?${query}`} download>
          {planWord(lang, 'downloadPdf')}
        </a>
        <a className="button secondary" href={`/portfolios/${id}/report.xlsx?${query}`} download>
          {planWord(lang, 'downloadXlsx')}
        </a>
        <span className="muted">
          {version === latestVersion
            ? planWord(lang, 'versionOf', { version })
            : planWord(lang, 'viewingVersion', { version, latest: latestVersion })}
        </span>
      </p>
      <PlanNotices notices={notices} />
    </>
  );
}
