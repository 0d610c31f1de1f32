import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useRouteError,
} from '@remix-run/react';

import { CsrfField } from '~/auth/csrf-field';
import { DashboardView } from '~/dashboard/dashboard-view';
import type { ParsedExpressions } from '~/engine/model';
import type { Scenario } from '~/engine/schema';
import {
  keepSharedCopy,
  loadSharedView,
  SHARED_PAGE_HEADERS,
  withSharedPageHeaders,
} from '~/shares/shared-view.server';
import { useT } from '~/i18n/ui';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  pageTitle(matches, data && 'title' in data ? data.title : null),
  { name: 'robots', content: 'noindex' },
];

// Declared as functions, not as the result of a call at module level: the browser's copy of this
// route has no server modules, and a call made while the module loads would fail there.
export function loader(args: LoaderFunctionArgs) {
  return withSharedPageHeaders(loadSharedView)(args);
}
export function action(args: ActionFunctionArgs) {
  return withSharedPageHeaders(keepSharedCopy)(args);
}
/** The page's own headers, on the page and on its error pages (the loader's are not used there). */
export const headers: HeadersFunction = () => ({ ...SHARED_PAGE_HEADERS });

export default function SharedView() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const location = useLocation();
  return (
    <>
      <h1>{data.title}</h1>
      <p className="muted hospital-name">{data.hospitalName}</p>
      <p className="banner" data-testid="shared-note">
        {t('sharedView', { version: data.version })}
      </p>
      {data.paramErrors.length > 0 && (
        <div className="banner error-banner" role="alert">
          {t('badParams')} {data.paramErrors.join('; ')}
        </div>
      )}
      {actionData?.error && (
        <div className="banner error-banner" role="alert">
          {actionData.error}
        </div>
      )}
      <DashboardView
        document={data.document as unknown as Scenario}
        expressions={data.expressions as ParsedExpressions}
        initialWhatIf={data.whatIf}
        defaults={data.linkWhatIf}
        workerUrl={data.workerUrl}
        samplesUrl={null}
        inputLabels={data.inputLabels}
        tornadoLabels={data.tornadoLabels}
        whatIfActions={(search) =>
          !data.keeper ? (
            <p className="card no-print" data-testid="keep-copy">
              <a
                href={`/login?redirectTo=${encodeURIComponent(`${location.pathname}${search ? `?${search}` : ''}`)}`}
              >
                {t('loginToKeepCopy')}
              </a>
            </p>
          ) : data.keeper.owners.length > 0 ? (
            <Form method="post" className="card row no-print" data-testid="keep-copy">
              <CsrfField />
              <input type="hidden" name="whatIf" value={search} />
              {data.keeper.owners.length > 1 && (
                <label>
                  {t('ownerHospital')}{' '}
                  <select name="ownerHospital" defaultValue={data.keeper.owners[0]!.id}>
                    {data.keeper.owners.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <button type="submit" disabled={busy}>
                {t('keepCopy')}
              </button>
            </Form>
          ) : null
        }
      />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const gone = isRouteErrorResponse(error) && error.status === 410;
  const unknown = isRouteErrorResponse(error) && error.status === 404;
  return (
    <section className="card">
      <h1>{gone ? t('shareGoneTitle') : unknown ? t('shareUnknownTitle') : t('errorPage')}</h1>
      {gone && <p>{t('shareGoneText')}</p>}
    </section>
  );
}
