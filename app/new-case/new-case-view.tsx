/**
 * The new-case flow's page: the steps, the step's forms (or, last, the case in words), and the
 * buttons to move on. One form: every button saves what was typed.
 */
import { CsrfField } from '~/auth/csrf-field';
import { Form, Link, useNavigation } from '@remix-run/react';

import { CaseSections, ProblemSummary } from '~/editor/form-view';
import { useLang, useT } from '~/i18n/ui';

import type { NewCaseData } from './new-case.server';
import { STEP_INTROS, STEP_TITLES, STEPS } from './steps';
import { zhEn } from '~/i18n/bilingual';

export function NewCaseView({ data }: { data: NewCaseData }) {
  const lang = useLang();
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const index = STEPS.indexOf(data.step);
  const action = data.draftId
    ? `/scenarios/new/${encodeURIComponent(data.draftId)}?step=${data.step}`
    : `/scenarios/new?step=${data.step}`;
  return (
    <>
      <p className="muted">
        <Link to="/scenarios">{t('scenarios')}</Link> ›
      </p>
      <h1>
        {zhEn(lang, '新建规划', 'New case')}
        {data.hospitalName ? ` · ${data.hospitalName}` : ''}
      </h1>
      <Form
        method="post"
        action={action}
        key={`${data.revision}-${data.step}`}
        className="case-form"
        noValidate
      >
        <CsrfField />
        <nav aria-label={zhEn(lang, '步骤', 'Steps')}>
          <ol className="steps">
            {STEPS.map((s, i) => (
              <li key={s} className={s === data.step ? 'current' : i < index ? 'done' : undefined}>
                <button
                  type="submit"
                  name="intent"
                  value={`goto:${s}`}
                  className="step-button"
                  aria-current={s === data.step ? 'step' : undefined}
                  disabled={busy}
                >
                  {i + 1}. {STEP_TITLES[s][lang]}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <p className="intro">{STEP_INTROS[data.step][lang]}</p>
        {data.owners.length > 1 && (
          <label className="block">
            {t('ownerHospital')}{' '}
            <select name="ownerHospital" defaultValue={data.owners[0]!.id}>
              {data.owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <ProblemSummary problems={data.page.problems} refused={data.refused ?? undefined} />
        {data.step !== 'review' && <CaseSections page={data.page} />}
        {data.step === 'review' && data.review && (
          <section className="card review" aria-label={STEP_TITLES.review[lang]}>
            <h2>{zhEn(lang, '医院与预算', 'Hospital and budget')}</h2>
            <p>{data.review.hospital}</p>
            <p>{data.review.budget}</p>
            <h2>{zhEn(lang, '工作流程', 'Workflows')}</h2>
            <ul>
              {data.review.workflows.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
            <h2>{zhEn(lang, '方案（与维持现状相比）', 'Options (against doing nothing)')}</h2>
            <ul>
              {data.review.options.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </section>
        )}
        <div className="row step-buttons">
          {index > 0 && (
            <button type="submit" name="intent" value="back" className="secondary" disabled={busy}>
              {zhEn(lang, '上一步', 'Back')}
            </button>
          )}
          {data.step !== 'review' ? (
            <button type="submit" name="intent" value="next" disabled={busy}>
              {zhEn(lang, '下一步', 'Next')}
            </button>
          ) : (
            <button type="submit" name="intent" value="create" disabled={busy || !data.review}>
              {zhEn(lang, '保存并查看结果', 'Save and see the results')}
            </button>
          )}
        </div>
      </Form>
    </>
  );
}
