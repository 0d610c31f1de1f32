/**
 * Draws the case forms (sections of fields and buttons, data from case-form.server.ts): a
 * label, the box, its unit, range, hint, the estimate beside it and the figures behind it, and
 * its error. Plain server-rendered form controls; nothing here needs JavaScript.
 */
import { useLang, useT } from '~/i18n/ui';

import type { CasePage, FigureInfo, Problem } from './case-form.server';
import { domId } from './dom-id';
import type { FormField } from './form-fields';
import type { FormAction, FormSection } from './section';
import { zhEn } from '~/i18n/bilingual';

/** The summary of problems at the top of a form, each linking to its field. */
export function ProblemSummary({ problems, refused }: { problems: Problem[]; refused?: string }) {
  const lang = useLang();
  if (problems.length === 0 && !refused) return null;
  return (
    <div className="banner error-banner" role="alert" data-testid="form-errors" tabIndex={-1}>
      {refused && <p>{refused}</p>}
      {problems.length > 0 && (
        <>
          <p>
            {zhEn(
              lang,
              `有 ${problems.length} 处需要填写或修改，尚未保存为新版本：`,
              `${problems.length} thing(s) to fill in or fix before this can be saved:`,
            )}
          </p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {p.anchor ? <a href={`#${p.anchor}`}>{p.place || '—'}</a> : p.place}
                {p.place ? zhEn(lang, '：', ': ') : ''}
                {p.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Figures({ refs, figures }: { refs: string[]; figures: Record<string, FigureInfo> }) {
  const lang = useLang();
  const shown = refs.filter((r) => figures[r]);
  if (shown.length === 0) return null;
  return (
    <details className="sources">
      <summary>{zhEn(lang, '数据来源', 'Where the figures come from')}</summary>
      <ul>
        {shown.map((r) => {
          const f = figures[r]!;
          return (
            <li key={r}>
              {f.label}：{f.value}（{zhEn(lang, '证据等级', 'grade')} {f.grade}，{f.year}，{f.region}）{' '}
              {f.source.href ? (
                <a href={f.source.href} rel="noreferrer noopener" target="_blank">
                  {zhEn(lang, '原文', 'source')}
                </a>
              ) : f.source.lang ? (
                // A citation kept as published (a repository's file), marked as the language it is in.
                <cite lang={f.source.lang}>{f.source.text}</cite>
              ) : (
                f.source.text
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function Control({ field, id, describedBy }: { field: FormField; id: string; describedBy?: string }) {
  const invalid = field.error ? true : undefined;
  const required = field.required ? true : undefined;
  switch (field.control) {
    case 'select':
      return (
        <select
          id={id}
          name={field.name}
          defaultValue={field.value}
          aria-invalid={invalid}
          aria-describedby={describedBy}
        >
          {!field.options?.some((o) => o.value === field.value) && <option value={field.value}>—</option>}
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'flag':
      return (
        <>
          <input type="hidden" name={field.name} value="false" />
          <input
            id={id}
            type="checkbox"
            name={field.name}
            value="true"
            defaultChecked={field.value === 'true'}
            aria-describedby={describedBy}
          />
        </>
      );
    case 'textarea':
      return (
        <textarea
          id={id}
          name={field.name}
          rows={2}
          defaultValue={field.value}
          maxLength={2000}
          aria-invalid={invalid}
          aria-required={required}
          aria-describedby={describedBy}
        />
      );
    case 'text':
      return (
        <input
          id={id}
          name={field.name}
          defaultValue={field.value}
          maxLength={2000}
          aria-invalid={invalid}
          aria-required={required}
          aria-describedby={describedBy}
        />
      );
    case 'number':
      return (
        <input
          id={id}
          name={field.name}
          inputMode="decimal"
          autoComplete="off"
          defaultValue={field.value}
          aria-invalid={invalid}
          aria-required={required}
          aria-describedby={describedBy}
          className="number"
        />
      );
  }
}

function Field({ field, figures }: { field: FormField; figures: Record<string, FigureInfo> }) {
  const lang = useLang();
  const t = useT();
  const id = domId(field.name);
  const notes = [
    field.error ? `${id}-error` : null,
    field.estimate ? `${id}-estimate` : null,
    field.hint ? `${id}-hint` : null,
  ].filter(Boolean);
  const describedBy = notes.length ? notes.join(' ') : undefined;
  const label = (
    <>
      {field.label}
      {field.required && (
        <span className="required" title={zhEn(lang, '必填', 'required')} aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </>
  );
  return (
    <div className={`field${field.control === 'flag' ? ' flag' : ''}${field.error ? ' has-error' : ''}`}>
      {field.control === 'flag' ? (
        <label htmlFor={id} className="flag-label">
          <Control field={field} id={id} describedBy={describedBy} /> {label}
        </label>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          <span className="control">
            <Control field={field} id={id} describedBy={describedBy} />
            {field.unit && <span className="unit">{field.unit}</span>}
          </span>
        </>
      )}
      {field.range && 'follows' in field.range && (
        <span className="range muted">
          {zhEn(
            lang,
            `模拟中与「${field.range.follows}」同步取值`,
            `Drawn with “${field.range.follows}” in the simulation`,
          )}
        </span>
      )}
      {field.range && 'lowName' in field.range && (
        <span className="range">
          <span className="muted">{zhEn(lang, '范围', 'Range')}</span>{' '}
          <input
            name={field.range.lowName}
            defaultValue={field.range.low}
            inputMode="decimal"
            className="number short"
            aria-label={zhEn(lang, `${field.label} 最低值`, `${field.label}, low`)}
            placeholder={zhEn(lang, '最低', 'low')}
          />{' '}
          –{' '}
          <input
            name={field.range.highName}
            defaultValue={field.range.high}
            inputMode="decimal"
            className="number short"
            aria-label={zhEn(lang, `${field.label} 最高值`, `${field.label}, high`)}
            placeholder={zhEn(lang, '最高', 'high')}
          />{' '}
          <span className="muted small">{field.range.reason}</span>
        </span>
      )}
      {field.echo && (
        <span className="echo muted">{zhEn(lang, `读作 ${field.echo}`, `Read as ${field.echo}`)}</span>
      )}
      {field.error && (
        <span className="error" id={`${id}-error`}>
          {field.error}
        </span>
      )}
      {field.estimate && (
        <span className="estimate" id={`${id}-estimate`}>
          <span className={`tag ${field.estimate.typed ? 'measured' : 'assumed'}`}>
            {field.estimate.typed ? zhEn(lang, '你填的', 'yours') : zhEn(lang, '估算', 'estimate')}
          </span>{' '}
          {field.estimate.text}
        </span>
      )}
      {field.evidence && (
        <span className="estimate">
          <span className={`tag ${field.evidence.kind}`}>{t(field.evidence.kind)}</span>{' '}
          {field.evidence.detail}
        </span>
      )}
      {field.hint && (
        <span className="hint muted" id={`${id}-hint`}>
          {field.hint}
        </span>
      )}
      {field.refs && <Figures refs={field.refs} figures={figures} />}
    </div>
  );
}

function ActionButton({ action }: { action: FormAction }) {
  return (
    <span className="action">
      {action.select && (
        <label>
          {action.select.label}{' '}
          <select
            name={action.select.name}
            defaultValue={action.select.value ?? action.select.options[0]?.value}
          >
            {action.select.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {action.input && (
        <label>
          {action.input.label}{' '}
          <input name={action.input.name} defaultValue={action.input.value ?? ''} maxLength={200} />
        </label>
      )}
      <button
        type="submit"
        name="intent"
        value={action.intent}
        className={action.secondary ? 'secondary' : undefined}
        title={action.title}
      >
        {action.label}
      </button>
    </span>
  );
}

function Section({
  section,
  figures,
  depth,
}: {
  section: FormSection;
  figures: Record<string, FigureInfo>;
  depth: number;
}) {
  const Heading = depth === 0 ? 'h2' : depth === 1 ? 'h3' : 'h4';
  const hasError = (s: FormSection): boolean =>
    s.fields.some((f) => f.error) || (s.children ?? []).some(hasError);
  const needsInput = (s: FormSection): boolean =>
    s.fields.some((f) => f.required && f.value === '') || (s.children ?? []).some(needsInput);
  const body = (
    <>
      {section.subtitle && <p className="muted subtitle">{section.subtitle}</p>}
      {section.notices?.map((n, i) => (
        <p key={i} className={`banner ${n.tone === 'warn' ? 'warn-banner' : 'info-banner'}`}>
          {n.text}
        </p>
      ))}
      {section.fields.length > 0 && (
        <div className="fields">
          {section.fields.map((f) => (
            <Field key={f.name} field={f} figures={figures} />
          ))}
        </div>
      )}
      {section.children?.map((c) => (
        <Section key={c.key} section={c} figures={figures} depth={depth + 1} />
      ))}
      {section.actions && section.actions.length > 0 && (
        <div className="actions row">
          {section.actions.map((a) => (
            <ActionButton key={a.intent} action={a} />
          ))}
        </div>
      )}
    </>
  );
  if (section.folded && !hasError(section) && !needsInput(section))
    return (
      <details className={depth === 0 ? 'card form-section' : 'form-section sub'} id={section.key}>
        <summary>
          <Heading className="inline">{section.title}</Heading>
          {section.subtitle && depth > 0 && <span className="muted"> · {section.subtitle}</span>}
        </summary>
        {/* Opened, it is the same named region as an unfolded part. */}
        <section aria-label={section.title}>{body}</section>
      </details>
    );
  return (
    <section
      className={depth === 0 ? 'card form-section' : 'form-section sub'}
      id={section.key}
      aria-label={section.title}
    >
      <Heading>{section.title}</Heading>
      {body}
    </section>
  );
}

/** The sections of a case page; the caller wraps them in its form. */
export function CaseSections({ page }: { page: CasePage }) {
  return (
    <>
      {/* Enter in a box submits this (refresh), never the first button on the page (a remove). */}
      <button
        type="submit"
        name="intent"
        value="refresh"
        className="implicit-submit"
        tabIndex={-1}
        aria-hidden="true"
      />
      {page.sections.map((s) => (
        <Section key={s.key} section={s} figures={page.figures} depth={0} />
      ))}
    </>
  );
}
