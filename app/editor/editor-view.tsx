/**
 * The editor's page: the case forms (every part), who saves and why, and the JSON of the case
 * under "advanced" for what no form covers.
 */
import { CsrfField } from '~/auth/csrf-field';
import { Form, Link, useNavigation } from '@remix-run/react';

import { useLang, useT } from '~/i18n/ui';

import type { EditorData } from './editor.server';
import { CaseSections, ProblemSummary } from './form-view';
import { zhEn } from '~/i18n/bilingual';

function SaveFields({ busy, intent, note }: { busy: boolean; intent: string; note: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="row">
      <label>
        {t('note')} <input name="note" maxLength={500} defaultValue={note} />
      </label>
      <button type="submit" name="intent" value={intent} disabled={busy}>
        {intent === 'json' ? zhEn(lang, '保存 JSON 为新版本', 'Save the JSON as a new version') : t('save')}
      </button>
    </div>
  );
}

export function EditorView({ data }: { data: EditorData }) {
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  return (
    <>
      <p className="muted">
        <Link to="/scenarios">{t('scenarios')}</Link> › <Link to={`/scenarios/${data.id}`}>{data.title}</Link>{' '}
        ›
      </p>
      <h1>
        {t('edit')} · {data.title}
      </h1>
      <p className="muted">{t('editingVersion', { version: data.baseVersion })}</p>
      {data.resume && (
        <p className="banner info-banner">
          {zhEn(lang, '上次有未保存的修改。', 'There are unsaved changes from an earlier visit. ')}{' '}
          <Link to={data.resume.href}>
            {zhEn(lang, `继续修改（${data.resume.when}）`, `Continue them (${data.resume.when})`)}
          </Link>
          {zhEn(lang, '；在此页修改则另起一份。', '; changing this page starts afresh instead.')}
        </p>
      )}
      {data.notices.map((n) => (
        <p key={n} className="banner info-banner">
          {n}
        </p>
      ))}
      {data.general.length > 0 && (
        <div className="banner error-banner" role="alert">
          <ul>
            {data.general.map((g, i) => (
              <li key={i}>{g}</li>
            ))}
          </ul>
        </div>
      )}
      <ProblemSummary problems={data.page.problems} />
      <Form method="post" key={data.revision} className="case-form" noValidate>
        <CsrfField />
        <input type="hidden" name="baseVersion" value={data.baseVersion} />
        {data.draftId && <input type="hidden" name="draft" value={data.draftId} />}
        <CaseSections page={data.page} />
        <div className="card">
          <SaveFields busy={busy} intent="save" note={data.note} />
          {data.draftId && (
            <p>
              <button type="submit" name="intent" value="discard" className="secondary" disabled={busy}>
                {zhEn(lang, '放弃未保存的修改', 'Discard the unsaved changes')}
              </button>
            </p>
          )}
        </div>
      </Form>
      <details className="card">
        <summary>{t('editJson')}</summary>
        <Form method="post" key={`json-${data.revision}`}>
          <CsrfField />
          <input type="hidden" name="baseVersion" value={data.baseVersion} />
          {data.draftId && <input type="hidden" name="draft" value={data.draftId} />}
          <label htmlFor="json-doc" className="sr-only">
            JSON
          </label>
          <textarea id="json-doc" name="json" rows={30} defaultValue={data.json} spellCheck={false} />
          <SaveFields busy={busy} intent="json" note={data.note} />
        </Form>
        <p className="muted">
          <a href="/docs/scenario.schema.json">
            {zhEn(lang, '方案文件格式的定义（JSON）', 'Scenario format (JSON Schema)')}
          </a>
        </p>
      </details>
    </>
  );
}
