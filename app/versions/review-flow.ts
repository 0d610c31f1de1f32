/**
 * A version's way to the budget committee: a planner submits it (提交审批), an approver approves
 * it (批准) or returns it (退回) with a comment. A returned version may be submitted again; an
 * approved one is final — a change is a new version, which starts as a draft.
 */
import type { Action } from '~/auth/roles';
import type { Lang } from '~/engine/text';
import { beijingDate } from '~/i18n/time';

export const REVIEW_STATUSES = ['submitted', 'approved', 'returned'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The state of a version: a draft (never submitted) or its latest review. */
export interface ReviewState {
  status: ReviewStatus;
  comment: string;
  by: string;
  at: string;
}

export type ReviewRefusal = 'approvedAlready' | 'notSubmitted' | 'submittedAlready' | 'commentRequired';

/** The action a role needs for this change of state. */
export const actionFor = (status: ReviewStatus): Action => (status === 'submitted' ? 'submit' : 'approve');

/** Whether a version in `current` state may move to `next`; why not if it may not. */
export function reviewRefusal(
  current: ReviewState | null,
  next: ReviewStatus,
  comment: string,
): ReviewRefusal | null {
  if (current?.status === 'approved') return 'approvedAlready';
  if (next === 'submitted') return current?.status === 'submitted' ? 'submittedAlready' : null;
  if (current?.status !== 'submitted') return 'notSubmitted';
  // A return must say what to change.
  if (next === 'returned' && comment.trim() === '') return 'commentRequired';
  return null;
}

/** A review's day in China's time zone (the committee's calendar), as 2026-12-07. */
export const reviewDate = beijingDate;

/**
 * The approval state in one line, as the dashboard, the PDF cover and the XLSX all say it:
 * "草稿 · 未审批" or "已批准 · 第 3 版 · 王主任 · 2026-12-07".
 */
export function reviewLine(review: ReviewState | null, version: number, lang: Lang): string {
  const zh = lang === 'zh-CN';
  if (!review) return zh ? '草稿 · 未审批' : 'Draft · not approved';
  const when = reviewDate(review.at);
  switch (review.status) {
    case 'submitted':
      return zh ? `已提交审批 · ${review.by} · ${when}` : `Submitted for approval · ${review.by} · ${when}`;
    case 'approved':
      return zh
        ? `已批准 · 第 ${version} 版 · ${review.by} · ${when}`
        : `Approved · version ${version} · ${review.by} · ${when}`;
    case 'returned':
      return zh
        ? `已退回 · ${review.by} · ${when}${review.comment ? `：${review.comment}` : ''}`
        : `Returned · ${review.by} · ${when}${review.comment ? `: ${review.comment}` : ''}`;
  }
}
