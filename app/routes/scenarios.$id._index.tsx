import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { CsrfField } from '~/auth/csrf-field';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';

import { dashboardAction, loadDashboard } from '~/dashboard/dashboard.server';
import { DashboardView } from '~/dashboard/dashboard-view';
import type { ParsedExpressions } from '~/engine/model';
import type { Scenario } from '~/engine/schema';
import { ShareLinks } from '~/shares/share-links';
import { ReviewBadge } from '~/versions/review-badge';
import { useLang, useT } from '~/i18n/ui';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  pageTitle(matches, data && 'title' in data ? data.title : null),
];

export const loader = (args: LoaderFunctionArgs) => loadDashboard(args);
export const action = (args: ActionFunctionArgs) => dashboardAction(args);

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  if (data.needsAttention) return <VersionNeedsAttention {...data} />;
  const keepParams: Record<string, string> =
    data.version !== data.latestVersion ? { version: String(data.version) } : {};

  return (
    <>
      <p className="muted no-print">
        <Link to="/scenarios">{t('scenarios')}</Link> ›
      </p>
      <h1>{data.title}</h1>
      <p className="muted hospital-name">{data.hospitalName}</p>
      <p className="row no-print">
        {data.may.save && (
          <Link className="button" to={`/scenarios/${data.id}/edit`}>
            {t('edit')}
          </Link>
        )}
        <Link className="button secondary" to={`/scenarios/${data.id}/versions`}>
          {t('versions')}
        </Link>
        <Link className="button secondary" to={`/scenarios/${data.id}/data`}>
          {t('data')}
        </Link>
        <a
          className="button"
          href={`/api/scenarios/${data.id}/report.pdf?version=${data.version}&lang=${lang}`}
          download
        >
          {t('downloadPdf')}
        </a>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('print')}
        </button>
        <span className="muted">
          {data.version === data.latestVersion
            ? `${t('version')} ${data.version}`
            : t('viewingVersion', { version: data.version, latest: data.latestVersion })}
        </span>
      </p>
      <ReviewBadge review={data.review} version={data.version} />
      <p className="muted no-print downloads">
        {t('downloads')}{' '}
        <a href={`/api/scenarios/${data.id}/report.xlsx?version=${data.version}&lang=${lang}`} download>
          {t('downloadXlsx')}
        </a>{' '}
        ·{' '}
        <a href={`/api/scenarios/${data.id}/results.csv?version=${data.version}&lang=${lang}`} download>
          {t('downloadCsv')}
        </a>{' '}
        ·{' '}
        <a href={`/api/scenarios/${data.id}/scenario.json?version=${data.version}`} download>
          {t('downloadScenario')}
        </a>{' '}
        · <a href={`/api/scenarios/${data.id}/results?version=${data.version}`}>{t('downloadJson')}</a>
      </p>
      {data.saved && <p className="banner ok-banner">{t('saved', { version: data.saved })}</p>}
      {data.paramErrors.length > 0 && (
        <div className="banner error-banner" role="alert">
          {t('badParams')} {data.paramErrors.join('; ')}
        </div>
      )}
      {actionData && 'error' in actionData && actionData.error && (
        <div className="banner error-banner" role="alert">
          {actionData.error}
        </div>
      )}

      <DashboardView
        document={data.document as unknown as Scenario}
        expressions={data.expressions as ParsedExpressions}
        initialWhatIf={data.whatIf}
        workerUrl={data.workerUrl}
        samplesUrl={`/api/scenarios/${data.id}/samples.csv?version=${data.version}`}
        inputLabels={data.inputLabels}
        tornadoLabels={data.tornadoLabels}
        keepParams={keepParams}
        footer={(search) => (
          <ShareLinks
            version={data.version}
            search={search}
            links={data.shares}
            created={actionData && 'shareUrl' in actionData ? actionData.shareUrl : null}
            busy={busy}
            mayShare={data.may.share}
          />
        )}
        whatIfActions={(search) => (
          <>
            {search && data.may.save && (
              <Form method="post" className="card row no-print">
                <CsrfField />
                <input type="hidden" name="baseVersion" value={data.latestVersion} />
                <input type="hidden" name="whatIf" value={search} />
                <label>
                  {t('note')} <input name="note" maxLength={500} />
                </label>
                <button type="submit" disabled={busy || data.version !== data.latestVersion}>
                  {t('saveWhatIf')}
                </button>
              </Form>
            )}
          </>
        )}
      />
    </>
  );
}

/** A stored version that no longer validates: which, why, and the ways out (fix it, restore an older one). */
function VersionNeedsAttention(props: {
  id: string;
  title: string;
  hospitalName: string;
  version: number;
  latestVersion: number;
  reasons: string[];
}) {
  const t = useT();
  return (
    <>
      <p className="muted no-print">
        <Link to="/scenarios">{t('scenarios')}</Link> ›
      </p>
      <h1>{props.title}</h1>
      <p className="muted hospital-name">{props.hospitalName}</p>
      <section className="banner error-banner" role="alert" data-testid="version-needs-attention">
        <h2>{t('versionNeedsAttentionTitle', { version: props.version })}</h2>
        <p>{t('versionNeedsAttentionText')}</p>
        <ul>
          {props.reasons.map((reason, i) => (
            <li key={i}>{reason}</li>
          ))}
        </ul>
        <p>{t('versionNeedsAttentionWays')}</p>
      </section>
      <p className="row">
        <Link className="button" to={`/scenarios/${props.id}/edit`}>
          {t('fixInEditor')}
        </Link>
        <Link className="button secondary" to={`/scenarios/${props.id}/versions`}>
          {t('restoreEarlier')}
        </Link>
      </p>
    </>
  );
}
