/**
 * A version's approval state in the versions table, with what the caller may do next: a planner
 * submits a draft or a returned version; an approver approves or returns a submitted one (a
 * return says why).
 */
import { Form } from '@remix-run/react';

import { CsrfField } from '~/auth/csrf-field';
import { useLang, useT } from '~/i18n/ui';

import { reviewLine, type ReviewState } from './review-flow';

export function ReviewActions({
  version,
  review,
  may,
  busy,
}: {
  version: number;
  review: ReviewState | null;
  may: { submit: boolean; approve: boolean };
  busy: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const status = review?.status ?? null;
  const maySubmit = may.submit && (status === null || status === 'returned');
  const mayDecide = may.approve && status === 'submitted';
  return (
    <div className="review-cell">
      <span className={`review-state review-${status ?? 'draft'}`} data-testid={`review-${version}`}>
        {reviewLine(review, version, lang)}
      </span>
      {review?.comment && status !== 'returned' && <div className="muted">{review.comment}</div>}
      {(maySubmit || mayDecide) && (
        <Form method="post" className="row">
          <CsrfField />
          <input type="hidden" name="intent" value="review" />
          <input type="hidden" name="version" value={version} />
          <label>
            <span className="sr-only">{mayDecide ? t('reviewComment') : t('submitNote')}</span>
            <input
              name="comment"
              maxLength={1000}
              placeholder={mayDecide ? t('reviewComment') : t('submitNote')}
              size={14}
            />
          </label>
          {maySubmit && (
            <button type="submit" name="status" value="submitted" disabled={busy}>
              {t('submitForApproval')}
            </button>
          )}
          {mayDecide && (
            <>
              <button type="submit" name="status" value="approved" disabled={busy}>
                {t('approve')}
              </button>
              <button type="submit" name="status" value="returned" className="secondary" disabled={busy}>
                {t('returnVersion')}
              </button>
            </>
          )}
        </Form>
      )}
    </div>
  );
}
