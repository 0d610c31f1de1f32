/**
 * The owner's sharing links on the dashboard: make a read-only link to this version with the
 * what-if as it is now (the token is shown once), and the links made so far with their views;
 * revoke one.
 */
import { CsrfField } from '~/auth/csrf-field';
import { Form } from '@remix-run/react';

import { beijingMinute } from '~/i18n/time';
import { useT } from '~/i18n/ui';
// Types only: erased from the browser bundle.
import type { ShareLink } from '~/models/shares.server';

/** A link as the owner's table shows it (which scenario is already known). */
type ShareLinkRow = Omit<ShareLink, 'scenarioId'>;

const minute = (iso: string | null) => (iso ? beijingMinute(iso) : '—');

export function ShareLinks({
  version,
  search,
  links,
  created,
  busy,
  mayShare,
}: {
  version: number;
  /** The what-if as the panel has it, as a query (`fit=0.6`). */
  search: string;
  links: ShareLinkRow[];
  /** The link just made: its only showing. */
  created: string | null;
  busy: boolean;
  /** Whether the caller may make links (a planner); the list is only given to those who manage them. */
  mayShare: boolean;
}) {
  const t = useT();
  const status = (l: ShareLinkRow) =>
    l.status === 'revoked'
      ? t('shareRevoked')
      : l.status === 'expired'
        ? t('shareExpired')
        : t('shareActive');
  if (!mayShare && links.length === 0) return null;
  return (
    <section className="card no-print" data-testid="share">
      <h2>{t('shareTitle')}</h2>
      {mayShare && (
        <Form method="post" className="row">
          <CsrfField />
          <input type="hidden" name="intent" value="share" />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="whatIf" value={search} />
          <label>
            {t('shareExpires')}{' '}
            <select name="expiresInDays" defaultValue="30">
              <option value="7">7 {t('days')}</option>
              <option value="30">30 {t('days')}</option>
              <option value="90">90 {t('days')}</option>
              <option value="365">365 {t('days')}</option>
              <option value="">{t('never')}</option>
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {search ? t('shareWithWhatIf') : t('shareButton')}
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
          <table className="compact" data-testid="share-links">
            <thead>
              <tr>
                <th>{t('shareMade')}</th>
                <th className="num">{t('version')}</th>
                <th>{t('shareWhatIf')}</th>
                <th>{t('shareExpires')}</th>
                <th className="num">{t('shareViews')}</th>
                <th>{t('shareLastViewed')}</th>
                <th>{t('shareStatus')}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.id}>
                  <td>{minute(l.createdAt)}</td>
                  <td className="num">{l.version}</td>
                  <td>
                    {Object.entries(l.overrides)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(', ') || '—'}
                  </td>
                  <td>{l.expiresAt ? minute(l.expiresAt) : t('never')}</td>
                  <td className="num">{l.views}</td>
                  <td>{minute(l.lastViewedAt)}</td>
                  <td>{status(l)}</td>
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
