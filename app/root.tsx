import { redirect, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
  useRouteError,
  type ShouldRevalidateFunction,
} from '@remix-run/react';

import { firstStep } from './auth/first-steps';
import { clientOf, signedIn } from './auth/login.server';
import { getDb } from './db.server';
import { getLang } from './i18n/locale.server';
import { membershipsOf } from './models/users.server';
import { translate, useLang, useT } from './i18n/ui';
import { useNonce } from './nonce';
import { portfolioListText } from './portfolio/list-words';
import stylesheet from './styles/app.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const who = signedIn(request, clientOf(request, context), new Date());
  if (who) {
    // A one-time password to replace, or a system account's second factor to set up, comes first.
    const url = new URL(request.url);
    const first = firstStep(who.user, url.pathname, url.pathname + url.search);
    if (first) throw redirect(first);
  }
  return {
    lang: await getLang(request),
    user: who
      ? {
          // The name people know them by, where the security admin gave one.
          username: who.user.displayName.trim() || who.user.username,
          csrf: who.session.csrfToken,
          // The administration page each role has, in the header.
          admin: {
            audit: who.user.systemRole === 'audit-admin',
            accounts: who.user.systemRole === 'security-admin',
            hospitals: who.user.systemRole === 'system-admin',
            members: membershipsOf(getDb(), who.user.id).some((m) => m.role === 'hospital-admin'),
          },
        }
      : null,
  };
}

/**
 * The root's loader runs on every navigation, not only the first page load: it is what sends a
 * user with a one-time password or a second factor to set up to that page first.
 */
export const shouldRevalidate: ShouldRevalidateFunction = () => true;

/** Who is signed in, with the way out; or the way in. */
function Account() {
  const t = useT();
  const root = useRouteLoaderData<typeof loader>('root');
  // An error page after a refused action has no root data: who is signed in is not known there,
  // so neither the way in nor the way out is offered.
  if (!root) return null;
  const user = root.user;
  if (!user)
    return (
      <a className="account" href="/login">
        {t('login')}
      </a>
    );
  return (
    <Form method="post" action="/logout" className="account">
      {user.admin.audit && <a href="/audit">{t('auditLog')}</a>}
      {user.admin.accounts && <a href="/admin/accounts">{t('adminAccounts')}</a>}
      {user.admin.hospitals && <a href="/admin/hospitals">{t('adminHospitals')}</a>}
      {user.admin.members && <a href="/admin/members">{t('adminMembers')}</a>}
      <a href="/account">{t('signedInAs', { name: user.username })}</a>
      <input type="hidden" name="csrf" value={user.csrf} />
      <button type="submit">{t('logout')}</button>
    </Form>
  );
}

function Header() {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  return (
    <header className="site-header">
      <a className="brand" href="/scenarios">
        {t('appName')}
      </a>
      <nav aria-label={t('appName')}>
        <NavLink to="/scenarios">{t('scenarios')}</NavLink>
        <NavLink to="/portfolios">{portfolioListText(lang, 'portfolios')}</NavLink>
        <NavLink to="/reference">{t('reference')}</NavLink>
      </nav>
      <Account />
      <Form
        method="post"
        action="/lang"
        className="lang-switch"
        // The dashboard keeps its what-if in the address without a navigation: take the
        // address as it is now, not as the router last saw it.
        onSubmit={(e) => {
          const field = e.currentTarget.elements.namedItem('redirectTo');
          if (field instanceof HTMLInputElement)
            field.value = window.location.pathname + window.location.search;
        }}
      >
        <input type="hidden" name="lang" value={lang === 'zh-CN' ? 'en' : 'zh-CN'} />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <button type="submit" lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}>
          {t('switchTo')}
        </button>
      </Form>
    </header>
  );
}

function Document({ children, lang }: { children: React.ReactNode; lang: string }) {
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { lang } = useLoaderData<typeof loader>();
  return (
    <Document lang={lang}>
      <Header />
      <main>
        <Outlet />
      </main>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const lang = useLang();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // A page whose work the server could not take now (busy, out of time) says why, in words.
  const busy =
    isRouteErrorResponse(error) && error.status === 503
      ? (error.data as { errors?: { message?: string }[] } | null)?.errors?.[0]?.message
      : undefined;
  // A request refused for its form (400, 405, 415) says why, in the words the server chose.
  const refusal =
    isRouteErrorResponse(error) &&
    [400, 403, 405, 415].includes(error.status) &&
    typeof error.data === 'string'
      ? error.data
      : null;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  return (
    <Document lang={lang}>
      <Header />
      <main>
        <h1>
          {translate(
            lang,
            notFound ? 'notFoundPage' : busy ? 'busyPage' : forbidden ? 'notAllowedPage' : 'errorPage',
          )}
        </h1>
        {typeof busy === 'string' && (
          <p role="alert">
            {busy} <a href="">{translate(lang, 'tryAgain')}</a>
          </p>
        )}
        {refusal && <p role="alert">{refusal}</p>}
        <p>
          <a href="/scenarios">{translate(lang, 'scenarios')}</a>
        </p>
      </main>
    </Document>
  );
}
