import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';

import { EvidenceTag } from '~/components/evidence-tag';
import { describeInputs } from '~/catalogue/inputs';
import { collectParams, problemMessage, validateScenario, validateScenarioJson, writeInputs } from '~/engine';
import type { Distribution } from '~/engine/schema';
import { localize } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';
import { translate, useLang, useT } from '~/i18n/ui';
import { getFigures } from '~/models/reference.server';
import { getScenario, saveVersion } from '~/models/scenarios.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.editTitle}` : 'Hospital AI Planner' },
];

/** Largest scenario JSON accepted from the advanced editor. */
const MAX_JSON_CHARS = 512 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const scenario = getScenario(params.id!);
  if (!scenario) throw new Response('Not found', { status: 404 });
  const groups = describeInputs(scenario.document, lang);
  const refs = [
    ...new Set(groups.flatMap((g) => g.fields.map((f) => f.ref).filter((r): r is string => Boolean(r)))),
  ];
  const figures = getFigures(refs);
  return json({
    id: scenario.id,
    title: localize(scenario.document.name, lang),
    editTitle: translate(lang, 'edit'),
    version: scenario.version,
    groups,
    figures: Object.fromEntries(
      [...figures].map(([id, f]) => [
        id,
        {
          label: lang === 'zh-CN' ? f.labelZh : f.labelEn,
          value: f.value,
          unit: f.unit,
          grade: f.grade,
          source: f.source,
          year: f.year,
        },
      ]),
    ),
    json: JSON.stringify(scenario.document, null, 2),
  });
}

const meta_ = z.object({
  baseVersion: z.coerce.number().int().min(1),
  savedBy: z.string().trim().min(1).max(100),
  note: z.string().max(500).default(''),
  intent: z.enum(['numbers', 'json']),
});

interface ActionResult {
  errors: Record<string, string>;
  general: string[];
  values: Record<string, string>;
  json?: string;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const form = await request.formData();
  const fields = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
  const values = Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith('n:')));
  const fail = (result: Partial<ActionResult>, status = 400) =>
    json<ActionResult>({ errors: {}, general: [], values, ...result }, { status });
  const m = meta_.safeParse(fields);
  if (!m.success) return fail({ general: [translate(lang, 'nameNeeded')], json: fields.json });
  const current = getScenario(params.id!, m.data.baseVersion);
  if (!current) throw new Response('Not found', { status: 404 });

  let candidate: unknown;
  if (m.data.intent === 'json') {
    const text = fields.json ?? '';
    if (text.length > MAX_JSON_CHARS)
      return fail({
        general: [translate(lang, 'importTooLarge', { max: MAX_JSON_CHARS / 1024 })],
        json: text,
      });
    const validated = validateScenarioJson(text);
    if (!validated.ok) {
      return fail({
        general: validated.problems.map((p) => `${p.path || '(JSON)'}: ${problemMessage(p, lang)}`),
        json: text,
      });
    }
    candidate = validated.scenario;
  } else {
    const table = collectParams(current.document);
    const next = table.base.slice();
    const errors: Record<string, string> = {};
    table.paths.forEach((path, i) => {
      const raw = values[`n:${path}`];
      if (raw === undefined) return;
      const number = Number(raw.replace(/[,，\s]/g, ''));
      if (raw.trim() === '' || !Number.isFinite(number)) {
        errors[path] = problemMessage(
          { code: 'type', params: { expected: lang === 'zh-CN' ? '数字' : 'a number' } },
          lang,
        );
      } else next[i] = number;
    });
    if (Object.keys(errors).length > 0)
      return fail({ errors, general: [translate(lang, 'fixErrors', { count: Object.keys(errors).length })] });
    candidate = writeInputs(current.document, table, next);
  }
  const validated = validateScenario(candidate);
  if (!validated.ok) {
    const errors = Object.fromEntries(validated.problems.map((p) => [p.path, problemMessage(p, lang)]));
    return fail({
      errors,
      general: [
        translate(lang, 'fixErrors', { count: validated.problems.length }),
        ...validated.problems.map((p) => `${p.path}: ${problemMessage(p, lang)}`),
      ],
      json: m.data.intent === 'json' ? fields.json : undefined,
    });
  }
  const saved = saveVersion(params.id!, m.data.baseVersion, validated.scenario, {
    savedBy: m.data.savedBy,
    note: m.data.note,
  });
  if (saved.status === 'conflict') {
    return fail(
      { general: [translate(lang, 'conflict', { latest: saved.latestVersion })], json: fields.json },
      409,
    );
  }
  if (saved.status === 'notFound') throw new Response('Not found', { status: 404 });
  return redirect(`/scenarios/${params.id}?saved=${saved.version}`);
}

/** A distribution in a few characters: "PERT 0.45–0.8", "= …effects.notes.fit". */
function describeDistribution(d: Distribution): string {
  if (d.kind === 'fixed') return '';
  if (d.kind === 'sameAs') return `= …${d.input.split('.').slice(-3).join('.')}`;
  const name = { uniform: 'U', triangular: 'Tri', pert: 'PERT', normal: 'N', lognormal: 'LogN' }[d.kind];
  return `${name} ${d.low}–${d.high}`;
}

/** Who saves, why, and the button: every save is a new version with a name and a note. */
function SaveFields({ className, busy }: { className: string; busy: boolean }) {
  const t = useT();
  return (
    <div className={className}>
      <label>
        {t('yourName')} <input name="savedBy" required maxLength={100} />
      </label>
      <label>
        {t('note')} <input name="note" maxLength={500} />
      </label>
      <button type="submit" disabled={busy}>
        {t('save')}
      </button>
    </div>
  );
}

export default function Editor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  const errors = result?.errors ?? {};
  return (
    <>
      <p className="muted">
        <Link to="/scenarios">{t('scenarios')}</Link> › <Link to={`/scenarios/${data.id}`}>{data.title}</Link>{' '}
        ›
      </p>
      <h1>
        {t('edit')} · {data.title}
      </h1>
      <p className="muted">{t('editingVersion', { version: data.version })}</p>
      {result && result.general.length > 0 && (
        <div className="banner error-banner" role="alert" data-testid="form-errors">
          <ul>
            {result.general.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </div>
      )}
      <Form method="post">
        <input type="hidden" name="baseVersion" value={data.version} />
        <input type="hidden" name="intent" value="numbers" />
        {data.groups.map((g, gi) => (
          // Long scenarios: the hospital, staff and budget open, each option folded; inputs in
          // a folded group are still submitted, and a group with an error opens.
          <details key={g.id} className="card" open={gi < 3 || g.fields.some((f) => errors[f.path])}>
            <summary>
              <h2 style={{ display: 'inline' }}>{g.title}</h2>
            </summary>
            <fieldset>
              <legend className="sr-only">{g.title}</legend>
              {g.fields.map((f) => {
                const id = `f-${f.path}`;
                const figure = f.ref ? data.figures[f.ref] : undefined;
                const error = errors[f.path];
                return (
                  <div className="field" key={f.path}>
                    <label htmlFor={id}>
                      {f.label} {f.unit && <span className="muted">({f.unit})</span>}
                    </label>
                    <span>
                      <input
                        id={id}
                        name={`n:${f.path}`}
                        inputMode="decimal"
                        defaultValue={result?.values[`n:${f.path}`] ?? String(f.value)}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${id}-error` : undefined}
                      />
                      {error && (
                        <span className="error" id={`${id}-error`}>
                          {error}
                        </span>
                      )}
                    </span>
                    <span className="muted">
                      {f.distribution && f.distribution.kind !== 'fixed' && (
                        <span className="tag assumed" title={t('uncertainty')}>
                          {describeDistribution(f.distribution)}
                        </span>
                      )}
                      <EvidenceTag evidence={f.evidence} />
                      {f.ref && (
                        <span>
                          {' '}
                          <Link to={`/reference?q=${encodeURIComponent(f.ref)}`}>#{f.ref}</Link>
                          {figure && (
                            <>
                              {' '}
                              {figure.label}: {figure.value ?? t('notFound')} {figure.unit} ({figure.grade},{' '}
                              {figure.year})
                            </>
                          )}
                        </span>
                      )}
                    </span>
                  </div>
                );
              })}
            </fieldset>
          </details>
        ))}
        <SaveFields className="card row" busy={busy} />
      </Form>
      <details className="card">
        <summary>{t('editJson')}</summary>
        <Form method="post">
          <input type="hidden" name="baseVersion" value={data.version} />
          <input type="hidden" name="intent" value="json" />
          <label htmlFor="json-doc" className="sr-only">
            JSON
          </label>
          <textarea
            id="json-doc"
            name="json"
            rows={30}
            defaultValue={result?.json ?? data.json}
            spellCheck={false}
          />
          <SaveFields className="row" busy={busy} />
        </Form>
        <p className="muted">
          <a href="/docs/scenario.schema.json">
            {lang === 'zh-CN' ? '方案格式（JSON Schema）' : 'Scenario format (JSON Schema)'}
          </a>
        </p>
      </details>
    </>
  );
}
