import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';

import { diffDocuments } from '~/editor/diff';
import { compileScenario, runModel } from '~/engine';
import { formatMoney } from '~/engine/format';
import { localize } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';
import { METRIC_NAMES } from '~/i18n/terms';
import { translate, useLang, useT } from '~/i18n/ui';
import { getScenario, listVersions, restoreVersion } from '~/models/scenarios.server';

export const meta: MetaFunction = () => [{ title: 'Versions · Hospital AI Planner' }];

const versionNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,6}$/)
  .transform(Number);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const versions = listVersions(params.id!);
  const latest = getScenario(params.id!);
  if (!versions || !latest) throw new Response('Not found', { status: 404 });
  const url = new URL(request.url);
  const a = versionNumber.safeParse(url.searchParams.get('a') ?? '');
  const b = versionNumber.safeParse(url.searchParams.get('b') ?? '');
  let comparison = null;
  if (a.success && b.success) {
    const before = getScenario(params.id!, a.data);
    const after = getScenario(params.id!, b.data);
    if (before && after) {
      const ra = runModel(compileScenario(before.document), undefined, { lang });
      const rb = runModel(compileScenario(after.document), undefined, { lang });
      const ids = [...new Set([...ra.options.map((o) => o.id), ...rb.options.map((o) => o.id)])];
      comparison = {
        a: a.data,
        b: b.data,
        inputs: diffDocuments(before.document, after.document).slice(0, 500),
        currency: rb.currency,
        startYear: rb.startYear,
        results: ids.map((id) => {
          const x = ra.options.find((o) => o.id === id);
          const y = rb.options.find((o) => o.id === id);
          const pick = (o: typeof x) =>
            o && {
              name: o.name,
              npv: o.npv,
              tco: o.tco,
              cashRealized: o.cashRealized,
              hoursFreed: o.hoursFreed,
              payback: o.paybackMonth,
              breaches: o.budgetBreachYears,
            };
          return { id, a: pick(x) ?? null, b: pick(y) ?? null };
        }),
      };
    }
  }
  return json({
    id: params.id!,
    title: localize(latest.document.name, lang),
    latestVersion: latest.latestVersion,
    versions,
    comparison,
    badCompare: (url.searchParams.has('a') || url.searchParams.has('b')) && !comparison,
  });
}

const restoreForm = z.object({ version: versionNumber, savedBy: z.string().trim().min(1).max(100) });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const form = restoreForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return json({ error: translate(lang, 'nameNeeded') }, { status: 400 });
  const result = restoreVersion(params.id!, form.data.version, {
    savedBy: form.data.savedBy,
    note: translate(lang, 'restoredFrom', { version: form.data.version }),
  });
  if (result.status === 'notFound') throw new Response('Not found', { status: 404 });
  if (result.status === 'conflict')
    return json({ error: translate(lang, 'conflict', { latest: result.latestVersion }) }, { status: 409 });
  return redirect(`/scenarios/${params.id}?saved=${result.version}`);
}

export default function Versions() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  const c = data.comparison;
  const money = (v: number | undefined) =>
    v === undefined ? '—' : formatMoney(v, c?.currency ?? 'CNY', lang);
  const show = (v: unknown) => (v === undefined ? '—' : String(v));
  const years = (breaches: number[] | undefined) =>
    breaches && breaches.length ? breaches.map((y) => (c?.startYear ?? 0) + y - 1).join(', ') : '—';
  return (
    <>
      <p className="muted">
        <Link to="/scenarios">{t('scenarios')}</Link> › <Link to={`/scenarios/${data.id}`}>{data.title}</Link>{' '}
        ›
      </p>
      <h1>
        {t('versions')} · {data.title}
      </h1>
      {data.versions.length > 1 && (
        <Form method="get" className="card row">
          <label>
            {t('compare')}{' '}
            <input
              name="a"
              inputMode="numeric"
              size={4}
              defaultValue={c?.a ?? Math.max(1, data.latestVersion - 1)}
            />
          </label>
          <label>
            ↔ <input name="b" inputMode="numeric" size={4} defaultValue={c?.b ?? data.latestVersion} />
          </label>
          <button type="submit">{t('compare')}</button>
          {data.badCompare && <span className="error">{t('badCompare')}</span>}
        </Form>
      )}
      {c && (
        <div className="grid">
          <section className="card">
            <h2>
              {t('inputsChanged')} ({t('version')} {c.a} → {c.b})
            </h2>
            {c.inputs.length === 0 ? (
              <p>{t('noChanges')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>{t('path')}</th>
                    <th className="num">
                      {t('version')} {c.a}
                    </th>
                    <th className="num">
                      {t('version')} {c.b}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.inputs.map((d) => (
                    <tr key={d.path}>
                      <td>
                        <code>{d.path}</code>
                      </td>
                      <td className="num">{show(d.before)}</td>
                      <td className="num">{show(d.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card">
            <h2>{t('resultsChanged')}</h2>
            <table>
              <thead>
                <tr>
                  <th>{METRIC_NAMES.option[lang]}</th>
                  <th></th>
                  <th className="num">
                    {t('version')} {c.a}
                  </th>
                  <th className="num">
                    {t('version')} {c.b}
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.results.flatMap((r) =>
                  (
                    [
                      [METRIC_NAMES.npv[lang], money(r.a?.npv), money(r.b?.npv)],
                      [METRIC_NAMES.tco[lang], money(r.a?.tco), money(r.b?.tco)],
                      [METRIC_NAMES.cashRealized[lang], money(r.a?.cashRealized), money(r.b?.cashRealized)],
                      [
                        METRIC_NAMES.payback[lang],
                        show(r.a?.payback ?? (r.a ? METRIC_NAMES.never[lang] : undefined)),
                        show(r.b?.payback ?? (r.b ? METRIC_NAMES.never[lang] : undefined)),
                      ],
                      [METRIC_NAMES.breachYears[lang], years(r.a?.breaches), years(r.b?.breaches)],
                    ] as const
                  ).map(([label, x, y], i) => (
                    <tr key={`${r.id}-${label}`}>
                      <td>{i === 0 ? (r.b?.name ?? r.a?.name) : ''}</td>
                      <th scope="row">{label}</th>
                      <td className="num">{x}</td>
                      <td className={`num ${x !== y ? 'bad' : ''}`}>{y}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </section>
        </div>
      )}
      <table>
        <thead>
          <tr>
            <th className="num">{t('version')}</th>
            <th>{t('lastSaved')}</th>
            <th>{t('savedBy')}</th>
            <th>{t('note')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {data.versions.map((v) => (
            <tr key={v.version}>
              <td className="num">{v.version}</td>
              <td>{v.savedAt.replace('T', ' ').slice(0, 16)} UTC</td>
              <td>{v.savedBy}</td>
              <td>{v.note}</td>
              <td>
                <div className="row">
                  <Link to={`/scenarios/${data.id}?version=${v.version}`}>{t('open')}</Link>
                  {v.version !== data.latestVersion && (
                    <Form method="post" className="row">
                      <input type="hidden" name="version" value={v.version} />
                      <label>
                        <span className="sr-only">{t('yourName')}</span>
                        <input
                          name="savedBy"
                          required
                          maxLength={100}
                          placeholder={t('yourName')}
                          size={10}
                        />
                      </label>
                      <button type="submit" className="secondary" disabled={busy}>
                        {t('restoreAsNew')}
                      </button>
                    </Form>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
