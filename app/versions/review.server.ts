/**
 * A change of a version's approval state, as the API and the versions page both make it: the
 * caller's role must allow it (a planner submits; an approver approves or returns), the flow must
 * allow it from where the version is, and it is logged.
 */
import { scenarioAccess, roleRefusalMessage } from '~/auth/access.server';
import { callerName, recordAction, type Caller } from '~/auth/caller.server';
import type { Lang } from '~/engine/text';
import { recordReview } from '~/models/reviews.server';

import { actionFor, type ReviewRefusal, type ReviewState, type ReviewStatus } from './review-flow';

export const REVIEW_REFUSALS: Record<ReviewRefusal, Record<Lang, string>> = {
  approvedAlready: {
    'zh-CN': '这一版已批准，不能再更改审批状态；如需修改，请保存为新版本。',
    en: 'This version is approved and its state cannot change; save a change as a new version.',
  },
  notSubmitted: {
    'zh-CN': '这一版尚未提交审批。',
    en: 'This version has not been submitted for approval.',
  },
  submittedAlready: {
    'zh-CN': '这一版已提交审批，正在等待审批。',
    en: 'This version is already submitted and awaits approval.',
  },
  commentRequired: {
    'zh-CN': '退回时请写明需要修改什么。',
    en: 'Say what should change when returning a version.',
  },
};

export type ReviewAnswer =
  | { status: 'ok'; review: ReviewState }
  | { status: 'notFound' }
  | { status: 'versionNotFound' }
  | { status: 'forbidden'; code: string; message: string }
  | { status: 'refused'; code: string; message: string };

export function changeReviewState(
  caller: Caller,
  scenarioId: string,
  version: number,
  next: ReviewStatus,
  comment: string,
  lang: Lang,
): ReviewAnswer {
  const action = actionFor(next);
  const access = scenarioAccess(caller, scenarioId, action);
  if (access.status === 'notFound') return { status: 'notFound' };
  if (access.status === 'forbidden')
    return { status: 'forbidden', code: 'forbidden', message: roleRefusalMessage(access.role, action, lang) };
  const result = recordReview(scenarioId, version, next, comment, {
    userId: caller.user.id,
    name: callerName(caller),
  });
  if (result.status === 'versionNotFound') return result;
  const event = {
    action: `version.${next === 'submitted' ? 'submit' : next === 'approved' ? 'approve' : 'return'}`,
    hospitalId: access.hospitalId,
    objectType: 'scenario',
    objectId: scenarioId,
    version,
  };
  if (result.status === 'refused') {
    recordAction(caller, { ...event, outcome: 'failure', detail: { reason: result.refusal } });
    return { status: 'refused', code: result.refusal, message: REVIEW_REFUSALS[result.refusal][lang] };
  }
  recordAction(caller, {
    ...event,
    outcome: 'success',
    detail: comment.trim() ? { comment: comment.trim() } : {},
  });
  return result;
}
