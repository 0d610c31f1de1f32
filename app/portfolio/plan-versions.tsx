/**
 * A portfolio's versions, newest first, and the scenario versions the one shown pins: a scenario
 * saved since changes no plan until a planner re-pins, which saves a new version of the portfolio.
 */
import { noteShown, savedByShown } from '~/versions/bundled';
import { Form } from '@remix-run/react';

import { CsrfField } from '~/auth/csrf-field';
import type { Lang } from '~/engine/text';
import { beijingMinute } from '~/i18n/time';
// Types only: erased from the browser bundle.
import type { PortfolioVersionInfo } from '~/models/portfolios.server';

import { planWord } from './plan-words';

export interface PinnedScenario {
  name: string;
  version: number;
  /** The scenario's latest version now. */
  latest: number;
}

export function PlanVersions({
  id,
  versions,
  shown,
  latest,
  pinned,
  mayRepin,
  busy,
  lang,
}: {
  id: string;
  versions: PortfolioVersionInfo[];
  /** The version on the page. */
  shown: number;
  latest: number;
  /** What the version shown pins, in the portfolio's order. */
  pinned: PinnedScenario[];
  mayRepin: boolean;
  busy: boolean;
  lang: Lang;
}) {
  const stale = pinned.filter((p) => p.latest > p.version).length;
  return (
    <section className="card no-print" data-testid="plan-versions">
      <h2>{planWord(lang, 'versionsTitle')}</h2>
      <p>
        {planWord(lang, 'pinned')}：
        {pinned
          .map((p) => planWord(lang, 'pinnedItem', { name: p.name, version: p.version }))
          .join(lang === 'zh-CN' ? '、' : ', ')}
      </p>
      <p className="muted">{planWord(lang, 'repinIntro')}</p>
      {mayRepin && (
        <Form method="post" className="row">
          <CsrfField />
          <input type="hidden" name="intent" value="repin" />
          <input type="hidden" name="baseVersion" value={latest} />
          <span>
            {stale > 0 ? planWord(lang, 'repinStale', { count: stale }) : planWord(lang, 'repinCurrent')}
          </span>
          <button type="submit" className={stale > 0 ? undefined : 'secondary'} disabled={busy}>
            {planWord(lang, 'repin')}
          </button>
        </Form>
      )}
      <div className="table-scroll">
        <table className="compact versions-table">
          <thead>
            <tr>
              <th className="num">{planWord(lang, 'version')}</th>
              <th>{planWord(lang, 'savedAt')}</th>
              <th>{planWord(lang, 'savedBy')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td className="num" data-label={planWord(lang, 'version')}>
                  {v.version}
                </td>
                <td data-label={planWord(lang, 'savedAt')}>{beijingMinute(v.savedAt)}</td>
                <td data-label={planWord(lang, 'savedBy')}>
                  {savedByShown(v.savedBy, lang)}
                  {v.note && <span className="muted"> · {noteShown(v.note, lang)}</span>}
                </td>
                <td>
                  {v.version === shown ? (
                    <span className="muted">{planWord(lang, 'current')}</span>
                  ) : (
                    <a href={`/portfolios/${id}${v.version === latest ? '' : `?version=${v.version}`}`}>
                      {planWord(lang, 'open')}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
