/**
 * The planner's read-only links to the version shown (the token is shown once, when made) and
 * the links made so far, with their views; revoke one.
 */
import { Form } from '@remix-run/react';

import { CsrfField } from '~/auth/csrf-field';
import type { Lang } from '~/engine/text';
import { beijingMinute } from '~/i18n/time';
import { translate } from '~/i18n/ui';
// Types only: erased from the browser bundle.
import type { PortfolioShareLink } from '~/portfolio/shares.server';

import { planWord } from './plan-words';

const minute = (iso: string | null) => (iso ? beijingMinute(iso) : '—');

export function PlanShares({
  version,
  links,
  created,
  mayShare,
  busy,
  lang,
}: {
  version: number;
  links: Omit<PortfolioShareLink, 'portfolioId'>[];
  /** The address of the link just made: its only showing. */
  created: string | null;
  mayShare: boolean;
  busy: boolean;
  lang: Lang;
}) {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  if (!mayShare && links.length === 0) return null;
  const status = (l: { status: PortfolioShareLink['status'] }) =>
    t(l.status === 'revoked' ? 'shareRevoked' : l.status === 'expired' ? 'shareExpired' : 'shareActive');
  return (
    <section className="card no-print" data-testid="plan-shares">
      <h2>{t('shareTitle')}</h2>
      {mayShare && (
        <Form method="post" className="row">
          <CsrfField />
          <input type="hidden" name="intent" value="share" />
          <input type="hidden" name="version" value={version} />
          <label>
            {t('shareExpires')}{' '}
            <select name="expiresInDays" defaultValue="30">
              {[7, 30, 90, 365].map((d) => (
                <option key={d} value={d}>
                  {d} {t('days')}
                </option>
              ))}
              <option value="">{t('never')}</option>
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {t('shareButton')} · {planWord(lang, 'versionOf', { version })}
          </button>
        </Form>
      )}
      {created && (
        <p className="banner ok-banner" data-testid="share-created">
          {t('shareCreated')} <input readOnly value={created} size={70} aria-label={t('shareTitle')} />
        </p>
      )}
      {links.length > 0 && (
        <div className="table-scroll">
          <table className="compact versions-table" data-testid="share-links">
            <thead>
              <tr>
                <th>{t('shareMade')}</th>
                <th className="num">{planWord(lang, 'version')}</th>
                <th>{t('shareExpires')}</th>
                <th className="num">{t('shareViews')}</th>
                <th>{t('shareLastViewed')}</th>
                <th>{t('shareStatus')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.id}>
                  <td data-label={t('shareMade')}>{minute(l.createdAt)}</td>
                  <td className="num" data-label={planWord(lang, 'version')}>
                    {l.version}
                  </td>
                  <td data-label={t('shareExpires')}>{l.expiresAt ? minute(l.expiresAt) : t('never')}</td>
                  <td className="num" data-label={t('shareViews')}>
                    {l.views}
                  </td>
                  <td data-label={t('shareLastViewed')}>{minute(l.lastViewedAt)}</td>
                  <td data-label={t('shareStatus')}>{status(l)}</td>
                  <td>
                    {l.status !== 'revoked' && (
                      <Form method="post">
                        <CsrfField />
                        <input type="hidden" name="intent" value="revokeShare" />
                        <input type="hidden" name="linkId" value={l.id} />
                        <button type="submit" className="secondary" disabled={busy}>
                          {t('shareRevoke')}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
