import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';

import { problemMessage, validateScenario, validateScenarioJson } from '~/engine';
import { formatMoney } from '~/engine/format';
import { localize } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';
import { assertPageRequest, readPageForm } from '~/http/page-form.server';
import { OPTION_KIND_NAMES, termLabel } from '~/i18n/terms';
import { translate, useLang, useT } from '~/i18n/ui';
import { problemsInWords } from '~/dashboard/invalid-version.server';
import { BUNDLED_SCENARIOS } from '../../scenarios';
import { newCaseDrafts } from '~/models/drafts.server';
import {
  createScenario,
  duplicateScenario,
  listScenarios,
  readVersion,
  setArchived,
} from '~/models/scenarios.server';

export const meta: MetaFunction = () => [{ title: 'Hospital AI Planner' }];

/** Largest scenario file accepted for import. */
const MAX_IMPORT_BYTES = 512 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const archived = new URL(request.url).searchParams.get('archived') === '1';
  // The list reads each latest version's stored summary: no model runs here.
  const rows = listScenarios({ archived }).map((row) => {
    const common = {
      id: row.id,
      name: localize(row.name, lang),
      hospital: localize(row.hospitalName, lang),
      version: row.latestVersion,
      updatedAt: row.updatedAt,
    };
    if (row.status === 'invalid')
      return {
        ...common,
        horizonYears: storedHorizon(row.document),
        best: null,
        currency: '',
        attention: problemsInWords(row.document, row.problems, lang),
      };
    const { summary } = row;
    return {
      ...common,
      horizonYears: summary.horizonYears,
      best: summary.best
        ? { name: localize(summary.best.name, lang), kind: summary.best.kind, npv: summary.best.npv }
        : null,
      currency: summary.currency,
      attention: null,
    };
  });
  // New cases begun and not finished: their drafts, to continue where they were left.
  const unfinished = archived
    ? []
    : newCaseDrafts().map((d) => ({
        href: `/scenarios/new/${encodeURIComponent(d.id)}?step=${encodeURIComponent(d.step)}`,
        name:
          (d.document.name && localize(d.document.name, lang)) ||
          (d.document.hospital?.name && localize(d.document.hospital.name, lang)) ||
          translate(lang, 'untitledCase'),
        when: `${d.updatedAt.slice(0, 16).replace('T', ' ')} UTC`,
      }));
  return json({
    rows,
    unfinished,
    archived,
    templates: BUNDLED_SCENARIOS.map((b) => ({
      key: b.key,
      name: localize((b.document as { name: Parameters<typeof localize>[0] }).name, lang),
    })),
  });
}

const savedBySchema = z.string().trim().min(1).max(100);

/** The horizon a stored document gives, if it gives one it can be read as. */
function storedHorizon(document: unknown): number | null {
  const horizon = (document as { horizonYears?: unknown } | null)?.horizonYears;
  return typeof horizon === 'number' && Number.isFinite(horizon) ? horizon : null;
}

/** At most this many reasons in a row of the list (the dashboard gives them all). */
const MAX_REASONS = 3;

export async function action({ request }: ActionFunctionArgs) {
  const lang = await getLang(request);
  assertPageRequest(request, lang);
  const isMultipart = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data');
  if (isMultipart) {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }),
      );
    } catch (error) {
      const tooLarge = error instanceof MaxPartSizeExceededError;
      return json(
        {
          errors: [
            translate(lang, tooLarge ? 'importTooLarge' : 'importUnreadable', {
              max: MAX_IMPORT_BYTES / 1024,
            }),
          ],
        },
        { status: tooLarge ? 413 : 400 },
      );
    }
    const file = form.get('file');
    const savedBy = savedBySchema.safeParse(form.get('savedBy'));
    if (!(file instanceof Blob) || file.size === 0)
      return json({ errors: [translate(lang, 'importEmpty')] }, { status: 400 });
    const validated = validateScenarioJson(await file.text());
    if (!validated.ok) {
      return json(
        { errors: validated.problems.map((p) => `${p.path || '(file)'}: ${problemMessage(p, lang)}`) },
        { status: 400 },
      );
    }
    const created = createScenario(validated.scenario, {
      savedBy: savedBy.success ? savedBy.data : 'import',
      note: translate(lang, 'importedFrom', { file: (file as File).name ?? '' }),
    });
    return redirect(`/scenarios/${created.id}`);
  }

  const form = await readPageForm(request, lang);
  const intent = form.get('intent');
  const id = String(form.get('id') ?? '');
  const savedBy = savedBySchema.safeParse(form.get('savedBy'));
  const who = savedBy.success ? savedBy.data : translate(lang, 'anonymous');
  switch (intent) {
    case 'create': {
      const name = z.string().trim().min(1).max(200).safeParse(form.get('name'));
      if (!name.success) return json({ errors: [translate(lang, 'nameRequired')] }, { status: 400 });
      const bundled = BUNDLED_SCENARIOS.find((b) => b.key === String(form.get('template') ?? ''));
      if (!bundled) return json({ errors: [translate(lang, 'unknownAction')] }, { status: 400 });
      // A copy of an example keeps the example's hospital until the user renames it in the editor.
      const doc = { ...(bundled.document as Record<string, unknown>), name: name.data, id: undefined };
      const validated = validateScenario(doc);
      if (!validated.ok)
        return json({ errors: validated.problems.map((p) => problemMessage(p, lang)) }, { status: 400 });
      const created = createScenario(validated.scenario, { savedBy: who, note: translate(lang, 'created') });
      return redirect(`/scenarios/${created.id}/edit`);
    }
    case 'duplicate': {
      const read = readVersion(id);
      if (read.status === 'notFound') throw new Response('Not found', { status: 404 });
      // A copy of a version that needs attention would need it too: fix it first.
      if (read.status === 'invalid')
        return json({ errors: [translate(lang, 'duplicateNeedsAttention')] }, { status: 409 });
      const source = read.scenario;
      const copy = duplicateScenario(id, {
        savedBy: who,
        note: translate(lang, 'duplicatedFrom', {
          name: localize(source.document.name, lang),
          version: source.version,
        }),
      });
      if (!copy) throw new Response('Not found', { status: 404 });
      return redirect(`/scenarios/${copy.id}`);
    }
    case 'archive':
    case 'restore': {
      if (!setArchived(id, intent === 'archive')) throw new Response('Not found', { status: 404 });
      return redirect(intent === 'archive' ? '/scenarios' : '/scenarios?archived=1');
    }
    default:
      return json({ errors: [translate(lang, 'unknownAction')] }, { status: 400 });
  }
}

export default function ScenarioList() {
  const { rows, unfinished, archived, templates } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  return (
    <>
      <h1>{archived ? t('archived') : t('scenarios')}</h1>
      {errors && errors.length > 0 && (
        <div className="banner error-banner" role="alert">
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <table>
        <caption className="sr-only">{t('scenarios')}</caption>
        <thead>
          <tr>
            <th>{t('scenarios')}</th>
            <th>{t('hospital')}</th>
            <th className="num">{t('horizon')}</th>
            <th>{t('bestOption')}</th>
            <th className="num">NPV</th>
            <th>{t('lastSaved')}</th>
            <th>
              <span className="sr-only">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={7}>{t('noScenarios')}</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/scenarios/${r.id}`}>{r.name}</Link>
              </td>
              <td>{r.hospital}</td>
              <td className="num">
                {r.horizonYears === null ? (
                  '—'
                ) : (
                  <>
                    {r.horizonYears} {t('years')}
                  </>
                )}
              </td>
              <td>
                {r.attention ? (
                  <div className="needs-attention" data-testid="needs-attention">
                    <strong className="bad">{t('needsAttention')}</strong>
                    <ul className="muted">
                      {r.attention.slice(0, MAX_REASONS).map((reason, i) => (
                        <li key={i}>{reason}</li>
                      ))}
                      {r.attention.length > MAX_REASONS && (
                        <li>{t('moreProblems', { count: r.attention.length - MAX_REASONS })}</li>
                      )}
                    </ul>
                  </div>
                ) : r.best ? (
                  `${termLabel(OPTION_KIND_NAMES[r.best.kind], lang)} · ${r.best.name}`
                ) : (
                  '—'
                )}
                {r.best && r.best.npv < 0 && <div className="muted">{t('statusQuoBest')}</div>}
              </td>
              <td className={`num ${r.best && r.best.npv < 0 ? 'bad' : ''}`}>
                {r.best ? formatMoney(r.best.npv, r.currency, lang) : '—'}
              </td>
              <td>
                {t('version')} {r.version} · {new Date(r.updatedAt).toLocaleDateString(lang)}
              </td>
              <td>
                <Form method="post" className="row">
                  <input type="hidden" name="id" value={r.id} />
                  {!archived && (
                    <button
                      type="submit"
                      name="intent"
                      value="duplicate"
                      className="secondary"
                      disabled={busy}
                    >
                      {t('duplicate')}
                    </button>
                  )}
                  <button
                    type="submit"
                    name="intent"
                    value={archived ? 'restore' : 'archive'}
                    className="secondary"
                    disabled={busy}
                  >
                    {archived ? t('restore') : t('archive')}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link to={archived ? '/scenarios' : '/scenarios?archived=1'}>
          {archived ? t('showActive') : t('showArchived')}
        </Link>
      </p>
      {!archived && (
        <div className="grid">
          <div className="card">
            <h2>{t('newScenario')}</h2>
            <p>{t('newScenarioIntro')}</p>
            <p>
              <Link to="/scenarios/new" className="button">
                {t('newScenario')}
              </Link>
            </p>
            {unfinished.length > 0 && (
              <>
                <h3>{t('unfinishedCases')}</h3>
                <ul>
                  {unfinished.map((u) => (
                    <li key={u.href}>
                      <Link to={u.href}>{u.name}</Link> <span className="muted">{u.when}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <Form method="post">
              <h3>{t('copyExample')}</h3>
              <p className="row">
                <label>
                  {t('example')}{' '}
                  <select name="template" defaultValue={templates[0]?.key}>
                    {templates.map((tpl) => (
                      <option key={tpl.key} value={tpl.key}>
                        {tpl.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('scenarioName')} <input name="name" required maxLength={200} />
                </label>
                <label>
                  {t('yourName')} <input name="savedBy" maxLength={100} />
                </label>
                <button type="submit" name="intent" value="create" className="secondary" disabled={busy}>
                  {t('copyExampleButton')}
                </button>
              </p>
            </Form>
          </div>
          <Form method="post" encType="multipart/form-data" className="card">
            <h2>{t('importScenario')}</h2>
            <p className="row">
              <label>
                {t('file')} <input type="file" name="file" accept="application/json,.json" required />
              </label>
              <label>
                {t('yourName')} <input name="savedBy" maxLength={100} />
              </label>
              <button type="submit" disabled={busy}>
                {t('import')}
              </button>
            </p>
          </Form>
        </div>
      )}
    </>
  );
}
