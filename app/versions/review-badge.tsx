import { useLang } from '~/i18n/ui';

import { reviewLine, type ReviewState } from './review-flow';

/** The version's approval state, under the page's title: what a committee member checks first. */
export function ReviewBadge({ review, version }: { review: ReviewState | null; version: number }) {
  const lang = useLang();
  return (
    <p className={`review-state review-${review?.status ?? 'draft'}`} data-testid="review-state">
      {reviewLine(review, version, lang)}
    </p>
  );
}
